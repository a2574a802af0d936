import Foundation
import Providers

/// `delivery-host validate --config FILE`: checks a configuration file and everything it includes.
enum ValidateCommand: Command {
    static let name = "validate"
    static let summary =
        "Validate a configuration file (--env: resolve only that environment's secrets); exit 65 if invalid"

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown(["config", "env"])
        let configuration = try CommandInput.configuration(arguments)
        if let environment = arguments.option("env"), configuration.environment(named: environment) == nil {
            throw CommandLineError(
                message:
                    "--env: unknown environment '\(environment)'; declared: \(configuration.environments.map(\.name).joined(separator: ", "))"
            )
        }
        print(
            "valid: \(configuration.files.count) file(s), \(configuration.environments.count) environment(s), \(configuration.channels.count) channel(s)"
        )
        for environment in configuration.environments {
            let channels = configuration.settings(in: environment.name).map { settings in
                settings.channelID + (settings.isEnabled ? "" : " (disabled)")
                    + (settings.isSandbox ? " (sandbox)" : "")
            }
            let kind = environment.isProduction ? "production" : "non-production"
            print(
                "  \(environment.name) [\(kind), \(environment.timezone)]: \(channels.isEmpty ? "no channels" : channels.joined(separator: ", "))"
            )
        }
        return 0
    }
}
