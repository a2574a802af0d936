import Glibc
import Providers
import Testing

@testable import Host

/// The log writer of `serve`: every line, in order, without the logging thread waiting for the descriptor.
@Suite struct BufferedLogWriterTests {
    @Test func flushWritesEveryLineInTheOrderLogged() throws {
        let pipe = try Pipe()
        let writer = Self.holdingWriter(pipe)
        let lines = (0..<200).map { "line \($0)\n" }
        for line in lines { writer.write(line) }
        writer.flush()
        writer.stop()

        #expect(pipe.readToEnd() == lines.joined())
    }

    @Test func linesBeyondTheCapacityAreDroppedAndCountedAfterTheLinesKept() throws {
        let pipe = try Pipe()
        let writer = Self.holdingWriter(pipe, capacity: 20)
        for index in 1...5 { writer.write("line \(index)\n") }
        writer.flush()
        writer.write("line 6\n")
        writer.stop()

        // 7 bytes a line: two fit in 20; the three after them are dropped, and the buffer has room again after the flush.
        #expect(pipe.readToEnd() == "line 1\nline 2\n3 dropped\nline 6\n")
    }

    @Test func theWritersThreadWritesLinesWithoutAFlush() throws {
        let pipe = try Pipe()
        let writer = BufferedLogWriter(descriptor: pipe.writeEnd, batchDelay: .zero) { "\($0) dropped\n" }
        defer { writer.stop() }
        writer.write("first\n")

        // A blocking read: it returns once the thread has written, however long that takes.
        #expect(pipe.read(count: 6) == "first\n")
    }

    @Test func stopWritesWhatWaitsAndLaterLinesAreIgnored() throws {
        let pipe = try Pipe()
        let writer = Self.holdingWriter(pipe)
        writer.write("before\n")
        writer.stop()
        writer.write("after\n")
        writer.stop()

        #expect(pipe.readToEnd() == "before\n")
    }

    @Test func loggerLinesGoThroughTheWriter() throws {
        let pipe = try Pipe()
        let writer = Self.holdingWriter(pipe)
        let logger = HostLogger(format: .logfmt, now: { HostTestSupport.instant }, write: writer.write)
        logger.log(.info, "request", [("status", .int(200))])
        writer.stop()

        #expect(pipe.readToEnd() == "ts=2025-01-02T03:04:05Z level=info msg=request status=200\n")
    }

    /// A writer to `pipe` whose lines gather for an hour: only `flush()` and `stop()` write them.
    private static func holdingWriter(_ pipe: Pipe, capacity: Int = 8 << 20) -> BufferedLogWriter {
        BufferedLogWriter(descriptor: pipe.writeEnd, batchDelay: .seconds(3600), capacity: capacity) {
            "\($0) dropped\n"
        }
    }
}

/// A pipe the writer writes to and the test reads from; both ends are closed on `deinit`.
private final class Pipe {
    let readEnd: Int32
    let writeEnd: Int32
    private var writeEndOpen = true

    init() throws {
        var descriptors: [Int32] = [0, 0]
        guard Glibc.pipe(&descriptors) == 0 else { throw PipeError() }
        readEnd = descriptors[0]
        writeEnd = descriptors[1]
    }

    deinit {
        close(readEnd)
        if writeEndOpen { close(writeEnd) }
    }

    /// Closes the write end and reads everything written.
    func readToEnd() -> String {
        close(writeEnd)
        writeEndOpen = false
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = Glibc.read(readEnd, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads exactly `count` bytes, waiting for them.
    func read(count: Int) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: count)
        while bytes.count < count {
            let read = Glibc.read(readEnd, &buffer, count - bytes.count)
            guard read > 0 else { break }
            bytes += buffer[..<read]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private struct PipeError: Error {}
