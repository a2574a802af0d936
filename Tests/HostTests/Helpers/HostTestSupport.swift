import Foundation
import HTTPServer
import Host
import Providers
import Synchronization

/// Collects log lines written by a ``HostLogger``.
final class LineCollector: Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    func append(_ line: String) { storage.withLock { $0.append(line) } }
}

enum HostTestSupport {
    /// Keys built at run time; they look like nothing real.
    static let developmentKey = "test-key-development-" + String(repeating: "d", count: 8)
    static let productionKey = "test-key-production-" + String(repeating: "p", count: 8)

    /// A fixed instant: 2025-01-02T03:04:05Z.
    static let instant = Date(timeIntervalSince1970: 1_735_787_045)

    static func logger(
        _ collector: LineCollector, format: ServerSettings.LogFormat = .json, level: ServerSettings.LogLevel = .info
    )
        -> HostLogger
    {
        HostLogger(format: format, level: level, now: { instant }, write: { collector.append($0) })
    }

    /// A router with two environments' keys, fixed request ids and a fixed 1.5 ms duration per request.
    static func router(
        collector: LineCollector = LineCollector(), metrics: MetricsRegistry = MetricsRegistry(),
        level: ServerSettings.LogLevel = .info, maxBodyBytes: Int = 1024, maxJSONDepth: Int = 8
    ) -> APIRouter {
        APIRouter(
            authenticator: APIKeyAuthenticator(keysByEnvironment: [
                "development": [developmentKey], "production": [productionKey],
            ]),
            metrics: metrics, logger: logger(collector, level: level), maxBodyBytes: maxBodyBytes,
            maxJSONDepth: maxJSONDepth, makeRequestID: { "req_fixed" }, elapsed: { _ in .microseconds(1500) })
    }

    static func request(
        _ method: String, _ path: String, key: String? = developmentKey, headers: [(name: String, value: String)] = [],
        body: String? = nil
    ) -> HTTPServerRequest {
        var all = headers
        if let key { all.append(("Authorization", "Bearer " + key)) }
        return HTTPServerRequest(
            method: method, path: path, rawPath: path, headers: all, body: Array((body ?? "").utf8))
    }

    static func json(_ response: HTTPServerResponse) throws -> JSONValue {
        try JSONValue.parse(response.body)
    }

    static func header(_ response: HTTPServerResponse, _ name: String) -> String? {
        response.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
