import Transport

/// Posts through ``CurlHTTPClient``, the transport the pipeline uses, with a fixed number of requests
/// in flight: the bare loop plus the transport's own costs (a Swift task and continuation per
/// request, an easy handle configured per request, the response collected), without the engine.
enum ClientLoop {
    /// Sends `request` `count` times with `concurrency` in flight.
    static func run(
        client: CurlHTTPClient, request: HTTPRequest, count: Int, concurrency: Int, timeout: Duration
    ) async -> LoopResult {
        let start = ContinuousClock.now
        let cpu = ProcessCPU.seconds
        let stolen = StolenTime.seconds
        var succeeded = 0
        await withTaskGroup(of: Bool.self) { group in
            var started = 0
            while started < min(concurrency, count) {
                group.addTask { (try? await client.execute(request, timeout: timeout))?.status == 200 }
                started += 1
            }
            for await ok in group {
                if ok { succeeded += 1 }
                if started < count {
                    group.addTask { (try? await client.execute(request, timeout: timeout))?.status == 200 }
                    started += 1
                }
            }
        }
        return LoopResult(
            succeeded: succeeded, failed: count - succeeded, elapsed: ContinuousClock.now - start,
            cpuSeconds: ProcessCPU.seconds - cpu, stolenSeconds: StolenTime.seconds - stolen)
    }
}

/// What one run of a sending loop came to.
struct LoopResult {
    /// Requests answered `200`.
    var succeeded: Int
    /// Requests that failed or got another status.
    var failed: Int
    /// From the first request to the last answer.
    var elapsed: Duration
    /// The process's processor time over the run (all threads, the sink's too), in seconds.
    var cpuSeconds = 0.0
    /// The processor time the hypervisor stole from the machine over the run, in seconds.
    var stolenSeconds = 0.0

    /// Successful requests per second.
    var rate: Double { Double(succeeded) / max(elapsed.seconds, 1e-9) }

    /// Processor time per request, in seconds.
    var cpuPerRequest: Double { cpuSeconds / Double(max(1, succeeded + failed)) }

    /// "stolen by the hypervisor: … cores" over the run.
    var stolen: String { StolenTime.describe(stolenSeconds, over: elapsed.seconds) }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
