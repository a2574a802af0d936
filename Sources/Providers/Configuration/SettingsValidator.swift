/// Checks one channel environment's settings against a ``SettingsSchema``, resolving `$env` and `$file`.
///
/// Every problem is recorded in ``issues`` (validation goes on past it); every value read through a
/// reference is recorded in ``secrets``.
struct SettingsValidator {
    /// The configuration file holding the settings.
    let file: String
    /// The environment's name, for messages.
    let environment: String
    /// Whether URLs must be `https` (see ``SettingsField/Kind/url(httpsInProduction:)``).
    let isProduction: Bool
    /// Resolves references.
    let resolver: ReferenceResolver
    /// The problems found so far.
    private(set) var issues: [ConfigurationIssue] = []
    /// The values read through references, in order of first appearance.
    private(set) var secrets: [String] = []

    init(file: String, environment: String, isProduction: Bool, resolver: ReferenceResolver) {
        self.file = file
        self.environment = environment
        self.isProduction = isProduction
        self.resolver = resolver
    }

    /// Validates an object against `schema`: known keys, required keys and `requireOneOf` groups.
    ///
    /// - Returns: The object with references resolved and invalid members left out, or `nil` if `value`
    ///   is not an object.
    mutating func validateObject(_ value: JSONValue, schema: SettingsSchema, at path: JSONPath) -> JSONObject? {
        guard case .object(let object) = value, !ConfigurationReference.isReferenceLike(object) else {
            report(at: path, "expected an object, found \(ConfigurationDescriptions.found(value))")
            return nil
        }
        var result = JSONObject()
        for (key, member) in object {
            guard let field = schema.field(key) else {
                reportUnknownKey(key, accepted: schema.fields.map(\.name), at: path.appending(key))
                continue
            }
            if let valid = validate(member, as: field.kind, at: path.appending(key)) { result[key] = valid }
        }
        for field in schema.fields where field.isRequired && object[field.name] == nil {
            let expected = ConfigurationDescriptions.expectation(field.kind, httpsOnly: requiresHTTPS(field.kind))
            report(at: path, "missing required key '\(field.name)' (expected \(expected))")
        }
        for group in schema.requireOneOf where !group.contains(where: { object[$0] != nil }) {
            report(at: path, "expected at least one of \(ConfigurationDescriptions.quotedList(group)); found none")
        }
        return result
    }

    /// Validates one value.
    ///
    /// - Returns: The value with references resolved, or `nil` if it is invalid.
    mutating func validate(_ value: JSONValue, as kind: SettingsField.Kind, at path: JSONPath) -> JSONValue? {
        switch kind {
        case .string(let accepted):
            guard let (text, origin) = string(value, kind: kind, at: path) else { return nil }
            if let accepted, !accepted.contains(text) {
                let found = ConfigurationDescriptions.found(text, from: origin)
                report(at: path, "expected one of \(ConfigurationDescriptions.plainList(accepted)); found \(found)")
                return nil
            }
            return .string(text)
        case .secret:
            return secret(value, at: path).map(JSONValue.string)
        case .url(let httpsInProduction):
            guard let (text, origin) = string(value, kind: kind, at: path) else { return nil }
            return url(text, from: origin, httpsOnly: httpsInProduction && isProduction, at: path).map(JSONValue.string)
        case .integer(let range):
            guard let number = value.intValue, range.contains(number) else {
                let found =
                    value.numberValue.map(ConfigurationDescriptions.found(number:))
                    ?? ConfigurationDescriptions.found(value)
                report(at: path, "expected \(ConfigurationDescriptions.expectation(kind)), found \(found)")
                return nil
            }
            return value
        case .boolean:
            guard case .bool = value else { return typeMismatch(value, kind: kind, at: path) }
            return value
        case .stringMap:
            guard case .object(let object) = value, !ConfigurationReference.isReferenceLike(object) else {
                return typeMismatch(value, kind: kind, at: path)
            }
            var result = JSONObject()
            for (key, member) in object {
                if let valid = validate(member, as: .string(), at: path.appending(key)) { result[key] = valid }
            }
            return .object(result)
        case .array(let element):
            guard case .array(let elements) = value else { return typeMismatch(value, kind: kind, at: path) }
            var valid: [JSONValue] = []
            for (index, item) in elements.enumerated() {
                if let item = validate(item, as: element, at: path.appending(index: index)) { valid.append(item) }
            }
            return valid.count == elements.count ? .array(valid) : nil
        case .object(let schema):
            return validateObject(value, schema: schema, at: path).map(JSONValue.object)
        case .json:
            return value
        }
    }

