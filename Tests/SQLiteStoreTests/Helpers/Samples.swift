import Engine
import Foundation
import Providers

/// Sample records and dates for the store tests. Every date is a whole number of milliseconds,
/// which is what the store keeps.
enum Samples {
    /// 2026-03-02 09:30:00.123 UTC, a Monday.
    static let epoch = millis(1_772_443_800_123)

    /// The date `milliseconds` after 1970.
    static func millis(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// `epoch` plus whole milliseconds.
    static func at(_ milliseconds: Int64) -> Date {
        millis(1_772_443_800_123 + milliseconds)
    }

    static let channel = ChannelKey(environment: "production", channelID: "email-main")

    static let recipient = Recipient(
        id: "user_1", email: "ada@example.test", phoneNumber: "+15555550100", name: "Ada Lovelace",
        timezone: "Europe/London", locale: "en-GB",
        channelData: ["push-ios": ["tokens": ["t1", "t2"]], "slack": ["channel": "C1", "n": 1.5]])

    static let sendWindows = [
        SendWindow(
            day: .monday, type: .send, from: TimeOfDay(secondsSinceMidnight: 9 * 3600),
            until: TimeOfDay(secondsSinceMidnight: 17 * 3600)),
        SendWindow(day: .sunday, type: .doNotSend),
    ]

    /// Content for every channel type that has any, with every field set.
    static let contents: [OutboundMessage.Content] = [
        .email(
            EmailContent(
                from: "Acme <hello@acme.test>", to: ["ada@example.test", "b@example.test"], cc: ["c@example.test"],
                bcc: ["d@example.test"], replyTo: ["support@acme.test"], subject: "Your receipt — №42",
                html: "<p>Hi \"Ada\" 👋</p>", text: "Hi Ada\nLine two", headers: ["X-Campaign": "spring"],
                attachments: [.init(filename: "receipt.pdf", contentType: "application/pdf", content: [0, 1, 2, 255])])),
        .sms(SMSContent(to: "+15555550199", text: "Code 123456")),
        .push(
            PushContent(
                title: "T", body: "B", badge: 3, sound: "ping.caf", data: ["deep_link": "app://x", "n": 1.25],
                collapseID: "c1", priority: .normal, timeToLive: 3600, silent: true)),
        .chat(
            ChatContent(
                text: "Deploy done", blocks: [["type": "section", "text": ["type": "mrkdwn", "text": "*done*"]]],
                channel: "C123", webhookURL: "https://hooks.example.test/x")),
        .webhook(
            WebhookContent(
                method: "PUT", url: "https://example.test/hook", headers: ["x-a": "1"],
                body: ["a": 1, "b": [true, .null, "s"]])),
    ]

    /// A queued message due at `due` (by default `epoch`).
    static func message(
        _ id: String, channel: ChannelKey = channel, status: DeliveryStatus = .queued, due: Date? = epoch,
        content: OutboundMessage.Content? = .sms(SMSContent(text: "Hello")), updatedAt: Date = epoch
    ) -> MessageRecord {
        MessageRecord(
            id: id, environment: channel.environment, channelID: channel.channelID, provider: "twilio",
            channelType: content?.channelType ?? .sms, recipient: recipient, content: content, status: status,
            nextAttemptAt: due, createdAt: epoch, updatedAt: updatedAt)
    }

    /// A message with every field set to something other than its default.
    static func fullMessage(_ id: String, content: OutboundMessage.Content?, channelType: ChannelType) -> MessageRecord
    {
        MessageRecord(
            id: id, environment: "staging", channelID: "ch-\(channelType.rawValue)", provider: "webhook",
            channelType: channelType, kind: .statusEvent,
            workflow: WorkflowReference(key: "welcome", runID: "run_1", recipientRunID: "rr_1", stepRef: "email_1"),
            recipient: recipient, content: content, sendWindows: sendWindows, status: .deliveryAttempted,
            engagement: Engagement(
                seenAt: at(1), readAt: at(2), interactedAt: at(3), linkClickedAt: at(4), archivedAt: at(5)),
            providerMessageID: "pm_\(id)", attemptCount: 2, nextAttemptAt: at(60_000), reauthenticationRetried: true,
            createdAt: at(-1000), updatedAt: at(7))
    }

    /// The `message.queued` event.
    static func queued(_ id: String, at date: Date = epoch) -> MessageEvent {
        MessageEvent(messageID: id, kind: .status(.queued), status: .queued, reason: "accepted", occurredAt: date)
    }

    /// An HTTP exchange as an attempt log keeps it (header names lowercase, as the fixture form stores them).
    static let exchange = HTTPFixture(
        provider: "webhook", caseName: "attempt-1", recordedAt: "2026-03-02T09:30:00Z",
        request: .init(
            method: "POST", url: "https://hooks.example.test/deliveries",
            headers: [("content-type", "application/json"), ("x-signature", HTTPFixture.redacted)],
            body: .json(["message_id": "msg_1"])),
        response: .init(status: 503, headers: [("retry-after", "30")], body: .text("unavailable")))
}
