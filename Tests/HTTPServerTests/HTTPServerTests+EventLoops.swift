import Glibc
import Synchronization
import Testing
import Transport

@testable import HTTPServer

/// Handlers run on the event loop of their connection, and never strand when the loops stop.
extension HTTPServerTests {
    @Test func handlersRunOnTheEventLoopOfTheirConnectionAndComeBackToItAfterAwaiting() async throws {
        let seen = Mutex<[HandlerThreads]>([])
        let handler = RecordingHandler { _ in
            let preferred = withUnsafeCurrentTask { $0?.unownedTaskExecutor != nil }
            let before = pthread_self()
            // Work on another thread: the handler must come back to its loop, not to the pool.
            let elsewhere = await Task.detached { pthread_self() }.value
            let after = pthread_self()
            seen.withLock {
                $0.append(HandlerThreads(preferred: preferred, before: before, after: after, other: elsewhere))
            }
            return HTTPServerResponse(status: 204)
        }
        try await withServer(HTTPServerConfiguration(port: 0, threadCount: 1), handler: handler) { server, client in
            for index in 0..<3 {
                let response = try await client.send(.get, server.url("/\(index)"))
                #expect(response.status == 204)
            }
        }
        let threads = seen.withLock { $0 }
        #expect(threads.count == 3)
        #expect(threads.allSatisfy { $0.preferred })
        // One loop: every handler started and resumed on its thread, which is not the pool's.
        let loop = try #require(threads.first?.before)
        for handled in threads {
            #expect(pthread_equal(handled.before, loop) != 0)
            #expect(pthread_equal(handled.after, loop) != 0)
            #expect(pthread_equal(handled.other, loop) == 0)
        }
    }

    @Test func aHandlerStillRunningWhenTheLoopsStopFinishesOnThePool() async throws {
        let gate = Gate()
        let started = StartSignals()
        let finished = StartSignals()
        let handler = RecordingHandler { request in
            started.continuation.yield(request.path)
            // Ignores the cancellation of shutdown: it resumes only after every loop has ended.
            await gate.wait()
            finished.continuation.yield(request.path)
            return HTTPServerResponse(status: 200)
        }
        let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0, threadCount: 2), handler: handler)
        try server.start()
        let url = server.url("/outlives")
        try await withHTTPClients { client, _ in
            async let answer = client.send(.get, url)
            #expect(await started.next() == "/outlives")
            await server.shutdown(drainSeconds: 0)
            let response = try await answer
            #expect(response.status == 503)

            await gate.open()
            #expect(await finished.next() == "/outlives")
        }
    }
}

/// The threads one handler ran on.
private struct HandlerThreads: Sendable {
    let preferred: Bool
    let before: pthread_t
    let after: pthread_t
    let other: pthread_t
}
