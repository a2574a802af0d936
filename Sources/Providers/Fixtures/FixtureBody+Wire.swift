import Foundation

extension FixtureBody {
    /// Interprets wire bytes by their content type: JSON, form fields, text, or binary.
    public init(bytes: [UInt8], contentType: String?) {
        // Byte searches: the names are ASCII, and this runs for every logged exchange.
        let type = Array((contentType?.lowercased() ?? "").utf8)
        if bytes.isEmpty {
            self = .none
        } else if type.firstRange(of: Self.jsonBytes) != nil, let json = try? JSONValue.parse(bytes) {
            self = .json(json)
        } else if type.firstRange(of: Self.formBytes) != nil {
            self = .form(Self.parseForm(String(decoding: bytes, as: UTF8.self)))
        } else if type.isEmpty, let json = try? JSONValue.parse(bytes),
            json.objectValue != nil || json.arrayValue != nil
        {
            self = .json(json)
        } else if let text = String(validating: bytes, as: UTF8.self) {
            self = .text(text)
        } else {
            self = .binary(bytes)
        }
    }

    private static let jsonBytes = Array("json".utf8)
    private static let formBytes = Array("application/x-www-form-urlencoded".utf8)

    /// The bytes to put on the wire.
    public var bytes: [UInt8] {
        switch self {
        case .none: []
        case .json(let value): value.encodedBytes()
        case .form(let fields): Array(Self.encodeForm(fields).utf8)
        case .text(let text): Array(text.utf8)
        case .binary(let bytes): bytes
        }
    }

    /// Parses `application/x-www-form-urlencoded` text (`+` is a space).
    static func parseForm(_ text: String) -> [FormField] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            return FormField(name: decode(parts[0]), value: parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// Encodes form fields (unreserved characters kept, space as `+`).
    static func encodeForm(_ fields: [FormField]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~ ")
        func encode(_ text: String) -> String {
            (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(
                of: " ", with: "+")
        }
        return fields.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }
}
