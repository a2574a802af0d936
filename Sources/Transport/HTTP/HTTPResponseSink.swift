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
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var line = Substring(String(decoding: bytes, as: UTF8.self))
        // "\r\n" is one Character in Swift.
        while let last = line.last, last == "\r\n" || last == "\r" || last == "\n" {
            line.removeLast()
        }
        if line.hasPrefix("HTTP/") {
            fields = []
        } else if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
            // An obsolete folded continuation of the previous field's value.
            fields[fields.count - 1].value += " " + Self.trimmed(line)
        } else if let colon = line.firstIndex(of: ":") {
            let name = Self.trimmed(line[..<colon])
            let value = Self.trimmed(line[line.index(after: colon)...])
            if !name.isEmpty {
                fields.append(HTTPHeaders.Field(name: name, value: value))
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

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

@available(*, unavailable)
extension HTTPResponseSink: Sendable {}
