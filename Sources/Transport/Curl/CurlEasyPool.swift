/// Idle easy handles kept for reuse by one ``CurlEventLoop``, used on the loop thread only.
///
/// Creating a handle and setting it up costs far more than `curl_easy_reset`, so a finished
/// transfer's handle is reset and kept here for the next transfer instead of being freed. Handles
/// are taken last in, first out, so a steady load keeps reusing the same few. Connections are not
/// held by handles but by the multi handle's connection cache, so reuse does not change which
/// connection a request goes over.
final class CurlEasyPool {
    /// The most idle handles kept; a handle returned beyond that is freed.
    let capacity: Int
    private var idle: [CurlEasy] = []

    /// Creates an empty pool.
    ///
    /// - Parameter capacity: The most idle handles kept (at least 1).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The number of idle handles.
    var count: Int { idle.count }

    /// An idle handle with only the shared options set, or a new one.
    ///
    /// - Throws: ``TransportError/Code/internalFailure`` if libcurl cannot create a handle.
    func take() throws -> CurlEasy {
        if let easy = idle.popLast() {
            return easy
        }
        return try CurlEasy()
    }

    /// Resets a handle whose transfer has finished (it must no longer be in the multi handle) and keeps
    /// it for reuse; a handle that cannot be reset, or one over ``capacity``, is freed instead.
    func giveBack(_ easy: CurlEasy) {
        guard idle.count < capacity, (try? easy.reset()) != nil else { return }
        idle.append(easy)
    }

    /// Frees every idle handle.
    func removeAll() {
        idle = []
    }
}

@available(*, unavailable)
extension CurlEasyPool: Sendable {}
