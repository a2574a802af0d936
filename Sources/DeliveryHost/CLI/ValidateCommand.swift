import Foundation
import Providers

/// `delivery-host validate --config FILE`: checks a configuration file and everything it includes.
enum ValidateCommand: Command {
    static let name = "validate"
    static let summary = "Validate a channel configuration file (exit 0 valid, 65 invalid)"

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown(["config"])
        let configuration = try CommandInput.configuration(arguments)
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
