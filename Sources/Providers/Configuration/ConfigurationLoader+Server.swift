import Transport

extension ConfigurationLoader {
    /// Validates the root file's `host` section; included files may not have one.
    mutating func loadServerSettings(rootFile: String) -> ServerSettings {
        var settings = ServerSettings()
        for document in documents {
            guard let value = document.root["host"] else { continue }
            let path = JSONPath.root.appending("host")
            guard document.file == rootFile else {
                report(document.file, path, "the host section belongs in the root configuration file '\(rootFile)'")
                continue
            }
            guard case .object(let object) = value else {
                report(document.file, path, "expected an object, found \(ConfigurationDescriptions.found(value))")
                continue
            }
            readServerSettings(object, into: &settings, file: document.file, at: path)
        }
        return settings
    }

    private mutating func readServerSettings(
        _ object: JSONObject, into settings: inout ServerSettings, file: String, at path: JSONPath
    ) {
        for key in object.keys where !ServerSettings.keys.contains(key) {
            report(file, path.appending(key), ConfigurationDescriptions.unknownKey(key, accepted: ServerSettings.keys))
        }
        for (key, value) in object {
            let here = path.appending(key)
            switch key {
            case "address":
                if let text = value.stringValue, !text.isEmpty, !text.contains(where: \.isWhitespace) {
                    settings.address = text
                } else {
                    expected("an IP address or host name such as '127.0.0.1' or '0.0.0.0'", value, file, here)
                }
            case "port":
                integer(value, in: ServerSettings.portRange, file, here).map { settings.port = $0 }
            case "threads":
                integer(value, in: ServerSettings.threadRange, file, here).map { settings.threads = $0 }
            case "max_body_bytes":
                integer(value, in: ServerSettings.bodyLimitRange, file, here).map { settings.maxBodyBytes = $0 }
            case "data_directory":
                if let text = value.stringValue, !text.isEmpty {
                    settings.dataDirectory = ConfigurationPath.resolve(text, relativeTo: file)
                } else {
                    expected("a directory path", value, file, here)
                }
            case "workflows_directory", "partials_directory", "translations_directory":
                if let text = value.stringValue, !text.isEmpty {
                    let resolved = ConfigurationPath.resolve(text, relativeTo: file)
                    switch key {
                    case "workflows_directory": settings.workflowsDirectory = resolved
                    case "partials_directory": settings.partialsDirectory = resolved
                    default: settings.translationsDirectory = resolved
                    }
                } else {
                    expected("a directory path", value, file, here)
                }
            case "default_locale":
                if let text = value.stringValue, ServerSettings.isLocale(text) {
                    settings.defaultLocale = text
                } else {
                    expected("a locale such as 'en' or 'en-GB'", value, file, here)
                }
            case "log_format":
                choice(value, ServerSettings.LogFormat.self, file, here).map { settings.logFormat = $0 }
            case "log_level":
                choice(value, ServerSettings.LogLevel.self, file, here).map { settings.logLevel = $0 }
            case "log_content":
                if let flag = value.boolValue {
                    settings.logContent = flag
                } else {
                    expected("true or false", value, file, here)
                }
            case "outbound_allow_list":
                readAllowList(value, into: &settings, file: file, at: here)
            case "public_url":
                if let text = value.stringValue, let url = ServerSettings.normalizedPublicURL(text) {
                    settings.publicURL = url
                } else {
                    expected(
                        "an absolute http or https URL without query, fragment or credentials, such as "
                            + "'https://hooks.acme.example'", value, file, here)
                }
            default:
                break
            }
        }
    }

    /// Validates every environment's `api_keys`: a non-empty array of `$env`/`$file` references, resolved
    /// where the resolver resolves that environment. A key may select only one environment.
    ///
    /// - Returns: The resolved keys by environment name (environments without keys are left out).
    mutating func loadAPIKeys() -> [String: [String]] {
        var keys: [String: [String]] = [:]
        var owners: [String: String] = [:]
        for document in documents {
            guard let environments = document.root["environments"]?.objectValue else { continue }
            for (name, settings) in environments {
                guard let value = settings.objectValue?["api_keys"] else { continue }
                let path = JSONPath.root.appending("environments").appending(name).appending("api_keys")
                guard case .array(let entries) = value, !entries.isEmpty else {
                    let found = value.arrayValue != nil ? "an empty array" : ConfigurationDescriptions.found(value)
                    report(
                        document.file, path,
                        "expected a non-empty array of secret references \(ConfigurationDescriptions.referenceForms), found \(found)"
                    )
                    continue
                }
                for (index, entry) in entries.enumerated() {
                    let here = path.appending(index: index)
                    guard let key = apiKey(entry, environment: name, file: document.file, at: here) else { continue }
                    if let owner = owners[key] {
                        let message =
                            owner == name
                            ? "this API key (not shown) is listed twice in environment '\(name)'"
                            : "this API key (not shown) is already a key of environment '\(owner)'; a key selects one environment"
                        report(document.file, here, message)
                        continue
                    }
                    owners[key] = name
                    keys[name, default: []].append(key)
                }
            }
        }
        return keys
    }