    // MARK: - Kinds

    /// A string written inline or read through a reference, with the reference's origin.
    private mutating func string(
        _ value: JSONValue, kind: SettingsField.Kind, at path: JSONPath
    ) -> (text: String, origin: String?)? {
        switch value {
        case .string(let text):
            return (text, nil)
        case .object(let object) where ConfigurationReference.isReferenceLike(object):
            return resolve(object, at: path)
        default:
            typeMismatch(value, kind: kind, at: path)
            return nil
        }
    }

    private mutating func secret(_ value: JSONValue, at path: JSONPath) -> String? {
        switch value {
        case .object(let object) where ConfigurationReference.isReferenceLike(object):
            return resolve(object, at: path)?.text
        case .string:
            report(
                at: path,
                "expected a secret reference, found an inline string (not shown); secrets are never written in "
                    + #"configuration files: write {"$env": "NAME"} to read it from an environment variable "#
                    + #"or {"$file": "path"} to read it from a file"#)
            return nil
        default:
            typeMismatch(value, kind: .secret, at: path)
            return nil
        }
    }

    private mutating func url(_ text: String, from origin: String?, httpsOnly: Bool, at path: JSONPath) -> String? {
        let found = ConfigurationDescriptions.found(text, from: origin)
        guard let scheme = ConfigurationURL.scheme(ofAbsoluteURL: text) else {
            report(
                at: path,
                "expected \(ConfigurationDescriptions.expectation(.url(), httpsOnly: httpsOnly)), found \(found)")
            return nil
        }
        if httpsOnly && scheme != "https" {
            report(at: path, "expected an https URL in production environment '\(environment)', found \(found)")
            return nil
        }
        return text
    }

    private mutating func resolve(_ object: JSONObject, at path: JSONPath) -> (text: String, origin: String?)? {
        let reference: ConfigurationReference
        switch ConfigurationReference.parse(object) {
        case .success(let parsed): reference = parsed
        case .failure(let problem):
            report(at: path, problem.message)
            return nil
        }
        guard resolver.resolves(environment) else { return nil }
        switch resolver.resolve(reference, in: file) {
        case .success(let text):
            if !secrets.contains(text) { secrets.append(text) }
            return (text, reference.origin)
        case .failure(let problem):
            report(at: path, problem.message)
            return nil
        }
    }

    // MARK: - Reporting

    @discardableResult
    private mutating func typeMismatch(_ value: JSONValue, kind: SettingsField.Kind, at path: JSONPath) -> JSONValue? {
        let expected = ConfigurationDescriptions.expectation(kind, httpsOnly: requiresHTTPS(kind))
        report(at: path, "expected \(expected), found \(ConfigurationDescriptions.found(value))")
        return nil
    }

    private func requiresHTTPS(_ kind: SettingsField.Kind) -> Bool {
        if case .url(true) = kind { return isProduction }
        return false
    }

    private mutating func reportUnknownKey(_ key: String, accepted: [String], at path: JSONPath) {
        report(at: path, ConfigurationDescriptions.unknownKey(key, accepted: accepted))
    }

    mutating func report(at path: JSONPath, _ message: String) {
        issues.append(ConfigurationIssue(file: file, path: path.description, message: message))
    }
}
