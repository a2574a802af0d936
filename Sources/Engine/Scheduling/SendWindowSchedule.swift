public import Foundation

/// Evaluates a channel step's send windows in a time zone: whether a moment is open, and when the
/// next opening is.
///
/// Days without a rule are unrestricted. A `send` window allows `[from, until)` local time on its
/// day; a `do_not_send` window forbids the whole day. Times are local wall-clock times: on a
/// daylight-saving change, a window boundary that does not exist that day (02:30 on a spring-forward
/// night) opens at the first existing moment after it.
public struct SendWindowSchedule: Sendable {
    private let windows: [Weekday: SendWindow]

    /// Creates a schedule from validated windows (see ``SendWindow/parseList(_:path:)``).
    public init(_ windows: [SendWindow]) {
        self.windows = Dictionary(windows.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether sending is ever allowed.
    public var everOpens: Bool {
        windows.count < Weekday.allCases.count || windows.values.contains { $0.type == .send && $0.from < $0.until }
    }

    /// Whether sending is allowed at `date` in `timeZone`.
    public func isOpen(at date: Date, in timeZone: TimeZone) -> Bool {
        let calendar = Self.calendar(timeZone)
        let components = calendar.dateComponents([.weekday, .hour, .minute, .second], from: date)
        guard let weekday = Weekday.allCases.first(where: { $0.gregorianWeekday == components.weekday }) else {
            return true
        }
        guard let window = windows[weekday] else { return true }
        guard window.type == .send else { return false }
        let seconds = (components.hour ?? 0) * 3600 + (components.minute ?? 0) * 60 + (components.second ?? 0)
        return window.from.secondsSinceMidnight <= seconds && seconds < window.until.secondsSinceMidnight
    }

    /// The first moment at or after `date` when sending is allowed, or `nil` if the windows never open.
    public func nextOpening(atOrAfter date: Date, in timeZone: TimeZone) -> Date? {
        guard everOpens else { return nil }
        if isOpen(at: date, in: timeZone) { return date }
        let calendar = Self.calendar(timeZone)
        let today = calendar.startOfDay(for: date)
        // Today and the next seven days cover every rule of the week.
        for offset in 0..<8 {
            guard let day = calendar.date(byAdding: .day, value: offset, to: today).map(calendar.startOfDay) else {
                break
            }
            let weekday = Weekday.allCases.first { $0.gregorianWeekday == calendar.component(.weekday, from: day) }
            let candidate: Date
            switch weekday.flatMap({ windows[$0] }) {
            case nil: candidate = day
            case let window? where window.type == .send: candidate = Self.localTime(window.from, on: day, calendar)
            default: continue
            }
            if candidate >= date && isOpen(at: candidate, in: timeZone) { return candidate }
        }
        return nil
    }

    /// The moment `time` on the local day starting at `day`; a time skipped by a daylight-saving change
    /// moves to the first moment after the gap.
    private static func localTime(_ time: TimeOfDay, on day: Date, _ calendar: Calendar) -> Date {
        if time == .endOfDay { return calendar.date(byAdding: .day, value: 1, to: day) ?? day }
        var components = calendar.dateComponents([.year, .month, .day], from: day)
        components.hour = time.secondsSinceMidnight / 3600
        components.minute = time.secondsSinceMidnight % 3600 / 60
        components.second = time.secondsSinceMidnight % 60
        return calendar.nextDate(
            after: day.addingTimeInterval(-1),
            matching: DateComponents(
                hour: components.hour, minute: components.minute, second: components.second),
            matchingPolicy: .nextTime, direction: .forward) ?? day
    }

    private static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
