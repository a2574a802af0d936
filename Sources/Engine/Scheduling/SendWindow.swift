/// One send-window rule of a channel step: on `day`, send (between `from` and `until`) or do not send.
///
/// ```json
/// { "day": "monday", "type": "send", "from": "09:00:00", "until": "17:00:00" }
/// ```
public struct SendWindow: Sendable, Hashable {
    /// The day of the week.
    public var day: Weekday
    /// Whether messages may be sent in the window.
    public var type: Kind
    /// The start, inclusive; midnight when omitted.
    public var from: TimeOfDay
    /// The end, exclusive; the end of the day when omitted.
    public var until: TimeOfDay

    /// Whether a window allows or forbids sending.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case send
        case doNotSend = "do_not_send"
    }

    /// Creates a rule.
    public init(day: Weekday, type: Kind, from: TimeOfDay = .startOfDay, until: TimeOfDay = .endOfDay) {
        self.day = day
        self.type = type
        self.from = from
        self.until = until
    }
}

/// A day of the week, as send windows name them.
public enum Weekday: String, Sendable, Hashable, CaseIterable {
    case sunday, monday, tuesday, wednesday, thursday, friday, saturday

    /// Foundation's weekday number: 1 for Sunday through 7 for Saturday.
    public var gregorianWeekday: Int {
        Weekday.allCases.firstIndex(of: self)! + 1
    }
}

/// A time of day, to the second: `09:00:00`.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since midnight, 0 to 86,400 (the end of the day).
    public var secondsSinceMidnight: Int

    /// Midnight at the start of the day.
    public static let startOfDay = TimeOfDay(secondsSinceMidnight: 0)
    /// The end of the day (exclusive).
    public static let endOfDay = TimeOfDay(secondsSinceMidnight: 86_400)

    /// Creates a time from seconds since midnight.
    public init(secondsSinceMidnight: Int) {
        self.secondsSinceMidnight = secondsSinceMidnight
    }

    /// Parses ISO 8601 time-only text: `HH:MM:SS` or `HH:MM` (24-hour); `24:00:00` is the end of the day.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]),
            let seconds = Int(parts.count == 3 ? parts[2] : "00"),
            minutes < 60, seconds < 60, hours < 24 || (hours == 24 && minutes == 0 && seconds == 0)
        else { return nil }
        secondsSinceMidnight = hours * 3600 + minutes * 60 + seconds
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.secondsSinceMidnight < rhs.secondsSinceMidnight
    }

    public var description: String {
        let hours = secondsSinceMidnight / 3600
        let minutes = secondsSinceMidnight % 3600 / 60
        let seconds = secondsSinceMidnight % 60
        return [hours, minutes, seconds].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
    }
}
