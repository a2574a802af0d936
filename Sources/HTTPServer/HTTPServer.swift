/// An HTTP/1.1 server on libmicrohttpd that hands complete requests to an ``HTTPRequestHandler``.
///
/// Placeholder: the libmicrohttpd implementation lands with the HTTP server work; until then
/// ``start()`` throws.
public final class HTTPServer: Sendable {
    /// The configuration it was created with.
    public let configuration: HTTPServerConfiguration
    private let handler: any HTTPRequestHandler

    /// Creates a server; it does not listen until ``start()``.
    public init(configuration: HTTPServerConfiguration, handler: any HTTPRequestHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// The port it listens on once started.
    public var port: Int { configuration.port }

    /// Starts listening.
    ///
    /// - Throws: ``HTTPServerError`` if the address cannot be bound.
    public func start() throws {
        throw HTTPServerError(.startFailed, "not implemented yet")
    }

    /// Stops accepting connections, lets requests in flight finish (up to `drainSeconds`), then stops.
    public func shutdown(drainSeconds: Int = 10) async {}
}

/// The one error type of the `HTTPServer` module.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable { case startFailed, invalidConfiguration }
        private let base: Base
        /// The server could not start (address in use, permission denied…).
        public static let startFailed = Code(base: .startFailed)
        /// The configuration is invalid (a port out of range…).
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
