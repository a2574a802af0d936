/// HTML and URL filters: escaping, stripping tags, percent-encoding.
extension LiquidFilter {
    static let htmlFilters: [FilterEntry] = [
        ("escape", 0...0, { input, _, _ in input.isNil ? .null : .string(escapeHTML(input.rendered, once: false)) }),
        ("escape_once", 0...0, { input, _, _ in .string(escapeHTML(input.rendered, once: true)) }),
        ("strip_html", 0...0, { input, _, _ in .string(stripHTML(input.rendered)) }),
        ("url_encode", 0...0, { input, _, _ in input.isNil ? .null : .string(urlEncode(input.rendered)) }),
        ("url_decode", 0...0, { input, _, _ in input.isNil ? .null : .string(urlDecode(input.rendered)) }),
    ]

    /// Escapes `& < > " '`; with `once`, an `&` that starts an entity (`&amp;`, `&#39;`, `&#x27;`) is kept.
    static func escapeHTML(_ text: String, once: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case "&": result += once && startsEntity(text[index...]) ? "&" : "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
            index = text.index(after: index)
        }
        return result
    }

    private static func startsEntity(_ text: Substring) -> Bool {
        var body = text.dropFirst()
        let numeric = body.first == "#"
        if numeric { body = body.dropFirst() }
        let hex = numeric && (body.first == "x" || body.first == "X")
        if hex { body = body.dropFirst() }
        let name = body.prefix {
            hex ? $0.isHexDigit : (numeric ? $0.isASCII && $0.isNumber : $0.isASCII && $0.isLetter)
        }
        return !name.isEmpty && body.dropFirst(name.count).first == ";"
    }

    /// Removes `<script>`, `<style>` and comments with their content, then every other tag.
    static func stripHTML(_ text: String) -> String {
        var result = text
        for (open, close) in [("<script", "</script>"), ("<style", "</style>"), ("<!--", "-->")] {
            while let start = result.range(of: open, caseInsensitive: true),
                let end = result[start.upperBound...].range(of: close, caseInsensitive: true)
            {
                result.removeSubrange(start.lowerBound..<end.upperBound)
            }
        }
        var stripped = ""
        var inTag = false
        for character in result {
            if character == "<" {
                inTag = true
            } else if character == ">" && inTag {
                inTag = false
            } else if !inTag {
                stripped.append(character)
            }
        }
        return stripped
    }

    /// Form encoding: letters, digits and `_.-~` stay, a space becomes `+`, everything else `%XX`.
    static func urlEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: "~"):
                result.append(Character(Unicode.Scalar(byte)))
            case UInt8(ascii: " "): result += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 16 ? "%0" + hex : "%" + hex
            }
        }
        return result
    }

    /// Reverses ``urlEncode(_:)``: `+` is a space and `%XX` a byte; malformed escapes stay as written.
    static func urlDecode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                output.append(value)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension StringProtocol {
    /// The first range of `needle`, optionally ignoring ASCII case.
    func range(of needle: String, caseInsensitive: Bool) -> Range<Index>? {
        guard caseInsensitive else { return firstRange(of: needle) }
        let lowered = needle.lowercased()
        var index = startIndex
        while index < endIndex {
            if self[index...].prefix(lowered.count).lowercased() == lowered {
                return index..<(self.index(index, offsetBy: lowered.count))
            }
            index = self.index(after: index)
        }
        return nil
    }
}
