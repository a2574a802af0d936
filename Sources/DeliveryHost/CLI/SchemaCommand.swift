import Foundation
import Providers

/// `delivery-host schema [--out FILE]`: the JSON Schema of configuration files for this build's providers.
enum SchemaCommand: Command {
    static let name = "schema"
    static let summary = "Print (or --out write) the JSON Schema for configuration files"

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown(["out"])
        let text = ConfigurationSchema.text(for: .standard)
        if let path = arguments.option("out") {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
        return 0
    }
}
