/// Comparisons whose running time does not depend on where the inputs differ.
public enum ConstantTime {
    /// Compares two byte strings without leaking, through timing, the position of the first difference.
    ///
    /// Inputs of different lengths compare unequal at once: the length of a MAC or signature is public.
    ///
    /// - Parameters:
    ///   - lhs: One byte string.
    ///   - rhs: The other.
    /// - Returns: `true` when both hold exactly the same bytes.
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return OpenSSLDigest.memoryEquals(lhs, rhs)
    }

    /// Compares the UTF-8 bytes of two strings in constant time (see ``equals(_:_:)-(([UInt8],[UInt8]))``).
    public static func equals(_ lhs: String, _ rhs: String) -> Bool {
        equals(Array(lhs.utf8), Array(rhs.utf8))
    }
}
