/// Wording shared by configuration issues: what was found and what is accepted.
enum ConfigurationDescriptions {
    /// How a reference is written, for messages.
    static let referenceForms = #"{"$env": "NAME"} or {"$file": "path"}"#

    /// The JSON type of `value` with its article: `a string`, `an object`, `null`.
    static func found(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object(let object) where ConfigurationReference.isReferenceLike(object): "a reference"
        case .object: "an object"
        }
    }

    /// A string value shown in a message: quoted and shortened, or hidden if it came from a reference.
    static func found(_ text: String, from origin: String?) -> String {
        if let origin { return "the value of \(origin) (not shown)" }
        let shown = text.count > 60 ? text.prefix(57) + "…" : Substring(text)
        return JSONValue.string(String(shown)).encoded().replacingDoubleQuotes()
    }

    /// A number value shown in a message.
    static func found(number: Double) -> String {
        JSONValue.number(number).encoded()
    }

    /// `'a', 'b' and 'c'`.
    static func quotedList(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    }

    /// `a, b, c`, or `none` for an empty list.
    static func plainList(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.joined(separator: ", ")
    }

    /// `unknown key 'x'; did you mean 'y'? (accepted: a, b)`.
    static func unknownKey(_ key: String, accepted: [String]) -> String {
        var message = "unknown key '\(key)'"
        if let suggestion = KeySuggestion.closest(to: key, in: accepted) {
            message += "; did you mean '\(suggestion)'?"
        }
        return message + " (accepted: \(plainList(accepted)))"
    }

    /// What a field of `kind` accepts, after "expected".
    static func expectation(_ kind: SettingsField.Kind, httpsOnly: Bool = false) -> String {
        switch kind {
        case .string(nil): "a string"
        case .string(let values?): "one of " + plainList(values)
        case .secret: "a secret reference " + referenceForms
        case .url: httpsOnly ? "an absolute https URL" : "an absolute http or https URL"
        case .integer(let range) where range.upperBound == Int.max: "an integer of at least \(range.lowerBound)"
        case .integer(let range): "an integer from \(range.lowerBound) to \(range.upperBound)"
        case .boolean: "true or false"
        case .stringMap: "an object whose values are strings"
        case .array: "an array"
        case .object: "an object"
        case .json: "any JSON value"
        }
    }
}

extension String {
    /// Swaps the outer double quotes of an encoded JSON string for single quotes, for messages.
    fileprivate func replacingDoubleQuotes() -> String {
        guard count >= 2, first == "\"", last == "\"" else { return self }
        return "'" + dropFirst().dropLast() + "'"
    }
}
