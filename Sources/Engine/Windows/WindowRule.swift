import Foundation
public import Providers

/// A recurring moment a window closes at: Knock's window rule, e.g. `{"frequency": "weekly", "days": ["mon"],
/// "hours": 9}` for "next Monday at 09:00".
///
/// Evaluated in a time zone (the recipient's, else the configured default, else `Etc/UTC`) on local
/// wall-clock time, so 09:00 stays 09:00 across daylight-saving changes.
public struct WindowRule: Sendable, Hashable {
    /// How often the rule recurs.
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        case hourly, daily, weekly, monthly

        /// The calendar step that `interval` counts.
        var component: Calendar.Component {
            switch self {
            case .hourly: .hour
            case .daily: .day
            case .weekly: .weekOfYear
            case .monthly: .month
            }
        }
    }

    /// How often the rule recurs.
    public var frequency: Frequency
    /// The days the rule may fire on; `nil` for every day. Required for `weekly`.
    public var days: Set<Weekday>?
    /// The local hour, 0–23 (default 0); not used by `hourly`.
    public var hours: Int
    /// The local minute, 0–59 (default 0).
    public var minutes: Int
    /// The day of the month, 1–31, for `monthly`; a month without that day uses its last day.
    public var dayOfMonth: Int?
    /// How many periods apart occurrences are, 1 or more (default 1).
    public var interval: Int

    /// Creates a rule; ``parse(_:path:)`` validates rules read from JSON.
    public init(
        frequency: Frequency, days: Set<Weekday>? = nil, hours: Int = 0, minutes: Int = 0, dayOfMonth: Int? = nil,
        interval: Int = 1
    ) {
        self.frequency = frequency
        self.days = days
        self.hours = hours
        self.minutes = minutes
        self.dayOfMonth = dayOfMonth
        self.interval = interval
    }

    /// The rule's JSON form; `days` as short names in week order, Monday first.
    public var json: JSONValue {
        var object: JSONObject = ["frequency": .string(frequency.rawValue)]
        if let days {
            let names = Self.dayNames.filter { days.contains($0.day) }.map { JSONValue.string($0.name) }
            object["days"] = .array(names)
        }
        object["hours"] = .number(Double(hours))
        object["minutes"] = .number(Double(minutes))
        if let dayOfMonth { object["day_of_month"] = .number(Double(dayOfMonth)) }
        object["interval"] = .number(Double(interval))
        return .object(object)
    }

    /// Knock's short day names, Monday first.
    static let dayNames: [(name: String, day: Weekday)] = [
        ("mon", .monday), ("tue", .tuesday), ("wed", .wednesday), ("thu", .thursday), ("fri", .friday),
        ("sat", .saturday), ("sun", .sunday),
    ]
}
