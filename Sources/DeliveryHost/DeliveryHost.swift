import Foundation
import Host
import Providers

/// The `delivery-host` command.
@main
struct DeliveryHost {
    /// Every subcommand, in the order `help` lists them.
    static let commands: [any Command.Type] = [
        StatusCommand.self,
        ServeCommand.self,
        ValidateCommand.self,
        SendCommand.self,
        EnqueueCommand.self,
        WorkerCommand.self,
        MessagesCommand.self,
        FixturesCommand.self,
        ProvidersCommand.self,
        SchemaCommand.self,
        VersionCommand.self,
        HelpCommand.self,
    ]

    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let name = arguments.isEmpty ? StatusCommand.name : arguments.removeFirst()
        guard let command = commands.first(where: { $0.name == name }) else {
            FileHandle.standardError.write("error: unknown command '\(name)'\n\n\(HelpCommand.usage)")
            exit(64)
        }
        do {
            let status = try await command.run(ArgumentParser(arguments, command: name))
            exit(status)
        } catch let error as CommandLineError {
            FileHandle.standardError.write("error: \(error.message)\n")
            exit(64)
        } catch let error as HostError {
            FileHandle.standardError.write("error: \(error.body.message)\n")
            exit(1)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write("invalid: \(error.issues.count) problem(s)\n\(error)\n")
            exit(65)
        } catch {
            FileHandle.standardError.write("error: \(error)\n")
            exit(1)
        }
    }
}

extension FileHandle {
    /// Writes UTF-8 text.
    func write(_ text: String) {
        write(Data(text.utf8))
    }
}
