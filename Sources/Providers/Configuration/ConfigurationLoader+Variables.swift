extension ConfigurationLoader {
    /// The keys a variable's long form accepts.
    static let variableKeys = ["value", "secret", "description"]

    /// What a variable declaration may be, for messages.
    static let variableForms =
        #"a string, number, boolean or array, a reference {"$env": "NAME"} or {"$file": "path"}, "#
        + #"or {"value": …, "secret": true|false}"#

    /// A variable declaration before its references are resolved.
    struct VariableDeclaration {
        var value: JSONValue
        var isSecret: Bool?
        var file: String
        var path: JSONPath
    }

    /// Reads the top-level `variables` of every file (base values); a key may be declared in one file only.
    mutating func loadBaseVariables() -> [String: VariableDeclaration] {
        var declarations: [String: VariableDeclaration] = [:]
        for document in documents {
            guard let value = document.root["variables"] else { continue }
            let path = JSONPath.root.appending("variables")
            for (key, declaration) in variableDeclarations(value, in: document.file, at: path) {
                if let earlier = declarations[key] {
                    report(
                        document.file, path.appending(key), "variable '\(key)' is already declared in '\(earlier.file)'"
                    )
                    continue
                }
                declarations[key] = declaration
            }
        }
        return declarations
    }

    /// Resolves every environment's variables: the base values, overridden by the environment's own
    /// `variables`; secrecy is inherited from the base declaration unless the override sets it.
    mutating func resolveVariables(
        _ environments: [ChannelConfiguration.Environment], base: [String: VariableDeclaration]
    ) -> [ChannelConfiguration.Environment] {
        var resolved = environments
        for (index, environment) in environments.enumerated() {
            var declarations = base
            let path = JSONPath.root.appending("environments").appending(environment.name).appending("variables")
            if let overrides = documents.first(where: { $0.file == environment.file })?.root["environments"]?[
                environment.name]?["variables"]
            {
                for (key, declaration) in variableDeclarations(overrides, in: environment.file, at: path) {
                    var merged = declaration
                    if merged.isSecret == nil { merged.isSecret = base[key]?.isSecret }
                    declarations[key] = merged
                }
            }
            var variables: [String: ConfigurationVariable] = [:]
            for (key, declaration) in declarations {
                if let variable = variable(key, declaration, environment: environment.name) {
                    variables[key] = variable
                }
            }
            resolved[index].variables = variables
        }
        return resolved
    }

    private mutating func variableDeclarations(
        _ value: JSONValue, in file: String, at path: JSONPath
    ) -> [(String, VariableDeclaration)] {
        guard case .object(let object) = value, !ConfigurationReference.isReferenceLike(object) else {
            report(
                file, path, "expected an object of variables by key, found \(ConfigurationDescriptions.found(value))")
            return []
        }
        var result: [(String, VariableDeclaration)] = []
        for (key, member) in object {
            let here = path.appending(key)
            guard ConfigurationVariable.isValidKey(key) else {
                report(
                    file, here, "invalid variable key '\(key)': expected 1 to 64 characters of A-Z, a-z, 0-9 and '_'")
                continue
            }
            guard case .object(let long) = member, !ConfigurationReference.isReferenceLike(long) else {
                if member == .null {
                    report(file, here, "expected \(Self.variableForms), found null")
                } else {
                    result.append((key, VariableDeclaration(value: member, isSecret: nil, file: file, path: here)))
                }
                continue
            }
            var isValid = true
            for unknown in long.keys where !Self.variableKeys.contains(unknown) {
                report(
                    file, here.appending(unknown),
                    ConfigurationDescriptions.unknownKey(unknown, accepted: Self.variableKeys)
                        + "; a JSON object value is written as text or inside \"value\"")
                isValid = false
            }
            var isSecret: Bool?
            if let secret = long["secret"] {
                guard case .bool(let flag) = secret else {
                    report(
                        file, here.appending("secret"),
                        "expected true or false, found \(ConfigurationDescriptions.found(secret))")
                    continue
                }
                isSecret = flag
            }
            if let description = long["description"], description.stringValue == nil {
                report(
                    file, here.appending("description"),
                    "expected a string, found \(ConfigurationDescriptions.found(description))")
                isValid = false
            }
            guard let inner = long["value"] else {
                report(file, here, "missing required key 'value' (expected \(Self.variableForms))")
                continue
            }
            if isSecret == true, case .string = inner {
                report(
                    file, here.appending("value"),
                    "expected a secret reference, found an inline string (not shown); secret variables are never "
                        + #"written in configuration files: write {"$env": "NAME"} or {"$file": "path"}"#)
                isValid = false
            }
            if isValid {
                result.append(
                    (
                        key,
                        VariableDeclaration(value: inner, isSecret: isSecret, file: file, path: here.appending("value"))
                    )
                )
            }
        }
        return result
    }

    /// The variable's value in `environment`, or `nil` if it is invalid or its reference is not resolved there.
    private mutating func variable(
        _ key: String, _ declaration: VariableDeclaration, environment: String
    ) -> ConfigurationVariable? {
        let isSecret = declaration.isSecret ?? false
        switch declaration.value {
        case .object(let object) where ConfigurationReference.isReferenceLike(object):
            let reference: ConfigurationReference
            switch ConfigurationReference.parse(object) {
            case .success(let parsed): reference = parsed
            case .failure(let problem):
                report(declaration.file, declaration.path, problem.message)
                return nil
            }
            guard resolver.resolves(environment) else { return nil }
            switch resolver.resolve(reference, in: declaration.file) {
            case .success(let text):
                return ConfigurationVariable(
                    key: key, value: ConfigurationVariable.value(parsing: text), isSecret: isSecret)
            case .failure(let problem):
                report(
                    declaration.file, declaration.path,
                    "variable '\(key)' in environment '\(environment)': \(problem.message)")
                return nil
            }
        case .string(let text):
            if isSecret {
                report(
                    declaration.file, declaration.path,
                    "expected a secret reference, found an inline string (not shown); secret variables are never "
                        + #"written in configuration files: write {"$env": "NAME"} or {"$file": "path"}"#)
                return nil
            }
            return ConfigurationVariable(key: key, value: ConfigurationVariable.value(parsing: text), isSecret: false)
        case .object, .null:
            report(
                declaration.file, declaration.path,
                "expected \(Self.variableForms), found \(ConfigurationDescriptions.found(declaration.value))")
            return nil
        case let other:
            if isSecret {
                report(
                    declaration.file, declaration.path,
                    "expected a secret reference " + ConfigurationDescriptions.referenceForms
                        + ", found \(ConfigurationDescriptions.found(other))")
                return nil
            }
            return ConfigurationVariable(key: key, value: other, isSecret: false)
        }
    }
}
