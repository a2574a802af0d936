import Foundation
import Providers
import Transport

/// Answers each request by its URL from a fixed table and records every request; an unknown URL fails.
actor RoutingTransport: HTTPTransport {
    private let routes: [String: HTTPResponse]
    private(set) var requests: [HTTPRequest] = []

    init(_ routes: [String: HTTPResponse]) {
        self.routes = routes
    }

    /// How many requests went to `url`.
    func count(_ url: String) -> Int {
        requests.filter { $0.url == url }.count
    }

    func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        requests.append(request)
        // Give concurrent callers a chance to overlap with this request.
        for _ in 0..<10 { await Task.yield() }
        guard let response = routes[request.url] else {
            throw TransportError(.connectFailed, "RoutingTransport has no route for \(request.url)")
        }
        return response
    }
}