    /// The shortest API key accepted, in characters.
    static let minimumAPIKeyLength = 16

    private mutating func apiKey(_ value: JSONValue, environment: String, file: String, at path: JSONPath) -> String? {
        guard case .object(let object) = value, ConfigurationReference.isReferenceLike(object) else {
            let found =
                value.stringValue != nil ? "an inline string (not shown)" : ConfigurationDescriptions.found(value)
            report(
                file, path,
                "expected a secret reference \(ConfigurationDescriptions.referenceForms), found \(found); "
                    + "API keys are never written in configuration files")
            return nil
        }
        let reference: ConfigurationReference
        switch ConfigurationReference.parse(object) {
        case .success(let parsed): reference = parsed
        case .failure(let problem):
            report(file, path, problem.message)
            return nil
        }
        guard resolver.resolves(environment) else { return nil }
        switch resolver.resolve(reference, in: file) {
        case .success(let key) where key.count >= Self.minimumAPIKeyLength && !key.contains(where: \.isWhitespace):
            return key
        case .success:
            report(
                file, path,
                "the API key read from \(reference.origin) (not shown) must be at least "
                    + "\(Self.minimumAPIKeyLength) characters with no whitespace")
            return nil
        case .failure(let problem):
            report(file, path, problem.message)
            return nil
        }
    }

    // MARK: - Helpers

    private mutating func integer(_ value: JSONValue, in range: ClosedRange<Int>, _ file: String, _ path: JSONPath)
        -> Int?
    {
        if let number = value.intValue, range.contains(number) { return number }
        expected("a whole number from \(range.lowerBound) to \(range.upperBound)", value, file, path)
        return nil
    }

    private mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ value: JSONValue, _ type: Choice.Type, _ file: String, _ path: JSONPath
    ) -> Choice? where Choice.RawValue == String {
        if let text = value.stringValue, let choice = Choice(rawValue: text) { return choice }
        let accepted = Choice.allCases.map(\.rawValue)
        expected("one of \(ConfigurationDescriptions.quotedList(accepted))", value, file, path)
        return nil
    }

    /// `outbound_allow_list`: every entry must be an address, a CIDR network or a host name (what
    /// ``OutboundAddressPolicy`` accepts), so `validate` catches a bad entry before `serve` starts.
    private mutating func readAllowList(
        _ value: JSONValue, into settings: inout ServerSettings, file: String, at path: JSONPath
    ) {
        guard let entries = value.arrayValue else {
            expected("an array such as [\"127.0.0.1\", \"10.1.0.0/16\", \"hooks.internal.test\"]", value, file, path)
            return
        }
        var accepted: [String] = []
        for (index, entry) in entries.enumerated() {
            if let text = entry.stringValue, (try? OutboundAddressPolicy(allowing: [text])) != nil {
                accepted.append(text)
            } else {
                expected(
                    "an IP address, a network in CIDR notation (10.0.0.0/8) or a host name", entry, file,
                    path.appending(index: index))
            }
        }
        settings.outboundAllowList = accepted
    }

    private mutating func expected(_ what: String, _ value: JSONValue, _ file: String, _ path: JSONPath) {
        report(file, path, "expected \(what), found \(Self.shown(value))")
    }

    /// A host setting's value for a message: strings and numbers are shown (they are not secrets).
    private static func shown(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): ConfigurationDescriptions.found(text, from: nil)
        case .number(let number): ConfigurationDescriptions.found(number: number)
        case .array(let elements) where elements.isEmpty: "an empty array"
        default: ConfigurationDescriptions.found(value)
        }
    }
}
