import Engine
import Foundation
import Providers
import Testing
import Transport

@Suite struct DeliveryPipelineTests {
    @Test func aWebhookGoesStraightToDelivered() async throws {
        let provider = ScriptedProvider([
            .accept(DeliveryReceipt(outcome: .delivered, httpStatus: 200, detail: "HTTP 200"))
        ])
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: provider)])
        let message = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        #expect(message.status == .queued)
        #expect(await harness.pipeline.runUntilIdle() == 1)
        #expect(await harness.status("msg_1") == .delivered)
        #expect(await harness.events("msg_1") == ["message.queued: queued", "message.delivered: HTTP 200"])
        #expect(provider.sentMessages.map(\.id) == ["msg_1"])
        let logs = await harness.store.attemptLogs(messageID: "msg_1")
        #expect(logs.map(\.outcome) == ["accepted"])
        #expect(logs.first?.startedAt == PipelineHarness.start)
    }

    @Test func emailWaitsAtSentForTheCallback() async throws {
        let provider = ScriptedProvider([.accept(DeliveryReceipt(providerMessageID: "pm-1", outcome: .sent))])
        let harness = PipelineHarness([PipelineHarness.channel("email", type: .email, provider: provider)])
        _ = try await harness.pipeline.enqueue(
            PipelineHarness.request("email", content: .email(EmailContent(subject: "Hi", text: "Body")), id: "msg_e"))
        await harness.pipeline.runUntilIdle()
        #expect(await harness.status("msg_e") == .sent)

        let key = ChannelKey(environment: "production", channelID: "email")
        let delivered = try await harness.pipeline.handleCallback(
            channel: key, Self.callback(#"{"id":"pm-1","status":"delivered","sig":"ok"}"#))
        #expect(delivered.applied == ["msg_e"])
        #expect(await harness.status("msg_e") == .delivered)
        // A duplicate changes nothing; a late bounce after delivery is allowed (SES, Postmark report those).
        let duplicate = try await harness.pipeline.handleCallback(
            channel: key, Self.callback(#"{"id":"pm-1","status":"delivered","sig":"ok"}"#))
        #expect(duplicate.duplicates == ["msg_e"])
        _ = try await harness.pipeline.handleCallback(
            channel: key, Self.callback(#"{"id":"pm-1","status":"bounced","reason":"mailbox full","sig":"ok"}"#))
        #expect(await harness.status("msg_e") == .bounced)
        // A delivered callback arriving after the bounce is refused and explained.
        let late = try await harness.pipeline.handleCallback(
            channel: key, Self.callback(#"{"id":"pm-1","status":"delivered","sig":"ok"}"#))
        #expect(late.ignored == ["msg_e"])
        #expect(await harness.status("msg_e") == .bounced)
        #expect(
            await harness.events("msg_e") == [
                "message.queued: queued", "message.sent: accepted",
                "message.delivered: provider callback: provider callback",
                "message.bounced: provider callback: mailbox full",
                "message.warning: ignored a late or out-of-order delivered callback while bounced: provider callback",
            ])
    }

    @Test func forgedCallbacksAndUnknownIdsAreRejectedAndCounted() async throws {
        let provider = ScriptedProvider()
        let harness = PipelineHarness([PipelineHarness.channel("email", type: .email, provider: provider)])
        let key = ChannelKey(environment: "production", channelID: "email")
        let forged = try await #require(throws: ProviderError.self) {
            try await harness.pipeline.handleCallback(
                channel: key, Self.callback(#"{"id":"pm-1","status":"delivered","sig":"bad"}"#))
        }
        #expect(forged.code == .forgedCallback)
        let unknown = try await harness.pipeline.handleCallback(
            channel: key, Self.callback(#"{"id":"nope","status":"delivered","sig":"ok"}"#))
        #expect(unknown.unknown == ["nope"])
        #expect(
            await harness.pipeline.callbackCounters
                == CallbackCounters(rejected: 1, unknownMessages: 1, ignoredTransitions: 0))
        await #expect(throws: EngineError.self) {
            try await harness.pipeline.handleCallback(
                channel: ChannelKey(environment: "production", channelID: "missing"), Self.callback("{}"))
        }
    }

    @Test func retryableFailuresBackOffThenSucceed() async throws {
        let provider = ScriptedProvider([.fail(.unavailable), .fail(.timeout)])
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: provider)])
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_r"))
        #expect(await harness.pipeline.runUntilIdle() == 1)
        let first = try #require(await harness.store.message(id: "msg_r"))
        #expect(first.status == .deliveryAttempted)
        #expect(first.nextAttemptAt == PipelineHarness.start.addingTimeInterval(20))
        harness.clock.advance(by: 19)
        #expect(await harness.pipeline.runUntilIdle() == 0)  // not due yet
        harness.clock.advance(by: 1)
        #expect(await harness.pipeline.runUntilIdle() == 1)
        #expect(await harness.store.message(id: "msg_r")?.nextAttemptAt == PipelineHarness.start.addingTimeInterval(60))
        harness.clock.advance(by: 40)
        await harness.pipeline.runUntilIdle()
        #expect(await harness.status("msg_r") == .delivered)
        #expect(provider.attemptNumbers == [1, 2, 3])
        #expect(
            await harness.store.attemptLogs(messageID: "msg_r").map(\.outcome) == [
                "unavailable", "timeout", "accepted",
            ])
    }

    @Test func eightFailuresEndUndeliveredAndAManualRetryStartsAgain() async throws {
        let provider = ScriptedProvider(otherwise: .fail(.unavailable))
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: provider)])
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_u"))
        for _ in 0..<8 {
            await harness.pipeline.runUntilIdle()
            harness.clock.advance(by: 700)
        }
        #expect(await harness.status("msg_u") == .undelivered)
        #expect(provider.attemptNumbers == Array(1...8))
        #expect(await harness.pipeline.runUntilIdle() == 0)

        let retried = try await harness.pipeline.retry(messageID: "msg_u")
        #expect(retried.status == .queued)
        #expect(await harness.pipeline.runUntilIdle() == 1)
        // Attempt numbers go on (logs stay unique); the policy grants a new round of 8.
        #expect(provider.attemptNumbers.last == 9)
        for _ in 0..<7 {
            harness.clock.advance(by: 700)
            await harness.pipeline.runUntilIdle()
        }
        #expect(provider.attemptNumbers == Array(1...16))
        #expect(await harness.status("msg_u") == .undelivered)
        await #expect(throws: EngineError.self) { try await harness.pipeline.retry(messageID: "msg_nope") }
    }

    @Test func permanentErrorsAndDeadRecipients() async throws {
        let provider = ScriptedProvider([.fail(.rejected), .fail(.invalidRecipient)])
        let harness = PipelineHarness([PipelineHarness.channel("sms", type: .sms, provider: provider)])
        _ = try await harness.pipeline.enqueue(
            PipelineHarness.request("sms", content: .sms(SMSContent(text: "a")), id: "msg_a"))
        await harness.pipeline.runUntilIdle()
        _ = try await harness.pipeline.enqueue(
            PipelineHarness.request("sms", content: .sms(SMSContent(text: "b")), id: "msg_b"))
        await harness.pipeline.runUntilIdle()
        #expect(await harness.status("msg_a") == .undelivered)
        #expect(await harness.status("msg_b") == .bounced)
    }

    @Test func sandboxChannelsStoreButNeverSend() async throws {
        let provider = ScriptedProvider()
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: provider, sandbox: true)])
        let message = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_s"))
        #expect(message.status == .notSent)
        #expect(await harness.pipeline.runUntilIdle() == 0)
        #expect(provider.sentMessages.isEmpty)
        #expect(await harness.events("msg_s") == ["message.not_sent: sandbox mode: stored, not sent"])
    }

    @Test func outsideTheSendWindowAMessageWaitsForTheOpening() async throws {
        let provider = ScriptedProvider()
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: provider)])
        // Monday 08:00 UTC is 10:00 in Paris; the window opens at 11:00 Paris (09:00 UTC).
        let windows = try SendWindow.parseList(
            JSONValue.parse(#"[{"day":"monday","type":"send","from":"11:00:00","until":"12:00:00"}]"#))
        let message = try await harness.pipeline.enqueue(
            PipelineHarness.request(
                "hooks", recipient: Recipient(id: "u", timezone: "Europe/Paris"), windows: windows, id: "msg_w"))
        #expect(message.status == .queued)
        #expect(message.nextAttemptAt == PipelineHarness.start.addingTimeInterval(3600))
        #expect(await harness.pipeline.runUntilIdle() == 0)
        harness.clock.advance(by: 3600)
        #expect(await harness.pipeline.runUntilIdle() == 1)
        #expect(
            await harness.events("msg_w").first
                == "message.queued: outside the send window; next opening 2026-06-01T09:00:00Z")
    }

    @Test func anInvalidTimeZoneFallsBackToTheEnvironmentsWithAWarning() async throws {
        let harness = PipelineHarness([
            PipelineHarness.channel("hooks", provider: ScriptedProvider(), timeZone: "Asia/Tokyo")
        ])
        let windows = try SendWindow.parseList(JSONValue.parse(#"[{"day":"monday","type":"send","from":"18:00:00"}]"#))
        let message = try await harness.pipeline.enqueue(
            PipelineHarness.request(
                "hooks", recipient: Recipient(id: "u", timezone: "Mars/Olympus"), windows: windows, id: "msg_t"))
        #expect(message.nextAttemptAt == PipelineHarness.start.addingTimeInterval(3600))  // 18:00 Tokyo = 09:00 UTC
        #expect(
            await harness.events("msg_t").last
                == "message.warning: recipient time zone 'Mars/Olympus' is not a valid IANA time zone; using Asia/Tokyo"
        )
    }

    @Test func rateLimitsHoldMessagesBackWithoutFailingThem() async throws {
        let provider = ScriptedProvider()
        let harness = PipelineHarness([
            PipelineHarness.channel("hooks", provider: provider, rateLimit: RateLimit(maximum: 2, per: .second))
        ])
        for index in 0..<5 {
            _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_\(index)"))
        }
        #expect(await harness.pipeline.runUntilIdle() == 2)
        harness.clock.advance(by: 1)
        #expect(await harness.pipeline.runUntilIdle() == 2)
        harness.clock.advance(by: 1)
        #expect(await harness.pipeline.runUntilIdle() == 1)
        #expect(await harness.store.countByStatus(channel: nil).filter { $0.value > 0 } == [.delivered: 5])
    }

    @Test func a429PausesTheChannelForTheAdvisedTime() async throws {
        let provider = ScriptedProvider([.fail(.rateLimited, retryAfter: .seconds(30))])
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: provider)])
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        await harness.pipeline.runUntilIdle()
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_2"))
        #expect(await harness.pipeline.runUntilIdle() == 0)  // paused, though msg_2 is due
        harness.clock.advance(by: 30)
        #expect(await harness.pipeline.runUntilIdle() == 2)
        #expect(await harness.store.countByStatus(channel: nil).filter { $0.value > 0 } == [.delivered: 2])
    }

    @Test func aFailingChannelDoesNotStarveTheOthers() async throws {
        let failing = ScriptedProvider(otherwise: .fail(.unavailable))
        let healthy = ScriptedProvider()
        let harness = PipelineHarness(
            [
                PipelineHarness.channel("failing", provider: failing, concurrency: 4),
                PipelineHarness.channel("healthy", provider: healthy, concurrency: 4),
            ], configuration: .init(claimBatchSize: 4, owner: "w"))
        for index in 0..<40 {
            _ = try await harness.pipeline.enqueue(PipelineHarness.request("failing", id: "f_\(index)"))
        }
        for index in 0..<4 {
            _ = try await harness.pipeline.enqueue(PipelineHarness.request("healthy", id: "h_\(index)"))
        }
        await harness.pipeline.runUntilIdle()
        #expect(healthy.sentMessages.count == 4)
        #expect(
            await harness.store.countByStatus(channel: ChannelKey(environment: "production", channelID: "healthy"))[
                .delivered] == 4)
    }

    @Test func deadPushTokensAreRemovedFromChannelData() async throws {
        let receipt = DeliveryReceipt(
            outcome: .sent,
            targets: [
                .init(target: "token-good", providerMessageID: "a"),
                .init(target: "token-dead-1234567890", errorCode: .invalidRecipient, reason: "Unregistered"),
            ])
        let harness = PipelineHarness([
            PipelineHarness.channel("apns", type: .push, provider: ScriptedProvider([.accept(receipt)]))
        ])
        let tokens: JSONValue = ["tokens": ["token-good", "token-dead-1234567890"]]
        await harness.store.setChannelData(tokens, recipientID: "u", channelID: "apns", environment: "production")
        _ = try await harness.pipeline.enqueue(
            PipelineHarness.request(
                "apns", content: .push(PushContent(title: "t")),
                recipient: Recipient(id: "u", channelData: ["apns": tokens]),
                id: "msg_p"))
        await harness.pipeline.runUntilIdle()
        #expect(
            await harness.store.channelData(recipientID: "u", channelID: "apns", environment: "production") == [
                "tokens": ["token-good"]
            ])
        #expect(
            await harness.events("msg_p").last
                == "message.target_removed: removed dead token token-…7890 from channel data")
    }

    @Test func anExpiredLeaseLetsAnotherWorkerTakeOver() async throws {
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: ScriptedProvider())])
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_l"))
        // A worker that claims and then dies without recording anything.
        let key = ChannelKey(environment: "production", channelID: "hooks")
        let claimed = await harness.store.claimDue(
            channel: key, now: harness.clock.now(), limit: 10, leaseOwner: "dead-worker",
            leaseUntil: harness.clock.now().addingTimeInterval(300))
        #expect(claimed.map(\.id) == ["msg_l"])
        #expect(await harness.pipeline.runUntilIdle() == 0)
        harness.clock.advance(by: 300)
        #expect(await harness.pipeline.runUntilIdle() == 1)
        #expect(await harness.status("msg_l") == .delivered)
    }

    @Test func anAttemptEndsBeforeItsLeaseExpires() async throws {
        // A lease shorter than the attempt timeout: were the attempt allowed to outlast its lease,
        // another worker (or this one) could claim the message and send it a second time meanwhile.
        let provider = ScriptedProvider()
        let harness = PipelineHarness(
            [PipelineHarness.channel("hooks", provider: provider)],
            configuration: .init(leaseDuration: .seconds(100), attemptTimeout: .seconds(600), owner: "test-worker"))
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        // The deadline is taken from the monotonic clock when the attempt starts, so it lies between
        // "before the run + 90 s" and "after the run + 90 s" (90% of the lease), however slow the machine.
        let before = ContinuousClock.now
        #expect(await harness.pipeline.runUntilIdle() == 1)
        let after = ContinuousClock.now
        let deadline = try #require(provider.attemptDeadlines.first)
        #expect(deadline >= before + .seconds(90) && deadline <= after + .seconds(90))

        // With the default lease (300 s) the attempt timeout (60 s) decides.
        let defaults = ScriptedProvider()
        let second = PipelineHarness([PipelineHarness.channel("hooks", provider: defaults)])
        _ = try await second.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_2"))
        let start = ContinuousClock.now
        #expect(await second.pipeline.runUntilIdle() == 1)
        let end = ContinuousClock.now
        let timeout = try #require(defaults.attemptDeadlines.first)
        #expect(timeout >= start + .seconds(60) && timeout <= end + .seconds(60))
    }

    @Test func enqueueRefusesUnknownChannelsAndMismatchedContent() async throws {
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: ScriptedProvider())])
        let unknown = try await #require(throws: EngineError.self) {
            try await harness.pipeline.enqueue(PipelineHarness.request("nope"))
        }
        #expect(unknown.message == "channel 'nope' is not configured or not enabled in environment 'production'")
        let mismatch = try await #require(throws: EngineError.self) {
            try await harness.pipeline.enqueue(PipelineHarness.request("hooks", content: .sms(SMSContent(text: "x"))))
        }
        #expect(mismatch.message == "channel 'hooks' is a webhook channel; the content is for sms")
    }

    static func callback(_ body: String) -> ProviderCallback {
        ProviderCallback(
            method: .post, url: "https://host.example.test/cb", headers: [:], body: Array(body.utf8), receivedAt: Date()
        )
    }
}
