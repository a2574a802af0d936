import Foundation
import Providers

/// Reading the inputs commands share: configuration files and inline-or-file JSON.
enum CommandInput {
    /// Loads and validates a configuration file; only the `--env` environment's references are resolved
    /// when one is given.
    static func configuration(_ arguments: ArgumentParser) throws -> ChannelConfiguration {
        let path = try arguments.required("config", "file")
        let environments = arguments.option("env").map { Set([$0]) }
        return try ChannelConfiguration.load(from: path, registry: .standard, resolvingEnvironments: environments)
    }

    /// Parses a JSON argument: inline JSON text, or `@path` to read a file.
    static func json(_ arguments: ArgumentParser, _ name: String) throws -> JSONValue {
        let value = try arguments.required(name, "JSON or @file")
        var bytes = Array(value.utf8)
        if value.hasPrefix("@") {
            let path = String(value.dropFirst())
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandLineError(message: "--\(name): cannot read \(path)")
            }
            bytes = Array(data)
        }
        do {
            return try JSONValue.parse(bytes)
        } catch let error as JSONParseError {
            throw CommandLineError(message: "--\(name) is not valid JSON: \(error)")
        }
    }
}

/// Printing results as JSON on standard output.
enum CommandOutput {
    static func print(_ value: JSONValue) {
        Swift.print(value.encoded(pretty: true))
    }
}
