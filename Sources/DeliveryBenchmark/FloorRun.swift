import Foundation
import Providers
import SQLiteStore

/// Run (d): the store's floor (``BareSQLiteWrites``) and the ceiling it puts on the pipeline.
///
/// The ceiling is what a pipeline could deliver if both cores did nothing but the bare loop's work per
/// request (libcurl and the sink) and the bare SQLite writes per message, all the time: no Swift
/// concurrency, no rendering, no exchange logging, no idle processor. The real pipeline cannot beat it.
struct FloorRun {
    let options: BenchmarkOptions
    let synchronous: SQLiteMessageStore.Synchronous
    let directory: String

    /// What the run measured.
    struct Result {
        var writes: BareSQLiteWrites.Result
        /// Messages per second the machine's cores allow with nothing but the bare work, when the bare
        /// loop's processor time per request is known.
        var ceiling: Double?
    }

    /// Writes ``BenchmarkOptions/messages`` messages; `bareLoop` (the bare libcurl loop's median run),
    /// when there is one, gives the ceiling.
    func run(bareLoop: LoopResult?) async throws -> Result {
        let count = options.messages
        let groupSize = options.claimBatchSize
        // The store creates the database with its schema (its migrations), then lets go of it.
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/floor.sqlite3"
        try await SQLiteMessageStore.open(path: path, options: .init(synchronous: synchronous)).close()
        report("  store: SQLite in WAL mode, synchronous=\(synchronous), \(path)")
        let writes = try await BareSQLiteWrites.run(
            path: path, synchronous: "\(synchronous)", count: count, groupSize: groupSize,
            content: JSONValue.object(["body": BenchmarkTarget.body]).encoded(), exchange: Self.exchange)
        report(
            "  bare SQLite writes: \(Format.count(count)) in \(Format.seconds(writes.elapsed.seconds)) = "
                + "\(Format.rate(writes.rate)), \(Format.microseconds(writes.cpuPerMessage)) CPU per message on one "
                + "thread (\(Format.count(writes.commits)) commits: insert, lease, outcome per \(groupSize) "
                + "messages); \(StolenTime.describe(writes.stolenSeconds, over: writes.elapsed.seconds))")
        guard let bareLoop else { return Result(writes: writes) }
        report(
            "  one writer: SQLite lets one connection write at a time, so these writes alone allow at most "
                + "\(Format.rate(writes.rate)) = \(Format.percent(writes.rate / bareLoop.rate)) of the bare loop")
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        let ceiling = cores / (bareLoop.cpuPerRequest + writes.cpuPerMessage)
        report(
            "  ceiling: \(Int(cores)) cores doing nothing but the bare loop's \(Format.microseconds(bareLoop.cpuPerRequest)) "
                + "per request and these \(Format.microseconds(writes.cpuPerMessage)) per message: "
                + "\(Format.rate(ceiling)) = \(Format.percent(ceiling / bareLoop.rate)) of the bare loop")
        return Result(writes: writes, ceiling: ceiling)
    }

    /// A delivered attempt's delivery log as the store keeps it with `delivery_log: full`: the request
    /// and the response, redacted (the same bytes for every message).
    static let exchange: String = JSONValue.array([
        [
            "provider": "webhook", "case": "attempt", "recorded_at": "2026-11-23T09:06:52Z",
            "request": [
                "method": "POST", "url": "http://127.0.0.1:41527/hooks/benchmark",
                "headers": ["content-type": "application/json"], "body": BenchmarkTarget.body,
            ],
            "response": [
                "status": 200, "headers": ["content-type": "text/plain", "content-length": "2"], "body_text": "ok",
            ],
        ]
    ]).encoded()
}
