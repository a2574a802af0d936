/// Reads user-supplied JSON (a message, a recipient), collecting every problem with its JSON path.
///
/// Problems become ``ConfigurationIssue``s under `source` (such as `--message`), so input errors read
/// like configuration errors: where, what was found, what is accepted.
struct JSONInputReader {
    private(set) var issues: [ConfigurationIssue] = []
    private let source: String

    init(source: String) {
        self.source = source
    }

    /// The members of an object, or an issue if `value` is not one.
    mutating func object(_ value: JSONValue, at path: String, allowed: Set<String>) -> JSONObject {
        guard case .object(let object) = value else {
            fail(path, "expected an object, found \(describe(value))")
            return JSONObject()
        }
        for key in object.keys where !allowed.contains(key) {
            fail("\(path).\(key)", "unknown key; accepted: \(allowed.sorted().joined(separator: ", "))")
        }
        return object
    }

    mutating func string(_ object: JSONObject, _ key: String, at path: String, required: Bool = false) -> String? {
        guard let value = object[key], value != .null else {
            if required { fail("\(path).\(key)", "is required (a string)") }
            return nil
        }
        guard let string = value.stringValue else {
            fail("\(path).\(key)", "expected a string, found \(describe(value))")
            return nil
        }
        return string
    }

    mutating func int(_ object: JSONObject, _ key: String, at path: String, range: ClosedRange<Int>) -> Int? {
        guard let value = object[key], value != .null else { return nil }
        guard let int = value.intValue, range.contains(int) else {
            fail(
                "\(path).\(key)",
                "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(describe(value))")
            return nil
        }
        return int
    }

    mutating func bool(_ object: JSONObject, _ key: String, at path: String) -> Bool? {
        guard let value = object[key], value != .null else { return nil }
        guard let bool = value.boolValue else {
            fail("\(path).\(key)", "expected true or false, found \(describe(value))")
            return nil
        }
        return bool
    }

    /// A string or an array of strings, as a list.
    mutating func strings(_ object: JSONObject, _ key: String, at path: String) -> [String] {
        switch object[key] {
        case nil, .null: return []
        case .string(let value): return [value]
        case .array(let values) where values.allSatisfy({ $0.stringValue != nil }):
            return values.compactMap(\.stringValue)
        case let value?:
            fail("\(path).\(key)", "expected a string or an array of strings, found \(describe(value))")
            return []
        }
    }

    mutating func stringMap(_ object: JSONObject, _ key: String, at path: String) -> [String: String] {
        guard let value = object[key], value != .null else { return [:] }
        guard let members = value.objectValue else {
            fail("\(path).\(key)", "expected an object of strings, found \(describe(value))")
            return [:]
        }
        var map: [String: String] = [:]
        for (name, member) in members {
            guard let string = member.stringValue else {
                fail("\(path).\(key).\(name)", "expected a string, found \(describe(member))")
                continue
            }
            map[name] = string
        }
        return map
    }

    mutating func fail(_ path: String, _ message: String) {
        issues.append(ConfigurationIssue(file: source, path: path, message: message))
    }

    /// Throws every collected issue at once.
    func finish() throws {
        guard issues.isEmpty else { throw ConfigurationError(issues: issues) }
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "the string \"\(text.prefix(40))\""
        default:
            value.typeName == "array" || value.typeName == "object"
                ? "an \(value.typeName)" : "\(value.typeName) \(value.encoded())"
        }
    }
}
