import Foundation
public import Transport

/// An ``HTTPTransport`` that answers from recorded fixtures and checks every outgoing request.
///
/// Fixtures are served in order, each once. A request that does not match the next fixture fails
/// with ``TransportError/Code/invalidRequest`` whose message lists every difference; the mismatch is
/// also kept in ``mismatches`` so tests can assert on it even when the adapter maps the error.
///
/// ```swift
/// let replay = try ReplayTransport(directory: "Tests/ProvidersTests/Fixtures/webhook", case: "delivered")
/// let receipt = try await provider.send(message, context: context)
/// #expect(await replay.mismatches.isEmpty)
/// #expect(await replay.remaining.isEmpty)
/// ```
public actor ReplayTransport: HTTPTransport {
    private var queue: [HTTPFixture]
    /// Every mismatch so far, one message per rejected request.
    public private(set) var mismatches: [String] = []
    /// Every request received, in order.
    public private(set) var requests: [HTTPRequest] = []

    /// Replays the given fixtures in order.
    public init(_ fixtures: [HTTPFixture]) {
        queue = fixtures
    }

    /// Replays the fixture files of one case: `<directory>/<case>.json`, or `<case>.1.json`, `<case>.2.json`, … in order.
    ///
    /// - Throws: ``FixtureError`` if no such file exists or one does not parse.
    public init(directory: String, case caseName: String) throws {
        let single = (directory as NSString).appendingPathComponent("\(caseName).json")
        if FileManager.default.fileExists(atPath: single) {
            queue = [try HTTPFixture.load(path: single)]
            return
        }
        var fixtures: [HTTPFixture] = []
        while true {
            let path = (directory as NSString).appendingPathComponent("\(caseName).\(fixtures.count + 1).json")
            guard FileManager.default.fileExists(atPath: path) else { break }
            fixtures.append(try HTTPFixture.load(path: path))
        }
        guard !fixtures.isEmpty else { throw FixtureError("\(directory): no fixture for case '\(caseName)'") }
        queue = fixtures
    }

    /// The fixtures not yet served.
    public var remaining: [HTTPFixture] { queue }

    public func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        requests.append(request)
        guard let fixture = queue.first else {
            let message = "no fixture left for \(request.method) \(request.url)"
            mismatches.append(message)
            throw TransportError(.invalidRequest, "fixture replay: \(message)")
        }
        let differences = FixtureMatcher.differences(fixture, request)
        guard differences.isEmpty else {
            let message =
                "request does not match fixture \(fixture.provider)/\(fixture.caseName):\n"
                + differences.map { "  - \($0)" }.joined(separator: "\n")
            mismatches.append(message)
            throw TransportError(.invalidRequest, "fixture replay: \(message)")
        }
        queue.removeFirst()
        var headers = HTTPHeaders()
        for (name, value) in fixture.response.headers { headers.add(name: name, value: value) }
        return HTTPResponse(status: fixture.response.status, headers: headers, body: fixture.response.body.bytes)
    }
}
