import Engine
import Foundation
import SQLiteStore
import Transport

/// The `delivery-benchmark` command: the delivery pipeline's throughput, latency and memory against a
/// bare libcurl loop posting the same bodies to the same local sink. See docs/benchmark.md.
@main
struct DeliveryBenchmark {
    static func main() async {
        do {
            guard let options = try BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst())) else {
                print(BenchmarkOptions.usage)
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
            print("warning: this is a debug build; measure with `swift build -c release`\n")
        #endif
        let target = try BenchmarkTarget(concurrency: options.concurrency)
        let temporary = options.dataDirectory == nil
        let directory =
            options.dataDirectory
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("delivery-benchmark-\(UUID().uuidString)")
        defer {
            if temporary { try? FileManager.default.removeItem(atPath: directory) }
        }
        printHeader(options, target: target)

        var bareRate: Double?
        if options.runs.contains("bare") {
            bareRate = try await runBareLoops(options, target: target)
        }
        if options.runs.contains("pipeline") {
            for setting in options.synchronous {
                let synchronous: SQLiteMessageStore.Synchronous = setting == "normal" ? .normal : .full
                print(
                    "\n[pipeline] \(Format.count(options.messages)) messages, 1 webhook channel, concurrency "
                        + "\(options.concurrency), claim batch \(options.claimBatchSize), no rate limit")
                let result = try await PipelineRun(
                    target: target, options: options, synchronous: synchronous,
                    directory: directory + "/pipeline-\(setting)"
                ).run()
                if let bareRate {
                    print(
                        "  ratio to the bare libcurl loop: end to end \(Format.percent(result.endToEndRate / bareRate)), "
                            + "drain \(Format.percent(result.drainRate / bareRate)), "
                            + "enqueue \(Format.percent(result.enqueueRate / bareRate)) (target: end to end ≥ 50%)")
                }
            }
        }
        if options.runs.contains("queued") && options.queued > 0 {
            print("\n[queued] \(Format.count(options.queued)) messages behind a closed send window")
            let synchronous: SQLiteMessageStore.Synchronous = options.synchronous.first == "normal" ? .normal : .full
            let result = try await QueuedRun(
                target: target, options: options, synchronous: synchronous, directory: directory + "/queued"
            ).run()
            let sizes = result.residentSamples.compactMap(\.bytes)
            if let low = sizes.min(), let high = sizes.max() {
                print(
                    "  RSS range over the run: \(Format.mebibytes(low)) – \(Format.mebibytes(high)) "
                        + "(target: flat, independent of the number queued)")
            }
            if let bareRate {
                print("  release rate / bare libcurl loop: \(Format.percent(result.releaseRate / bareRate))")
            }
        }
        await target.shutdown()
    }

    /// Run (a): the bare libcurl multi loop, and the same through ``CurlHTTPClient``; returns the bare rate.
    private static func runBareLoops(_ options: BenchmarkOptions, target: BenchmarkTarget) async throws -> Double {
        let request = try target.sampleRequest()
        let timeout = Duration.seconds(options.timeout)
        let count = options.messages
        print(
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
        print(
            "  bare libcurl multi loop:  \(Format.rate(bareMedian.rate)), "
                + "\(Format.microseconds(bareMedian.cpuPerRequest)) CPU per request  (one thread, easy handles "
                + "reused; runs: \(bare.map { Format.rate($0.rate) }.joined(separator: ", ")))")

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
        print(
            "  CurlHTTPClient task loop: \(Format.rate(clientMedian.rate)), "
                + "\(Format.microseconds(clientMedian.cpuPerRequest)) CPU per request  "
                + "(\(Format.percent(clientMedian.rate / bareMedian.rate)) of bare: the transport the pipeline uses, "
                + "without the engine; runs: \(client.map { Format.rate($0.rate) }.joined(separator: ", ")))")
        return bareMedian.rate
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
        print("delivery-benchmark, \(ISO8601DateFormatter().string(from: Date()))")
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu)")
        print("libcurl: \(CurlLibrary.versionText)")
        print(
            "sink: http://127.0.0.1:\(target.sink.port) (in process, one poll(2) thread, HTTP/1.1 keep-alive); "
                + "every request: POST, \(body)-byte JSON body, answered 200")
    }
}
