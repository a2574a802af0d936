import Engine
import Foundation
import Host
import Providers
import Testing

/// A summarized exchange (a delivered attempt) shows its request line, headers and status, no bodies,
/// and the notes that say what was left out.
@Suite struct DeliveryLogJSONTests {
    @Test func aSummarizedExchangeHasNoBodiesAndSaysWhy() {
        let message = MessageRecord(
            id: "msg_s", environment: "development", channelID: "hooks", provider: "webhook", channelType: .webhook,
            recipient: Recipient(id: "user-1"), content: nil, nextAttemptAt: nil, createdAt: HostTestSupport.instant,
            updatedAt: HostTestSupport.instant)
        let exchange = HTTPFixture(
            provider: "webhook", caseName: "attempt", recordedAt: "2025-01-02T03:04:07Z",
            notes: "summary: request body 147 bytes, response body 2 bytes",
            request: .init(
                method: "POST", url: "https://hooks.example.test/in", headers: [("content-type", "application/json")]),
            response: .init(status: 200, headers: [("content-type", "text/plain")]))
        let log = DeliveryAttemptLog(
            messageID: "msg_s", attempt: 1, startedAt: HostTestSupport.instant, durationMilliseconds: 3,
            exchanges: [exchange], outcome: "accepted", detail: nil)
        let entries = MessageTimelineJSON.deliveryLogs(log, of: message)
        #expect(entries.count == 1)
        #expect(entries.first?["request"]?["body"] == .null)
        #expect(entries.first?["request"]?["path"] == "/in")
        #expect(
            entries.first?["response"] == ["status": 200, "headers": ["content-type": "text/plain"], "body": .null])
        #expect(entries.first?["notes"] == "summary: request body 147 bytes, response body 2 bytes")
    }
}
