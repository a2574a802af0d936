/// Resolves `$env` and `$file` references through an injected environment and file reader.
struct ReferenceResolver: Sendable {
    /// The environment variables `$env` reads.
    var environmentVariables: [String: String]
    /// Reads `$file` files.
    var fileReader: ConfigurationFileReader
    /// The environments whose references are resolved; `nil` for all. References elsewhere are only
    /// checked for shape, so a developer needs no production secrets to send in development.
    var environments: Set<String>? = nil

    /// Whether references in `environment`'s settings are resolved.
    func resolves(_ environment: String) -> Bool {
        environments?.contains(environment) ?? true
    }

    /// The text `reference` stands for.
    ///
    /// - Parameters:
    ///   - reference: The reference.
    ///   - file: The configuration file holding the reference; relative `$file` paths are relative to it.
    /// - Returns: The text (a file's contents without one trailing `\n` or `\r\n`), or why there is none.
    ///   Messages name the variable or file, never a value.
    func resolve(_ reference: ConfigurationReference, in file: String) -> Result<String, ConfigurationProblem> {
        switch reference {
        case .environmentVariable(let name):
            guard let value = environmentVariables[name] else {
                return .failure(ConfigurationProblem("environment variable '\(name)' is not set"))
            }
            guard !value.isEmpty else {
                return .failure(ConfigurationProblem("environment variable '\(name)' is set but empty"))
            }
            return .success(value)
        case .file(let path):
            let resolved = ConfigurationPath.resolve(path, relativeTo: file)
            let named = resolved == path ? "file '\(path)'" : "file '\(path)' (resolved to '\(resolved)')"
            let bytes: [UInt8]
            do {
                bytes = try fileReader.read(resolved)
            } catch {
                return .failure(ConfigurationProblem("cannot read \(named): \(error)"))
            }
            guard var text = String(validating: bytes, as: UTF8.self) else {
                return .failure(ConfigurationProblem("\(named) is not UTF-8 text"))
            }
            if text.hasSuffix("\r\n") || text.hasSuffix("\n") { text.removeLast() }
            guard !text.isEmpty else { return .failure(ConfigurationProblem("\(named) is empty")) }
            return .success(text)
        }
    }
}
