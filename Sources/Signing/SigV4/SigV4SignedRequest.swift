/// The result of ``SigV4Signer/sign(_:date:)``: the headers to send and the intermediate values.
///
/// Send ``request`` as is, or add ``addedHeaders`` to your own copy of the request. The canonical
/// request and the string to sign are kept for tests and for debugging a `SignatureDoesNotMatch`
/// reply, which quotes the server's versions of both.
///
/// The textual forms of this type show the scope and the signed header names only: the canonical
/// request can contain a session token, and ``addedHeaders`` does.
///
/// ```swift
/// let signed = try signer.sign(request, date: now)
/// for header in signed.addedHeaders { httpRequest.setValue(header.value, forHTTPHeaderField: header.name) }
/// ```
public struct SigV4SignedRequest: Sendable, Equatable {
    /// The request to send: the original headers, minus any previous `Authorization`, `X-Amz-Date`
    /// (and the other headers the signer sets), followed by ``addedHeaders``.
    public let request: SigV4Request
    /// The headers the signer set, in this order: `X-Amz-Date`, `X-Amz-Security-Token` (with a
    /// session token), `x-amz-content-sha256` (when asked), `Authorization`.
    public let addedHeaders: [SigV4Request.Header]
    /// The canonical request (method, path, query, headers, signed header names, payload hash).
    public let canonicalRequest: String
    /// The string to sign: algorithm, time, credential scope and the SHA-256 of ``canonicalRequest``.
    public let stringToSign: String
    /// The lowercase header names that were signed, joined with `;`.
    public let signedHeaders: String
    /// The credential scope, `yyyyMMdd/region/service/aws4_request`.
    public let credentialScope: String
    /// The signing time as `yyyyMMdd'T'HHmmss'Z'`, the `X-Amz-Date` value.
    public let amzDate: String
    /// The signature: lowercase hex HMAC-SHA256 of ``stringToSign`` under the signing key.
    public let signature: String
    /// The `Authorization` header value.
    public let authorization: String

    /// Creates the result; only ``SigV4Signer`` builds one.
    init(
        request: SigV4Request,
        addedHeaders: [SigV4Request.Header],
        canonicalRequest: String,
        stringToSign: String,
        signedHeaders: String,
        credentialScope: String,
        amzDate: String,
        signature: String,
        authorization: String
    ) {
        self.request = request
        self.addedHeaders = addedHeaders
        self.canonicalRequest = canonicalRequest
        self.stringToSign = stringToSign
        self.signedHeaders = signedHeaders
        self.credentialScope = credentialScope
        self.amzDate = amzDate
        self.signature = signature
        self.authorization = authorization
    }
}

// MARK: - Textual forms without secrets

extension SigV4SignedRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The scope, time and signed header names; never a token or a header value.
    public var description: String {
        "SigV4SignedRequest(\(request.method), scope: \(credentialScope), amzDate: \(amzDate), "
            + "signedHeaders: \(signedHeaders))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the same fields as ``description`` (used by `dump` and debuggers).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "method": request.method,
                "credentialScope": credentialScope,
                "amzDate": amzDate,
                "signedHeaders": signedHeaders,
            ],
            displayStyle: .struct
        )
    }
}
