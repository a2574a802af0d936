public import HTTPServer

/// What a request needs to reach a route's handler.
public enum RouteAccess: Sendable, Hashable {
    /// A secret API key (`Authorization: Bearer …`) that selects the environment.
    case apiKey
    /// Nothing: operations endpoints such as `/healthz` and provider callbacks (which verify signatures).
    case open
}

/// Answers one routed request.
///
/// Handlers throw ``HostError`` (or `EngineError`) for failures; the router answers them with Knock's
/// error body. They must not log secrets or message bodies.
public typealias RouteHandler = @Sendable (APIRequest) async throws -> HTTPServerResponse

/// One registered route: a method, a path pattern, who may call it and its handler.
public struct Route: Sendable {
    /// The method, upper case.
    public var method: String
    /// The path pattern.
    public var pattern: RoutePattern
    /// What a request needs to reach the handler.
    public var access: RouteAccess
    /// The handler.
    public var handler: RouteHandler
}

/// The routes of an API, matched by method and path.
///
/// Registering two routes with the same method and pattern, or a malformed pattern, is a programming
/// error and stops the process.
public struct RouteTable: Sendable {
    /// The routes, in registration order.
    public private(set) var routes: [Route] = []
    /// The indexes in ``routes`` of the routes that could match a path, by its number of segments and
    /// its second segment, in registration order (see ``CandidateKey``).
    private var candidates: [CandidateKey: [Int]] = [:]

    /// Which routes a path could match: those with as many segments and, when a pattern's second segment
    /// is a literal, that literal (`workflows` in `/v1/workflows/:key/trigger`). Patterns with a parameter
    /// there, or fewer than two segments, are filed under `second == nil` and are candidates for every
    /// path with their number of segments.
    private struct CandidateKey: Hashable {
        var segmentCount: Int
        var second: String?
    }

    /// Creates an empty table.
    public init() {}

    /// Adds a route.
    ///
    /// - Parameters:
    ///   - method: `GET`, `POST`, `PUT`, `DELETE`…
    ///   - pattern: A ``RoutePattern`` text such as `/v1/users/:user_id`.
    ///   - access: What a request needs (default: an API key).
    ///   - handler: The handler.
    public mutating func add(
        _ method: String, _ pattern: String, access: RouteAccess = .apiKey, _ handler: @escaping RouteHandler
    ) {
        guard let parsed = RoutePattern(pattern) else { preconditionFailure("malformed route pattern '\(pattern)'") }
        let method = method.uppercased()
        precondition(
            !routes.contains { $0.method == method && $0.pattern.segments == parsed.segments },
            "route \(method) \(pattern) is registered twice")
        let second: String? =
            if parsed.segments.count > 1, case .literal(let literal) = parsed.segments[1] { literal } else { nil }
        candidates[CandidateKey(segmentCount: parsed.segments.count, second: second), default: []].append(routes.count)
        routes.append(Route(method: method, pattern: parsed, access: access, handler: handler))
    }

    /// Adds every route of a group.
    public mutating func register(_ group: some RouteGroup) {
        group.register(in: &self)
    }

    /// How a request matched.
    public enum Match: Sendable {
        /// A route for the method and path, with the path's parameters.
        case found(Route, parameters: [String: String])
        /// The path matches routes, but none for this method; the methods that exist, sorted.
        case methodNotAllowed(allowed: [String])
        /// No route has this path.
        case notFound
    }

    /// Finds the route for a method and raw (percent-encoded) path; literal segments win over
    /// parameters when two patterns match (`/v1/users/bulk` before `/v1/users/:user_id`).
    public func match(method: String, rawPath: String) -> Match {
        let segments = RoutePattern.rawSegments(of: rawPath)
        var allowed: Set<String> = []
        var best: (index: Int, parameters: [String: String], literals: Int)?
        // Only the routes with as many segments and the same second segment (or a parameter there) are
        // visited, in registration order, and their parameters are decoded only once the literal segments
        // match: this runs on every request.
        let withLiteral =
            segments.count > 1
            ? candidates[CandidateKey(segmentCount: segments.count, second: String(segments[1]))] : nil
        let withParameter = candidates[CandidateKey(segmentCount: segments.count, second: nil)]
        for index in Self.merged(withLiteral ?? [], withParameter ?? []) where routes[index].pattern.mayMatch(segments)
        {
            guard let parameters = routes[index].pattern.match(segments) else { continue }
            let routeMethod = routes[index].method
            guard routeMethod == method || (method == "HEAD" && routeMethod == "GET") else {
                allowed.insert(routeMethod)
                continue
            }
            let literals = routes[index].pattern.segments.count - parameters.count
            if literals > best?.literals ?? -1 { best = (index, parameters, literals) }
        }
        if let best { return .found(routes[best.index], parameters: best.parameters) }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed.sorted())
    }

    /// Two ascending lists of indexes as one ascending list.
    private static func merged(_ first: [Int], _ second: [Int]) -> [Int] {
        if second.isEmpty { return first }
        if first.isEmpty { return second }
        var result: [Int] = []
        result.reserveCapacity(first.count + second.count)
        var (firstIndex, secondIndex) = (0, 0)
        while firstIndex < first.count || secondIndex < second.count {
            if secondIndex == second.count || (firstIndex < first.count && first[firstIndex] < second[secondIndex]) {
                result.append(first[firstIndex])
                firstIndex += 1
            } else {
                result.append(second[secondIndex])
                secondIndex += 1
            }
        }
        return result
    }
}

/// A group of routes registered together, such as the users or the operations endpoints.
///
/// ```swift
/// var router = APIRouter(...)
/// router.register(OperationsRoutes(metrics: metrics, readiness: checks))
/// ```
///
/// Implementations add their routes in ``register(in:)`` and keep the stores they need as properties;
/// they must be safe to call from many requests at once.
public protocol RouteGroup: Sendable {
    /// Adds the group's routes.
    func register(in routes: inout RouteTable)
}
