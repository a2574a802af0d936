public import Foundation

/// Unique, time-sortable message ids: `msg_` + 10 base-32 characters of milliseconds since 1970 +
/// 16 random base-32 characters (80 bits). Ids sort by creation time as plain strings.
public enum MessageID {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    /// A new id for a message created at `date`.
    public static func make(at date: Date) -> String {
        var milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var time = [Character](repeating: "0", count: 10)
        for index in stride(from: 9, through: 0, by: -1) {
            time[index] = alphabet[Int(milliseconds & 31)]
            milliseconds >>= 5
        }
        var generator = SystemRandomNumberGenerator()
        let random = (0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt8(32)))] }
        return "msg_" + String(time) + String(random)
    }
}
