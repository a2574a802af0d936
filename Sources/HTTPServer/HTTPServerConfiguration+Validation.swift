extension HTTPServerConfiguration {
    /// Checks every setting and throws for the first that is out of range.
    ///
    /// - Throws: ``HTTPServerError/Code/invalidConfiguration`` naming the field, what was wrong and
    ///   what is accepted.
    public func validate() throws(HTTPServerError) {
        guard (0...65_535).contains(port) else {
            throw invalid("port", "is \(port)", "0 (any free port) to 65535")
        }
        guard (1...256).contains(threadCount) else {
            throw invalid("threadCount", "is \(threadCount)", "1 to 256")
        }
        guard maxBodyBytes >= 0 else {
            throw invalid("maxBodyBytes", "is \(maxBodyBytes)", "0 or more bytes")
        }
        guard (0...86_400).contains(connectionTimeoutSeconds) else {
            throw invalid(
                "connectionTimeoutSeconds", "is \(connectionTimeoutSeconds)", "0 (no timeout) to 86400 seconds")
        }
        guard (1...1_000_000).contains(connectionLimit) else {
            throw invalid("connectionLimit", "is \(connectionLimit)", "1 to 1000000")
        }
        guard connectionLimit >= threadCount else {
            throw invalid(
                "connectionLimit", "(\(connectionLimit)) is below threadCount (\(threadCount))",
                "at least one connection per thread")
        }
        guard BindAddress(host: host) != nil else {
            throw invalid("host", "is \"\(host)\", not an IP address", "an IPv4 or IPv6 address, or localhost")
        }
    }

    private func invalid(_ field: String, _ problem: String, _ accepted: String) -> HTTPServerError {
        HTTPServerError(.invalidConfiguration, "\(field) \(problem); accepted: \(accepted)")
    }
}
