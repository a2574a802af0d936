import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 that answers every request `200 ok`: the benchmark's sink.
///
/// One dedicated thread serves every connection with `poll(2)` over non-blocking sockets, keeps
/// connections alive, reads `Content-Length` bodies (no chunked bodies: libcurl sends a length for
/// the bodies the benchmark posts), answers pipelined requests in order and counts what it served.
/// It binds the loopback address only, on a port the kernel picks.
final class LoopbackSink: Sendable {
    /// The port it listens on.
    let port: UInt16
    /// Requests answered so far.
    var requestsServed: Int { served.load(ordering: .relaxed) }

    private let listener: Int32
    private let served = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Binds 127.0.0.1 on an ephemeral port and starts serving.
    ///
    /// - Throws: ``BenchmarkError`` if the socket cannot be set up.
    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw BenchmarkError("sink: socket() failed: errno \(errno)") }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 1024) == 0 else {
            close(fd)
            throw BenchmarkError("sink: cannot listen on 127.0.0.1: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in serve() }
        thread.name = "benchmark-sink"
        thread.start()
    }

    /// The URL of a path on the sink.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Stops serving, closes every connection, and waits for the thread to end (at most about 100 ms).
    func stop() {
        stopping.store(true, ordering: .relaxed)
        finished.wait()
    }

    // MARK: - The serving thread

    /// One open connection: what it has received and not yet answered, and answers not yet written.
    private struct Connection {
        var fd: Int32
        var input: [UInt8] = []
        var output: [UInt8] = []
    }

    private static let response = Array(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".utf8)
    private static let badRequest = Array(
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
    private static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private func serve() {
        var connections: [Connection] = []
        var descriptors: [pollfd] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        // Bounded: every poll waits at most 100 ms, and the loop ends once `stop()` is called.
        while !stopping.load(ordering: .relaxed) {
            descriptors.removeAll(keepingCapacity: true)
            descriptors.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0))
            for connection in connections {
                let events = connection.output.isEmpty ? POLLIN : POLLIN | POLLOUT
                descriptors.append(pollfd(fd: connection.fd, events: Int16(events), revents: 0))
            }
            guard poll(&descriptors, nfds_t(descriptors.count), 100) > 0 else { continue }
            var closed: Set<Int32> = []
            for index in connections.indices where descriptors[index + 1].revents != 0 {
                if !service(&connections[index], buffer: &buffer) { closed.insert(connections[index].fd) }
            }
            if !closed.isEmpty {
                for fd in closed { close(fd) }
                connections.removeAll { closed.contains($0.fd) }
            }
            if descriptors[0].revents != 0 { acceptAll(into: &connections) }
        }
        for connection in connections { close(connection.fd) }
        close(listener)
        finished.signal()
    }

    private func acceptAll(into connections: inout [Connection]) {
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
            var noDelay: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            connections.append(Connection(fd: fd))
        }
    }

    /// Reads what is there, answers every complete request, writes what it can; `false` to close.
    private func service(_ connection: inout Connection, buffer: inout [UInt8]) -> Bool {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(connection.fd, $0.baseAddress, $0.count) }
            if count > 0 {
                connection.input.append(contentsOf: buffer[0..<count])
                if count < buffer.count { break }
            } else if count == 0 {
                return false
            } else {
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                if errno == EINTR { continue }
                return false
            }
        }
        var keepOpen = answerCompleteRequests(&connection)
        while !connection.output.isEmpty {
            let written = connection.output.withUnsafeBytes { write(connection.fd, $0.baseAddress, $0.count) }
            if written > 0 {
                connection.output.removeFirst(written)
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                if written < 0 && errno != EAGAIN && errno != EWOULDBLOCK { keepOpen = false }
                break
            }
        }
        return keepOpen || !connection.output.isEmpty
    }

    /// Parses every complete request in the input and queues its answer; `false` after a bad request.
    private func answerCompleteRequests(_ connection: inout Connection) -> Bool {
        var start = 0
        defer { connection.input.removeFirst(start) }
        while let headerEnd = Self.headerEnd(in: connection.input, from: start) {
            guard let head = Self.parseHead(connection.input[start..<headerEnd]) else {
                connection.output += Self.badRequest
                start = connection.input.count
                return false
            }
            let bodyStart = headerEnd + 4
            guard connection.input.count - bodyStart >= head.contentLength else {
                if head.expectsContinue && connection.input.count == bodyStart {
                    connection.output += Self.continueResponse
                }
                return true
            }
            start = bodyStart + head.contentLength
            connection.output += Self.response
            served.add(1, ordering: .relaxed)
        }
        return true
    }

    /// The index of the `\r\n\r\n` ending a request head at or after `start`, if the head is complete.
    private static func headerEnd(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count - start >= 4 else { return nil }
        for index in start...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// What the sink needs from a request head: the body length (`Content-Length`, 0 without one) and
    /// whether the client waits for `100 Continue`; `nil` for a chunked body or a bad length.
    private static func parseHead(_ head: ArraySlice<UInt8>) -> (contentLength: Int, expectsContinue: Bool)? {
        var contentLength = 0
        var expectsContinue = false
        // Header lines after the request line; names compared case-insensitively, on bytes.
        for line in head.split(separator: 10).dropFirst() {
            guard let colon = line.firstIndex(of: 58) else { continue }
            let name = line[line.startIndex..<colon]
            let value = line[(colon + 1)...].filter { $0 != 32 && $0 != 9 && $0 != 13 }
            if matches(name, "content-length") {
                guard !value.isEmpty, value.count < 12, value.allSatisfy({ (48...57).contains($0) }) else { return nil }
                contentLength = value.reduce(0) { $0 * 10 + Int($1 - 48) }
            } else if matches(name, "transfer-encoding") {
                return nil
            } else if matches(name, "expect") {
                expectsContinue = matches(value[...], "100-continue")
            }
        }
        return (contentLength, expectsContinue)
    }

    /// Whether ASCII `bytes` equal the lower-case `name`, ignoring case.
    private static func matches(_ bytes: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { byte, lower in
                (65...90).contains(byte) ? byte + 32 == lower : byte == lower
            }
        }
    }
}
