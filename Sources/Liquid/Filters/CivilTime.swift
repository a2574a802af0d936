import Foundation
import Signing

/// A wall-clock date and time in a time zone, computed with integer calendar arithmetic (proleptic Gregorian)
/// rather than `Calendar`, which is slow to create on every render.
struct CivilTime: Sendable, Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var nanosecond: Int
    /// 0 for Sunday through 6 for Saturday.
    var weekday: Int
    /// 1 for January 1st.
    var dayOfYear: Int

    /// The wall-clock time of `date` in `timeZone`.
    init(_ date: Date, timeZone: TimeZone) {
        let interval = date.timeIntervalSince1970
        let whole = interval.rounded(.down)
        let local = Int(whole) + timeZone.secondsFromGMT(for: date)
        let days = Self.floorDivide(local, 86_400)
        let seconds = local - days * 86_400
        let date = CivilDate(daysSince1970: days)
        (year, month, day) = (date.year, date.month, date.day)
        hour = seconds / 3600
        minute = seconds % 3600 / 60
        second = seconds % 60
        nanosecond = Int(((interval - whole) * 1e9).rounded(.down))
        weekday = Self.floorModulo(days + 4, 7)
        dayOfYear = days - CivilDate(year: year, month: 1, day: 1).daysSince1970 + 1
    }

    /// The instant of a wall-clock time read in `timeZone`, or nil when the date does not exist (February 30).
    static func instant(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, timeZone: TimeZone
    ) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        let days = date.daysSince1970
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        var utc = local - timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local)))
        utc = local - timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc)))
        return Date(timeIntervalSince1970: Double(utc))
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func floorModulo(_ value: Int, _ divisor: Int) -> Int {
        value - floorDivide(value, divisor) * divisor
    }
}
