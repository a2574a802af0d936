import Engine
import Foundation
import Providers
import SQLiteStore

/// Run (c): many messages queued behind a closed send window, then released.
///
/// The messages are stored as ``DeliveryPipeline/enqueue(_:)`` would store them outside their send
/// window (`queued`, due at the window's next opening, with the same timeline event), but with the
/// store's batch insert, 1,000 per transaction: a million single-message transactions with
/// `synchronous=FULL` would take a million disk syncs. The pipeline runs on a clock that reads
/// 02:00 UTC on a Monday, with send windows of 09:00–17:00 every day; once every message is
/// stored, the clock jumps to 09:00 and the first ``BenchmarkOptions/release`` deliveries are timed.
/// The resident set size is sampled every tenth of the messages and while the window is open.
struct QueuedRun {
    let target: BenchmarkTarget
    let options: BenchmarkOptions
    let synchronous: SQLiteMessageStore.Synchronous
    let directory: String

    /// What the run measured.
    struct Result {
        var insertRate: Double
        var releaseRate: Double
        var released: Int
        var residentSamples: [(label: String, bytes: Int?)]
        var peakResident: Int?
        /// The resident size once the first tenth of the messages was stored, and once all were.
        var residentAtFirstTenth: Int?
        var residentWhenAllQueued: Int?
        /// The largest resident size sampled after the window opened.
        var residentMaxWhileReleasing: Int?
    }

    static let closedAt = Date(timeIntervalSince1970: 1_780_279_200)  // Monday 2026-06-01 02:00:00 UTC
    static let windows = Weekday.allCases.map { day in
        SendWindow(day: day, type: .send, from: TimeOfDay("09:00:00")!, until: TimeOfDay("17:00:00")!)
    }

    func run() async throws -> Result {
        let count = options.queued
        let release = min(options.release, count)
        let utc = TimeZone(identifier: "Etc/UTC")!
        guard let opening = SendWindowSchedule(Self.windows).nextOpening(atOrAfter: Self.closedAt, in: utc) else {
            throw BenchmarkError("the send windows never open")
        }
        let store = try SQLiteMessageStore.open(
            directory: directory + "/queued", options: .init(synchronous: synchronous))
        ProcessMemory.resetPeak()
        var samples: [(label: String, bytes: Int?)] = [("before storing", ProcessMemory.resident)]
        report("  store: SQLite in WAL mode, synchronous=\(synchronous); batch insert, 1,000 messages per transaction")
        report("  \(samples[0].label): RSS \(Format.mebibytes(samples[0].bytes))")

        let reason = "outside the send window; next opening \(ISO8601DateFormatter().string(from: opening))"
        let insertStart = ContinuousClock.now
        let step = max(1, count / 10)
        var stored = 0
        var atFirstTenth: Int?
        while stored < count {
            let batch = (stored..<min(stored + 1000, count)).map { record($0, dueAt: opening, reason: reason) }
            let results = try await store.insert(batch)
            if let failure = results.first(where: { if case .failure = $0 { true } else { false } }) {
                throw BenchmarkError("a message could not be stored: \(failure)")
            }
            let before = stored
            stored += batch.count
            if stored / step != before / step || stored == count {
                let elapsed = (ContinuousClock.now - insertStart).seconds
                let sample = (label: "\(Format.count(stored)) queued", bytes: ProcessMemory.resident)
                samples.append(sample)
                if atFirstTenth == nil { atFirstTenth = sample.bytes }
                report(
                    "  \(sample.label): RSS \(Format.mebibytes(sample.bytes)) "
                        + "(\(Format.rate(Double(stored) / elapsed)) stored so far)")
            }
        }
        let insertRate = Double(count) / (ContinuousClock.now - insertStart).seconds
        let whenAllQueued = samples.last?.bytes

        let clock = ShiftableClock(startingAt: Self.closedAt)
        let recorder = DeliveryRecorder(count: count, tracksTimes: false)
        let pipeline = DeliveryPipeline(
            store: store, channels: try target.channels(), clock: clock,
            configuration: .init(claimBatchSize: options.claimBatchSize, owner: "benchmark"), publisher: recorder)
        let served = target.sink.requestsServed
        let running = Task { await pipeline.run(drainTimeout: .seconds(10)) }
        try await Task.sleep(for: .seconds(1))
        let idle = (label: "window closed, run() idle for 1 s", bytes: ProcessMemory.resident)
        samples.append(idle)
        report("  \(idle.label): RSS \(Format.mebibytes(idle.bytes)); \(target.sink.requestsServed - served) sent")

        clock.jump(to: opening)
        let releaseSamplesStart = samples.count
        let releaseStart = recorder.now
        let deadline = ContinuousClock.now + .seconds(options.timeout)
        var nextSample = ContinuousClock.now + .seconds(1)
        while recorder.finished < release {
            guard ContinuousClock.now < deadline else {
                running.cancel()
                throw BenchmarkError("timed out with \(recorder.finished) of \(release) released messages final")
            }
            if ContinuousClock.now >= nextSample {
                let sample = (
                    label: "window open, \(Format.count(recorder.finished)) delivered", ProcessMemory.resident
                )
                samples.append(sample)
                report("  \(sample.label): RSS \(Format.mebibytes(sample.1))")
                nextSample = ContinuousClock.now + .seconds(1)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        let releaseElapsed = recorder.now - releaseStart
        let released = recorder.finished
        running.cancel()
        await running.value
        let end = (label: "after \(Format.count(released)) delivered", bytes: ProcessMemory.resident)
        samples.append(end)
        let peak = ProcessMemory.peakResident
        report("  \(end.label): RSS \(Format.mebibytes(end.bytes)); peak RSS of the run \(Format.mebibytes(peak))")
        let releaseRate = Double(released) / releaseElapsed
        report(
            "  released: \(Format.count(released)) delivered in \(Format.seconds(releaseElapsed)) after the window "
                + "opened = \(Format.rate(releaseRate))")

        let counts = try await store.countByStatus(channel: target.key)
        let delivered = counts[.delivered] ?? 0
        guard recorder.failed == 0, delivered >= release, delivered + (counts[.queued] ?? 0) == count else {
            throw BenchmarkError("unexpected statuses after the release: \(counts.filter { $0.value > 0 })")
        }
        await store.close()
        return Result(
            insertRate: insertRate, releaseRate: releaseRate, released: released, residentSamples: samples,
            peakResident: peak, residentAtFirstTenth: atFirstTenth, residentWhenAllQueued: whenAllQueued,
            residentMaxWhileReleasing: samples[releaseSamplesStart...].compactMap(\.bytes).max())
    }

    /// Message `index` as `enqueue(_:)` stores it before its send window opens.
    private func record(_ index: Int, dueAt opening: Date, reason: String) -> (
        message: MessageRecord, events: [MessageEvent]
    ) {
        let request = target.request(index, windows: Self.windows)
        let now = Self.closedAt
        let message = MessageRecord(
            id: DeliveryRecorder.id(index), environment: request.environment, channelID: request.channelID,
            provider: "webhook", channelType: .webhook, recipient: request.recipient, content: request.content,
            sendWindows: request.sendWindows, nextAttemptAt: opening, createdAt: now, updatedAt: now)
        let event = MessageEvent(
            messageID: message.id, kind: .status(.queued), status: .queued,
            reason: reason, occurredAt: now)
        return (message, [event])
    }
}
