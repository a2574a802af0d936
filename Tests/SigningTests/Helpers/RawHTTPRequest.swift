import Foundation
import Signing
import Testing

/// A raw HTTP/1.1 request as written in the AWS SigV4 test suite's `.req` files.
///
/// The format is lenient on purpose, to read the files as published: lines end in LF (a CR
/// before it is dropped); the request target may hold a raw space (`normalize-path/get-space`);
/// a header line starting with a space or tab continues the previous value, kept as a folded
/// value (`"value1\n  value2"`) so the signer's unfolding is what gets tested; a blank line
/// separates the body, which may be missing, and the file may or may not end in a newline.
struct RawHTTPRequest {
    var method: String
    /// The path part of the request target, as on the wire.
    var path: String
    /// The query part of the request target (after `?`), or `nil` without one.
    var query: String?
    var headers: [SigV4Request.Header]
    var body: [UInt8]

    /// Parses the text of a `.req` file.
    init(parsing text: String) throws {
        let normalized = text.replacingOccurrences(of: "\r", with: "")
        let head: Substring
        if let blank = normalized.range(of: "\n\n") {
            head = normalized[..<blank.lowerBound]
            body = Array(normalized[blank.upperBound...].utf8)
        } else {
            head = normalized[...]
            body = []
        }
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        let requestLine = try #require(lines.first, "the request has no request line")

        // METHOD SP target SP HTTP/1.1; the target itself may contain spaces.
        let firstSpace = try #require(requestLine.firstIndex(of: " "), "no space after the method")
        let lastSpace = try #require(requestLine.lastIndex(of: " "), "no space before the version")
        try #require(firstSpace < lastSpace, "the request line has no target")
        method = String(requestLine[..<firstSpace])
        let target = requestLine[requestLine.index(after: firstSpace)..<lastSpace]
        if let question = target.firstIndex(of: "?") {
            path = String(target[..<question])
            query = String(target[target.index(after: question)...])
        } else {
            path = String(target)
            query = nil
        }

        headers = []
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t" {
                let last = try #require(headers.indices.last, "a continuation line comes before any header")
                headers[last].value += "\n" + line
                continue
            }
            let colon = try #require(line.firstIndex(of: ":"), "a header line has no colon: \(line)")
            headers.append(.init(String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
    }

    /// The request to sign, with the body as a byte payload.
    var sigV4Request: SigV4Request {
        SigV4Request(
            method: method,
            path: path,
            query: query.map(SigV4Request.queryItems(parsing:)) ?? [],
            headers: headers,
            payload: .bytes(body)
        )
    }
}
