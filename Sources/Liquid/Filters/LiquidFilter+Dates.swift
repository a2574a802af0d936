import Foundation

/// The `date` filter: `{{ value | date: "%Y-%m-%d", "Europe/Paris" }}`.
extension LiquidFilter {
    static let dateFilters: [FilterEntry] = [
        ("date", 1...2, { input, args, context throws(LiquidError) in try date(input, args, context) })
    ]

    /// Formats a date given as ISO-8601 text, `"now"`, `"today"` or Unix seconds; other input is returned as is.
    private static func date(
        _ input: LiquidValue, _ args: FilterArguments, _ context: FilterContext
    ) throws(LiquidError) -> LiquidValue {
        var timeZone = context.timeZone
        if args.positional.count > 1, !args[1].isNil {
            let identifier = args[1].rendered
            guard let zone = TimeZone(identifier: identifier) else {
                throw .unpositioned(
                    .invalidArgument,
                    "date: unknown time zone '\(identifier)'; expected an IANA name such as \"Europe/Paris\"")
            }
            timeZone = zone
        }
        let format = args[0].rendered
        guard !format.isEmpty, let instant = LiquidDate.parse(input, now: context.now, timeZone: timeZone) else {
            return input
        }
        return .string(Strftime.format(instant, format, timeZone: timeZone))
    }
}

/// Reading the inputs of the `date` filter.
enum LiquidDate {
    /// The instant `value` names, or nil when it names none.
    static func parse(_ value: LiquidValue, now: Date, timeZone: TimeZone) -> Date? {
        switch value {
        case .int(let seconds): return Date(timeIntervalSince1970: Double(seconds))
        case .double(let seconds): return Date(timeIntervalSince1970: seconds)
        case .string(let text):
            let trimmed = text.trimmingWhitespace
            switch trimmed.lowercased() {
            case "now", "today": return now
            default: break
            }
            if let seconds = Int(trimmed) { return Date(timeIntervalSince1970: Double(seconds)) }
            return parseISO8601(trimmed, timeZone: timeZone)
        default: return nil
        }
    }

    /// `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM[:SS[.fff]]` and `Z`, `±HH:MM` or `±HHMM`.
    /// Without an offset the time is read in `timeZone`.
    static func parseISO8601(_ text: String, timeZone: TimeZone) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2), scanner.skip("-"),
            let day = scanner.number(2)
        else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var fraction = 0.0
        var zone = timeZone
        if scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") {
            guard let hour = scanner.number(2), scanner.skip(":"), let minute = scanner.number(2) else { return nil }
            components.hour = hour
            components.minute = minute
            if scanner.skip(":") {
                guard let second = scanner.number(2) else { return nil }
                components.second = second
                if scanner.skip(".") || scanner.skip(",") { fraction = scanner.fraction() }
            }
            _ = scanner.skip(" ")
            if scanner.skip("Z") || scanner.skip("z") {
                zone = TimeZone(secondsFromGMT: 0) ?? timeZone
            } else if let sign = scanner.sign() {
                guard let hours = scanner.number(2) else { return nil }
                _ = scanner.skip(":")
                let minutes = scanner.number(2) ?? 0
                guard let offsetZone = TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60)) else {
                    return nil
                }
                zone = offsetZone
            }
        }
        guard scanner.isAtEnd, (1...12).contains(month), (1...31).contains(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: components).map { $0.addingTimeInterval(fraction) }
    }
}

/// A cursor over ASCII digits and separators.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func number(_ digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += digits
        return value
    }

    mutating func fraction() -> Double {
        var value = 0.0
        var scale = 0.1
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value += Double(bytes[index] - UInt8(ascii: "0")) * scale
            scale /= 10
            index += 1
        }
        return value
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
