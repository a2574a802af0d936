import Foundation
import Testing

/// A local server from `scripts/testservers`, run as a child process for one test.
///
/// The script binds 127.0.0.1 on an ephemeral port and prints the port first; this reads it,
/// then offers the following stdout lines in ``nextLine()``. The script exits when its stdin
/// closes, which ``stop()`` does (and the kernel does if the test process dies), so a server
/// never outlives its test.
public final class TestServer {
    /// The port the server listens on, on 127.0.0.1.
    public let port: Int
    private let process: Process
    private let input: Pipe
    private var lines: AsyncStream<String>.Iterator

    private init(port: Int, process: Process, input: Pipe, lines: AsyncStream<String>.Iterator) {
        self.port = port
        self.process = process
        self.input = input
        self.lines = lines
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String, scheme: String = "http") -> String {
        "\(scheme)://127.0.0.1:\(port)\(path)"
    }

    /// Starts `scripts/testservers/<script>` with `arguments` and waits for its port.
    public static func start(_ script: String, _ arguments: [String] = []) async throws -> TestServer {
        let process = Process()
        let python = TestPython.interpreter
        process.executableURL = URL(fileURLWithPath: python.executable)
        process.arguments = python.arguments + [TestPaths.scripts.appendingPathComponent(script).path] + arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()

        var lines = Self.lines(of: output.fileHandleForReading).makeAsyncIterator()
        guard let first = await lines.next(), let port = Int(first.trimmingCharacters(in: .whitespaces)) else {
            process.terminate()
            throw TestServerError(message: "\(script) did not print its port (is its Python environment set up?)")
        }
        return TestServer(port: port, process: process, input: input, lines: lines)
    }

    /// The next line the server printed after its port, or `nil` once it has exited.
    public func nextLine() async -> String? {
        await lines.next()
    }

    /// Closes the server's stdin (it exits) and waits for it.
    public func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// Reads `handle` on a thread of its own (blocking reads stay off the cooperative pool).
    private static func lines(of handle: FileHandle) -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                var buffer: [UInt8] = []
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    buffer += data
                    while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                        continuation.yield(String(decoding: buffer[..<newline], as: UTF8.self))
                        buffer.removeSubrange(...newline)
                    }
                }
                continuation.finish()
            }
            thread.start()
        }
    }
}

/// A test server that could not be started.
public struct TestServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    /// Creates an error.
    public init(message: String) {
        self.message = message
    }
}
