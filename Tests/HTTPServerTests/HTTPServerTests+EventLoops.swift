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

/// The loops sleep only until libmicrohttpd's next timeout, so idle connections are still closed.
extension HTTPServerTests {
    @Test func closesAConnectionThatStaysSilentPastTheTimeout() async throws {
        let configuration = HTTPServerConfiguration(port: 0, threadCount: 1, connectionTimeoutSeconds: 1)
        try await withServer(configuration, handler: RecordingHandler()) { server, _ in
            let socket = try #require(SilentClient(port: server.port))
            let started = ContinuousClock.now
            // Half a request line, then silence: the server must give up on it.
            socket.send("GET /half")
            let received = socket.readUntilClosed()
            #expect(received == .closed)
            #expect(ContinuousClock.now - started >= .milliseconds(900))
        }
    }
}

/// A raw TCP client on 127.0.0.1 that sends bytes and waits (up to 30 s, so a broken server fails the
/// test instead of hanging it) for the server to close the connection.
private final class SilentClient {
    enum Outcome: Equatable {
        case closed
        case data
        case failed
    }

    private let descriptor: Int32

    init?(port: Int) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            return nil
        }
    }

    deinit {
        close(descriptor)
    }

    func send(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Reads until the server closes the connection (`.closed`), answers something (`.data`), or the
    /// read fails or times out (`.failed`).
    func readUntilClosed() -> Outcome {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count == 0 ? .closed : count > 0 ? .data : .failed
    }
}
