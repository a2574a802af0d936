public import Foundation

/// Signs HTTP requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`, header-based).
///
/// The signer is a value: create one per credentials, region and service. The signing time is
/// always passed in, so signatures are reproducible in tests; ``sign(_:)`` is a convenience that
/// reads the system clock.
///
/// ```swift
/// let signer = try SigV4Signer(credentials: credentials, region: "us-east-1", service: "ses")
/// let request = try SigV4Request(
///     method: "POST",
///     url: URL(string: "https://email.us-east-1.amazonaws.com/v2/email/outbound-emails")!,
///     headers: [.init("Content-Type", "application/json")],
///     payload: .bytes(body)
/// )
/// let signed = try signer.sign(request, date: now)
/// // send signed.request, or add signed.addedHeaders to your own request
/// ```
public struct SigV4Signer: Sendable {
    /// The algorithm name in the string to sign and the `Authorization` header.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// The credentials that sign.
    public let credentials: AWSCredentials
    /// The region, such as `us-east-1`.
    public let region: String
    /// The service signing name, such as `ses`, `sns` or `s3`.
    public let service: String
    /// How the canonical request is built and which headers are added.
    public var options: Options

    /// Creates a signer.
    ///
    /// - Parameters:
    ///   - credentials: The credentials that sign.
    ///   - region: The region, such as `us-east-1`.
    ///   - service: The service signing name, such as `ses`.
    ///   - options: How to canonicalise; ``Options/standard`` for every service but S3 (``Options/s3``).
    /// - Throws: ``SigningError/Code/invalidRequest`` if the region or service is empty or has a `/`,
    ///   white space or a control character, if the access key ID or secret is empty or malformed, or
    ///   if the session token is empty or has a line break. Messages never include the secret or token.
    public init(credentials: AWSCredentials, region: String, service: String, options: Options = .standard) throws {
        try Self.validateScopePart(region, named: "region")
        try Self.validateScopePart(service, named: "service")
        try Self.validate(credentials)
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    /// Derives the signing key for the UTC date of `date`, this region and this service.
    ///
    /// - Parameter date: Any instant on the UTC day the key is for.
    /// - Returns: The key; cache it for that day, region and service.
    public func signingKey(for date: Date) -> SigV4SigningKey {
        SigV4SigningKey(
            secretAccessKey: credentials.secretAccessKey,
            date: SigV4Timestamp(date).date,
            region: region,
            service: service
        )
    }

    /// Signs a request at the given time.
    ///
    /// - Parameters:
    ///   - request: The request to sign; it must have a `Host` header.
    ///   - date: The signing time; AWS accepts it within about 5 minutes of its own clock.
    /// - Returns: The request with its new headers, and the intermediate values.
    /// - Throws: ``SigningError/Code/invalidRequest`` if the request is malformed (see
    ///   ``sign(_:date:signingKey:)``).
    public func sign(_ request: SigV4Request, date: Date) throws -> SigV4SignedRequest {
        try sign(request, date: date, signingKey: signingKey(for: date))
    }

    /// Signs a request at the current system time.
    ///
    /// - Parameter request: The request to sign; it must have a `Host` header.
    /// - Returns: The request with its new headers, and the intermediate values.
    /// - Throws: ``SigningError/Code/invalidRequest`` if the request is malformed.
    public func sign(_ request: SigV4Request) throws -> SigV4SignedRequest {
        try sign(request, date: Date())
    }

    /// Signs a request at the given time with a cached signing key.
    ///
    /// Any `Authorization` and `X-Amz-Date` header in `request` is replaced, as is
    /// `X-Amz-Security-Token` when the credentials have a session token and `x-amz-content-sha256`
    /// when ``Options/addsContentSHA256Header`` is set. Every other header is signed.
    ///
    /// - Parameters:
    ///   - request: The request to sign; it must have a `Host` header.
    ///   - date: The signing time.
    ///   - signingKey: A key from ``signingKey(for:)`` for the same UTC date, region and service.
    /// - Returns: The request with its new headers, and the intermediate values.
    /// - Throws: ``SigningError/Code/invalidKey`` if the key's scope does not match `date`, region and
    ///   service. ``SigningError/Code/invalidRequest`` if the method is not an HTTP token, the path
    ///   does not start with `/`, a header name is not an HTTP token, a header value has a control
    ///   character or an unfolded line break, there is no `Host` header, or a `%` escape is invalid.
    public func sign(
        _ request: SigV4Request,
        date: Date,
        signingKey: SigV4SigningKey
    ) throws -> SigV4SignedRequest {
        let timestamp = SigV4Timestamp(date)
        guard signingKey.date == timestamp.date, signingKey.region == region, signingKey.service == service else {
            throw SigningError(
                .invalidKey,
                "the signing key is for \(signingKey.scope), not \(timestamp.date)/\(region)/\(service)/aws4_request"
            )
        }
        let payloadHash = request.payload.contentHash
        var headers = request.headers.filter { !ownedHeaderNames.contains($0.name.lowercased()) }
        var added = [SigV4Request.Header("X-Amz-Date", timestamp.dateTime)]
        let token = credentials.sessionToken.map { SigV4Request.Header("X-Amz-Security-Token", $0) }
        if let token, options.signsSecurityToken { added.append(token) }
        if options.addsContentSHA256Header { added.append(.init("x-amz-content-sha256", payloadHash)) }

        let canonical = try canonicalRequest(for: request, headers: headers + added, payloadHash: payloadHash)
        let stringToSign = [
            Self.algorithm, timestamp.dateTime, signingKey.scope, Hex.encode(Digest.sha256(canonical.text.utf8)),
        ].joined(separator: "\n")
        let signature = Hex.encode(
            HMAC.authenticationCode(for: Array(stringToSign.utf8), key: signingKey.bytes, using: .sha256)
        )
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(signingKey.scope), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"

        if let token, !options.signsSecurityToken { added.append(token) }
        added.append(.init("Authorization", authorization))
        headers.append(contentsOf: added)
        var signedRequest = request
        signedRequest.headers = headers
        return SigV4SignedRequest(
            request: signedRequest,
            addedHeaders: added,
            canonicalRequest: canonical.text,
            stringToSign: stringToSign,
            signedHeaders: canonical.signedHeaders,
            credentialScope: signingKey.scope,
            amzDate: timestamp.dateTime,
            signature: signature,
            authorization: authorization
        )
    }

    /// Lowercase names of the headers `sign` sets, which it removes from the request first.
    private var ownedHeaderNames: Set<String> {
        var names: Set<String> = ["authorization", "x-amz-date"]
        if credentials.sessionToken != nil { names.insert("x-amz-security-token") }
        if options.addsContentSHA256Header { names.insert("x-amz-content-sha256") }
        return names
    }
}
