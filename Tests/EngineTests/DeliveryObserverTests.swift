import Engine
import Foundation
import Providers
import Synchronization
import Testing

/// Records what the pipeline reports.
final class RecordingObserver: DeliveryObserver {
    private let recorded = Mutex<(attempts: [AttemptObservation], statuses: [StatusObservation])>(([], []))

    var attempts: [AttemptObservation] { recorded.withLock { $0.attempts } }
    var statuses: [StatusObservation] { recorded.withLock { $0.statuses } }

    func attemptFinished(_ attempt: AttemptObservation) { recorded.withLock { $0.attempts.append(attempt) } }
    func statusReached(_ status: StatusObservation) { recorded.withLock { $0.statuses.append(status) } }
}

@Suite struct DeliveryObserverTests {
    static let hooks = ChannelKey(environment: "production", channelID: "hooks")

    static func status(
        _ status: DeliveryStatus, from previous: DeliveryStatus?, after latency: TimeInterval,
        channel: ChannelKey = hooks
    ) -> StatusObservation {
        StatusObservation(channel: channel, provider: "scripted", status: status, previous: previous, latency: latency)
    }

    @Test func aRetryThenSuccessThenADeliveryCallbackIsReportedExactly() async throws {
        let clock = ManualClock(PipelineHarness.start)
        let provider = ScriptedProvider(
            [.fail(.unavailable)], otherwise: .accept(DeliveryReceipt(providerMessageID: "pm-1", outcome: .sent)),
            whileSending: { attempt in clock.advance(by: attempt == 1 ? 0.25 : 0.125) })
        let observer = RecordingObserver()
        let harness = PipelineHarness(
            [PipelineHarness.channel("hooks", provider: provider)], clock: clock, observer: observer)
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_o"))
        await harness.pipeline.runUntilIdle()
        clock.advance(by: 20)  // the first backoff (20 s with this jitter)
        #expect(await harness.pipeline.runUntilIdle() == 1)
        clock.advance(by: 10)
        _ = try await harness.pipeline.handleCallback(
            channel: Self.hooks, DeliveryPipelineTests.callback(#"{"id":"pm-1","status":"delivered","sig":"ok"}"#))

        #expect(
            observer.attempts == [
                AttemptObservation(
                    channel: Self.hooks, provider: "scripted", outcome: .retryable, errorCode: "unavailable",
                    attempt: 1, duration: 0.25),
                AttemptObservation(
                    channel: Self.hooks, provider: "scripted", outcome: .success, attempt: 2, duration: 0.125),
            ])
        #expect(observer.attempts.map(\.isRetry) == [false, true])
        #expect(
            observer.statuses == [
                Self.status(.queued, from: nil, after: 0),
                Self.status(.deliveryAttempted, from: .queued, after: 0.25),
                Self.status(.sent, from: .deliveryAttempted, after: 20.375),
                Self.status(.delivered, from: .sent, after: 30.375),
            ])
    }

    @Test(arguments: [
        (ProviderError.Code.rejected, AttemptOutcome.permanent, DeliveryStatus.undelivered),
        (.invalidRecipient, .bounced, .bounced),
        (.unavailable, .exhausted, .undelivered),
    ])
    func failuresAreClassedByWhatHappensNext(
        code: ProviderError.Code, outcome: AttemptOutcome, status: DeliveryStatus
    ) async throws {
        var channel = PipelineHarness.channel("hooks", provider: ScriptedProvider([.fail(code)]))
        channel.retryPolicy.maximumAttempts = 1
        let observer = RecordingObserver()
        let harness = PipelineHarness([channel], observer: observer)
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_f"))
        await harness.pipeline.runUntilIdle()
        #expect(
            observer.attempts == [
                AttemptObservation(
                    channel: Self.hooks, provider: "scripted", outcome: outcome, errorCode: code.description,
                    attempt: 1, duration: 0)
            ])
        #expect(observer.statuses.last == Self.status(status, from: .queued, after: 0))
    }

    @Test func sandboxAndClosedWindowsAreReportedWhenEnqueued() async throws {
        let observer = RecordingObserver()
        let harness = PipelineHarness(
            [
                PipelineHarness.channel("box", provider: ScriptedProvider(), sandbox: true),
                PipelineHarness.channel("hooks", provider: ScriptedProvider()),
            ], observer: observer)
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("box", id: "msg_s"))
        let later = [SendWindow(day: .monday, type: .send, from: TimeOfDay("09:00")!)]
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", windows: later, id: "msg_w"))
        #expect(
            observer.statuses == [
                Self.status(
                    .notSent, from: nil, after: 0, channel: ChannelKey(environment: "production", channelID: "box")),
                Self.status(.queued, from: nil, after: 0),
            ])
        #expect(await harness.pipeline.runUntilIdle() == 0)
        #expect(observer.attempts.isEmpty)
        #expect(await harness.store.countScheduled(channel: Self.hooks, after: PipelineHarness.start) == 1)
        let opening = PipelineHarness.start.addingTimeInterval(3600)
        #expect(await harness.store.countScheduled(channel: Self.hooks, after: opening) == 0)
    }
}
