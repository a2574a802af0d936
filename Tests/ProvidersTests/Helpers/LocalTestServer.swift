import Foundation
import Synchronization

/// A local test server from `scripts/testservers` (see its README), run for one test on 127.0.0.1.
///
/// A smaller sibling of `TransportTests`' `TestServer`: the script prints its port first and exits
/// when its stdin closes, which ``stop()`` does (and the kernel does if the test process dies).
final class LocalTestServer {
    /// The package root.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Helpers
        .deletingLastPathComponent()  // ProvidersTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// A TEST ONLY TLS file of the transport tests (`Tests/TransportTests/Fixtures/tls`).
    static func tls(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/TransportTests/Fixtures/tls/\(name)").path
    }

    /// The interpreter: `DELIVERYHOST_TEST_PYTHON`, else `python3` from `PATH`.
    static var python: (executable: String, arguments: [String]) {
        if let python = ProcessInfo.processInfo.environment["DELIVERYHOST_TEST_PYTHON"], !python.isEmpty {
            return (python, [])
        }
        return ("/usr/bin/env", ["python3"])
    }

    /// Whether the HTTP/2 server can run (checked once).
    static let canRunHTTP2Server = shouldRun(needing: "hypercorn")

    /// Whether a test needing the Python `module` should run: it is importable, or
    /// `DELIVERYHOST_REQUIRE_TEST_SERVERS=1` asks for a failure rather than a skip.
    static func shouldRun(needing module: String) -> Bool {
        if ProcessInfo.processInfo.environment["DELIVERYHOST_REQUIRE_TEST_SERVERS"] == "1" { return true }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python.executable)
        process.arguments = python.arguments + ["-c", "import \(module)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            print("note: Python package \(module) missing; set DELIVERYHOST_TEST_PYTHON (see scripts/testservers)")
        }
        return process.terminationStatus == 0
    }

    let port: Int
    private let process: Process
    private let input: Pipe

    private init(port: Int, process: Process, input: Pipe) {
        self.port = port
        self.process = process
        self.input = input
    }

    deinit { stop() }

    /// `https://127.0.0.1:<port>`.
    var httpsOrigin: String { "https://127.0.0.1:\(port)" }

    /// Starts `scripts/testservers/<script>` with `arguments` and waits for its port.
    static func start(_ script: String, _ arguments: [String]) async throws -> LocalTestServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python.executable)
        process.arguments =
            python.arguments + [packageRoot.appendingPathComponent("scripts/testservers/\(script)").path] + arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let line = await firstLine(of: output.fileHandleForReading)
        guard let port = line.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(script) printed no port"])
        }
        return LocalTestServer(port: port, process: process, input: input)
    }

    /// Closes the server's stdin (it exits) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// Reads the first line on a thread of its own (blocking reads stay off the cooperative pool).
    private static func firstLine(of handle: FileHandle) async -> String? {
        await withCheckedContinuation { continuation in
            Thread {
                var buffer: [UInt8] = []
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    buffer += data
                    if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                        continuation.resume(returning: String(decoding: buffer[..<newline], as: UTF8.self))
                        return
                    }
                }
                continuation.resume(returning: nil)
            }.start()
        }
    }
}
