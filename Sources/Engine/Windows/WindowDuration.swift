public import Foundation
public import Providers

/// A length of time for delay, batch and throttle windows: Knock's `{"unit": "minutes", "value": 15}`.
public struct WindowDuration: Sendable, Hashable {
    /// The unit of a duration; `weeks` is accepted everywhere.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case seconds, minutes, hours, days, weeks

        /// The unit's length in seconds; a day is always 86,400 seconds.
        public var seconds: Int {
            switch self {
            case .seconds: 1
            case .minutes: 60
            case .hours: 3600
            case .days: 86_400
            case .weeks: 604_800
            }
        }
    }

    /// The unit.
    public var unit: Unit
    /// How many units; always positive.
    public var value: Int

    /// Creates a duration; ``parse(_:path:)`` validates durations read from JSON.
    public init(unit: Unit, value: Int) {
        self.unit = unit
        self.value = value
    }

    /// The length in seconds.
    public var seconds: Int { unit.seconds * value }

    /// `date` plus the duration, in absolute time: days and weeks are fixed lengths, whatever the time zone.
    public func adding(to date: Date) -> Date {
        date.addingTimeInterval(TimeInterval(seconds))
    }

    /// The duration's JSON form.
    public var json: JSONValue {
        ["unit": .string(unit.rawValue), "value": .number(Double(value))]
    }

    /// Reads `{"unit": ..., "value": ...}`.
    ///
    /// - Parameters:
    ///   - json: The duration.
    ///   - path: The JSON path of `json`, used in errors.
    /// - Returns: The duration.
    /// - Throws: ``EngineError/Code/invalidInput`` naming the field, what was found and what is accepted: the
    ///   unit is one of seconds, minutes, hours, days, weeks; the value a positive whole number.
    public static func parse(_ json: JSONValue, path: String) throws(EngineError) -> WindowDuration {
        guard case .object(let object) = json else {
            throw EngineError(
                .invalidInput,
                "\(path): expected a duration like {\"unit\": \"minutes\", \"value\": 15}, found \(json.typeName)")
        }
        var problems: [String] = []
        for key in object.keys where key != "unit" && key != "value" {
            problems.append("\(path).\(key): unknown key; accepted: unit, value")
        }
        let unit = object["unit"]?.stringValue.flatMap(Unit.init(rawValue:))
        if unit == nil {
            let accepted = Unit.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(
                "\(path).unit: expected one of \(accepted), found \(object["unit"]?.encoded() ?? "nothing")")
        }
        let value = object["value"]?.intValue
        if value == nil || value! <= 0 || value! > 1_000_000_000 {
            problems.append(
                "\(path).value: expected a positive whole number, found \(object["value"]?.encoded() ?? "nothing")")
        }
        guard problems.isEmpty, let unit, let value else {
            throw EngineError(.invalidInput, problems.joined(separator: "\n"))
        }
        return WindowDuration(unit: unit, value: value)
    }
}
