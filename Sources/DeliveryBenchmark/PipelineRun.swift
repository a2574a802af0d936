import Engine
import Foundation
import SQLiteStore

/// Run (b): N messages through the pipeline to the sink, with a durable SQLite store.
///
/// Two measurements on fresh databases:
/// - *enqueue, then drain*: every message is enqueued with the pipeline stopped (the enqueue rate),
///   then `run()` delivers the backlog (the delivery rate on its own);
/// - *end to end*: `run()` is going while the producers enqueue; each message's time from its
///   `enqueue(_:)` call to its final status being stored, and the rate from the first enqueue to the
///   last final status. This rate is the one compared with the bare loop.
struct PipelineRun {
    let target: BenchmarkTarget
    let options: BenchmarkOptions
    let synchronous: SQLiteMessageStore.Synchronous
    let directory: String

    /// What the run measured.
    struct Result {
        var enqueueRate: Double
        var drainRate: Double
        var endToEndRate: Double
        var p50: Double?
        var p99: Double?
        var peakResident: Int?
    }

    func run() async throws -> Result {
        let count = options.messages
        report("  store: SQLite in WAL mode, synchronous=\(synchronous), \(directory)")

        // Enqueue, then drain.
        let backlog = try SQLiteMessageStore.open(
            directory: directory + "/backlog", options: .init(synchronous: synchronous))
        let backlogRecorder = DeliveryRecorder(count: count, tracksTimes: false)
        let backlogPipeline = try makePipeline(store: backlog, recorder: backlogRecorder)
        ProcessMemory.resetPeak()
        let enqueueStart = ContinuousClock.now
        try await enqueueAll(count, into: backlogPipeline, recorder: backlogRecorder)
        let enqueueElapsed = (ContinuousClock.now - enqueueStart).seconds
        report(
            "  enqueue only:  \(Format.count(count)) in \(Format.seconds(enqueueElapsed)) = "
                + "\(Format.rate(Double(count) / enqueueElapsed)) (\(options.producers) concurrent callers)")
        let drainStart = backlogRecorder.now
        let drainCPU = ProcessCPU.seconds
        let drainStolen = StolenTime.seconds
        let drained = Task { await backlogPipeline.run(drainTimeout: .seconds(10)) }
        try await waitUntilFinished(count, backlogRecorder)
        let drainElapsed = backlogRecorder.lastFinalAt - drainStart
        let drainCPUPerMessage = (ProcessCPU.seconds - drainCPU) / Double(count)
        let drainStolenSeconds = StolenTime.seconds - drainStolen
        drained.cancel()
        await drained.value
        try await verify(backlog, recorder: backlogRecorder, count: count)
        report(
            "  drain backlog: \(Format.count(count)) in \(Format.seconds(drainElapsed)) = "
                + "\(Format.rate(Double(count) / drainElapsed)), \(Format.microseconds(drainCPUPerMessage)) CPU per "
                + "message (run() on a full queue); \(StolenTime.describe(drainStolenSeconds, over: drainElapsed))")

        // End to end.
        let store = try SQLiteMessageStore.open(
            directory: directory + "/end-to-end", options: .init(synchronous: synchronous))
        let recorder = DeliveryRecorder(count: count, tracksTimes: true)
        let pipeline = try makePipeline(store: store, recorder: recorder)
        let running = Task { await pipeline.run(drainTimeout: .seconds(10)) }
        let served = target.sink.requestsServed
        let cpu = ProcessCPU.seconds
        let stolen = StolenTime.seconds
        try await enqueueAll(count, into: pipeline, recorder: recorder)
        try await waitUntilFinished(count, recorder)
        let cpuPerMessage = (ProcessCPU.seconds - cpu) / Double(count)
        let stolenSeconds = StolenTime.seconds - stolen
        running.cancel()
        await running.value
        try await verify(store, recorder: recorder, count: count)
        let peak = ProcessMemory.peakResident
        let (latencies, span) = recorder.latencies()
        let rate = Double(count) / span
        report(
            "  end to end:    \(Format.count(count)) in \(Format.seconds(span)) = \(Format.rate(rate)); "
                + "enqueue → delivered p50 \(Format.milliseconds(latencies.quantile(0.5))), "
                + "p99 \(Format.milliseconds(latencies.quantile(0.99))), max \(Format.milliseconds(latencies.last)); "
                + "\(Format.microseconds(cpuPerMessage)) CPU per message; \(StolenTime.describe(stolenSeconds, over: span))"
        )
        report(
            "  sink answered \(Format.count(target.sink.requestsServed - served)) requests; "
                + "peak RSS of the run \(Format.mebibytes(peak))")
        await backlog.close()
        await store.close()
        return Result(
            enqueueRate: Double(count) / enqueueElapsed, drainRate: Double(count) / drainElapsed,
            endToEndRate: rate, p50: latencies.quantile(0.5), p99: latencies.quantile(0.99), peakResident: peak)
    }

    private func makePipeline(store: SQLiteMessageStore, recorder: DeliveryRecorder) throws -> DeliveryPipeline {
        DeliveryPipeline(
            store: store, channels: try target.channels(), clock: SystemEngineClock(),
            configuration: .init(claimBatchSize: options.claimBatchSize, owner: "benchmark"), publisher: recorder)
    }

    /// Enqueues messages 0..<count from ``BenchmarkOptions/producers`` concurrent tasks.
    private func enqueueAll(_ count: Int, into pipeline: DeliveryPipeline, recorder: DeliveryRecorder) async throws {
        let producers = min(options.producers, count)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for producer in 0..<producers {
                group.addTask {
                    for index in stride(from: producer, to: count, by: producers) {
                        recorder.markEnqueued(index)
                        try await pipeline.enqueue(target.request(index))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Waits until `count` messages have a final status, checking every 5 ms, for at most the timeout.
    private func waitUntilFinished(_ count: Int, _ recorder: DeliveryRecorder) async throws {
        let deadline = ContinuousClock.now + .seconds(options.timeout)
        while recorder.finished < count {
            guard ContinuousClock.now < deadline else {
                throw BenchmarkError(
                    "timed out after \(options.timeout) s with \(recorder.finished) of \(count) messages final")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Checks that the store agrees: every message delivered.
    private func verify(_ store: SQLiteMessageStore, recorder: DeliveryRecorder, count: Int) async throws {
        let counts = try await store.countByStatus(channel: target.key)
        guard counts[.delivered] == count, recorder.failed == 0 else {
            let summary = counts.filter { $0.value > 0 }.map { "\($0.key.rawValue): \($0.value)" }.sorted()
            throw BenchmarkError("not every message was delivered: \(summary.joined(separator: ", "))")
        }
    }
}
