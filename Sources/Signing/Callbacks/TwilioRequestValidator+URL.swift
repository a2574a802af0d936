/// URL handling for ``TwilioRequestValidator``, done as byte surgery on the authority.
///
/// Round-tripping through `URLComponents` or `URL` may re-encode the query string or normalise
/// the path, which changes the signed bytes. Here only the port is ever touched; every other byte
/// of the URL stays exactly as given.
extension TwilioRequestValidator {
    /// The URL forms a Twilio signature may cover, without duplicates: the URL as given, then the
    /// URL without its port, or, when it has none, with the scheme's default port (443 for
    /// `https`, 80 for `http`) added.
    ///
    /// - Parameter url: The request URL.
    /// - Returns: One to two byte strings; just the URL itself if it has no `scheme://authority`.
    static func urlForms(of url: String) -> [[UInt8]] {
        let bytes = Array(url.utf8)
        guard let (scheme, authority) = authority(in: bytes) else { return [bytes] }
        // The host starts after any user information and, for an IPv6 literal, ends at "]".
        let hostStart = bytes[authority].lastIndex(of: UInt8(ascii: "@")).map { $0 + 1 } ?? authority.lowerBound
        let portSearchStart = bytes[hostStart..<authority.upperBound].lastIndex(of: UInt8(ascii: "]")) ?? hostStart
        let head = bytes[..<authority.upperBound]
        let tail = bytes[authority.upperBound...]

        if let colon = bytes[portSearchStart..<authority.upperBound].lastIndex(of: UInt8(ascii: ":")) {
            guard bytes[(colon + 1)..<authority.upperBound].allSatisfy(isDigit) else { return [bytes] }
            return [bytes, Array(bytes[..<colon] + tail)]
        }
        let defaultPort: String
        switch String(decoding: scheme, as: UTF8.self).lowercased() {
        case "https": defaultPort = ":443"
        case "http": defaultPort = ":80"
        default: return [bytes]
        }
        return [bytes, Array(head) + Array(defaultPort.utf8) + Array(tail)]
    }

    /// The raw (not percent-decoded) value of the first query parameter with the given name.
    ///
    /// - Parameters:
    ///   - name: The parameter name, compared exactly.
    ///   - url: The request URL.
    /// - Returns: The value, possibly empty, or `nil` if the query has no such parameter.
    static func queryValue(named name: String, in url: String) -> Substring? {
        guard let questionMark = url.firstIndex(of: "?") else { return nil }
        let afterMark = url[url.index(after: questionMark)...]
        let query = afterMark[..<(afterMark.firstIndex(of: "#") ?? afterMark.endIndex)]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts[0] == name {
                return parts.count > 1 ? parts[1] : ""
            }
        }
        return nil
    }

    // MARK: - Internals

    /// The scheme and the range of the authority (`user@host:port`) in `scheme://authority/…`.
    private static func authority(in bytes: [UInt8]) -> (scheme: ArraySlice<UInt8>, authority: Range<Int>)? {
        let separator = Array("://".utf8)
        guard let start = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
        let scheme = bytes[..<start]
        // A "://" inside the path or query is not a scheme separator.
        guard !scheme.isEmpty, !scheme.contains(where: isDelimiter) else { return nil }
        let authorityStart = start + separator.count
        let authorityEnd = bytes[authorityStart...].firstIndex(where: isDelimiter) ?? bytes.endIndex
        guard authorityStart < authorityEnd else { return nil }
        return (scheme, authorityStart..<authorityEnd)
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
