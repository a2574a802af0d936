/// Validates Twilio webhook requests (`X-Twilio-Signature`).
///
/// The signature is base64 of HMAC-SHA1, keyed with the account's auth token, over the full
/// request URL followed by the POST parameters: each distinct name in sorted order, and for each
/// name each distinct value in sorted order, appended as `name + value`. Sorting is by Unicode code
/// point, as in Twilio's SDKs.
///
/// Twilio does not always sign the URL with the port it was requested on, so the validator tries
/// the URL as given, the URL with its port removed, and the URL with the scheme's default port
/// (443 or 80) added, and accepts any match. Apart from the port the URL is used byte for byte:
/// it is never parsed and re-serialised, so its query string keeps its exact encoding.
///
/// Requests with a JSON (non-form) body carry `?bodySHA256=<hex SHA-256 of the body>` in the URL
/// and are signed over the URL alone; use ``verify(url:body:signature:)`` for them.
///
/// Twilio signatures carry no timestamp, so they do not expire; pair them with TLS.
///
/// ```swift
/// let validator = TwilioRequestValidator(authToken: token)
/// try validator.verify(url: publicURL, parameters: form, signature: headers["X-Twilio-Signature"] ?? "")
/// ```
public struct TwilioRequestValidator: Sendable {
    /// The name of the header carrying the signature.
    public static let signatureHeaderName = "X-Twilio-Signature"

    private let authToken: [UInt8]

    /// Creates a validator for one Twilio account.
    ///
    /// - Parameter authToken: The account's auth token; its UTF-8 bytes are the HMAC key.
    public init(authToken: String) {
        self.authToken = Array(authToken.utf8)
    }

    /// Computes the signature Twilio sends for a URL and its POST parameters, for tests and tools.
    ///
    /// The URL is signed exactly as given; no port is added or removed.
    ///
    /// - Parameters:
    ///   - url: The full request URL, including any query string.
    ///   - parameters: The form-encoded POST parameters, decoded, in any order; repeats allowed.
    /// - Returns: The `X-Twilio-Signature` value (standard base64).
    public func sign(url: String, parameters: [(name: String, value: String)] = []) -> String {
        Base64.encode(mac(url: Array(url.utf8), parameters: Self.canonicalParameters(parameters)))
    }

    /// Verifies a request with a form-encoded body (or none).
    ///
    /// - Parameters:
    ///   - url: The full request URL as Twilio requested it, including any query string.
    ///   - parameters: The decoded form parameters from the body, in any order; repeats allowed.
    ///   - signature: The `X-Twilio-Signature` header value.
    /// - Throws: ``SigningError`` with code ``SigningError/Code/malformedHeader`` if the signature
    ///   is empty or not base64; ``SigningError/Code/signatureMismatch`` if it matches none of the
    ///   URL forms.
    public func verify(url: String, parameters: [(name: String, value: String)], signature: String) throws {
        let received = try Self.decode(signature: signature)
        try verifyURL(url, parameters: Self.canonicalParameters(parameters), received: received)
    }

    /// Verifies a request with a JSON (or other non-form) body, which Twilio signs through the URL.
    ///
    /// The signature covers the URL alone, which must carry `bodySHA256`, the lowercase hex
    /// SHA-256 of the raw body; the body must hash to that value.
    ///
    /// - Parameters:
    ///   - url: The full request URL as Twilio requested it, including `bodySHA256`.
    ///   - body: The raw body bytes, exactly as received.
    ///   - signature: The `X-Twilio-Signature` header value.
    /// - Throws: ``SigningError`` with code ``SigningError/Code/malformedHeader`` if the signature
    ///   is empty or not base64; ``SigningError/Code/malformedMessage`` if the URL has no
    ///   `bodySHA256` or it is not 64 hex digits; ``SigningError/Code/signatureMismatch`` if the
    ///   signature matches none of the URL forms or the body does not hash to `bodySHA256`.
    public func verify(url: String, body: some Sequence<UInt8>, signature: String) throws {
        let received = try Self.decode(signature: signature)
        guard let hashText = Self.queryValue(named: "bodySHA256", in: url) else {
            throw SigningError(.malformedMessage, "the request URL has no bodySHA256 query parameter")
        }
        guard let expectedHash = try? Hex.decode(String(hashText)), expectedHash.count == 32 else {
            throw SigningError(.malformedMessage, "the bodySHA256 query parameter is not 64 hex digits")
        }
        try verifyURL(url, parameters: [], received: received)
        guard ConstantTime.equals(Digest.sha256(body), expectedHash) else {
            throw SigningError(.signatureMismatch, "the body does not hash to the URL's bodySHA256")
        }
    }

    /// Returns whether a form request is valid; see ``verify(url:parameters:signature:)``.
    ///
    /// - Parameters:
    ///   - url: The full request URL as Twilio requested it.
    ///   - parameters: The decoded form parameters from the body.
    ///   - signature: The `X-Twilio-Signature` header value.
    /// - Returns: `true` when `verify` would not throw.
    public func isValid(url: String, parameters: [(name: String, value: String)], signature: String) -> Bool {
        (try? verify(url: url, parameters: parameters, signature: signature)) != nil
    }

    /// Returns whether a JSON-body request is valid; see ``verify(url:body:signature:)``.
    ///
    /// - Parameters:
    ///   - url: The full request URL as Twilio requested it, including `bodySHA256`.
    ///   - body: The raw body bytes, exactly as received.
    ///   - signature: The `X-Twilio-Signature` header value.
    /// - Returns: `true` when `verify` would not throw.
    public func isValid(url: String, body: some Sequence<UInt8>, signature: String) -> Bool {
        (try? verify(url: url, body: body, signature: signature)) != nil
    }

    // MARK: - Internals

    private func verifyURL(_ url: String, parameters: [UInt8], received: [UInt8]) throws {
        let matches = Self.urlForms(of: url).contains { form in
            ConstantTime.equals(received, mac(url: form, parameters: parameters))
        }
        guard matches else {
            throw SigningError(.signatureMismatch, "X-Twilio-Signature matches neither the URL nor its port variants")
        }
    }

    private func mac(url: [UInt8], parameters: [UInt8]) -> [UInt8] {
        HMAC.authenticationCode(for: url + parameters, key: authToken, using: .sha1)
    }

    private static func decode(signature: String) throws -> [UInt8] {
        guard !signature.isEmpty, let mac = try? Base64.decode(signature) else {
            throw SigningError(.malformedHeader, "X-Twilio-Signature is not standard base64")
        }
        return mac
    }

    /// The parameters as signed: distinct names sorted, each name's distinct values sorted,
    /// concatenated as `name + value`. Sorting and de-duplication are on UTF-8 bytes, which is
    /// code point order and exact (not canonical) equality, as in Twilio's SDKs.
    private static func canonicalParameters(_ parameters: [(name: String, value: String)]) -> [UInt8] {
        var valuesByName: [[UInt8]: Set<[UInt8]>] = [:]
        for (name, value) in parameters {
            valuesByName[Array(name.utf8), default: []].insert(Array(value.utf8))
        }
        var output: [UInt8] = []
        for (name, values) in valuesByName.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            for value in values.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                output += name
                output += value
            }
        }
        return output
    }
}

// MARK: - Redaction

extension TwilioRequestValidator: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A description that never shows the auth token.
    public var description: String { "TwilioRequestValidator(authToken: <redacted>)" }

    /// A debug description that never shows the auth token.
    public var debugDescription: String { description }

    /// A mirror with no children, so that `dump` and debuggers do not show the auth token.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
