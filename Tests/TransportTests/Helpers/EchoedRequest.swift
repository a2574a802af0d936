import Foundation
import Signing
import Transport

/// What the test servers' `/echo` endpoint saw.
struct EchoedRequest: Decodable {
    var method: String
    /// The request target: path and query.
    var path: String
    /// Header fields in order, each `[name, value]`.
    var headers: [[String]]
    /// The body, base64.
    var body: String
    /// The HTTP version, from the HTTP/2 server only.
    var http_version: String?

    /// Decodes a response from `/echo`.
    init(_ response: HTTPResponse) throws {
        self = try JSONDecoder().decode(EchoedRequest.self, from: Data(response.body))
    }

    /// The body's bytes.
    func bodyBytes() throws -> [UInt8] {
        try Base64.decode(body)
    }

    /// Every value of header `name`, ignoring case, in order.
    func values(_ name: String) -> [String] {
        headers.filter { $0.first?.lowercased() == name.lowercased() }.map { $0.count > 1 ? $0[1] : "" }
    }
}
