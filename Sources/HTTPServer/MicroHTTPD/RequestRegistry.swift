import Synchronization

/// The requests a daemon has started and not yet completed, and the tasks waiting for none to be left.
///
/// Shutdown drains by waiting on ``waitUntilEmpty(timeout:)`` and then abandons what is left.
final class RequestRegistry: Sendable {
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var requests: [ObjectIdentifier: MicroHTTPRequest] = [:]
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var cancelledWaiters: Set<Int> = []
        var nextWaiter = 0
        var isClosed = false
    }

    /// How many requests are in flight: from their request line until libmicrohttpd completes them.
    var count: Int {
        state.withLock { $0.requests.count }
    }

    /// Records a new request; returns `false` (recording nothing) once ``close()`` was called.
    func insert(_ request: MicroHTTPRequest) -> Bool {
        state.withLock { state in
            guard !state.isClosed else { return false }
            state.requests[ObjectIdentifier(request)] = request
            return true
        }
    }

    /// Forgets a completed request and wakes the waiters if it was the last.
    func remove(_ request: MicroHTTPRequest) {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.requests[ObjectIdentifier(request)] = nil
            guard state.requests.isEmpty else { return [] }
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses later requests and returns those in flight now: together they are every request
    /// shutdown must abandon.
    func close() -> [MicroHTTPRequest] {
        state.withLock { state in
            state.isClosed = true
            return Array(state.requests.values)
        }
    }

    /// Returns once no request is in flight, or after `timeout`, whichever comes first.
    func waitUntilEmpty(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitUntilEmpty() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Returns once no request is in flight, or when the calling task is cancelled.
    private func waitUntilEmpty() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.requests.isEmpty || state.cancelledWaiters.remove(id) != nil { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                guard let waiter = state.waiters.removeValue(forKey: id) else {
                    state.cancelledWaiters.insert(id)
                    return CheckedContinuation<Void, Never>?.none
                }
                return waiter
            }
            waiter?.resume()
        }
    }
}
