internal import Engine
internal import Foundation
public import HTTPServer
internal import Providers

/// The host's request handler: matches routes, authenticates, validates limits, calls the handler, and
/// answers errors with Knock's error body; every request is counted, timed and logged with its request id.
///
/// ```swift
/// var router = APIRouter(authenticator: authenticator, metrics: metrics, logger: logger)
/// router.register(OperationsRoutes(metrics: metrics, readiness: []))
/// let server = HTTPServer(configuration: serverConfiguration, handler: router)
/// ```
public struct APIRouter: HTTPRequestHandler {
    /// The routes.
    public private(set) var routes = RouteTable()
    /// Who may call ``RouteAccess/apiKey`` routes.
    public var authenticator: APIKeyAuthenticator
    /// Where request metrics go.
    public let metrics: MetricsRegistry
    /// Where request lines go.
    public var logger: HostLogger
    /// The largest body accepted; larger ones get 413 `request_too_large`.
    public var maxBodyBytes: Int
    /// The deepest JSON nesting accepted in bodies.
    public var maxJSONDepth: Int
    private let makeRequestID: @Sendable () -> String
    private let elapsed: @Sendable (ContinuousClock.Instant) -> Duration

    /// Creates a router with no routes.
    ///
    /// - Parameters:
    ///   - authenticator: Maps API keys to environments.
    ///   - metrics: The registry; the request families are declared in it.
    ///   - logger: Receives one line per request.
    ///   - maxBodyBytes: The largest body accepted (default 1 MiB).
    ///   - maxJSONDepth: The deepest JSON nesting accepted (default 64).
    ///   - makeRequestID: Makes ids for requests without a valid `x-request-id` (random by default).
    ///   - elapsed: How long since an instant (injected for exact durations in tests).
    public init(
        authenticator: APIKeyAuthenticator, metrics: MetricsRegistry, logger: HostLogger,
        maxBodyBytes: Int = 1 << 20, maxJSONDepth: Int = 64,
        makeRequestID: @escaping @Sendable () -> String = RequestID.random,
        elapsed: @escaping @Sendable (ContinuousClock.Instant) -> Duration = { ContinuousClock.now - $0 }
    ) {
        self.authenticator = authenticator
        self.metrics = metrics
        self.logger = logger
        self.maxBodyBytes = maxBodyBytes
        self.maxJSONDepth = maxJSONDepth
        self.makeRequestID = makeRequestID
        self.elapsed = elapsed
        HostMetrics.declareRequestMetrics(in: metrics)
    }

    /// Adds a group's routes.
    public mutating func register(_ group: some RouteGroup) {
        routes.register(group)
    }

    /// Adds one route (see ``RouteTable/add(_:_:access:_:)``).
    public mutating func add(
        _ method: String, _ pattern: String, access: RouteAccess = .apiKey, _ handler: @escaping RouteHandler
    ) {
        routes.add(method, pattern, access: access, handler)
    }

    public func handle(_ request: HTTPServerRequest) async -> HTTPServerResponse {
        let start = ContinuousClock.now
        let requestID = RequestID.accepted(request.header("x-request-id")) ?? makeRequestID()
        let method = request.method.uppercased()
        var label = "unmatched"
        var environment: String?
        var response: HTTPServerResponse
        switch routes.match(method: method, rawPath: request.rawPath) {
        case .notFound:
            response = .json(["errors": ["detail": "404 Not Found"]], status: 404)
        case .methodNotAllowed(let allowed):
            response = .json(["errors": ["detail": "405 Method Not Allowed"]], status: 405)
            response.headers.append(("Allow", allowed.joined(separator: ", ")))
        case .found(let route, let parameters):
            label = route.pattern.description
            do {
                if route.access == .apiKey {
                    environment = try authenticator.environment(authorization: request.header("authorization"))
                }
                guard request.body.count <= maxBodyBytes else { throw HostError.requestTooLarge(limit: maxBodyBytes) }
                let context = APIRequest(
                    http: request, environment: environment, requestID: requestID, route: label,
                    parameters: parameters, maxJSONDepth: maxJSONDepth)
                response = try await route.handler(context)
            } catch {
                response = .error(hostError(error, requestID: requestID))
            }
        }
        if method == "HEAD" { response.body = [] }
        response.headers.append(("x-request-id", requestID))
        let duration = elapsed(start)
        record(method: method, route: label, status: response.status, duration: duration)
        var fields: [(String, HostLogger.Value)] = [
            ("request_id", .string(requestID)), ("method", .string(method)), ("route", .string(label)),
            ("status", .int(response.status)), ("duration_ms", .double(Self.milliseconds(duration))),
        ]
        if let environment { fields.append(("environment", .string(environment))) }
        if logger.level == .debug { fields += HostLogger.loggableHeaders(request.headers) }
        logger.log(response.status >= 500 ? .error : .info, "request", fields)
        return response
    }

    private func hostError(_ error: any Error, requestID: String) -> HostError {
        switch error {
        case let error as HostError: return error
        case let error as EngineError: return HostError(error, requestID: requestID)
        default:
            logger.log(
                .error, "handler failed",
                [("request_id", .string(requestID)), ("error_type", .string("\(type(of: error))"))])
            return .internalError(requestID: requestID)
        }
    }

    private func record(method: String, route: String, status: Int, duration: Duration) {
        metrics.increment(
            HostMetrics.requests.name, ["route": route, "method": method, "status": String(status)])
        metrics.observe(HostMetrics.requestDuration.name, ["route": route, "method": method], Self.seconds(duration))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func milliseconds(_ duration: Duration) -> Double {
        seconds(duration) * 1000
    }
}

/// Request ids: the client's `x-request-id` when it is sensible, else a random one.
public enum RequestID {
    /// A client-sent id, if it is 1 to 128 visible ASCII characters; `nil` otherwise.
    public static func accepted(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count),
            value.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else { return nil }
        return value
    }

    /// A random id: `req_` and 24 lower-case hex digits.
    @Sendable public static func random() -> String {
        "req_" + RandomText.hex(byteCount: 12)
    }
}
