/// Checks a request before any of it reaches libcurl, and renders its header lines.
enum HTTPRequestValidation {
    /// Throws ``TransportError/Code/invalidRequest`` for a request that cannot be sent as given:
    /// a URL that is not `http` or `https`, a method that is not a token, a header name that is not
    /// a token, or a header value with CR, LF or NUL (header injection).
    static func validate(_ request: HTTPRequest) throws {
        let lowered = request.url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw TransportError(
                .invalidRequest, "only http and https URLs are supported (\(URLRedaction.redact(request.url)))")
        }
        guard isToken(request.method.rawValue) else {
            throw TransportError(.invalidRequest, "the method is not an HTTP token")
        }
        if request.method == .head, !request.body.isEmpty {
            throw TransportError(.invalidRequest, "a HEAD request cannot have a body")
        }
        for field in request.headers {
            guard isToken(field.name) else {
                throw TransportError(.invalidRequest, "the header name \"\(field.name)\" is not an HTTP token")
            }
            guard !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw TransportError(.invalidRequest, "the value of header \(field.name) contains CR, LF or NUL")
            }
        }
    }

    /// The `CURLOPT_HTTPHEADER` lines: the request's fields in order, then the removals of
    /// libcurl's automatic `Expect: 100-continue` and form `Content-Type` unless the request sets them.
    static func headerLines(for request: HTTPRequest) -> [String] {
        // libcurl sends "Name: value"; "Name;" sends an empty value; "Name:" removes a header it would add.
        var lines = request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        if !request.headers.contains("Expect") {
            lines.append("Expect:")
        }
        if !request.headers.contains("Content-Type") {
            lines.append("Content-Type:")
        }
        return lines
    }

    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    true
                default:
                    "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
            }
    }
}
