/// A `{"$env": "NAME"}` or `{"$file": "path"}` value: text kept outside the configuration file.
enum ConfigurationReference: Sendable, Hashable {
    /// The value of an environment variable.
    case environmentVariable(String)
    /// The contents of a file, relative to the configuration file that names it, without one trailing newline.
    case file(String)

    /// Whether `object` is meant as a reference (it has a `$env` or `$file` member), well-formed or not.
    static func isReferenceLike(_ object: JSONObject) -> Bool {
        object["$env"] != nil || object["$file"] != nil
    }

    /// Parses a reference-like object.
    ///
    /// - Returns: The reference, or why the object is not a well-formed one.
    static func parse(_ object: JSONObject) -> Result<ConfigurationReference, ConfigurationProblem> {
        guard object.members.count == 1, let member = object.members.first else {
            let keys = ConfigurationDescriptions.quotedList(object.keys)
            return .failure(
                ConfigurationProblem(
                    "expected a reference with exactly one member, \(ConfigurationDescriptions.referenceForms); "
                        + "found an object with keys \(keys)"))
        }
        guard case .string(let name) = member.value, !name.isEmpty else {
            let found =
                member.value.stringValue == nil ? ConfigurationDescriptions.found(member.value) : "an empty string"
            let expected = member.key == "$env" ? "an environment variable name" : "a file path"
            return .failure(ConfigurationProblem("expected \(expected) in \(member.key), found \(found)"))
        }
        return .success(member.key == "$env" ? .environmentVariable(name) : .file(name))
    }

    /// Where the value comes from, for messages: `environment variable 'NAME'` or `file 'path'`.
    var origin: String {
        switch self {
        case .environmentVariable(let name): "environment variable '\(name)'"
        case .file(let path): "file '\(path)'"
        }
    }
}

/// A problem message that is not yet placed at a file and path.
struct ConfigurationProblem: Error, Sendable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
