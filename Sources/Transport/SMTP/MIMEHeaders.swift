/// Header-field helpers for ``MIMEMessage``: validation against header injection, folding and
/// encoding of unstructured text.
enum MIMEHeaders {
    /// Names set from ``MIMEMessage``'s own properties, which extra headers may not repeat.
    static let reservedNames: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "mime-version", "content-type",
        "content-transfer-encoding",
    ]

    /// Whether `byte` may appear in a MIME token or header name.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !"()<>@,;:\\\"/[]?=".utf8.contains(byte)
    }

    /// Throws ``TransportError/Code/invalidRequest`` unless `name` is a valid field name.
    static func checkName(_ name: String) throws {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }) else {
            throw TransportError(.invalidRequest, "\"\(name.prefix(100))\" is not a valid header name")
        }
    }

    /// Throws ``TransportError/Code/invalidRequest`` if `value` contains CR, LF or NUL: such a value
    /// could smuggle in headers of its own (header injection).
    static func checkValue(_ value: String, of name: String) throws {
        guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
            throw TransportError(.invalidRequest, "the value of header \(name.prefix(100)) contains CR, LF or NUL")
        }
    }

    /// `Name: value` for unstructured text: as is if printable ASCII, else as encoded words; folded.
    static func unstructured(_ name: String, _ value: String) throws -> String {
        try checkValue(value, of: name)
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 == 0x09 }) {
            return folded("\(name): \(value)")
        }
        return folded("\(name): " + MIMEEncoding.encodedWords(value).joined(separator: " "))
    }

    /// `Name: a, b, c` for a list of addresses, folded.
    static func addressList(_ name: String, _ addresses: [MailAddress]) throws -> String {
        folded("\(name): " + (try addresses.map { try $0.headerText() }).joined(separator: ", "))
    }

    /// `line` folded at spaces into lines of at most 78 characters where it can be, ending in CRLF.
    static func folded(_ line: String) -> String {
        var output = ""
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if current.isEmpty {
                current = String(word)
            } else if current.utf8.count + 1 + word.utf8.count > 78, current.contains(where: { $0 != " " }),
                !output.isEmpty || current.contains(" ")
            {
                // Fold before this word, but never right after the field name.
                output += current + "\r\n"
                current = " " + word
            } else {
                current += " " + word
            }
        }
        return output + current + "\r\n"
    }
}
