// The canonical request of Signature Version 4 ("Create a canonical request" in the AWS IAM guide):
//
//     METHOD \n canonical path \n canonical query \n canonical headers \n signed headers \n payload hash
//
// The AWS test suite (Tests/SigningTests/Fixtures/vectors/aws-sigv4) checks each rule below.

extension SigV4Signer {
    /// A canonical request and the `SignedHeaders` list it ends with.
    struct CanonicalRequest: Sendable, Equatable {
        /// The canonical request text, hashed into the string to sign.
        var text: String
        /// The lowercase, sorted header names joined with `;`.
        var signedHeaders: String
    }

    /// Builds the canonical request of `request`, signing `headers` (the request's, plus the signer's own).
    func canonicalRequest(
        for request: SigV4Request,
        headers: [SigV4Request.Header],
        payloadHash: String
    ) throws -> CanonicalRequest {
        guard Self.isToken(request.method) else {
            throw SigningError(.invalidRequest, "the HTTP method is empty or not an HTTP token (such as GET or POST)")
        }
        let path = try canonicalPath(request.path)
        let query = try Self.canonicalQuery(request.query)
        let (headerBlock, signedHeaders) = try Self.canonicalHeaders(headers)
        let text = [request.method, path, query, headerBlock, signedHeaders, payloadHash].joined(separator: "\n")
        return CanonicalRequest(text: text, signedHeaders: signedHeaders)
    }

    // MARK: - Path

    /// Normalises (unless disabled) and URI-encodes each segment of a wire path; `""` means `/`.
    func canonicalPath(_ wirePath: String) throws -> String {
        var path = wirePath.isEmpty ? "/" : wirePath
        guard path.hasPrefix("/") else {
            throw SigningError(.invalidRequest, "the request path must start with '/' (origin form, such as /v2/email)")
        }
        if options.normalizesPath {
            path = Self.removingDotSegments(path)
        }
        let segments = try path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            if options.encodesPathTwice {
                return SigV4URIEncoding.encode(segment.utf8)
            }
            return SigV4URIEncoding.encode(try SigV4URIEncoding.decode(segment, what: "the request path"))
        }
        return segments.joined(separator: "/")
    }

    /// Removes `.` and `..` segments (RFC 3986 §5.2.4) and empty ones (`//`), as botocore does.
    ///
    /// The result starts with `/`, and ends with `/` when `path` does and some segment is left.
    static func removingDotSegments(_ path: String) -> String {
        var kept: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                _ = kept.popLast()
            } else {
                kept.append(segment)
            }
        }
        let trailing = path.hasSuffix("/") && !kept.isEmpty ? "/" : ""
        return "/" + kept.joined(separator: "/") + trailing
    }

    // MARK: - Query

    /// Decodes and re-encodes each name and value, then sorts by name and then value, keeping duplicates.
    static func canonicalQuery(_ items: [SigV4Request.QueryItem]) throws -> String {
        let encoded = try items.map { item in
            (
                name: SigV4URIEncoding.encode(try SigV4URIEncoding.decode(item.name, what: "a query item name")),
                value: SigV4URIEncoding.encode(try SigV4URIEncoding.decode(item.value, what: "a query item value"))
            )
        }
        let sorted = encoded.sorted { lhs, rhs in
            lhs.name == rhs.name ? precedes(lhs.value, rhs.value) : precedes(lhs.name, rhs.name)
        }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    // MARK: - Headers

    /// Returns the canonical header lines (each ending in a line feed) and the signed header names.
    ///
    /// Names are lowercased and sorted; each value is trimmed with inner runs of white space (and
    /// folded line breaks) made one space; the values of a repeated name are joined with `,` in order.
    static func canonicalHeaders(_ headers: [SigV4Request.Header]) throws -> (block: String, signed: String) {
        var valuesByName: [String: [String]] = [:]
        for header in headers {
            try validate(header)
            valuesByName[header.name.lowercased(), default: []].append(canonicalValue(header.value))
        }
        guard valuesByName["host"] != nil else {
            throw SigningError(.invalidRequest, "the request has no Host header; SigV4 requires it to be signed")
        }
        let names = valuesByName.keys.sorted(by: precedes)
        let lines = names.map { "\($0):\(valuesByName[$0, default: []].joined(separator: ","))\n" }
        return (lines.joined(), names.joined(separator: ";"))
    }

    /// Trims a header value and turns each inner run of spaces, tabs and line breaks into one space.
    static func canonicalValue(_ value: String) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let words = value.utf8.split(omittingEmptySubsequences: true, whereSeparator: isSpace)
        return words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }

    /// Byte-wise (UTF-8) ordering, which is what AWS sorts by.
    private static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
