public import Providers

extension WindowRule {
    /// Reads Knock's window rule JSON.
    ///
    /// Fields: `frequency` (`hourly`, `daily`, `weekly`, `monthly`; required); `days` (a list of `mon` … `sun`,
    /// or `"weekdays"` / `"weekends"`; required for `weekly`); `hours` (0–23, default 0); `minutes` (0–59,
    /// default 0); `day_of_month` (1–31); `interval` (1 or more, default 1).
    ///
    /// - Parameters:
    ///   - json: The rule.
    ///   - path: The JSON path of `json`, used in errors.
    /// - Returns: The rule.
    /// - Throws: ``EngineError/Code/invalidInput``, one line per problem, naming the field, what was found and
    ///   what is accepted.
    public static func parse(_ json: JSONValue, path: String) throws(EngineError) -> WindowRule {
        guard case .object(let object) = json else {
            throw EngineError(
                .invalidInput,
                "\(path): expected a window rule like {\"frequency\": \"daily\", \"hours\": 9}, found \(json.typeName)")
        }
        var problems: [String] = []
        let known = ["frequency", "days", "hours", "minutes", "day_of_month", "interval"]
        for key in object.keys where !known.contains(key) {
            problems.append("\(path).\(key): unknown key; accepted: \(known.joined(separator: ", "))")
        }
        let frequency = object["frequency"]?.stringValue.flatMap(Frequency.init(rawValue:))
        if frequency == nil {
            problems.append(
                "\(path).frequency: expected one of hourly, daily, weekly, monthly, found \(object["frequency"]?.encoded() ?? "nothing")"
            )
        }
        let days = object["days"].flatMap { parseDays($0, path: "\(path).days", problems: &problems) }
        if frequency == .weekly && object["days"] == nil {
            problems.append(
                "\(path).days: required when frequency is weekly (a list of mon … sun, weekdays or weekends)")
        }
        func integer(_ key: String, _ range: ClosedRange<Int>, default value: Int?) -> Int? {
            guard let json = object[key] else { return value }
            guard let number = json.intValue, range.contains(number) else {
                problems.append(
                    "\(path).\(key): expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(json.encoded())"
                )
                return value
            }
            return number
        }
        let hours = integer("hours", 0...23, default: 0) ?? 0
        let minutes = integer("minutes", 0...59, default: 0) ?? 0
        let dayOfMonth = integer("day_of_month", 1...31, default: nil)
        let interval = integer("interval", 1...1000, default: 1) ?? 1
        guard problems.isEmpty, let frequency else {
            throw EngineError(.invalidInput, problems.joined(separator: "\n"))
        }
        return WindowRule(
            frequency: frequency, days: days, hours: hours, minutes: minutes, dayOfMonth: dayOfMonth,
            interval: interval)
    }

    private static func parseDays(_ json: JSONValue, path: String, problems: inout [String]) -> Set<Weekday>? {
        let accepted = "a non-empty list of mon, tue, wed, thu, fri, sat, sun, or \"weekdays\" or \"weekends\""
        switch json {
        case .string("weekdays"): return [.monday, .tuesday, .wednesday, .thursday, .friday]
        case .string("weekends"): return [.saturday, .sunday]
        case .array(let names) where !names.isEmpty:
            var days: Set<Weekday> = []
            for (index, name) in names.enumerated() {
                guard let day = dayNames.first(where: { .string($0.name) == name })?.day else {
                    problems.append(
                        "\(path)[\(index)]: expected one of mon, tue, wed, thu, fri, sat, sun, found \(name.encoded())")
                    continue
                }
                days.insert(day)
            }
            return days
        default:
            problems.append("\(path): expected \(accepted), found \(json.encoded())")
            return nil
        }
    }
}
