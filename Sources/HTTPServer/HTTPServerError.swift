/// The one error type of the `HTTPServer` module.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable { case startFailed, invalidConfiguration }
        private let base: Base
        /// The server could not start (address in use, permission denied, already started…).
        public static let startFailed = Code(base: .startFailed)
        /// The configuration is invalid (a port out of range…); the message names the field.
        public static let invalidConfiguration = Code(base: .invalidConfiguration)
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "HTTPServerError.\(code): \(message)" }
}
