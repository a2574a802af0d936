/// Which addresses outbound HTTP requests may connect to: a guard against server-side request forgery.
///
/// Webhook and provider URLs come from configuration and API callers; without a policy, such a URL
/// could make DeliveryHost reach services inside its own network (a database admin page, the cloud
/// metadata service at `169.254.169.254`). With a policy set on ``CurlHTTPClient/Configuration``, the
/// client checks the address libcurl is about to connect to — after DNS, for every address it tries —
/// so neither a name that resolves to an internal address nor DNS rebinding gets past it. Redirects
/// are never followed.
///
/// The default policy denies loopback, private, link-local, carrier-grade NAT, unspecified, multicast
/// and reserved ranges, in IPv4 and IPv6, including IPv6 forms that embed an IPv4 address (see
/// ``deniedRanges``). For development, an allow-list lets chosen hosts or networks through:
///
/// ```swift
/// var configuration = CurlHTTPClient.Configuration()
/// configuration.outboundAddressPolicy = try OutboundAddressPolicy(allowing: ["127.0.0.1", "10.1.0.0/16"])
/// ```
///
/// A refused connection fails with ``TransportError/Code/forbiddenAddress``.
public struct OutboundAddressPolicy: Sendable, Hashable {
    /// Host names (lower case, as in the request URL) whose addresses are all allowed.
    public var allowedHosts: Set<String>
    /// Networks whose addresses are allowed even inside a denied range.
    public var allowedNetworks: [IPNetwork]

    /// The default policy: every range in ``deniedRanges`` is denied, nothing is allowed back.
    public static let `default` = OutboundAddressPolicy()

    /// Creates a policy that denies ``deniedRanges`` except the given hosts and networks.
    public init(allowedHosts: Set<String> = [], allowedNetworks: [IPNetwork] = []) {
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
        self.allowedNetworks = allowedNetworks
    }

    /// Creates a policy from an allow-list of entries, each an address (`127.0.0.1`, `::1`), a
    /// network (`10.0.0.0/8`) or a host name (`hooks.internal.test`).
    ///
    /// - Parameter entries: The allow-list; `path` names it in errors.
    /// - Throws: ``TransportError/Code/invalidRequest`` naming the entry that is none of these.
    public init(allowing entries: [String], path: String = "allow") throws(TransportError) {
        var hosts: Set<String> = []
        var networks: [IPNetwork] = []
        for (index, entry) in entries.enumerated() {
            if let network = IPNetwork(entry) {
                networks.append(network)
            } else if !entry.contains("/"), Self.isHostName(entry) {
                hosts.insert(entry.lowercased())
            } else {
                throw TransportError(
                    .invalidRequest,
                    "\(path)[\(index)] is \"\(entry)\"; accepted: an IP address, a network in CIDR notation "
                        + "(10.0.0.0/8) or a host name")
            }
        }
        self.init(allowedHosts: hosts, allowedNetworks: networks)
    }

    /// What the policy says about connecting to `address` for a URL naming `host`.
    ///
    /// - Parameters:
    ///   - address: The address about to be connected to.
    ///   - host: The URL's host (a name or a literal), for the host allow-list.
    /// - Returns: `nil` when the connection is allowed, else the denied range it falls in.
    public func deniedRange(for address: IPAddress, host: String) -> DeniedRange? {
        if allowedHosts.contains(host.lowercased()) { return nil }
        if allowedNetworks.contains(where: { $0.contains(address) }) { return nil }
        if let embedded = address.embeddedIPv4, allowedNetworks.contains(where: { $0.contains(embedded) }) {
            return nil
        }
        return Self.classify(address)
    }

    /// The denied range `address` falls in, whatever the allow-list; `nil` for a public address.
    /// IPv6 addresses embedding an IPv4 address are judged by the IPv4 address as well.
    public static func classify(_ address: IPAddress) -> DeniedRange? {
        if let range = deniedRanges.first(where: { $0.network.contains(address) }) { return range }
        return address.embeddedIPv4.flatMap { embedded in deniedRanges.first { $0.network.contains(embedded) } }
    }

    private static func isHostName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253
            && text.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            }
    }
}
