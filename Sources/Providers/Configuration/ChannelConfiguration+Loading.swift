import Foundation

extension ChannelConfiguration {
    /// Loads and validates a configuration file and the files it includes, resolving `$env` and `$file`.
    ///
    /// Every problem in every file is collected before anything is thrown, so one error lists them all.
    ///
    /// - Parameters:
    ///   - path: The root configuration file; included files and `$file` paths are relative to the file
    ///     that names them.
    ///   - registry: The providers channels may use; their ``SettingsSchema``s validate the settings.
    ///   - environmentVariables: What `{"$env": "NAME"}` reads; the process environment by default.
    ///   - fileReader: Reads the configuration files and `$file` secrets; the local file system by default.
    ///   - environments: The environments whose `$env`/`$file` references are resolved (all by default);
    ///     elsewhere references are only checked for shape, and ``requireSettings(channel:environment:)``
    ///     refuses those environments.
    /// - Returns: The validated configuration.
    /// - Throws: ``ConfigurationError`` listing every problem, sorted by file and path.
    public static func load(
        from path: String,
        registry: ProviderRegistry,
        environmentVariables: [String: String] = ChannelConfiguration.processEnvironment,
        fileReader: ConfigurationFileReader = .localFileSystem,
        resolvingEnvironments environments: Set<String>? = nil
    ) throws -> ChannelConfiguration {
        try load(
            rootFile: path, bytes: nil, registry: registry, environmentVariables: environmentVariables,
            fileReader: fileReader, environments: environments)
    }

    /// Loads and validates a configuration held in memory, such as one embedded in the host.
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 JSON text of the root file.
    ///   - name: The root file's name in issues; relative `include` and `$file` paths are resolved against
    ///     its directory (the working directory for a bare name).
    ///   - registry: The providers channels may use.
    ///   - environmentVariables: What `{"$env": "NAME"}` reads; the process environment by default.
    ///   - fileReader: Reads included files and `$file` secrets; the local file system by default.
    ///   - environments: The environments whose references are resolved (all by default).
    /// - Returns: The validated configuration.
    /// - Throws: ``ConfigurationError`` listing every problem, sorted by file and path.
    public static func load(
        json bytes: some Collection<UInt8>,
        name: String = "embedded.json",
        registry: ProviderRegistry,
        environmentVariables: [String: String] = ChannelConfiguration.processEnvironment,
        fileReader: ConfigurationFileReader = .localFileSystem,
        resolvingEnvironments environments: Set<String>? = nil
    ) throws -> ChannelConfiguration {
        try load(
            rootFile: name, bytes: Array(bytes), registry: registry, environmentVariables: environmentVariables,
            fileReader: fileReader, environments: environments)
    }

    private static func load(
        rootFile: String, bytes: [UInt8]?, registry: ProviderRegistry, environmentVariables: [String: String],
        fileReader: ConfigurationFileReader, environments: Set<String>?
    ) throws -> ChannelConfiguration {
        let resolver = ReferenceResolver(
            environmentVariables: environmentVariables, fileReader: fileReader, environments: environments)
        var loader = ConfigurationLoader(registry: registry, resolver: resolver)
        return try loader.load(rootFile: ConfigurationPath.normalize(rootFile), bytes: bytes)
    }

    /// This process's environment variables.
    public static var processEnvironment: [String: String] {
        ProcessInfo.processInfo.environment
    }
}
