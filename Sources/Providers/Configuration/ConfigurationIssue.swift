/// One problem found while loading a channel configuration: where it is and what is wrong.
///
/// The ``path`` is a JSONPath into ``file``, such as
/// `$.channels.postmark-transactional.environments.production.server_token`. Messages say what was found
/// and what is accepted, and never contain secret values or values read through `$env` or `$file`.
public struct ConfigurationIssue: Sendable, Hashable, CustomStringConvertible {
    /// The configuration file, as written in the `include` that named it (relative to the working directory).
    public var file: String
    /// The JSONPath of the offending value or key in ``file``; `$` for the whole document.
    public var path: String
    /// The 1-based line, for text that is not valid JSON.
    public var line: Int?
    /// The 1-based column, for text that is not valid JSON.
    public var column: Int?
    /// What is wrong: what was found and what is accepted.
    public var message: String

    /// Creates an issue.
    public init(file: String, path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file: path: message`, or `file:line:column: message` for text that is not valid JSON.
    public var description: String {
        if let line, let column { return "\(file):\(line):\(column): \(message)" }
        return "\(file): \(path): \(message)"
    }
}
