public import Foundation

/// When a schedule runs: the first occurrence when it is created or changed, and the next one after each
/// run, in the recipient's time zone.
///
/// - A one-off schedule runs once at `scheduled_at` (now, if that has passed), and never if `scheduled_at`
///   is after `ending_at`.
/// - A recurring schedule runs at the earliest occurrence of any of its repeats at or after `scheduled_at`
///   (or now); after each run, at the earliest occurrence strictly after that run's time, each repeat's
///   `interval` counted from it. No occurrence after `ending_at` is scheduled.
public enum ScheduleTiming {
    /// The first occurrence of a new or changed schedule.
    ///
    /// - Parameters:
    ///   - schedule: The schedule.
    ///   - now: The current time.
    ///   - timeZone: The recipient's time zone, else the environment's default.
    public static func first(_ schedule: Schedule, now: Date, timeZone: TimeZone) -> Date? {
        let start = max(schedule.scheduledAt ?? now, now)
        guard !schedule.repeats.isEmpty else {
            guard let at = schedule.scheduledAt else { return nil }
            if let ending = schedule.endingAt, at > ending { return nil }
            return max(at, now)
        }
        // The first occurrence may fall on the start itself; later ones count the interval from a run.
        let occurrences = schedule.repeats.compactMap { repeatRule -> Date? in
            var first = repeatRule
            first.interval = 1
            return first.nextOccurrence(after: start.addingTimeInterval(-0.001), timeZone: timeZone)
        }
        return bounded(occurrences.min(), endingAt: schedule.endingAt)
    }

    /// The occurrence after a run at `ranAt`, or `nil` when the schedule is done (a one-off, or past
    /// `ending_at`).
    public static func next(_ schedule: Schedule, after ranAt: Date, timeZone: TimeZone) -> Date? {
        guard !schedule.repeats.isEmpty else { return nil }
        let occurrences = schedule.repeats.compactMap { $0.nextOccurrence(after: ranAt, timeZone: timeZone) }
        return bounded(occurrences.min(), endingAt: schedule.endingAt)
    }

    private static func bounded(_ date: Date?, endingAt: Date?) -> Date? {
        guard let date else { return nil }
        if let endingAt, date > endingAt { return nil }
        return date
    }
}
