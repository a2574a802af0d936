import Glibc

/// The socket address a server binds, parsed from a literal IPv4 or IPv6 address (or `localhost`).
///
/// Host names other than `localhost` are refused: a server binds an interface's address, and a
/// name could resolve to several.
struct BindAddress {
    /// The address family, `AF_INET` or `AF_INET6`.
    let family: Int32
    private var storage = sockaddr_storage()

    /// Parses `host`; `nil` when it is not an IP address literal or `localhost`. A bracketed IPv6
    /// literal (`[::1]`) is accepted.
    init?(host: String, port: Int = 0) {
        var text = host == "localhost" ? "127.0.0.1" : host
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        let portBytes = UInt16(truncatingIfNeeded: port).bigEndian
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET, text, &v4.sin_addr) == 1 {
            family = AF_INET
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = portBytes
            withUnsafeMutableBytes(of: &storage) { target in
                withUnsafeBytes(of: v4) { target.copyMemory(from: $0) }
            }
        } else if inet_pton(AF_INET6, text, &v6.sin6_addr) == 1 {
            family = AF_INET6
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = portBytes
            withUnsafeMutableBytes(of: &storage) { target in
                withUnsafeBytes(of: v6) { target.copyMemory(from: $0) }
            }
        } else {
            return nil
        }
    }

    /// Calls `body` with a pointer to the `sockaddr`, valid only during the call.
    func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>) throws -> Result) rethrows -> Result {
        try withUnsafeBytes(of: storage) { bytes in
            try body(bytes.baseAddress!.assumingMemoryBound(to: sockaddr.self))
        }
    }

    /// Formats a peer address as `127.0.0.1:53122` or `[::1]:53122`; `nil` for other families.
    static func describe(_ address: UnsafePointer<sockaddr>) -> String? {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            // Written out directly (every request describes its peer): the four bytes in network order.
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                let ip = UInt32(bigEndian: v4.pointee.sin_addr.s_addr)
                let port = UInt16(bigEndian: v4.pointee.sin_port)
                return "\(ip >> 24).\(ip >> 16 & 0xFF).\(ip >> 8 & 0xFF).\(ip & 0xFF):\(port)"
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                var raw = v6.pointee.sin6_addr
                var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
                guard inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count)) != nil else { return nil }
                return "[\(Self.string(text))]:\(UInt16(bigEndian: v6.pointee.sin6_port))"
            }
        default:
            return nil
        }
    }

    private static func string(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
