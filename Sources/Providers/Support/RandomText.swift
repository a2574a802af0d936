package import Foundation
import Synchronization

/// Random identifiers as text, from the system's random number generator, without Foundation's
/// formatters.
///
/// `UUID()` reads `/dev/urandom` through a new file descriptor on this platform, and `String(format:)`
/// goes through CoreFoundation's formatter: both cost more than the rest of a small request. These write
/// the hex digits directly.
package enum RandomText {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `byteCount` random bytes as `2 * byteCount` lower-case hex digits.
    package static func hex(byteCount: Int) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(byteCount * 2)
        for byte in bytes(count: byteCount) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `count` random bytes, never handed out twice.
    ///
    /// They come from ``RandomPool`` (the kernel's generator read 4 KiB at a time): the standard library's
    /// generator makes one system call per 8 bytes, and a trigger needs three ids. If `/dev/urandom`
    /// cannot be read, or `count` is larger than the pool, they come from that generator instead.
    package static func bytes(count: Int) -> [UInt8] {
        if let bytes = pool.withLock({ $0.take(count) }) { return bytes }
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in generator.next() }
    }

    private static let pool = Mutex(RandomPool())

    /// A random (version 4, RFC 9562) UUID in lower case: `8-4-4-4-12` hex digits, as
    /// `UUID().uuidString.lowercased()` writes one.
    package static func uuid() -> String {
        var bytes = randomBytes()
        bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
        return uuidText(bytes)
    }

    /// A time-ordered (version 7, RFC 9562) UUID in lower case: the first 48 bits are the milliseconds since
    /// 1970 of `date`, the rest random.
    ///
    /// Ids made later sort after earlier ones (to the millisecond), so a database index on them grows at
    /// its end instead of touching a random page for every new row.
    package static func timeOrderedUUID(at date: Date) -> String {
        var bytes = randomBytes()
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        bytes[6] = bytes[6] & 0x0F | 0x70  // version 7
        return uuidText(bytes)
    }

    /// 16 random bytes with the RFC 9562 variant bits set.
    private static func randomBytes() -> [UInt8] {
        var bytes = bytes(count: 16)
        bytes[8] = bytes[8] & 0x3F | 0x80  // the RFC variant
        return bytes
    }

    /// `8-4-4-4-12` lower-case hex digits.
    private static func uuidText(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
