import Providers

/// `delivery-host providers`: the providers this build can send through.
enum ProvidersCommand: Command {
    static let name = "providers"
    static let summary = "List the providers this build supports"

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown([])
        for definition in ProviderRegistry.standard.all {
            print("\(definition.id.rawValue) (\(definition.channelType.rawValue)): \(definition.summary)")
        }
        return 0
    }
}
