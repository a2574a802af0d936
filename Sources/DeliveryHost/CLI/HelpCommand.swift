import Foundation

/// `delivery-host help`: lists the commands.
enum HelpCommand: Command {
    static let name = "help"
    static let summary = "List the commands"

    static var usage: String {
        let width = DeliveryHost.commands.map { $0.name.count }.max() ?? 0
        let lines = DeliveryHost.commands.map { command in
            "  \(command.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(command.summary)"
        }
        return "usage: delivery-host <command> [options]\n\ncommands:\n\(lines.joined(separator: "\n"))\n"
    }

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown([])
        print(usage, terminator: "")
        return 0
    }
}
