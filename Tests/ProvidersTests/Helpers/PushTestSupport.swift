import Foundation
import Providers
import Signing
import Synchronization
import Testing
import Transport

/// A wall clock the push tests move by hand (token ages, expiry), starting at ``pinnedDate``.
final class PushTestClock: Sendable {
    private let date: Mutex<Date>

    init(_ start: Date = pinnedDate) {
        date = Mutex(start)
    }

    /// The current time.
    var now: Date { date.withLock { $0 } }

    /// The clock as the `now` function providers take.
    var function: @Sendable () -> Date { { self.now } }

    /// Moves the clock forward.
    func advance(minutes: Double = 0, seconds: Double = 0) {
        date.withLock { $0 += minutes * 60 + seconds }
    }
}

/// Answers every request with a handler (in any order, for concurrent sends) and records the requests.
actor PushRoutingTransport: HTTPTransport {
    typealias Handler = @Sendable (HTTPRequest) async throws -> HTTPResponse

    private let handler: Handler
    private(set) var requests: [HTTPRequest] = []

    init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        requests.append(request)
        return try await handler(request)
    }

    /// The requests whose URL contains `fragment`.
    func requests(to fragment: String) -> [HTTPRequest] {
        requests.filter { $0.url.contains(fragment) }
    }
}

/// The TEST ONLY keys in `Fixtures/keys` (RFC 7515's published keys; see the README there).
enum PushTestKeys {
    static func text(_ name: String) throws -> String {
        let folder = try #require(
            Bundle.module.url(forResource: "keys", withExtension: nil, subdirectory: "Fixtures"),
            "Fixtures/keys is missing from the test bundle")
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The APNs `.p8` test key (EC P-256).
    static func apnsKey() throws -> PrivateKey { try PrivateKey(pem: text("apns-test-key.p8")) }

    /// The APNs test key's public key.
    static func apnsPublicKey() throws -> PublicKey { try PublicKey(pem: text("apns-test-key.pub.pem")) }

    /// The FCM test service-account file (RSA key).
    static func serviceAccountJSON() throws -> String { try text("fcm-test-service-account.json") }

    /// The FCM test service account's public key.
    static func fcmPublicKey() throws -> PublicKey { try PublicKey(pem: text("fcm-test-service-account.pub.pem")) }
}

extension HTTPResponse {
    /// A response with a JSON body.
    static func json(_ status: Int, _ body: JSONValue, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers.add(name: "content-type", value: "application/json")
        return HTTPResponse(status: status, headers: headers, body: body.encodedBytes(), httpVersion: "2")
    }
}

/// A push message to `tokens` through channel `channel`.
func pushMessage(_ content: PushContent, tokens: [String], channel: String, id: String = "msg_push_1")
    -> OutboundMessage
{
    OutboundMessage(
        id: id, channelID: channel,
        recipient: Recipient(id: "user-1", channelData: [channel: ["tokens": .array(tokens.map(JSONValue.string))]]),
        content: .push(content), workflowKey: "order-shipped")
}

/// The ``ProviderError`` that `body` throws; records an issue if it throws something else or nothing.
func providerError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> some Any
) async -> ProviderError? {
    do {
        _ = try await body()
        Issue.record("expected a ProviderError, but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as ProviderError {
        return error
    } catch {
        Issue.record("expected a ProviderError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// The decoded header and claims of a compact JWT (not verified).
func jwtParts(_ compact: String) throws -> (header: String, claims: String) {
    let parts = compact.split(separator: ".").map(String.init)
    try #require(parts.count == 3)
    return (
        String(decoding: try Base64URL.decode(parts[0]), as: UTF8.self),
        String(decoding: try Base64URL.decode(parts[1]), as: UTF8.self)
    )
}
