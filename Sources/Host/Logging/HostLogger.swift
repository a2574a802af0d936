public import Foundation
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
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
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
        let all: [(String, Value)] =
            [
                ("ts", .string(ISO8601Timestamp.string(from: now()))), ("level", .string(level.rawValue)),
                ("msg", .string(message)),
            ]
            + fields
        write(render(all) + "\n")
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
            return fields.map { "\($0.0)=\($0.1.logfmt)" }.joined(separator: " ")
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
        switch self {
        case .int(let number): return String(number)
        case .double(let number): return Self.threeDecimals(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .string(let text):
            let needsQuotes = text.isEmpty || text.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0.isNewline }
            guard needsQuotes else { return text }
            let escaped = text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
            return "\"" + escaped + "\""
        }
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
