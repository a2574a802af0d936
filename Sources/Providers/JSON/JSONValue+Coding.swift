extension JSONValue {
    /// Parses JSON text, keeping object member order.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 JSON text.
    ///   - maximumDepth: How deeply arrays and objects may nest.
    /// - Throws: ``JSONParseError`` with the line, column and what was expected.
    public static func parse(_ bytes: some Collection<UInt8>, maximumDepth: Int = 128) throws -> JSONValue {
        var parser = JSONParser(Array(bytes), maximumDepth: maximumDepth)
        return try parser.parseDocument()
    }

    /// Parses JSON text, keeping object member order.
    public static func parse(_ text: String) throws -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Compact JSON text (no white space); object members in order, or sorted by key if `sortedKeys`.
    public func encoded(sortedKeys: Bool = false, pretty: Bool = false) -> String {
        var output = ""
        write(to: &output, sortedKeys: sortedKeys, indent: pretty ? 0 : nil)
        return output
    }

    /// The UTF-8 bytes of ``encoded(sortedKeys:pretty:)``.
    public func encodedBytes(sortedKeys: Bool = false) -> [UInt8] {
        Array(encoded(sortedKeys: sortedKeys).utf8)
    }

    private func write(to output: inout String, sortedKeys: Bool, indent: Int?) {
        let newline = indent.map { "\n" + String(repeating: "  ", count: $0 + 1) } ?? ""
        let closing = indent.map { "\n" + String(repeating: "  ", count: $0) } ?? ""
        let separator = indent == nil ? ":" : ": "
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += Self.format(value)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else { output += "[]"; return }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                output += newline
                element.write(to: &output, sortedKeys: sortedKeys, indent: indent.map { $0 + 1 })
            }
            output += closing + "]"
        case .object(let object):
            guard !object.isEmpty else { output += "{}"; return }
            let members = sortedKeys ? object.members.sorted { $0.key < $1.key } : object.members
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                output += newline
                Self.writeString(member.key, to: &output)
                output += separator
                member.value.write(to: &output, sortedKeys: sortedKeys, indent: indent.map { $0 + 1 })
            }
            output += closing + "}"
        }
    }

    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func writeString(_ value: String, to output: inout String) {
        output += "\""
        // Most strings need no escape: appending them whole writes the same scalars as the loop below.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += value
            output += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case let scalar where scalar.value < 0x20:
                output +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            let dictionary = try container.decode([String: JSONValue].self)
            self = .object(JSONObject(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let object):
            try container.encode(Dictionary(object.members.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }))
        }
    }
}
