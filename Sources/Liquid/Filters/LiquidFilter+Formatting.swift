import Foundation

/// Number formatting for people: `format_number` and `currency` (English grouping: `1,234.50`).
extension LiquidFilter {
    static let formattingFilters: [FilterEntry] = [
        ("format_number", 0...1, { input, args, _ in formatNumber(input, places: args.positional.first) }),
        ("currency", 0...1, { input, args, _ in currency(input, code: args.positional.first) }),
    ]

    /// Currencies with a symbol, and how many decimal places each shows.
    private static let currencies: [String: (symbol: String, places: Int)] = [
        "USD": ("$", 2), "EUR": ("€", 2), "GBP": ("£", 2), "JPY": ("¥", 0), "CAD": ("CA$", 2), "AUD": ("A$", 2),
        "INR": ("₹", 2), "CHF": ("CHF ", 2), "CNY": ("CN¥", 2),
    ]

    /// `1234567.891` → `1,234,567.891`; with places, rounded to them (`format_number: 2` → `1,234,567.89`).
    private static func formatNumber(_ input: LiquidValue, places: LiquidValue?) -> LiquidValue {
        guard !input.isNil else { return .null }
        let number = input.number
        if let places = places?.integerValue {
            return .string(grouped(number.doubleValue ?? 0, places: min(max(places, 0), 10)))
        }
        switch number {
        case .int(let value): return .string(grouped(Double(value), places: 0))
        default:
            let text = LiquidValue.format(number.doubleValue ?? 0)
            let fraction = text.firstIndex(of: ".").map { text[text.index(after: $0)...] } ?? ""
            guard fraction.allSatisfy(\.isNumber) else { return .string(text) }
            let places = fraction == "0" ? 0 : fraction.count
            return .string(grouped(number.doubleValue ?? 0, places: places))
        }
    }

    /// `1234.5` → `$1,234.50`; `currency: "EUR"` → `€1,234.50`; a code without a known symbol → `SEK 1,234.50`.
    private static func currency(_ input: LiquidValue, code: LiquidValue?) -> LiquidValue {
        guard !input.isNil else { return .null }
        let name = code.map { $0.rendered.uppercased() } ?? "USD"
        let (symbol, places) = currencies[name] ?? (name + " ", 2)
        let value = input.number.doubleValue ?? 0
        return .string((value < 0 ? "-" : "") + symbol + grouped(abs(value), places: places))
    }

    /// Digits grouped by thousands with commas, `places` decimals, rounded half away from zero.
    private static func grouped(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return String(value) }
        let text = String(format: "%.\(places)f", value.rounded(toPlaces: places))
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let integer = unsigned.prefix { $0 != "." }
        let fraction = unsigned.dropFirst(integer.count)
        var result = ""
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (negative ? "-" : "") + result + fraction
    }
}

extension Double {
    /// Rounded half away from zero to `places` decimals.
    fileprivate func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10.0, Double(places))
        return (self * scale).rounded(.toNearestOrAwayFromZero) / scale
    }
}
