internal import CCurl
import Glibc

/// Enforces an ``OutboundAddressPolicy`` on one transfer through `CURLOPT_OPENSOCKETFUNCTION`.
///
/// libcurl calls the open-socket callback for every address it is about to connect to, after name
/// resolution (each address of a name, in turn), so the check sees the real peer whatever DNS said.
/// Reused connections were checked when they were opened by the same client, whose policy does not
/// change. A refused address gets no socket: libcurl tries the next one, then fails the transfer.
final class CurlAddressGuard {
    let policy: OutboundAddressPolicy
    /// The URL's host, lower case, for the policy's host allow-list and for messages.
    let host: String
    /// The last address refused and the range it fell in; set and read on the loop thread only.
    private(set) var refusal: (address: IPAddress, range: OutboundAddressPolicy.DeniedRange)?

    init(policy: OutboundAddressPolicy, url: String) {
        self.policy = policy
        self.host = Self.host(of: url)
    }

    /// Installs the callback on `easy`. The guard is passed unretained: the transfer owns both it and
    /// the easy handle, and the callback runs only while the loop performs the transfer.
    func install(on easy: CurlEasy) throws {
        try easy.set(CURLOPT_OPENSOCKETDATA, pointer: Unmanaged.passUnretained(self).toOpaque())
        let result = ccurl_easy_setopt_opensocket_cb(easy.handle, CURLOPT_OPENSOCKETFUNCTION) {
            context, _, address in
            guard let context, let address else { return CURL_SOCKET_BAD }
            let addressGuard = Unmanaged<CurlAddressGuard>.fromOpaque(context).takeUnretainedValue()
            return addressGuard.openSocket(address)
        }
        guard result == CURLE_OK else {
            throw CurlError(code: result, detail: "setting CURLOPT_OPENSOCKETFUNCTION").transportError(
                url: "", cause: .none)
        }
    }

    /// Opens a socket for `address` if the policy allows it, else records the refusal.
    private func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        guard let peer = Self.ipAddress(of: address) else {
            return CURL_SOCKET_BAD
        }
        if let range = policy.deniedRange(for: peer, host: host) {
            refusal = (peer, range)
            return CURL_SOCKET_BAD
        }
        return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
    }

    /// The IP address in libcurl's socket address (whose `addr` field is really `addrlen` bytes).
    private static func ipAddress(of address: UnsafeMutablePointer<curl_sockaddr>) -> IPAddress? {
        guard let offset = MemoryLayout<curl_sockaddr>.offset(of: \.addr) else { return nil }
        let socketAddress = UnsafeRawPointer(address) + offset
        let length = Int(address.pointee.addrlen)
        switch address.pointee.family {
        case AF_INET where length >= MemoryLayout<sockaddr_in>.size:
            let v4 = socketAddress.loadUnaligned(as: sockaddr_in.self)
            return IPAddress(bytes: withUnsafeBytes(of: v4.sin_addr) { Array($0) })
        case AF_INET6 where length >= MemoryLayout<sockaddr_in6>.size:
            let v6 = socketAddress.loadUnaligned(as: sockaddr_in6.self)
            return IPAddress(bytes: withUnsafeBytes(of: v6.sin6_addr) { Array($0) })
        default:
            return nil
        }
    }

    /// The host of an absolute URL, lower case and without brackets: `https://u@[::1]:8/p` → `::1`.
    static func host(of url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return "" }
        let authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        if hostAndPort.hasPrefix("["), let close = hostAndPort.firstIndex(of: "]") {
            return hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close].lowercased()
        }
        return hostAndPort.prefix { $0 != ":" }.lowercased()
    }

    /// The error for a transfer that failed after a refusal, naming the host, address and range.
    func error(url: String, curlCode: Int) -> TransportError? {
        guard let refusal else { return nil }
        return TransportError(
            .forbiddenAddress,
            "the outbound address policy refused to connect to \(host) at \(refusal.address): "
                + "\(refusal.range) is not allowed (\(URLRedaction.redact(url)))",
            curlCode: curlCode)
    }
}
