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
        String(decoding: encodedBytes(sortedKeys: sortedKeys, pretty: pretty), as: UTF8.self)
    }

    /// The UTF-8 bytes of ``encoded(sortedKeys:pretty:)``.
    public func encodedBytes(sortedKeys: Bool = false) -> [UInt8] {
        encodedBytes(sortedKeys: sortedKeys, pretty: false)
    }

    private func encodedBytes(sortedKeys: Bool, pretty: Bool) -> [UInt8] {
        // Bytes, not a String: appending to an array skips String's per-append UTF-8 bookkeeping, and run
        // bodies are encoded for every trigger.
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output, sortedKeys: sortedKeys, indent: pretty ? 0 : nil)
        return output
    }

    private func write(to output: inout [UInt8], sortedKeys: Bool, indent: Int?) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value): Self.writeNumber(value, to: &output)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else { return output.append(contentsOf: "[]".utf8) }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeNewline(indent.map { $0 + 1 }, to: &output)
                element.write(to: &output, sortedKeys: sortedKeys, indent: indent.map { $0 + 1 })
            }
            Self.writeNewline(indent, to: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else { return output.append(contentsOf: "{}".utf8) }
            let members = sortedKeys ? object.members.sorted { $0.key < $1.key } : object.members
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeNewline(indent.map { $0 + 1 }, to: &output)
                Self.writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                member.value.write(to: &output, sortedKeys: sortedKeys, indent: indent.map { $0 + 1 })
            }
            Self.writeNewline(indent, to: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A line break and two spaces per level, when pretty-printing (`level` is `nil` otherwise).
    private static func writeNewline(_ level: Int?, to output: inout [UInt8]) {
        guard let level else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    private static func writeNumber(_ value: Double, to output: inout [UInt8]) {
        output.append(contentsOf: format(value).utf8)
    }

    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Appends `value`'s bytes and returns `true` if none needs an escape; appends nothing otherwise.
    private static func plainCopy(of value: String, to output: inout [UInt8]) -> Bool {
        guard !value.utf8.contains(where: needsEscape) else { return false }
        output.append(contentsOf: value.utf8)
        return true
    }

    private static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape: their bytes are scanned and copied whole, from the string's own
        // storage when it has one (native strings do) instead of through the generic UTF-8 view.
        let plain =
            value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                guard !bytes.contains(where: needsEscape) else { return false }
                output.append(contentsOf: bytes)
                return true
            } ?? plainCopy(of: value, to: &output)
        if plain {
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): output.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): output.append(contentsOf: #"\t"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case ..<0x20:
                // \u00XX in lower-case hex, as String(radix: 16) padded to four digits writes it.
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default:
                // Every other byte, including those of multi-byte scalars, is written as it is.
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
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
