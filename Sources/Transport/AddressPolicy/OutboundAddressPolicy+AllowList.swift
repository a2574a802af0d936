extension OutboundAddressPolicy {
    /// Whether the allow-list names `host` itself: a host name on ``allowedHosts``, or an address literal
    /// (IPv6 in brackets or not) inside one of ``allowedNetworks``.
    ///
    /// Callers use it where a URL must be on a known service unless the operator allowed its host for
    /// development (an SNS `SubscribeURL` of a local SNS emulator). It says nothing about public hosts:
    /// the policy allows those without naming them.
    ///
    /// - Parameter host: The URL's host.
    /// - Returns: `true` if the allow-list names the host or its address.
    public func allowsExplicitly(host: String) -> Bool {
        if allowedHosts.contains(host.lowercased()) { return true }
        var literal = Substring(host)
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = literal.dropFirst().dropLast() }
        guard let address = IPAddress(String(literal)) else { return false }
        return allowedNetworks.contains { $0.contains(address) }
    }
}
