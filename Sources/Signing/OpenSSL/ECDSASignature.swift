internal import COpenSSL

/// Conversion between the DER encoding of ECDSA signatures (what OpenSSL speaks) and the fixed-size
/// `r‖s` concatenation (IEEE P1363, what JWS ES256 uses).
enum ECDSASignature {
    /// Converts a DER `ECDSA-Sig-Value` into `r‖s`, each padded to `componentLength` bytes.
    static func rawFromDER(_ der: [UInt8], componentLength: Int) throws -> [UInt8] {
        var input: UnsafePointer<UInt8>? = nil
        let signature: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            input = buffer.baseAddress
            return d2i_ECDSA_SIG(nil, &input, buffer.count)
        }
        guard let signature else {
            throw OpenSSLError.error(.cryptoFailure, "OpenSSL produced an ECDSA signature that does not parse")
        }
        defer { ECDSA_SIG_free(signature) }
        var r: OpaquePointer? = nil
        var s: OpaquePointer? = nil
        ECDSA_SIG_get0(signature, &r, &s)
        var output = [UInt8](repeating: 0, count: componentLength * 2)
        let written = output.withUnsafeMutableBufferPointer { buffer in
            (
                BN_bn2binpad(r, buffer.baseAddress, Int32(componentLength)),
                BN_bn2binpad(s, buffer.baseAddress! + componentLength, Int32(componentLength))
            )
        }
        guard written.0 == componentLength, written.1 == componentLength else {
            throw OpenSSLError.error(.cryptoFailure, "an ECDSA signature component is larger than the curve")
        }
        return output
    }

    /// Converts `r‖s` (two equal halves) into a DER `ECDSA-Sig-Value`.
    static func derFromRaw(_ raw: [UInt8]) throws -> [UInt8] {
        guard !raw.isEmpty, raw.count.isMultiple(of: 2) else {
            throw SigningError(
                .signatureMismatch, "an r‖s signature must have two equal halves; got \(raw.count) bytes")
        }
        let half = raw.count / 2
        guard let signature = ECDSA_SIG_new() else {
            throw OpenSSLError.error(.cryptoFailure, "could not allocate an ECDSA signature")
        }
        defer { ECDSA_SIG_free(signature) }
        let r = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32(half), nil) }
        let s = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress! + half, Int32(half), nil) }
        // ECDSA_SIG_set0 takes ownership of r and s on success only.
        guard let r, let s, ECDSA_SIG_set0(signature, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            throw OpenSSLError.error(.cryptoFailure, "could not build an ECDSA signature")
        }
        let length = i2d_ECDSA_SIG(signature, nil)
        guard length > 0 else {
            throw OpenSSLError.error(.cryptoFailure, "could not encode an ECDSA signature")
        }
        var der = [UInt8](repeating: 0, count: Int(length))
        der.withUnsafeMutableBufferPointer { buffer in
            var output: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            _ = i2d_ECDSA_SIG(signature, &output)
        }
        return der
    }
}
