package import Foundation
import Signing
import Synchronization

/// ISO 8601 internet date-time text in UTC (`2026-06-01T08:00:00Z`), exactly as a default
/// `ISO8601DateFormatter` writes it.
///
/// Creating an `ISO8601DateFormatter` sets up an ICU formatter (about 160 µs), and formatting with
/// one still takes several microseconds behind a lock. Hot paths (every delivery attempt's exchange
/// log) use this instead: dates from 1600 to 9999 are written by calendar arithmetic, rounded as the
/// formatter rounds them (to the nearest millisecond, then down to the second); other dates go to one
/// shared formatter.
package enum ISO8601Timestamp {
    // `ISO8601DateFormatter` is not Sendable: the one instance is only used under this lock.
    private static let formatter = Mutex(ISO8601DateFormatter())

    /// 1600-01-01T00:00:00Z and 10000-01-01T00:00:00Z in seconds since 1970: the range written by arithmetic.
    private static let arithmeticRange: Range<Int64> = -11_676_096_000..<253_402_300_800

    /// The text of `date`, as `ISO8601DateFormatter().string(from: date)` would give it.
    package static func string(from date: Date) -> String {
        // The formatter works in whole milliseconds: it rounds to the nearest one (halves up), then drops
        // the fraction of the second.
        let interval = (date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down) / 1000
        guard interval.isFinite, let seconds = Int64(exactly: interval.rounded(.down)),
            arithmeticRange.contains(seconds)
        else {
            return formatter.withLock { $0.string(from: date) }
        }
        return text(secondsSince1970: seconds)
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` for whole seconds since 1970 in the proleptic Gregorian calendar.
    static func text(secondsSince1970 seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let civil = CivilDate(daysSince1970: Int(days))
        let (year, month, day) = (civil.year, civil.month, civil.day)
        var bytes = [UInt8]()
        bytes.reserveCapacity(20)
        func append(_ value: Int, digits: Int) {
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        append(year, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(month, digits: 2)
        bytes.append(UInt8(ascii: "-"))
        append(day, digits: 2)
        bytes.append(UInt8(ascii: "T"))
        append(secondOfDay / 3600, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, digits: 2)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
