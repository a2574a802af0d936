/// Collects a response's header lines and body as libcurl delivers them, on the loop thread.
///
/// Only the final response's headers are kept: every status line (`HTTP/1.1 100 Continue`, a
/// proxy's `HTTP/1.1 200 Connection established`, then the real one) starts the list afresh.
final class HTTPResponseSink {
    /// The most body bytes accepted; more makes ``receiveBody(_:)`` refuse.
    let maximumBodySize: Int
    private var fields: [HTTPHeaders.Field] = []
    /// The body received so far.
    private(set) var body: [UInt8] = []
    /// Whether the body passed ``maximumBodySize`` (and the transfer was aborted for it).
    private(set) var exceededLimit = false

    /// Creates an empty sink.
    init(maximumBodySize: Int) {
        self.maximumBodySize = maximumBodySize
    }

    /// The final response's header fields, in order.
    var headers: HTTPHeaders {
        HTTPHeaders(fields)
    }

    /// Takes one header line as libcurl passes it (with its CRLF).
    ///
    /// The line is split and trimmed as bytes; only the name and value become strings (invalid UTF-8
    /// is replaced with U+FFFD).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == .carriageReturn || bytes[end - 1] == .lineFeed {
            end -= 1
        }
        let line = UnsafeRawBufferPointer(rebasing: bytes[..<end])
        if line.starts(with: Self.statusLinePrefix) {
            fields = []
        } else if let first = line.first, first == .space || first == .tab, !fields.isEmpty {
            // An obsolete folded continuation of the previous field's value.
            fields[fields.count - 1].value += " " + Self.trimmedString(line[...])
        } else if let colon = line.firstIndex(of: .colon) {
            let name = Self.trimmedString(line[..<colon])
            if !name.isEmpty {
                fields.append(HTTPHeaders.Field(name: name, value: Self.trimmedString(line[(colon + 1)...])))
            }
        }
    }

    /// Appends body bytes; returns `false` (so libcurl aborts the transfer) past the limit.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maximumBodySize else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    private static let statusLinePrefix = Array("HTTP/".utf8)

    /// The bytes without leading and trailing spaces and tabs, as a string.
    private static func trimmedString(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == .space || bytes[start] == .tab { start += 1 }
        while end > start, bytes[end - 1] == .space || bytes[end - 1] == .tab { end -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}

extension UInt8 {
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let lineFeed = UInt8(ascii: "\n")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let colon = UInt8(ascii: ":")
}

@available(*, unavailable)
extension HTTPResponseSink: Sendable {}
