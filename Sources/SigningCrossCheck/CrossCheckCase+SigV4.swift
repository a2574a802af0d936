import Foundation
import Signing

extension CrossCheckCase {
    /// Signs a request with ``SigV4Signer`` (standard options) at `amz_date`.
    func sigV4() throws -> [String: JSONValue] {
        let credentials = AWSCredentials(
            accessKeyID: try string("access_key_id"),
            secretAccessKey: try string("secret_access_key"),
            sessionToken: try optionalString("session_token")
        )
        let signer = try SigV4Signer(
            credentials: credentials, region: try string("region"), service: try string("service"))
        guard let url = URL(string: try string("url")) else {
            throw CaseError("'url' does not parse as a URL")
        }
        let request = try SigV4Request(
            method: try string("method"),
            url: url,
            headers: try pairs("headers").map { SigV4Request.Header($0.name, $0.value) },
            payload: .bytes(try body())
        )
        let signed = try signer.sign(request, date: try amzDate())
        return [
            "headers": .array(signed.addedHeaders.map { .array([.string($0.name), .string($0.value)]) }),
            "authorization": .string(signed.authorization),
            "canonical_request": .string(signed.canonicalRequest),
        ]
    }

    /// Parses `amz_date` (`yyyyMMdd'T'HHmmss'Z'`) with Foundation's calendar, independently of the signer.
    private func amzDate() throws -> Date {
        let text = try string("amz_date")
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else {
            throw CaseError("'amz_date' must look like 20260101T120000Z")
        }
        func number(_ range: Range<Int>) throws -> Int {
            guard let value = Int(String(decoding: bytes[range], as: UTF8.self)) else {
                throw CaseError("'amz_date' has a non-digit where a digit belongs")
            }
            return value
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let components = DateComponents(
            year: try number(0..<4), month: try number(4..<6), day: try number(6..<8),
            hour: try number(9..<11), minute: try number(11..<13), second: try number(13..<15))
        guard let date = calendar.date(from: components) else {
            throw CaseError("'amz_date' is not a valid date")
        }
        return date
    }
}
