import Foundation

/// Reads fields of a fixture's JSON, naming the JSON path of whatever is missing or mistyped.
struct FixtureReader {
    let object: JSONObject
    let path: String

    init(_ value: JSONValue, path: String) throws {
        guard case .object(let object) = value else { throw FixtureError("\(path) must be an object") }
        self.object = object
        self.path = path
    }

    func string(_ key: String) throws -> String {
        guard let value = object[key]?.stringValue else { throw FixtureError("\(path).\(key) must be a string") }
        return value
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = object[key] else { return nil }
        guard let string = value.stringValue else { throw FixtureError("\(path).\(key) must be a string") }
        return string
    }

    func optionalBool(_ key: String) throws -> Bool? {
        guard let value = object[key] else { return nil }
        guard let bool = value.boolValue else { throw FixtureError("\(path).\(key) must be true or false") }
        return bool
    }

    func int(_ key: String) throws -> Int {
        guard let value = object[key]?.intValue else { throw FixtureError("\(path).\(key) must be a whole number") }
        return value
    }

    func object(_ key: String) throws -> FixtureReader {
        guard let value = object[key] else { throw FixtureError("\(path).\(key) is missing") }
        return try FixtureReader(value, path: "\(path).\(key)")
    }

    func optionalObject(_ key: String) throws -> FixtureReader? {
        guard let value = object[key] else { return nil }
        return try FixtureReader(value, path: "\(path).\(key)")
    }

    func strings(_ key: String) throws -> [String] {
        guard let value = object[key] else { return [] }
        guard let array = value.arrayValue, let strings = Optional(array.compactMap(\.stringValue)),
            strings.count == array.count
        else { throw FixtureError("\(path).\(key) must be an array of strings") }
        return strings
    }

    func headers() throws -> [(name: String, value: String)] {
        guard let value = object["headers"] else { return [] }
        guard let headers = value.objectValue else { throw FixtureError("\(path).headers must be an object") }
        return try headers.members.flatMap { member -> [(name: String, value: String)] in
            switch member.value {
            case .string(let value): return [(member.key, value)]
            case .array(let values) where values.allSatisfy({ $0.stringValue != nil }):
                return values.map { (member.key, $0.stringValue!) }
            default: throw FixtureError("\(path).headers.\(member.key) must be a string or an array of strings")
            }
        }
    }

    func body() throws -> FixtureBody {
        let kinds = ["body", "body_form", "body_text", "body_base64"].filter { object[$0] != nil }
        guard kinds.count <= 1 else {
            throw FixtureError("\(path) has \(kinds.joined(separator: " and ")); a fixture body is exactly one of them")
        }
        if let json = object["body"] { return .json(json) }
        if let text = object["body_text"] {
            guard let text = text.stringValue else { throw FixtureError("\(path).body_text must be a string") }
            return .text(text)
        }
        if let base64 = object["body_base64"] {
            guard let text = base64.stringValue, let data = Data(base64Encoded: text) else {
                throw FixtureError("\(path).body_base64 must be base64 text")
            }
            return .binary(Array(data))
        }
        if let form = object["body_form"] {
            guard let pairs = form.arrayValue else {
                throw FixtureError("\(path).body_form must be an array of [name, value]")
            }
            return .form(
                try pairs.map { pair in
                    guard let items = pair.arrayValue, items.count == 2, let name = items[0].stringValue,
                        let value = items[1].stringValue
                    else { throw FixtureError("\(path).body_form entries must be [name, value] string pairs") }
                    return FixtureBody.FormField(name: name, value: value)
                })
        }
        return .none
    }
}
