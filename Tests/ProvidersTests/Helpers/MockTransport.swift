import Foundation
import Providers
import Transport

/// Records every request and answers each with the next scripted result.
actor MockTransport: HTTPTransport {
    enum Reply {
        case response(HTTPResponse)
        case failure(TransportError)
    }

    private var replies: [Reply]
    private(set) var requests: [HTTPRequest] = []

    init(_ replies: [Reply]) {
        self.replies = replies
    }

    init(status: Int, headers: HTTPHeaders = [:], body: String = "") {
        self.init([.response(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))])
    }

    func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        requests.append(request)
        guard !replies.isEmpty else { throw TransportError(.internalFailure, "MockTransport has no reply left") }
        switch replies.removeFirst() {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }
}

/// A fixed wall clock for signatures: 2023-11-14T22:13:20Z.
let pinnedDate = Date(timeIntervalSince1970: 1_700_000_000)

extension DeliveryContext {
    /// A context for tests: a deadline far ahead, attempt 1.
    static func test(environment: String = "development") -> DeliveryContext {
        DeliveryContext(deadline: .now + .seconds(60), idempotencyKey: "idem-1", environment: environment)
    }
}
