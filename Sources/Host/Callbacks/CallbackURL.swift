internal import HTTPServer

/// The URL a provider called, rebuilt for signature checks.
enum CallbackURL {
    /// The public URL of `request`: `publicURL` (or `http://` and the `Host` header when it is `nil`),
    /// then the path and the query exactly as sent.
    ///
    /// Twilio signs the URL it was given, byte for byte, so the path and query are never decoded and
    /// re-encoded; only a request built without ``HTTPServerRequest/rawQuery`` (by a test) has its query
    /// re-encoded from the decoded parameters.
    static func url(of request: HTTPServerRequest, publicURL: String?) -> String {
        let origin = publicURL ?? "http://" + (request.header("host") ?? "localhost")
        var url = origin + request.rawPath
        if let query = request.rawQuery {
            url += "?" + query
        } else if !request.query.isEmpty {
            url += "?" + request.query.map { encode($0.name) + "=" + encode($0.value) }.joined(separator: "&")
        }
        return url
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986).
    private static func encode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                let digits = Array("0123456789ABCDEF")
                encoded += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }
}
