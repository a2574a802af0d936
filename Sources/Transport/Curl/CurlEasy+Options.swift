internal import CCurl

extension CurlEasy {
    /// Sets the whole-transfer and connect timeouts from what is left before the deadline.
    ///
    /// - Throws: ``TransportError/Code/timeout`` if the deadline has already passed: nothing is sent.
    func setTimeouts(deadline: ContinuousClock.Instant, connectTimeout: Duration) throws {
        let remaining = deadline - .now
        guard remaining > .zero else {
            throw TransportError(.timeout, "the deadline passed before the request was sent")
        }
        try set(CURLOPT_TIMEOUT_MS, Self.milliseconds(remaining))
        try set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(min(connectTimeout, remaining)))
    }

    /// Sets certificate verification and the trusted authorities.
    func setTLS(verifiesCertificates: Bool, caBundlePath: String?) throws {
        try set(CURLOPT_SSL_VERIFYPEER, verifiesCertificates ? 1 : 0)
        try set(CURLOPT_SSL_VERIFYHOST, verifiesCertificates ? 2 : 0)
        if let caBundlePath {
            try set(CURLOPT_CAINFO, caBundlePath)
        }
    }

    /// `duration` in whole milliseconds, rounded up, at least 1 (0 means "no timeout" to libcurl).
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(clamping: max(1, milliseconds))
    }
}
