import Foundation

/// The two UTC renderings of a signing time that Signature Version 4 uses.
///
/// Computed arithmetically from the Unix time (proleptic Gregorian calendar), so no formatter,
/// locale or time zone database is involved. Fractions of a second are dropped.
struct SigV4Timestamp: Sendable, Equatable {
    /// `yyyyMMdd'T'HHmmss'Z'`, the `X-Amz-Date` value, such as `20150830T123600Z`.
    let dateTime: String
    /// `yyyyMMdd`, the date of the credential scope, such as `20150830`.
    let date: String

    /// Renders `instant` in UTC.
    init(_ instant: Date) {
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down))
        let days = Int64(CivilDate.floorDivide(Int(seconds), 86_400))
        let secondOfDay = seconds - days * 86_400
        let civil = CivilDate(daysSince1970: Int(days))
        let date = Self.pad(Int64(civil.year), 4) + Self.pad(Int64(civil.month), 2) + Self.pad(Int64(civil.day), 2)
        let time =
            Self.pad(secondOfDay / 3600, 2) + Self.pad(secondOfDay / 60 % 60, 2) + Self.pad(secondOfDay % 60, 2)
        self.date = date
        self.dateTime = "\(date)T\(time)Z"
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
