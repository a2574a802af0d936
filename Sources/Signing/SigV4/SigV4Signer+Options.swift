extension SigV4Signer {
    /// How a ``SigV4Signer`` builds the canonical request and which headers it adds.
    ///
    /// The defaults suit every service except Amazon S3; use ``s3`` for S3.
    ///
    /// ```swift
    /// let s3 = try SigV4Signer(credentials: credentials, region: "eu-west-1", service: "s3", options: .s3)
    /// ```
    public struct Options: Sendable, Hashable {
        /// Whether to normalise the path: remove `.` and `..` segments and collapse repeated `/`.
        ///
        /// A trailing `/` is kept. Amazon S3 does not normalise: `my-object//example//photo.user`
        /// is a valid key and must be signed as is.
        public var normalizesPath: Bool

        /// Whether to URI-encode the wire path again, as every service except Amazon S3 expects.
        ///
        /// When `true`, each segment of the (percent-encoded) wire path is encoded once more, so
        /// `%20` becomes `%2520` and a raw space becomes `%20`. When `false` (S3), each segment is
        /// percent-decoded and then encoded once, so the canonical path is the path encoded exactly once.
        /// Either way only `A-Z a-z 0-9 - _ . ~` are left unencoded.
        public var encodesPathTwice: Bool

        /// Whether to add and sign an `x-amz-content-sha256` header carrying the payload hash (S3 needs it).
        public var addsContentSHA256Header: Bool

        /// Whether the `X-Amz-Security-Token` header of temporary credentials is signed.
        ///
        /// When `false`, the header is still added to the request, but after signing, so it is
        /// not in the canonical request or `SignedHeaders`. A few services expect that.
        public var signsSecurityToken: Bool

        /// Creates options; the defaults suit every service except Amazon S3.
        ///
        /// - Parameters:
        ///   - normalizesPath: Whether to remove dot segments and collapse repeated slashes.
        ///   - encodesPathTwice: Whether to URI-encode the percent-encoded wire path again.
        ///   - addsContentSHA256Header: Whether to add and sign `x-amz-content-sha256`.
        ///   - signsSecurityToken: Whether `X-Amz-Security-Token` is signed or only added.
        public init(
            normalizesPath: Bool = true,
            encodesPathTwice: Bool = true,
            addsContentSHA256Header: Bool = false,
            signsSecurityToken: Bool = true
        ) {
            self.normalizesPath = normalizesPath
            self.encodesPathTwice = encodesPathTwice
            self.addsContentSHA256Header = addsContentSHA256Header
            self.signsSecurityToken = signsSecurityToken
        }

        /// The defaults, for every service except Amazon S3.
        public static let standard = Options()

        /// Amazon S3: no path normalisation, the path encoded once, and `x-amz-content-sha256` added.
        public static let s3 = Options(normalizesPath: false, encodesPathTwice: false, addsContentSHA256Header: true)
    }
}
