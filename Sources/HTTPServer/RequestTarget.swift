/// The request target (`/path?query`) split and percent-decoded.
///
/// The path is decoded with `%XX` escapes only; query names and values also turn `+` into a space
/// (the form encoding clients use for query strings). Malformed escapes stay as sent; bytes that do
/// not decode to UTF-8 become U+FFFD.
struct RequestTarget: Sendable, Equatable {
    /// The path as sent, still encoded, without the query.
    var rawPath: String
    /// The decoded path.
    var path: String
    /// The decoded query parameters in order; a name without `=` has the value `""`.
    var query: [Parameter]
    /// The query string exactly as sent, without the `?`; `nil` when the target has no `?`.
    var rawQuery: String?

    /// One query parameter.
    struct Parameter: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// Splits `uri`, the request target exactly as the request line carried it.
    ///
    /// An absolute-form target (`http://host/path`) is reduced to its path. A fragment is dropped.
    init(uri: String) {
        // Most targets are a plain origin-form path: nothing to split, drop or decode, so the path is the
        // URI itself (one pass over its bytes instead of several searches and copies).
        if Self.isPlainPath(uri) {
            rawPath = uri
            path = uri
            query = []
            rawQuery = nil
            return
        }
        var target = Substring(uri)
        if let hash = target.firstIndex(of: "#") { target = target[..<hash] }
        for scheme in ["http://", "https://"] where target.hasPrefix(scheme) {
            let authority = target.dropFirst(scheme.count)
            target = authority.firstIndex(of: "/").map { authority[$0...] } ?? "/"
        }
        let queryText: Substring
        if let mark = target.firstIndex(of: "?") {
            rawPath = String(target[..<mark])
            queryText = target[target.index(after: mark)...]
            rawQuery = String(queryText)
        } else {
            rawPath = String(target)
            queryText = ""
            rawQuery = nil
        }
        path = Self.decode(rawPath[...], plusIsSpace: false)
        query = queryText.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            guard let equals = pair.firstIndex(of: "=") else {
                return Parameter(name: Self.decode(pair, plusIsSpace: true), value: "")
            }
            return Parameter(
                name: Self.decode(pair[..<equals], plusIsSpace: true),
                value: Self.decode(pair[pair.index(after: equals)...], plusIsSpace: true))
        }
    }

    /// Whether `uri` starts with `/` and holds no `?`, `#` or `%`: a path that splitting and decoding would
    /// return unchanged.
    static func isPlainPath(_ uri: String) -> Bool {
        uri.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.first == UInt8(ascii: "/") else { return false }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "%"): return false
                default: continue
                }
            }
            return true
        } ?? false
    }

    /// Decodes `%XX` escapes (and `+` when `plusIsSpace`); malformed escapes are kept as they are.
    static func decode(_ text: Substring, plusIsSpace: Bool) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.contains(UInt8(ascii: "%")) || (plusIsSpace && utf8.contains(UInt8(ascii: "+"))) else {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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
