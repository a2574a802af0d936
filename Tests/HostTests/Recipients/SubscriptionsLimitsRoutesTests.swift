import Engine
import Foundation
import Providers
import Testing

/// The subscription endpoints' per-call limits.
@Suite struct SubscriptionsLimitsRoutesTests {
    let api = RecipientAPI()
    static let path = "/v1/objects/projects/p1/subscriptions"

    static func users(_ range: ClosedRange<Int>) -> String {
        "[" + range.map { "{\"id\": \"u\($0)\"}" }.joined(separator: ",") + "]"
    }

    // §27 #179: adding accepts 100 recipients per call; deleting 101 is rejected, 100 accepted.
    @Test func upTo100RecipientsPerCall() async throws {
        #expect(try await api.call("PUT", "/v1/objects/projects/p1", "{}").status == 200)
        let added = try await api.call("POST", Self.path, #"{"recipients": \#(Self.users(1...100))}"#)
        #expect(added.status == 200)
        #expect(added.json?.arrayValue?.count == 100)
        let tooMany = try await api.call("DELETE", Self.path, #"{"recipients": \#(Self.users(1...101))}"#)
        #expect(tooMany.status == 422)
        #expect(
            tooMany.json
                == RecipientAPI.invalidParams("recipients: has 101 entries; 1 to 100 recipients are accepted per call"))
        let deleted = try await api.call(
            "DELETE", Self.path, "{\"recipients\": [" + (1...100).map { "\"u\($0)\"" }.joined(separator: ",") + "]}")
        #expect(deleted.status == 200)
        #expect(deleted.json?.arrayValue?.count == 100)
        #expect(try await api.call("GET", Self.path).json?["entries"] == [])
    }
}
