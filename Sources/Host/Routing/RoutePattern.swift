/// A path pattern such as `/v1/users/:user_id/channel_data/:channel_id`: literal segments and named
/// parameters, each matching one whole segment.
public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    /// One segment of a pattern.
    public enum Segment: Sendable, Hashable {
        /// Matches exactly this text.
        case literal(String)
        /// Matches any non-empty segment and binds it, percent-decoded, to this name.
        case parameter(String)
    }

    /// The segments, in order.
    public let segments: [Segment]
    /// The pattern as written; used as the route's label in metrics and logs.
    public let description: String

    /// Parses a pattern.
    ///
    /// - Parameter text: Starts with `/`; segments are literals or `:name` (letters, digits, `_`); a
    ///   parameter name may appear once.
    /// - Returns: `nil` when the pattern is malformed.
    public init?(_ text: String) {
        guard text.hasPrefix("/") else { return nil }
        var segments: [Segment] = []
        var names: Set<String> = []
        for part in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            if part.hasPrefix(":") {
                let name = String(part.dropFirst())
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                    names.insert(name).inserted
                else { return nil }
                segments.append(.parameter(name))
            } else {
                guard !part.isEmpty || text == "/" else { return nil }
                segments.append(.literal(String(part)))
            }
        }
        self.segments = text == "/" ? [] : segments
        self.description = text
    }

    /// Matches a raw (still percent-encoded) path.
    ///
    /// - Parameter segments: The raw path split at `/`, without the leading empty segment.
    /// - Returns: The parameters, percent-decoded, or `nil` when the path does not match (including a
    ///   parameter segment that is empty or not valid percent-encoding).
    public func match(_ rawSegments: [Substring]) -> [String: String]? {
        guard rawSegments.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, raw) in zip(segments, rawSegments) {
            switch segment {
            case .literal(let literal):
                guard raw == literal else { return nil }
            case .parameter(let name):
                guard !raw.isEmpty, let decoded = PercentDecoding.decode(raw) else { return nil }
                parameters[name] = decoded
            }
        }
        return parameters
    }

    /// Whether `rawSegments` could match: as many segments, equal literals and no empty parameter. Cheap
    /// (nothing is decoded or allocated); ``match(_:)`` decides.
    func mayMatch(_ rawSegments: [Substring]) -> Bool {
        guard rawSegments.count == segments.count else { return false }
        for (segment, raw) in zip(segments, rawSegments) {
            switch segment {
            case .literal(let literal):
                guard raw == literal else { return false }
            case .parameter:
                guard !raw.isEmpty else { return false }
            }
        }
        return true
    }

    /// Splits a raw path into segments for ``match(_:)``: `/v1/users/a` → `["v1", "users", "a"]`.
    public static func rawSegments(of path: String) -> [Substring] {
        // Split on the byte `/` (an ASCII scalar, so every cut is a valid index): splitting by Character
        // walks grapheme boundaries, and this runs for every request.
        let utf8 = path.utf8
        var start = utf8.first == UInt8(ascii: "/") ? utf8.index(after: utf8.startIndex) : utf8.startIndex
        if start == utf8.endIndex { return [] }
        var segments: [Substring] = []
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                segments.append(path[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        segments.append(path[start..<utf8.endIndex])
        return segments
    }
}

/// Percent-decoding of one path segment (RFC 3986); `+` stays `+`.
enum PercentDecoding {
    /// The decoded text, or `nil` for a malformed escape or bytes that are not UTF-8.
    static func decode(_ text: Substring) -> String? {
        // Searched as bytes: `Substring.contains` walks grapheme clusters, and this runs for every parameter.
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
