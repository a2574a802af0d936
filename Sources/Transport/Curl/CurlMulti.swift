internal import CCurl

/// Owns one libcurl multi handle (`CURLM *`): the connection pool and the transfers in flight.
///
/// Used only on the event loop thread, except ``wakeUp()``, which libcurl allows from any thread.
final class CurlMulti {
    // The `CURLM *` this object owns: created by `curl_multi_init`, freed by `curl_multi_cleanup`
    // in ``close()`` (or deinit), which the event loop calls after removing every easy handle.
    private var handle: UnsafeMutableRawPointer?
    // The same pointer, kept for `curl_multi_wakeup`: valid until the event loop thread has exited,
    // and only that thread's exit path calls close().
    private let wakeUpHandle: UnsafeMutableRawPointer

    /// A transfer that has finished: its easy handle and libcurl's result.
    struct Completion {
        var easy: UnsafeMutableRawPointer
        var result: CURLcode
    }

    /// Creates a multi handle with HTTP/2 multiplexing and the given connection limits.
    ///
    /// - Parameters:
    ///   - maximumConnectionsPerHost: `CURLMOPT_MAX_HOST_CONNECTIONS`; 0 for no limit.
    ///   - maximumConnections: `CURLMOPT_MAX_TOTAL_CONNECTIONS` and the size of the idle connection cache
    ///     (0: no limit, and libcurl's default cache size).
    init(maximumConnectionsPerHost: Int, maximumConnections: Int) throws {
        guard CurlLibrary.initialize(), let handle = curl_multi_init() else {
            throw TransportError(.internalFailure, "libcurl could not create a multi handle")
        }
        self.handle = handle
        wakeUpHandle = handle
        let options: [(CURLMoption, Int)] = [
            (CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX)),
            (CURLMOPT_MAX_HOST_CONNECTIONS, max(0, maximumConnectionsPerHost)),
            (CURLMOPT_MAX_TOTAL_CONNECTIONS, max(0, maximumConnections)),
            (CURLMOPT_MAXCONNECTS, max(0, maximumConnections)),
        ]
        for (option, value) in options where ccurl_multi_setopt_long(handle, option, value) != CURLM_OK {
            curl_multi_cleanup(handle)
            throw TransportError(.internalFailure, "libcurl rejected multi option \(option.rawValue)")
        }
    }

    deinit {
        close()
    }

    /// Adds a configured easy handle; libcurl starts it on the next ``perform()``.
    func add(_ easy: CurlEasy) -> Bool {
        guard let handle else { return false }
        return curl_multi_add_handle(handle, easy.handle) == CURLM_OK
    }

    /// Removes an easy handle, stopping its transfer (the connection is closed if it was mid-transfer).
    func remove(_ easy: CurlEasy) {
        guard let handle else { return }
        curl_multi_remove_handle(handle, easy.handle)
    }

    /// Drives every transfer as far as it can go without blocking.
    func perform() {
        guard let handle else { return }
        var running: Int32 = 0
        curl_multi_perform(handle, &running)
    }

    /// Takes the transfers that have finished since the last call.
    func completions() -> [Completion] {
        guard let handle else { return [] }
        var done: [Completion] = []
        var queued: Int32 = 0
        while let message = curl_multi_info_read(handle, &queued) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                done.append(Completion(easy: easy, result: message.pointee.data.result))
            }
        }
        return done
    }

    /// Waits until a socket is ready, libcurl has a timeout due, ``wakeUp()`` is called, or
    /// `milliseconds` pass.
    func poll(milliseconds: Int32) {
        guard let handle else { return }
        curl_multi_poll(handle, nil, 0, milliseconds, nil)
    }

    /// Makes a ``poll(milliseconds:)`` in progress (or the next one) return at once. Thread-safe.
    func wakeUp() {
        curl_multi_wakeup(wakeUpHandle)
    }

    /// Frees the multi handle and closes its idle connections; later calls do nothing.
    func close() {
        guard let handle else { return }
        self.handle = nil
        curl_multi_cleanup(handle)
    }
}

// `wakeUp()` is the one method called from other threads; everything else runs on the loop thread.
@available(*, unavailable)
extension CurlMulti: Sendable {}
