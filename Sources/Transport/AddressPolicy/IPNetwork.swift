/// A block of addresses in CIDR notation, such as `10.0.0.0/8` or `fc00::/7`.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the block (host bits cleared).
    public let address: IPAddress
    /// The number of leading bits that every address of the block shares.
    public let prefixLength: Int

    /// Parses `address/prefix`, or a single address (a /32 or /128); `nil` if it is neither.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(parts[0])) else { return nil }
        let maximum = address.bytes.count * 8
        if parts.count == 2 {
            guard let length = Int(parts[1]), (0...maximum).contains(length), !parts[1].hasPrefix("+") else {
                return nil
            }
            self.init(address: address, prefixLength: length)
        } else {
            self.init(address: address, prefixLength: maximum)
        }
    }

    /// The block of `prefixLength` bits containing `address`.
    public init(address: IPAddress, prefixLength: Int) {
        let length = max(0, min(prefixLength, address.bytes.count * 8))
        let masked = address.bytes.enumerated().map { index, byte in byte & Self.mask(byte: index, length: length) }
        self.address = IPAddress(bytes: masked) ?? address
        self.prefixLength = length
    }

    /// Whether `candidate` (of the same family) lies in the block.
    public func contains(_ candidate: IPAddress) -> Bool {
        guard candidate.bytes.count == address.bytes.count else { return false }
        for index in 0..<address.bytes.count where Self.mask(byte: index, length: prefixLength) != 0 {
            if candidate.bytes[index] & Self.mask(byte: index, length: prefixLength) != address.bytes[index] {
                return false
            }
        }
        return true
    }

    /// `10.0.0.0/8`.
    public var description: String { "\(address)/\(prefixLength)" }

    /// The bits of byte `index` that a prefix of `length` bits covers.
    private static func mask(byte index: Int, length: Int) -> UInt8 {
        let covered = min(max(length - index * 8, 0), 8)
        return covered == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - covered))
    }
}
