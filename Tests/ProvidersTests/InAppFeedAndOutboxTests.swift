import Foundation
import Providers
import Testing
import Transport

@Suite struct InAppFeedAndOutboxTests {
    private static let context = DeliveryContext(
        deadline: .now + .seconds(5), idempotencyKey: "msg_1", environment: "production")

    @Test func inAppContentReadsAndWritesItsJSONForm() throws {
        let json: JSONValue = [
            "markdown_body": "Hi **Ann**", "action_url": "https://app.example.test/x", "data": ["order": 42],
        ]
        let content = try OutboundMessage.Content(json: json, channelType: .inAppFeed, source: "--message")
        #expect(
            content
                == .inAppFeed(
                    InAppFeedContent(
                        markdownBody: "Hi **Ann**", actionURL: "https://app.example.test/x", data: ["order": 42])))
        #expect(content.json == json)
        #expect(content.channelType == .inAppFeed)
        do {
            _ = try OutboundMessage.Content(json: ["body": "x"], channelType: .inAppFeed, source: "--message")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("$.body"))
            #expect("\(error)".contains("markdown_body"))
        }
    }

    @Test func feedBlocksCarryTheMarkdownAndItsRendering() {
        let content = InAppFeedContent(
            markdownBody: "# Hello\n\nYour **order** <b>shipped</b>\nsee [it](https://x.test/o?a=1&b=2)")
        #expect(
            content.blocks
                == [
                    [
                        "type": "markdown", "name": "body", "content": .string(content.markdownBody),
                        "rendered":
                            "<h1>Hello</h1>\n<p>Your <strong>order</strong> &lt;b&gt;shipped&lt;/b&gt;<br>see <a href=\"https://x.test/o?a=1&amp;b=2\">it</a></p>",
                    ]
                ])
    }

    @Test(arguments: [
        ("- one\n- *two*", "<ul><li>one</li><li><em>two</em></li></ul>"),
        ("use `a<b` now", "<p>use <code>a&lt;b</code> now</p>"),
        ("[x](javascript:alert)", "<p>x</p>"),
        ("2 * 3 and a_b", "<p>2 * 3 and a_b</p>"),
        ("", ""),
    ])
    func markdownRendering(markdown: String, html: String) {
        #expect(MarkdownRenderer.html(markdown) == html)
    }

    @Test func theInAppProviderDeliversWithoutSending() async throws {
        let message = OutboundMessage(
            id: "msg_1", channelID: "feed", recipient: Recipient(id: "user-1"),
            content: .inAppFeed(InAppFeedContent(markdownBody: "Hi")))
        let receipt = try await InAppFeedProvider().send(message, context: Self.context)
        #expect(receipt == DeliveryReceipt(outcome: .delivered, detail: "stored in the in-app feed"))
        let sms = OutboundMessage(
            id: "msg_2", channelID: "feed", recipient: Recipient(id: "user-1"), content: .sms(SMSContent(text: "x")))
        await #expect(throws: ProviderError.self) { try await InAppFeedProvider().send(sms, context: Self.context) }
    }

    @Test func theOutboxAppendsOneSyncedJSONLinePerMessage() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let registry = ProviderRegistry.standard
        let settings = ChannelSettings(
            channelID: "mail-outbox", provider: "outbox", environment: "development",
            values: ["channel_type": "email", "directory": "spool"])
        #expect(registry.definition(for: "outbox")?.channelType(for: settings) == .email)
        let provider = try registry.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: MockTransport([]), dataDirectory: directory))
        let email = OutboundMessage(
            id: "msg_1", channelID: "mail-outbox", recipient: Recipient(id: "user-1", email: "ann@example.test"),
            content: .email(EmailContent(subject: "Hi", text: "Hello")), workflowKey: "welcome")
        let push = OutboundMessage(
            id: "msg_2", channelID: "mail-outbox", recipient: Recipient(id: "user-2"),
            content: .push(PushContent(title: "T")))
        let path = "\(directory)/spool/mail-outbox.jsonl"
        let receipt = try await provider.send(email, context: Self.context)
        #expect(receipt == DeliveryReceipt(outcome: .delivered, detail: "written to \(path)"))
        _ = try await provider.send(push, context: Self.context)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            text
                == """
                {"id":"msg_1","environment":"production","channel_id":"mail-outbox","channel_type":"email","workflow":"welcome","recipient":{"id":"user-1","email":"ann@example.test"},"content":{"subject":"Hi","text":"Hello"}}
                {"id":"msg_2","environment":"production","channel_id":"mail-outbox","channel_type":"push","recipient":{"id":"user-2"},"content":{"title":"T","priority":"high"}}

                """)
    }

    @Test func anUnwritableOutboxIsUnavailable() async throws {
        let provider = OutboxProvider(
            configuration: OutboxConfiguration(channelType: .sms, directory: "/proc/outbox-cannot-exist"))
        let sms = OutboundMessage(
            id: "msg_1", channelID: "texts", recipient: Recipient(id: "u"), content: .sms(SMSContent(text: "x")))
        do {
            _ = try await provider.send(sms, context: Self.context)
            Issue.record("expected an error")
        } catch let error as ProviderError {
            #expect(error.code == .unavailable)
        }
    }
}

extension InAppFeedAndOutboxTests {
    private static func load(_ development: String, _ production: String) throws -> ChannelConfiguration {
        let root = """
            {
              "environments": {"development": {"production": false}, "production": {"production": true}},
              "channels": {
                "feed": {"provider": "in_app_feed", "environments": {"development": {}, "production": {}}},
                "spool": {"provider": "outbox", "environments": {"development": \(development), "production": \(production)}}
              }
            }
            """
        return try ChannelConfiguration.load(
            from: "delivery-host.json", registry: .standard, environmentVariables: [:],
            fileReader: .inMemory(["delivery-host.json": root]))
    }

    @Test func outboxChannelsTakeTheirTypeFromSettings() throws {
        let configuration = try Self.load(#"{"channel_type": "sms"}"#, #"{"channel_type": "sms", "directory": "/x"}"#)
        #expect(configuration.channels.map(\.channelType) == [.inAppFeed, .sms])
    }

    @Test func outboxChannelsHaveOneTypeInEveryEnvironment() {
        do {
            _ = try Self.load(#"{"channel_type": "sms"}"#, #"{"channel_type": "email"}"#)
            Issue.record("expected an error")
        } catch let error as ConfigurationError {
            #expect(
                error.issues.map(\.description) == [
                    "delivery-host.json: $.channels.spool.environments.production.channel_type: 'email' differs from "
                        + "'sms' in environment 'development': a channel has the same channel_type in every environment"
                ])
        } catch {
            Issue.record("unexpected \(error)")
        }
        do {
            _ = try Self.load("{}", #"{"channel_type": "fax"}"#)
            Issue.record("expected an error")
        } catch let error as ConfigurationError {
            #expect(error.issues.count == 2)
            #expect(error.issues.map(\.description).joined().contains("missing required key 'channel_type'"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
