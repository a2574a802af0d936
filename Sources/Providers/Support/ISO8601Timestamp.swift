package import Foundation
import Synchronization

/// ISO 8601 internet date-time text in UTC (`2026-06-01T08:00:00Z`), exactly as a default
/// `ISO8601DateFormatter` writes it.
///
/// Dates in the years 1970 to 9999 are written by arithmetic on the seconds since 1970 (the civil
/// date from the day number), with no formatter and no lock: every request's log line and every delivery
/// attempt's exchange log writes one. Other dates go to one shared formatter (creating an
/// `ISO8601DateFormatter` sets up an ICU formatter, about 160 µs; using one takes a few microseconds).
package enum ISO8601Timestamp {
    // `ISO8601DateFormatter` is not Sendable: the one instance is only used under this lock.
    private static let formatter = Mutex(ISO8601DateFormatter())

    /// The first second of the year 10000, where four year digits stop sufficing.
    private static let endOfFastRange: Double = 253_402_300_800

    /// The text of `date`, as `ISO8601DateFormatter().string(from: date)` would give it.
    package static func string(from date: Date) -> String {
        let interval = date.timeIntervalSince1970
        guard interval >= 0, interval < endOfFastRange else {
            return formatter.withLock { $0.string(from: date) }
        }
        // The formatter works in whole milliseconds (rounded to the nearest) and writes whole seconds,
        // dropping the milliseconds.
        let seconds = Int((interval * 1000).rounded()) / 1000
        let (year, month, day) = civilDate(daysSince1970: seconds / 86_400)
        let time = seconds % 86_400
        var text = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int, at offset: Int, digits: Int) {
            var value = value
            for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                text[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, at: 0, digits: 4)
        put(month, at: 5, digits: 2)
        put(day, at: 8, digits: 2)
        put(time / 3600, at: 11, digits: 2)
        put(time / 60 % 60, at: 14, digits: 2)
        put(time % 60, at: 17, digits: 2)
        for (offset, character) in [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "Z")]
            as [(Int, Unicode.Scalar)]
        {
            text[offset] = UInt8(ascii: character)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The proleptic Gregorian year, month and day of a day number counted from 1970-01-01 (not
    /// negative), by the era arithmetic of Howard Hinnant's `civil_from_days`.
    private static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468  // days since 0000-03-01
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
