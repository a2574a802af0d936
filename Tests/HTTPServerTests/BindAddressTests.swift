import Testing

@testable import HTTPServer

@Suite struct BindAddressTests {
    private static func described(_ host: String, port: Int) -> String? {
        BindAddress(host: host, port: port)?.withSocketAddress { BindAddress.describe($0) }
    }

    @Test func describesIPv4PeersAsDottedQuadAndPort() {
        #expect(Self.described("127.0.0.1", port: 53122) == "127.0.0.1:53122")
        #expect(Self.described("10.200.3.255", port: 0) == "10.200.3.255:0")
        #expect(Self.described("0.0.0.0", port: 65535) == "0.0.0.0:65535")
        #expect(Self.described("192.168.100.7", port: 8080) == "192.168.100.7:8080")
    }

    @Test func describesIPv6PeersInBrackets() {
        #expect(Self.described("::1", port: 443) == "[::1]:443")
        #expect(Self.described("[fe80::1:2]", port: 8) == "[fe80::1:2]:8")
    }
}
