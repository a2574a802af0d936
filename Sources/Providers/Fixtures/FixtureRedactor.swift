import Foundation
import Signing
public import Transport

/// Removes secrets from recorded exchanges before anything is written.
///
/// Redacted, always: credential headers (`Authorization`, API key and token headers, cookies,
/// signatures); user info in URLs; query parameters and JSON or form fields whose names say they hold
/// credentials (`token`, `secret`, `password`, `key`, `signature`, `assertion`, …); and every occurrence
/// of a known secret value (the channel's resolved secrets) anywhere — raw, percent-encoded or base64 —
/// in URLs, headers and bodies. Extra header names and field names can be added per use.
public struct FixtureRedactor: Sendable {
    /// Header names always redacted (lower case).
    public static let credentialHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
        "x-postmark-server-token", "x-postmark-account-token", "x-amz-security-token", "x-webhook-signature",
        "x-knock-signature", "webhook-signature", "x-twilio-signature", "x-slack-signature",
    ]

    /// Field-name fragments that mark a credential in queries, JSON and forms (compared case-insensitively).
    public static let credentialFieldFragments = [
        "token", "secret", "password", "passwd", "apikey", "api_key", "api-key", "signature", "assertion",
        "private_key", "privatekey", "credential", "authorization", "auth_token", "client_secret",
    ]

    private let secrets: [String]
    private let extraHeaders: Set<String>
    private let extraFields: Set<String>

    /// Creates a redactor.
    ///
    /// - Parameters:
    ///   - secrets: Secret values to remove wherever they appear.
    ///   - extraHeaders: More header names to redact.
    ///   - extraFields: More query, JSON or form field names to redact (exact, case-insensitive).
    public init(secrets: [String] = [], extraHeaders: [String] = [], extraFields: [String] = []) {
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        self.extraHeaders = Set(extraHeaders.map { $0.lowercased() })
        self.extraFields = Set(extraFields.map { $0.lowercased() })
    }

    /// A redacted fixture request for an outgoing request.
    public func request(_ request: HTTPRequest) -> HTTPFixture.Request {
        HTTPFixture.Request(
            method: request.method.rawValue,
            url: url(request.url),
            headers: headers(request.headers),
            body: body(FixtureBody(bytes: request.body, contentType: request.headers["Content-Type"]))
        )
    }

    /// A redacted fixture response for a response.
    public func response(_ response: HTTPResponse) -> HTTPFixture.Response {
        HTTPFixture.Response(
            status: response.status,
            headers: headers(response.headers),
            body: body(FixtureBody(bytes: response.body, contentType: response.headers["Content-Type"]))
        )
    }

    // MARK: - Parts

    /// Drops user info, redacts credential query parameters (as `%3Credacted%3E`) and scrubs secrets.
    ///
    /// Works on the text itself, so that URLs Foundation would not parse are redacted too. An ASCII URL
    /// without a query (a provider's usual endpoint) is cut on its bytes, with the same result.
    func url(_ text: String) -> String {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }), !utf8.contains(UInt8(ascii: "?")) {
            return scrub(Self.withoutUserInfo(asciiURL: text), placeholder: "%3Credacted%3E")
        }
        var rest = Substring(text)
        var prefix = ""
        if let scheme = rest.range(of: "://") {
            prefix = String(rest[..<scheme.upperBound])
            rest = rest[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                rest = rest[rest.index(after: at)...]
            }
        }
        let placeholder = "%3Credacted%3E"
        guard let question = rest.firstIndex(of: "?") else { return scrub(prefix + rest, placeholder: placeholder) }
        let fragmentStart = rest[question...].firstIndex(of: "#") ?? rest.endIndex
        let query = rest[rest.index(after: question)..<fragmentStart].split(
            separator: "&", omittingEmptySubsequences: false)
        let redacted = query.map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            let decoded = name.removingPercentEncoding ?? name
            return isCredential(decoded) ? "\(name)=\(placeholder)" : String(pair)
        }
        let path = rest[..<question]
        return scrub(
            prefix + path + "?" + redacted.joined(separator: "&") + rest[fragmentStart...], placeholder: placeholder)
    }

    /// An ASCII URL without the user info of its authority (`https://u:p@host/p` → `https://host/p`).
    private static func withoutUserInfo(asciiURL text: String) -> String {
        let bytes = Array(text.utf8)
        guard let scheme = bytes.firstRange(of: Array("://".utf8)) else { return text }
        let authorityStart = scheme.upperBound
        let authorityEnd =
            bytes[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        guard let at = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) else { return text }
        return String(decoding: bytes[..<authorityStart] + bytes[(at + 1)...], as: UTF8.self)
    }

    func headers(_ headers: HTTPHeaders) -> [(name: String, value: String)] {
        headers.map { field in
            let name = field.name.lowercased()
            let redact = Self.credentialHeaders.contains(name) || extraHeaders.contains(name)
            return (name: name, value: redact ? HTTPFixture.redacted : scrub(field.value))
        }
    }

    func body(_ body: FixtureBody) -> FixtureBody {
        switch body {
        case .none: .none
        case .json(let value): .json(json(value))
        case .form(let fields):
            .form(
                fields.map {
                    .init(name: $0.name, value: isCredential($0.name) ? HTTPFixture.redacted : scrub($0.value))
                })
        case .text(let text): .text(scrub(text))
        case .binary(let bytes): containsSecret(bytes) ? .text(HTTPFixture.redacted) : .binary(bytes)
        }
    }

    private func json(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(scrub(text))
        case .array(let elements): return .array(elements.map(json))
        case .object(let object):
            return .object(
                JSONObject(
                    object.members.map { member in
                        (member.key, isCredential(member.key) ? .string(HTTPFixture.redacted) : json(member.value))
                    }))
        default: return value
        }
    }

    private func isCredential(_ name: String) -> Bool {
        let lowered = name.lowercased()
        guard !extraFields.contains(lowered) else { return true }
        // A byte search: the fragments are ASCII, so it finds them wherever Foundation's `contains` does
        // (and inside combining sequences too), without bridging every field name to NSString.
        let bytes = Array(lowered.utf8)
        return Self.credentialFragmentBytes.contains { Self.bytes(bytes, contain: $0) }
    }

    private static let credentialFragmentBytes = credentialFieldFragments.map { Array($0.utf8) }

    private static func bytes(_ bytes: [UInt8], contain fragment: [UInt8]) -> Bool {
        guard let first = fragment.first, bytes.count >= fragment.count else { return false }
        for start in 0...(bytes.count - fragment.count)
        where bytes[start] == first && bytes[start..<(start + fragment.count)].elementsEqual(fragment) {
            return true
        }
        return false
    }

    /// Whether binary bytes hold any form of a known secret (then the whole body is dropped).
    private func containsSecret(_ bytes: [UInt8]) -> Bool {
        secrets.flatMap(Self.forms(of:)).contains { form in
            let needle = Array(form.utf8)
            return bytes.count >= needle.count
                && (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
    }

    /// Replaces every known secret, in its raw, percent-encoded and base64 forms, and every base64
    /// token that decodes to text containing a secret (such as a Basic credential).
    func scrub(_ text: String, placeholder: String = HTTPFixture.redacted) -> String {
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets {
            for form in Self.forms(of: secret) where result.contains(form) {
                result = result.replacingOccurrences(of: form, with: placeholder)
            }
        }
        return scrubEncodedTokens(result, placeholder: placeholder)
    }

    private func scrubEncodedTokens(_ text: String, placeholder: String) -> String {
        let base64Characters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_")
        var output = ""
        var token = ""
        func flush() {
            if token.count >= 8,
                let decoded = try? Base64URL.decode(token.trimmingCharacters(in: CharacterSet(charactersIn: "="))),
                let plain = String(validating: decoded, as: UTF8.self), secrets.contains(where: plain.contains)
            {
                output += placeholder
            } else {
                output += token
            }
            token = ""
        }
        for character in text {
            if base64Characters.contains(character) {
                token.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        return output
    }

    private static func forms(of secret: String) -> [String] {
        var forms = [secret]
        if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != secret {
            forms.append(encoded)
        }
        let base64 = Data(secret.utf8).base64EncodedString()
        forms.append(base64)
        forms.append(base64.trimmingCharacters(in: CharacterSet(charactersIn: "=")))
        return forms
    }
}
