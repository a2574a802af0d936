import Foundation
import Signing
import Testing

/// A small, strict reader of the MIME that ``MIMEMessage`` writes, to check it from the outside.
public struct ParsedMIME {
    /// Header fields in order, unfolded.
    public var headers: [(name: String, value: String)]
    /// The raw body after the blank line.
    public var body: String

    /// Parses an entity: headers, a blank line, the body. Lines must end in CRLF.
    public init(_ text: String) throws {
        let split = text.components(separatedBy: "\r\n\r\n")
        let head = try #require(split.first, "no header section")
        body = split.dropFirst().joined(separator: "\r\n\r\n")
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: "\t")
        headers = try unfolded.components(separatedBy: "\r\n").map { line in
            let colon = try #require(line.firstIndex(of: ":"), "header line without a colon: \(line)")
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            return (String(line[..<colon]), String(value))
        }
    }

    /// The first value of `name`, ignoring case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The media type without parameters, lower-cased.
    public var mediaType: String {
        (header("Content-Type") ?? "text/plain").components(separatedBy: ";")[0].lowercased()
    }

    /// The parts of a multipart entity, in order.
    public func parts() throws -> [ParsedMIME] {
        let contentType = try #require(header("Content-Type"))
        let marker = try #require(contentType.range(of: "boundary=\""), "no boundary in \(contentType)")
        let boundary = String(contentType[marker.upperBound...].prefix { $0 != "\"" })
        let pieces = body.components(separatedBy: "--\(boundary)")
        try #require(pieces.count >= 3, "a multipart body needs an opening and a closing delimiter")
        #expect(pieces.first == "")
        #expect(pieces.last == "--\r\n")
        return try pieces.dropFirst().dropLast().map { piece in
            try #require(piece.hasPrefix("\r\n") && piece.hasSuffix("\r\n"))
            return try ParsedMIME(String(piece.dropFirst().dropLast()) + "\r\n")
        }
    }

    /// The body decoded per its Content-Transfer-Encoding.
    public func decodedBody() throws -> [UInt8] {
        switch header("Content-Transfer-Encoding")?.lowercased() ?? "7bit" {
        case "base64":
            return try Base64.decode(body.replacingOccurrences(of: "\r\n", with: ""))
        case "quoted-printable":
            return try Self.decodeQuotedPrintable(body)
        default:
            return Array(body.utf8)
        }
    }

    public static func decodeQuotedPrintable(_ text: String) throws -> [UInt8] {
        let bytes = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "=") {
                try #require(index + 2 < bytes.count, "truncated escape")
                let hex = String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self)
                output.append(try #require(UInt8(hex, radix: 16), "bad escape =\(hex)"))
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    /// Decodes a header value made of `=?UTF-8?B?...?=` words separated by spaces.
    public static func decodeEncodedWords(_ value: String) throws -> String {
        var bytes: [UInt8] = []
        for word in value.split(separator: " ") {
            try #require(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="), "not an encoded word: \(word)")
            #expect(word.count <= 75)
            bytes += try Base64.decode(String(word.dropFirst(10).dropLast(2)))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
