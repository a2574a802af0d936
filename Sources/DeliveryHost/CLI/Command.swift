/// One `delivery-host` subcommand.
protocol Command: Sendable {
    /// The word that selects it, such as `version`.
    static var name: String { get }
    /// One line for `help`.
    static var summary: String { get }
    /// Runs the command.
    ///
    /// - Returns: The process exit status.
    static func run(_ arguments: ArgumentParser) async throws -> Int32
}

/// A usage mistake: reported as `error: <message>` with exit status 64 (EX_USAGE).
struct CommandLineError: Error {
    var message: String
}
