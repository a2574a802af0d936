internal import CCurl
import Foundation
import Transport

/// The reference the pipeline is compared with: a bare libcurl multi loop that posts the same body to
/// the sink with a fixed number of transfers in flight.
///
/// It is what a hand-written sender would do, and nothing more: one thread, no Swift concurrency,
/// one easy handle per slot reused for every request, the body set once. (The benchmark imports
/// `CCurl` for this alone: the reference must not share code with what it measures.)
enum BareCurlLoop {
    /// Posts `body` to `url` `count` times with `concurrency` transfers in flight, on a thread of its own.
    ///
    /// - Parameters:
    ///   - url: The sink's URL.
    ///   - body: The JSON body.
    ///   - userAgent: The `User-Agent` header (the transport's, so the bytes on the wire match).
    ///   - count: How many requests.
    ///   - concurrency: Transfers in flight, and the connection limit.
    ///   - timeout: When to give up.
    /// - Returns: How many succeeded (`200`) and failed, and how long it took.
    static func run(
        url: String, body: [UInt8], userAgent: String, count: Int, concurrency: Int, timeout: Duration
    ) async -> LoopResult {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    returning: runBlocking(
                        url: url, body: body, userAgent: userAgent, count: count, concurrency: concurrency,
                        timeout: timeout))
            }
            thread.name = "benchmark-bare-curl"
            thread.start()
        }
    }

    private static func runBlocking(
        url: String, body: [UInt8], userAgent: String, count: Int, concurrency: Int, timeout: Duration
    ) -> LoopResult {
        guard CurlLibrary.initialize(), let multi = curl_multi_init() else {
            return LoopResult(succeeded: 0, failed: count, elapsed: .zero)
        }
        // Freed last: the easy handles below leave it first (defers run in reverse order).
        defer { curl_multi_cleanup(multi) }
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, concurrency)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, concurrency)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, concurrency)

        // CURLOPT_POSTFIELDS is not copied: the bytes and the header list live until the handles are freed.
        let bodyBytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, body.count), alignment: 1)
        defer { bodyBytes.deallocate() }
        bodyBytes.copyBytes(from: body)
        let headers = curl_slist_append(nil, "Content-Type: application/json")
        defer { curl_slist_free_all(headers) }

        var handles: [UnsafeMutableRawPointer] = []
        defer {
            for easy in handles {
                curl_multi_remove_handle(multi, easy)
                curl_easy_cleanup(easy)
            }
        }
        let timeoutMilliseconds = Int(timeout.components.seconds * 1000)
        for _ in 0..<min(concurrency, count) {
            guard let easy = curl_easy_init() else { return LoopResult(succeeded: 0, failed: count, elapsed: .zero) }
            handles.append(easy)
            _ = ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
            _ = url.withCString { ccurl_easy_setopt_string(easy, CURLOPT_URL, $0) }
            _ = userAgent.withCString { ccurl_easy_setopt_string(easy, CURLOPT_USERAGENT, $0) }
            _ = ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
            _ = ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, timeoutMilliseconds)
            _ = ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headers)
            _ = ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            _ = ccurl_easy_setopt_pointer(easy, CURLOPT_POSTFIELDS, bodyBytes.baseAddress)
            _ = ccurl_easy_setopt_data_cb(easy, CURLOPT_WRITEFUNCTION) { _, size, count, _ in size * count }
        }

        let start = ContinuousClock.now
        let cpu = ProcessCPU.seconds
        let stolen = StolenTime.seconds
        var started = 0
        var succeeded = 0
        var failed = 0
        for easy in handles {
            curl_multi_add_handle(multi, easy)
            started += 1
        }
        // Bounded by the count and by the timeout.
        while succeeded + failed < count && ContinuousClock.now - start < timeout {
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let result = message.pointee.data.result
                var status = 0
                _ = ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
                if result == CURLE_OK && status == 200 { succeeded += 1 } else { failed += 1 }
                curl_multi_remove_handle(multi, easy)
                if started < count {
                    curl_multi_add_handle(multi, easy)
                    started += 1
                }
            }
            if succeeded + failed < count { curl_multi_poll(multi, nil, 0, 100, nil) }
        }
        return LoopResult(
            succeeded: succeeded, failed: count - succeeded, elapsed: ContinuousClock.now - start,
            cpuSeconds: ProcessCPU.seconds - cpu, stolenSeconds: StolenTime.seconds - stolen)
    }
}
