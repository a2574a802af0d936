extension OutboundAddressPolicy {
    /// A block of addresses the policy denies, with the name its error messages use.
    public struct DeniedRange: Sendable, Hashable, CustomStringConvertible {
        /// What the block is, such as `loopback` or `private`.
        public let name: String
        /// The block.
        public let network: IPNetwork

        /// `loopback 127.0.0.0/8`.
        public var description: String { "\(name) \(network)" }
    }

    /// Every range denied unless allowed back, most specific first.
    public static let deniedRanges: [DeniedRange] = [
        range("link-local (cloud metadata service)", "169.254.169.254/32"),
        range("unspecified", "0.0.0.0/8"),
        range("loopback", "127.0.0.0/8"),
        range("private", "10.0.0.0/8"),
        range("private", "172.16.0.0/12"),
        range("private", "192.168.0.0/16"),
        range("link-local", "169.254.0.0/16"),
        range("carrier-grade NAT", "100.64.0.0/10"),
        range("IETF protocol assignments", "192.0.0.0/24"),
        range("benchmarking", "198.18.0.0/15"),
        range("multicast", "224.0.0.0/4"),
        range("reserved", "240.0.0.0/4"),
        range("unspecified", "::/128"),
        range("loopback", "::1/128"),
        range("unique local", "fc00::/7"),
        range("link-local", "fe80::/10"),
        range("site-local", "fec0::/10"),
        range("multicast", "ff00::/8"),
    ]

    private static func range(_ name: String, _ cidr: String) -> DeniedRange {
        // Only called with the valid literals above (the tests check every one).
        DeniedRange(name: name, network: IPNetwork(cidr)!)
    }
}
