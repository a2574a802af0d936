import Engine
import Foundation
import Providers
import SQLiteStore
import Transport

/// The `delivery-benchmark` command: the delivery pipeline's throughput, latency and memory against a
/// bare libcurl loop posting the same bodies to the same local sink. See docs/benchmark.md.
@main
struct DeliveryBenchmark {
    static func main() async {
        do {
            guard let options = try BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst())) else {
                report(BenchmarkOptions.usage)
                return
            }
            try await run(options)
        } catch {
            FileHandle.standardError.write(Data("delivery-benchmark: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ options: BenchmarkOptions) async throws {
        #if DEBUG
            report("warning: this is a debug build; measure with `swift build -c release`\n")
        #endif
        let target = try BenchmarkTarget(concurrency: options.concurrency, deliveryLog: options.deliveryLog)
        let temporary = options.dataDirectory == nil
        let directory =
            options.dataDirectory
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("delivery-benchmark-\(UUID().uuidString)")
        defer {
            if temporary { try? FileManager.default.removeItem(atPath: directory) }
        }
        printHeader(options, target: target)

        var summary: [String] = []
        var bareLoop: LoopResult?
        if options.runs.contains("bare") {
            let median = try await runBareLoops(options, target: target)
            bareLoop = median
            summary.append("bare libcurl loop: \(Format.rate(median.rate))")
        }
        let bareRate = bareLoop?.rate
        if options.runs.contains("pipeline") {
            for setting in options.synchronous {
                let synchronous: SQLiteMessageStore.Synchronous = setting == "normal" ? .normal : .full
                report(
                    "\n[pipeline] \(Format.count(options.messages)) messages, 1 webhook channel, concurrency "
                        + "\(options.concurrency), claim batch \(options.claimBatchSize), no rate limit")
                let result = try await PipelineRun(
                    target: target, options: options, synchronous: synchronous,
                    directory: directory + "/pipeline-\(setting)"
                ).run()
                var line =
                    "pipeline (synchronous=\(synchronous), delivery_log=\(options.deliveryLog.rawValue)): end to end \(Format.rate(result.endToEndRate)), "
                    + "p50 \(Format.milliseconds(result.p50)), p99 \(Format.milliseconds(result.p99)), "
                    + "peak RSS \(Format.mebibytes(result.peakResident))"
                if let bareRate {
                    let ratio = result.endToEndRate / bareRate
                    report(
                        "  ratio to the bare libcurl loop: end to end \(Format.percent(ratio)), "
                            + "drain \(Format.percent(result.drainRate / bareRate)), "
                            + "enqueue \(Format.percent(result.enqueueRate / bareRate)) (target: end to end ≥ 50%)")
                    line +=
                        "; \(Format.percent(ratio)) of the bare loop (target ≥ 50%: \(ratio >= 0.5 ? "met" : "not met"))"
                }
                summary.append(line)
            }
        }
        if options.runs.contains("floor") {
            let setting = options.synchronous.first ?? "full"
            let synchronous: SQLiteMessageStore.Synchronous = setting == "normal" ? .normal : .full
            report(
                "\n[floor] \(Format.count(options.messages)) messages written to their final status by bare SQLite calls"
            )
            let result = try await FloorRun(options: options, synchronous: synchronous, directory: directory + "/floor")
                .run(bareLoop: bareLoop)
            var line =
                "bare SQLite writes (synchronous=\(synchronous)): \(Format.rate(result.writes.rate)), "
                + "\(Format.microseconds(result.writes.cpuPerMessage)) CPU per message"
            if let ceiling = result.ceiling, let bareRate {
                line +=
                    " (\(Format.percent(result.writes.rate / bareRate)) of the bare loop); "
                    + "ceiling on \(ProcessInfo.processInfo.activeProcessorCount) cores \(Format.rate(ceiling)) = "
                    + "\(Format.percent(ceiling / bareRate)) of the bare loop"
            }
            summary.append(line)
        }
        if options.runs.contains("queued") && options.queued > 0 {
            report("\n[queued] \(Format.count(options.queued)) messages behind a closed send window")
            let synchronous: SQLiteMessageStore.Synchronous = options.synchronous.first == "normal" ? .normal : .full
            let result = try await QueuedRun(
                target: target, options: options, synchronous: synchronous, directory: directory + "/queued"
            ).run()
            var line =
                "queued \(Format.count(options.queued)): RSS \(Format.mebibytes(result.residentAtFirstTenth)) "
                + "at 10% queued, \(Format.mebibytes(result.residentWhenAllQueued)) at 100%"
            if let first = result.residentAtFirstTenth, let last = result.residentWhenAllQueued {
                line += " (\(last >= first ? "+" : "")\(Format.mebibytes(last - first)))"
            }
            line +=
                "; at most \(Format.mebibytes(result.residentMaxWhileReleasing)) while releasing at "
                + Format.rate(result.releaseRate)
            if let bareRate {
                report("  release rate / bare libcurl loop: \(Format.percent(result.releaseRate / bareRate))")
                line += " (\(Format.percent(result.releaseRate / bareRate)) of the bare loop)"
            }
            summary.append(line)
        }
        await target.shutdown()
        report("\nsummary")
        for line in summary { report("  " + line) }
    }

    /// Run (a): the bare libcurl multi loop, and the same through ``CurlHTTPClient``; returns the bare
    /// loop's median run.
    private static func runBareLoops(_ options: BenchmarkOptions, target: BenchmarkTarget) async throws -> LoopResult {
        let request = try target.sampleRequest()
        let timeout = Duration.seconds(options.timeout)
        let count = options.messages
        report(
            "\n[bare] \(Format.count(count)) POSTs per run, \(options.concurrency) in flight, median of "
                + "\(options.repetitions) runs")
        // Warm-up: connections opened, code paths paged in; not measured.
        _ = await BareCurlLoop.run(
            url: request.url, body: request.body, userAgent: target.client.configuration.userAgent,
            count: min(count, 1000), concurrency: options.concurrency, timeout: timeout)
        var bare: [LoopResult] = []
        for _ in 0..<options.repetitions {
            bare.append(
                await BareCurlLoop.run(
                    url: request.url, body: request.body, userAgent: target.client.configuration.userAgent,
                    count: count, concurrency: options.concurrency, timeout: timeout))
        }
        let bareMedian = try median(bare, "bare libcurl loop")
        report(
            "  bare libcurl multi loop:  \(Format.rate(bareMedian.rate)), "
                + "\(Format.microseconds(bareMedian.cpuPerRequest)) CPU per request  (the reference: one thread, "
                + "raw curl_multi, easy handles reused; runs: \(bare.map { Format.rate($0.rate) }.joined(separator: ", "))); "
                + "median run: \(bareMedian.stolen)"
        )

        _ = await ClientLoop.run(
            client: target.client, request: request, count: min(count, 1000), concurrency: options.concurrency,
            timeout: timeout)
        var client: [LoopResult] = []
        for _ in 0..<options.repetitions {
            client.append(
                await ClientLoop.run(
                    client: target.client, request: request, count: count, concurrency: options.concurrency,
                    timeout: timeout))
        }
        let clientMedian = try median(client, "CurlHTTPClient loop")
        report(
            "  CurlHTTPClient task loop: \(Format.rate(clientMedian.rate)), "
                + "\(Format.microseconds(clientMedian.cpuPerRequest)) CPU per request  "
                + "(\(Format.percent(clientMedian.rate / bareMedian.rate)) of bare: the transport the pipeline uses, "
                + "without the engine; runs: \(client.map { Format.rate($0.rate) }.joined(separator: ", "))); "
                + "median run: \(clientMedian.stolen)")
        return bareMedian
    }

    private static func median(_ results: [LoopResult], _ name: String) throws -> LoopResult {
        if let failed = results.first(where: { $0.failed > 0 }) {
            throw BenchmarkError("\(name): \(failed.failed) requests failed")
        }
        return results.sorted { $0.rate < $1.rate }[results.count / 2]
    }

    private static func printHeader(_ options: BenchmarkOptions, target: BenchmarkTarget) {
        let cpu =
            (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let body = (try? target.sampleRequest().body.count) ?? 0
        report("delivery-benchmark, \(ISO8601DateFormatter().string(from: Date()))")
        report("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu)")
        report("libcurl: \(CurlLibrary.versionText)")
        report(
            "sink: http://127.0.0.1:\(target.sink.port) (in process, one poll(2) thread, HTTP/1.1 keep-alive); "
                + "every request: POST, \(body)-byte JSON body, answered 200")
    }
}
