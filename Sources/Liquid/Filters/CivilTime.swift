import Foundation

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
        (year, month, day) = Self.civil(fromDays: days)
        hour = seconds / 3600
        minute = seconds % 3600 / 60
        second = seconds % 60
        nanosecond = Int(((interval - whole) * 1e9).rounded(.down))
        weekday = Self.floorModulo(days + 4, 7)
        dayOfYear = days - Self.days(year: year, month: 1, day: 1) + 1
    }

    /// The instant of a wall-clock time read in `timeZone`, or nil when the date does not exist (February 30).
    static func instant(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, timeZone: TimeZone
    ) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let days = days(year: year, month: month, day: day)
        guard civil(fromDays: days) == (year, month, day) else { return nil }
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        var utc = local - timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local)))
        utc = local - timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc)))
        return Date(timeIntervalSince1970: Double(utc))
    }

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a count of days since 1970-01-01.
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func floorModulo(_ value: Int, _ divisor: Int) -> Int {
        value - floorDivide(value, divisor) * divisor
    }
}
