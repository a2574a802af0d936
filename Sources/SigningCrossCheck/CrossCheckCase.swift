import Foundation
import Signing

/// One case from `scripts/crosscheck/signing.py`: a `kind` and that kind's fields.
///
/// | kind | fields | result |
/// |---|---|---|
/// | `sigv4` | `method`, `url`, `headers` (`[[name, value]]`), `body_base64`, `amz_date`, `region`, `service`, `access_key_id`, `secret_access_key`, optional `session_token` | `headers` (the added `[[name, value]]`), `authorization`, `canonical_request` |
/// | `knock_sign` | `secret`, `timestamp_ms`, body | `header` |
/// | `knock_verify` | `secret`, `header`, body, `now_ms` | verdict |
/// | `standard_webhooks_sign` | `secret` (text or array of texts), `msg_id`, `timestamp`, body | `signature` |
/// | `standard_webhooks_verify` | `secret`, `msg_id`, `timestamp` (header text), `signature`, body, `now` | verdict |
/// | `slack_sign` | `secret`, `timestamp`, body | `signature` |
/// | `slack_verify` | `secret`, `timestamp` (header text), `signature`, body, `now` | verdict |
/// | `twilio_sign` | `auth_token`, `url`, `params` (`[[name, value]]`) | `signature` |
/// | `twilio_verify` | `auth_token`, `url`, `signature`, and `params` or a JSON `body` | verdict |
/// | `jwt_sign` | `alg`, `private_key_pem`, optional `kid`, `claims` | `token` |
/// | `jwt_verify` | `alg`, `public_key_pem`, `token`, `now` | verdict |
///
/// A body is `body` (text, signed as UTF-8) or `body_base64`. Times are Unix seconds (`now`,
/// `timestamp`) or milliseconds (`*_ms`). A verdict is `{"valid": true}` or
/// `{"valid": false, "code": "<SigningError code>"}`.
struct CrossCheckCase {
    /// The case's fields.
    let fields: [String: JSONValue]

    /// Runs one case and returns its result object, echoing the case's `id`.
    ///
    /// Failures become `error` and `message` members of the result; this never throws or traps.
    static func result(for value: JSONValue) -> JSONValue {
        guard case .object(let fields) = value else {
            return .object(["error": "badCase", "message": "a case must be a JSON object"])
        }
        var result: [String: JSONValue]
        do {
            result = try CrossCheckCase(fields: fields).run()
        } catch let error as SigningError {
            result = ["error": .string(error.code.description), "message": .string(error.message)]
        } catch let error as CaseError {
            result = ["error": "badCase", "message": .string(error.message)]
        } catch {
            result = ["error": "unexpected", "message": .string("\(error)")]
        }
        if let id = fields["id"] {
            result["id"] = id
        }
        return .object(result)
    }

    /// Dispatches on `kind`.
    private func run() throws -> [String: JSONValue] {
        switch try string("kind") {
        case "sigv4": try sigV4()
        case "knock_sign": try knockSign()
        case "knock_verify": try knockVerify()
        case "standard_webhooks_sign": try standardWebhooksSign()
        case "standard_webhooks_verify": try standardWebhooksVerify()
        case "slack_sign": try slackSign()
        case "slack_verify": try slackVerify()
        case "twilio_sign": try twilioSign()
        case "twilio_verify": try twilioVerify()
        case "jwt_sign": try jwtSign()
        case "jwt_verify": try jwtVerify()
        case let kind: throw CaseError("unknown kind '\(kind)'")
        }
    }

    /// Runs a verification and reports its verdict; a ``SigningError`` from it is a verdict, not a failure.
    func verdict(_ verify: () throws -> Void) -> [String: JSONValue] {
        do {
            try verify()
            return ["valid": true]
        } catch let error as SigningError {
            return ["valid": false, "code": .string(error.code.description)]
        } catch {
            return ["valid": false, "code": .string("unexpected: \(error)")]
        }
    }

    // MARK: - Fields

    func string(_ name: String) throws -> String {
        guard case .string(let value) = fields[name] else { throw CaseError("'\(name)' must be a string") }
        return value
    }

    func optionalString(_ name: String) throws -> String? {
        switch fields[name] {
        case nil, .null: nil
        case .string(let value): value
        default: throw CaseError("'\(name)' must be a string or null")
        }
    }

    func integer(_ name: String) throws -> Int64 {
        guard case .integer(let value) = fields[name] else { throw CaseError("'\(name)' must be an integer") }
        return value
    }

    /// A `[[name, value]]` array of string pairs.
    func pairs(_ name: String) throws -> [(name: String, value: String)] {
        guard case .array(let items) = fields[name] else { throw CaseError("'\(name)' must be [[name, value]]") }
        return try items.map { item in
            guard case .array(let pair) = item, pair.count == 2, case .string(let key) = pair[0],
                case .string(let value) = pair[1]
            else {
                throw CaseError("each item of '\(name)' must be a [name, value] pair of strings")
            }
            return (key, value)
        }
    }

    /// The body: `body` as UTF-8 text, or `body_base64` decoded.
    func body() throws -> [UInt8] {
        if case .string(let text) = fields["body"] {
            return Array(text.utf8)
        }
        guard let data = Data(base64Encoded: try string("body_base64")) else {
            throw CaseError("'body_base64' is not base64")
        }
        return Array(data)
    }

    /// A time in Unix seconds.
    func date(seconds name: String) throws -> Date {
        Date(timeIntervalSince1970: TimeInterval(try integer(name)))
    }

    /// A time in Unix milliseconds.
    func date(milliseconds name: String) throws -> Date {
        Date(timeIntervalSince1970: TimeInterval(try integer(name)) / 1000)
    }
}

/// A case that is not well formed: a missing or mistyped field.
struct CaseError: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
