extension SigV4Request {
    /// The body of a request, or how it is accounted for in the signature.
    ///
    /// The canonical request ends in the payload hash: the hex SHA-256 of the body, a hash computed
    /// elsewhere (for a streamed body), or the literal `UNSIGNED-PAYLOAD` when the body is not signed
    /// (Amazon S3 over HTTPS accepts this).
    ///
    /// ```swift
    /// let json: SigV4Request.Payload = .bytes(Array(body.utf8))
    /// let streamed = try SigV4Request.Payload.precomputedSHA256(hex: fileHash)
    /// let unsigned = SigV4Request.Payload.unsignedPayload
    /// ```
    public struct Payload: Sendable, Hashable {
        private enum Base: Sendable, Hashable {
            case bytes([UInt8])
            case unsigned
            case precomputed(String)
        }

        private let base: Base

        private init(base: Base) {
            self.base = base
        }

        /// No body. Its payload hash is the SHA-256 of zero bytes (`e3b0c442…b855`).
        public static let empty = Payload(base: .bytes([]))

        /// The body is not signed; the payload hash is the literal `UNSIGNED-PAYLOAD`.
        public static let unsignedPayload = Payload(base: .unsigned)

        /// A body whose SHA-256 the signer computes.
        ///
        /// - Parameter bytes: The exact bytes that will be sent.
        /// - Returns: The payload.
        public static func bytes(_ bytes: some Sequence<UInt8>) -> Payload {
            Payload(base: .bytes(Array(bytes)))
        }

        /// A body whose SHA-256 has already been computed, for example while streaming a file.
        ///
        /// - Parameter hex: The SHA-256 of the body as 64 hex digits (either case).
        /// - Returns: The payload; its hash is kept in lowercase.
        /// - Throws: ``SigningError/Code/invalidRequest`` if `hex` is not 64 hex digits.
        public static func precomputedSHA256(hex: String) throws -> Payload {
            guard hex.utf8.count == 64, (try? Hex.decode(hex)) != nil else {
                throw SigningError(.invalidRequest, "a precomputed payload hash must be 64 hex digits (SHA-256)")
            }
            return Payload(base: .precomputed(hex.lowercased()))
        }

        /// The payload hash that ends the canonical request and goes into `x-amz-content-sha256`.
        ///
        /// This is lowercase hex SHA-256 of the body, the precomputed hash, or `UNSIGNED-PAYLOAD`.
        public var contentHash: String {
            switch base {
            case .bytes(let bytes): Hex.encode(Digest.sha256(bytes))
            case .unsigned: "UNSIGNED-PAYLOAD"
            case .precomputed(let hex): hex
            }
        }
    }
}

// MARK: - Textual form

extension SigV4Request.Payload: CustomStringConvertible {
    /// A summary that never includes the body itself, such as `12 bytes` or `UNSIGNED-PAYLOAD`.
    public var description: String {
        switch base {
        case .bytes(let bytes): "\(bytes.count) bytes"
        case .unsigned: "UNSIGNED-PAYLOAD"
        case .precomputed(let hex): "precomputed SHA-256 \(hex)"
        }
    }
}
