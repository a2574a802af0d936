public import Foundation
import Glibc
public import Providers

/// Structured logs: one line per event, as JSON or logfmt, on standard error by default.
///
/// Secrets stay out by construction: callers pass typed fields they chose, request headers are only ever
/// logged through ``loggableHeaders(_:)`` (an allow-list that never includes `Authorization`), and
/// message content is logged only when ``logContent`` is set and the level is debug.
///
/// ```
/// {"ts":"2025-01-02T03:04:05Z","level":"info","msg":"request","request_id":"…","route":"/v1/users/:user_id","status":200}
/// ts=2025-01-02T03:04:05Z level=info msg=request request_id=… route=/v1/users/:user_id status=200
/// ```
public struct HostLogger: Sendable {
    /// One field's value.
    public enum Value: Sendable, Hashable {
        /// Text.
        case string(String)
        /// A whole number.
        case int(Int)
        /// A number, such as a duration in milliseconds.
        case double(Double)
        /// A flag.
        case bool(Bool)
    }

    /// How lines are written.
    public var format: ServerSettings.LogFormat
    /// The least severe level written.
    public var level: ServerSettings.LogLevel
    /// Whether debug lines may include message content.
    public var logContent: Bool
    private let now: @Sendable () -> Date
    private let write: @Sendable (String) -> Void

    /// The request headers that may be logged, lower case.
    public static let headerAllowList: Set<String> = ["content-type", "content-length", "user-agent", "accept"]

    /// Creates a logger.
    ///
    /// - Parameters:
    ///   - format: JSON lines or logfmt.
    ///   - level: The least severe level written.
    ///   - logContent: Whether debug lines may include message content.
    ///   - now: The clock for timestamps.
    ///   - write: Receives each line, with its trailing newline; standard error by default.
    public init(
        format: ServerSettings.LogFormat = .json, level: ServerSettings.LogLevel = .info, logContent: Bool = false,
        now: @escaping @Sendable () -> Date = { Date() },
        write: @escaping @Sendable (String) -> Void = HostLogger.writeToStandardError
    ) {
        self.format = format
        self.level = level
        self.logContent = logContent
        self.now = now
        self.write = write
    }

    /// Writes one event if `level` is at least the logger's level.
    ///
    /// - Parameters:
    ///   - level: The event's level.
    ///   - message: A short fixed event name, such as `request` or `listening`.
    ///   - fields: The event's fields, in order; never secrets.
    public func log(_ level: ServerSettings.LogLevel, _ message: String, _ fields: [(String, Value)] = []) {
        guard level >= self.level else { return }
        write(line(level, message, fields))
    }

    /// The line ``log(_:_:_:)`` writes for an event, with its trailing newline, whatever the logger's level.
    public func line(_ level: ServerSettings.LogLevel, _ message: String, _ fields: [(String, Value)] = []) -> String {
        let all: [(String, Value)] =
            [
                ("ts", .string(ISO8601Timestamp.string(from: now()))), ("level", .string(level.rawValue)),
                ("msg", .string(message)),
            ]
            + fields
        return render(all) + "\n"
    }

    /// The allow-listed headers of a request, as fields named `header_<name>`.
    public static func loggableHeaders(_ headers: [(name: String, value: String)]) -> [(String, Value)] {
        headers.compactMap { header in
            let name = header.name.lowercased()
            guard headerAllowList.contains(name) else { return nil }
            return ("header_" + name.replacing("-", with: "_"), .string(header.value))
        }
    }

    func render(_ fields: [(String, Value)]) -> String {
        switch format {
        case .json:
            let object = JSONObject(fields.map { ($0.0, $0.1.json) })
            return JSONValue.object(object).encoded()
        case .logfmt:
            // One string grown in place: a line is rendered for every request.
            var line = ""
            line.reserveCapacity(256)
            for (index, (name, value)) in fields.enumerated() {
                if index > 0 { line += " " }
                line += name
                line += "="
                value.appendLogfmt(to: &line)
            }
            return line
        }
    }

    /// Writes a line to standard error with `write(2)`, retrying after a partial write or an interrupt.
    ///
    /// The caller waits for the write; a long-running process logs through a ``BufferedLogWriter`` instead.
    @Sendable public static func writeToStandardError(_ line: String) {
        var line = line
        line.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
    }

    /// Writes all of `bytes` to `descriptor`, retrying after a partial write or an interrupt; gives up on
    /// any other error (a log line is not worth failing for).
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

extension HostLogger.Value {
    var json: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .int(let number): .number(Double(number))
        case .double(let number): .number(number)
        case .bool(let flag): .bool(flag)
        }
    }

    var logfmt: String {
        var text = ""
        appendLogfmt(to: &text)
        return text
    }

    /// Appends ``logfmt`` to `line`.
    func appendLogfmt(to line: inout String) {
        switch self {
        case .int(let number): line += String(number)
        case .double(let number): line += Self.threeDecimals(number)
        case .bool(let flag): line += flag ? "true" : "false"
        case .string(let text):
            guard Self.needsQuotes(text) else {
                line += text
                return
            }
            let escaped = text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
            line += "\"" + escaped + "\""
        }
    }

    /// Whether a logfmt value must be quoted: it is empty or holds a space, `=`, `"` or a line break.
    static func needsQuotes(_ text: String) -> Bool {
        if text.isEmpty { return true }
        // ASCII text is decided byte by byte; anything else by its characters (Unicode line breaks).
        var isASCII = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "="), UInt8(ascii: "\""), 0x0A...0x0D: return true
            case 0x80...: isASCII = false
            default: continue
            }
        }
        return isASCII ? false : text.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0.isNewline }
    }
    /// `number` with three decimals, as `String(format: "%.3f", number)` writes it (ties aside), without
    /// CoreFoundation's formatter: durations are logged on every request.
    static func threeDecimals(_ number: Double) -> String {
        guard number.isFinite, number.magnitude < 1e15 else { return String(format: "%.3f", number) }
        let thousandths = Int((number.magnitude * 1000).rounded())
        let fraction = String(thousandths % 1000)
        let sign = number.sign == .minus ? "-" : ""
        return sign + String(thousandths / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
