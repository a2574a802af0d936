/// Reads a configuration's files (following includes), then validates environments and channels.
///
/// All files are read first, so channels in any file may name environments declared in any other.
struct ConfigurationLoader {
    /// One parsed file.
    struct Document {
        var file: String
        var root: JSONObject
    }

    /// The keys a configuration file may have.
    static let topLevelKeys = ["$schema", "include", "environments", "channels", "channel_groups", "host", "variables"]

    let registry: ProviderRegistry
    let resolver: ReferenceResolver
    /// The problems found so far.
    var issues: [ConfigurationIssue] = []
    /// The parsed files, root first, then includes depth-first in order.
    var documents: [Document] = []
    /// Every file read or attempted, in order, and the file that included it (`nil` for the root).
    var includedFrom: [(file: String, includer: String?)] = []
    /// Whether some file could not be read or parsed, so that what is missing may be in it.
    var isIncomplete = false
    /// Environments declared with invalid settings: channels configured in them are not checked further.
    var invalidEnvironments: Set<String> = []

    init(registry: ProviderRegistry, resolver: ReferenceResolver) {
        self.registry = registry
        self.resolver = resolver
    }

    /// Loads from the root file, read through the resolver's file reader unless `bytes` are given.
    mutating func load(rootFile: String, bytes: [UInt8]?) throws -> ChannelConfiguration {
        if let bytes {
            readDocument(rootFile, bytes: bytes, stack: [])
        } else {
            do {
                readDocument(rootFile, bytes: try resolver.fileReader.read(rootFile), stack: [])
            } catch {
                report(rootFile, .root, "cannot read the configuration file: \(error)")
                isIncomplete = true
            }
        }
        let baseVariables = loadBaseVariables()
        let environments = resolveVariables(loadEnvironments(rootFile: rootFile), base: baseVariables)
        let (channels, settings) = loadChannels(environments: environments)
        checkStatusWebhooks(environments, channels: channels)
        let channelGroups = loadChannelGroups(channels: channels)
        let server = loadServerSettings(rootFile: rootFile)
        let apiKeys = loadAPIKeys()
        guard issues.isEmpty else { throw ConfigurationError(issues: issues) }
        var configuration = ChannelConfiguration(
            environments: environments, channels: channels, files: includedFrom.map(\.file), settings: settings,
            resolvedEnvironments: resolver.environments)
        configuration.server = server
        configuration.apiKeys = apiKeys
        configuration.channelGroups = channelGroups
        return configuration
    }

    /// Parses one file, checks its top-level keys and reads its includes.
    ///
    /// - Parameter stack: The files including this one, root first, to detect cycles.
    private mutating func readDocument(_ file: String, bytes: [UInt8], stack: [String]) {
        includedFrom.append((file, stack.last))
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch let error as JSONParseError {
            issues.append(
                ConfigurationIssue(
                    file: file, path: "$", line: error.line, column: error.column,
                    message: "invalid JSON: \(error.message)"))
            isIncomplete = true
            return
        } catch {
            report(file, .root, "invalid JSON: \(error)")
            isIncomplete = true
            return
        }
        guard case .object(let root) = value else {
            report(file, .root, "expected an object, found \(ConfigurationDescriptions.found(value))")
            isIncomplete = true
            return
        }
        for key in root.keys where !Self.topLevelKeys.contains(key) {
            report(
                file, JSONPath.root.appending(key),
                ConfigurationDescriptions.unknownKey(key, accepted: Self.topLevelKeys))
        }
        if let schema = root["$schema"], schema.stringValue == nil {
            report(
                file, JSONPath.root.appending("$schema"),
                "expected a string, found \(ConfigurationDescriptions.found(schema))")
        }
        documents.append(Document(file: file, root: root))
        if let include = root["include"] {
            readIncludes(include, of: file, stack: stack + [file])
        }
    }

    private mutating func readIncludes(_ include: JSONValue, of file: String, stack: [String]) {
        let path = JSONPath.root.appending("include")
        guard case .array(let entries) = include else {
            report(file, path, "expected an array of file paths, found \(ConfigurationDescriptions.found(include))")
            return
        }
        for (index, entry) in entries.enumerated() {
            let entryPath = path.appending(index: index)
            guard case .string(let relative) = entry, !relative.isEmpty else {
                let found = entry.stringValue == nil ? ConfigurationDescriptions.found(entry) : "an empty string"
                report(file, entryPath, "expected a file path, found \(found)")
                continue
            }
            let included = ConfigurationPath.resolve(relative, relativeTo: file)
            let named = included == relative ? "'\(relative)'" : "'\(relative)' (resolved to '\(included)')"
            if let start = stack.firstIndex(of: included) {
                let cycle = (stack[start...] + [included]).map { "'\($0)'" }.joined(separator: " → ")
                report(file, entryPath, "include cycle: \(cycle)")
            } else if let earlier = includedFrom.first(where: { $0.file == included }) {
                let by = earlier.includer.map { "by '\($0)'" } ?? "as the root file"
                report(file, entryPath, "\(named) is already included \(by); a file may be included only once")
            } else {
                do {
                    let bytes = try resolver.fileReader.read(included)
                    readDocument(included, bytes: bytes, stack: stack)
                } catch {
                    report(file, entryPath, "cannot read included file \(named): \(error)")
                    isIncomplete = true
                }
            }
        }
    }

    /// Records an issue.
    mutating func report(_ file: String, _ path: JSONPath, _ message: String) {
        issues.append(ConfigurationIssue(file: file, path: path.description, message: message))
    }
}
