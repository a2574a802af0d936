internal import HTTPServer
internal import Providers

/// Something that must hold for the host to be ready, such as "the store is open".
public struct ReadinessCheck: Sendable {
    /// The check's name in `/readyz` answers, such as `store` or `pipeline`.
    public var name: String
    /// Whether it holds now; must be quick and must not throw.
    public var check: @Sendable () async -> Bool

    /// Creates a check.
    public init(_ name: String, _ check: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.check = check
    }
}

/// The operations endpoints, open to every caller: `GET /healthz` (alive), `GET /readyz` (every
/// readiness check holds) and `GET /metrics` (Prometheus text format 0.0.4).
public struct OperationsRoutes: RouteGroup {
    /// The registry `/metrics` renders.
    public var metrics: MetricsRegistry
    /// The checks `/readyz` runs, in order.
    public var readiness: [ReadinessCheck]

    /// Creates the group.
    public init(metrics: MetricsRegistry, readiness: [ReadinessCheck]) {
        self.metrics = metrics
        self.readiness = readiness
    }

    public func register(in routes: inout RouteTable) {
        routes.add("GET", "/healthz", access: .open) { _ in .json(["status": "ok"]) }
        let readiness = readiness
        routes.add("GET", "/readyz", access: .open) { _ in
            var checks = JSONObject()
            var ready = true
            for check in readiness {
                let passed = await check.check()
                ready = ready && passed
                checks[check.name] = .string(passed ? "ok" : "failing")
            }
            return .json(
                ["status": .string(ready ? "ready" : "not_ready"), "checks": .object(checks)], status: ready ? 200 : 503
            )
        }
        let metrics = metrics
        routes.add("GET", "/metrics", access: .open) { _ in
            .text(await metrics.exposition(), contentType: MetricsText.contentType)
        }
    }
}
