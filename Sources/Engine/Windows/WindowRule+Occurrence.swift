public import Foundation

extension WindowRule {
    /// The first moment strictly after `date` (plus `interval - 1` periods) at which the rule fires, in `timeZone`.
    ///
    /// - `hourly` fires at `minutes` past every hour; `daily` and `weekly` at `hours:minutes`; `monthly` at
    ///   `hours:minutes` on `day_of_month` (the last day of shorter months), or, without it, on the first day of
    ///   the month that is one of `days`, or else on the 1st.
    /// - `days`, when set, limits every frequency to those local weekdays.
    /// - With `interval` n > 1 the search starts n − 1 periods (hours, days, weeks, months) after `date`:
    ///   "every 2 weeks on Friday" from a Wednesday closes on the Friday of the following week.
    /// - A local time that a daylight-saving change skips fires at the first moment after the gap.
    ///
    /// - Parameters:
    ///   - date: The moment the step executes.
    ///   - timeZone: The recipient's time zone, else the configured default, else `Etc/UTC`.
    /// - Returns: The next occurrence, or `nil` if none is found within about a year (not expected for valid rules).
    public func nextOccurrence(after date: Date, timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start =
            interval > 1 ? calendar.date(byAdding: frequency.component, value: interval - 1, to: date) ?? date : date
        let firstDay = calendar.startOfDay(for: start)
        let times = frequency == .hourly ? Array(0..<24).map { ($0, minutes) } : [(hours, minutes)]
        for offset in 0..<400 {
            guard let noon = calendar.date(byAdding: DateComponents(day: offset, hour: 12), to: firstDay) else { break }
            let day = calendar.startOfDay(for: noon)
            guard matches(day, calendar) else { continue }
            for (hour, minute) in times {
                guard
                    let candidate = calendar.nextDate(
                        after: day.addingTimeInterval(-1),
                        matching: DateComponents(hour: hour, minute: minute, second: 0),
                        matchingPolicy: .nextTime, direction: .forward)
                else { continue }
                if candidate > start { return candidate }
            }
        }
        return nil
    }

    /// Whether the rule may fire on the local day starting at `day`.
    private func matches(_ day: Date, _ calendar: Calendar) -> Bool {
        let weekdayNumber = calendar.component(.weekday, from: day)
        let weekday = Weekday.allCases.first { $0.gregorianWeekday == weekdayNumber }
        if let days, let weekday, !days.contains(weekday) { return false }
        guard frequency == .monthly else { return true }
        let dayNumber = calendar.component(.day, from: day)
        if let dayOfMonth {
            let length = calendar.range(of: .day, in: .month, for: day)?.count ?? 31
            return dayNumber == min(dayOfMonth, length)
        }
        // Without day_of_month: the first matching weekday of the month, or the 1st.
        return days == nil ? dayNumber == 1 : dayNumber <= 7
    }
}
