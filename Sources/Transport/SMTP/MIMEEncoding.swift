import Signing

/// The content encodings a MIME message needs: base64 in 76-character lines, quoted-printable,
/// RFC 2047 encoded words and RFC 2231 parameter values. All output lines end in CRLF.
enum MIMEEncoding {
    /// `bytes` as base64 in lines of at most 76 characters, each ending in CRLF.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let text = Base64.encode(bytes)
        var lines = ""
        lines.reserveCapacity(text.utf8.count + text.utf8.count / 38 + 2)
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines += text[index..<end] + "\r\n"
            index = end
        }
        return lines
    }

    /// `text` (with CRLF line endings) as quoted-printable UTF-8 (RFC 2045 §6.7), lines of at most
    /// 76 characters joined by soft line breaks.
    static func quotedPrintable(_ text: String) -> String {
        var output = ""
        for (number, line) in text.split(separator: "\r\n", omittingEmptySubsequences: false).enumerated() {
            if number > 0 { output += "\r\n" }
            let bytes = Array(line.utf8)
            var length = 0
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal =
                    (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                    || ((byte == 0x20 || byte == 0x09) && !isLast)
                let piece = literal ? String(UnicodeScalar(byte)) : "=" + hex(byte)
                // Keep room for the "=" of a soft break, unless this is the line's last piece.
                if length + piece.utf8.count > (isLast ? 76 : 75) {
                    output += "=\r\n"
                    length = 0
                }
                output += piece
                length += piece.utf8.count
            }
        }
        return output
    }

    /// `text` as RFC 2047 encoded words (`=?UTF-8?B?...?=`), each at most 75 characters and never
    /// splitting a character's UTF-8 bytes.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 45 bytes → 60 base64 characters + 12 for "=?UTF-8?B?" and "?=" = 72.
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty {
            words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=")
        }
        return words
    }

    /// A parameter such as `filename="report.pdf"`, or `filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`
    /// (RFC 2231) when the value is not printable ASCII.
    static func parameter(_ name: String, _ value: String) -> String {
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let escaped = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            return "\(name)=\"\(escaped)\""
        }
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        let encoded = value.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : "%" + hex($0) }
        return "\(name)*=UTF-8''" + encoded.joined()
    }

    /// `text` with every line ending (CRLF, LF or CR) made CRLF.
    static func normalizingLineEndings(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { output += "\r\n" }
                previousWasCR = false
            } else if scalar == "\r" {
                output += "\r\n"
                previousWasCR = true
            } else {
                output.unicodeScalars.append(scalar)
                previousWasCR = false
            }
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
