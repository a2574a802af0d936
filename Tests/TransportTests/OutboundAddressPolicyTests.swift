import Testing

@testable import Transport

/// Address classification, the allow-list and the URL host the guard checks against.
@Suite struct OutboundAddressPolicyTests {
    @Test(
        arguments: [
            ("127.0.0.1", "loopback 127.0.0.0/8"), ("127.255.255.255", "loopback 127.0.0.0/8"),
            ("126.255.255.255", nil), ("128.0.0.0", nil),
            ("10.0.0.0", "private 10.0.0.0/8"), ("10.255.255.255", "private 10.0.0.0/8"), ("9.255.255.255", nil),
            ("11.0.0.0", nil),
            ("172.16.0.0", "private 172.16.0.0/12"), ("172.31.255.255", "private 172.16.0.0/12"),
            ("172.15.255.255", nil), ("172.32.0.0", nil),
            ("192.168.0.0", "private 192.168.0.0/16"), ("192.168.255.255", "private 192.168.0.0/16"),
            ("192.167.255.255", nil), ("192.169.0.0", nil),
            ("169.254.169.254", "link-local (cloud metadata service) 169.254.169.254/32"),
            ("169.254.0.1", "link-local 169.254.0.0/16"), ("169.254.255.255", "link-local 169.254.0.0/16"),
            ("169.253.255.255", nil), ("169.255.0.0", nil),
            ("100.64.0.0", "carrier-grade NAT 100.64.0.0/10"), ("100.127.255.255", "carrier-grade NAT 100.64.0.0/10"),
            ("100.63.255.255", nil), ("100.128.0.0", nil),
            ("0.0.0.0", "unspecified 0.0.0.0/8"), ("0.255.255.255", "unspecified 0.0.0.0/8"),
            ("224.0.0.1", "multicast 224.0.0.0/4"), ("255.255.255.255", "reserved 240.0.0.0/4"),
            ("192.0.0.8", "IETF protocol assignments 192.0.0.0/24"), ("198.18.0.1", "benchmarking 198.18.0.0/15"),
            ("8.8.8.8", nil), ("1.1.1.1", nil), ("93.184.216.34", nil),
        ] as [(String, String?)])
    func classifiesIPv4(address: String, range: String?) throws {
        let parsed = try #require(IPAddress(address))
        #expect(OutboundAddressPolicy.classify(parsed)?.description == range)
    }

    @Test(
        arguments: [
            ("::", "unspecified ::/128"), ("::1", "loopback ::1/128"), ("[::1]", "loopback ::1/128"),
            ("fc00::1", "unique local fc00::/7"), ("fdff:ffff:ffff::1", "unique local fc00::/7"), ("fbff::1", nil),
            ("fe80::1", "link-local fe80::/10"), ("febf:ffff::1", "link-local fe80::/10"),
            ("fec0::1", "site-local fec0::/10"), ("ff02::1", "multicast ff00::/8"),
            ("::ffff:127.0.0.1", "loopback 127.0.0.0/8"), ("::ffff:7f00:1", "loopback 127.0.0.0/8"),
            ("::ffff:169.254.169.254", "link-local (cloud metadata service) 169.254.169.254/32"),
            ("::ffff:10.1.2.3", "private 10.0.0.0/8"), ("::ffff:8.8.8.8", nil),
            ("::127.0.0.1", "loopback 127.0.0.0/8"), ("64:ff9b::192.168.1.1", "private 192.168.0.0/16"),
            ("2002:c0a8:101::1", "private 192.168.0.0/16"), ("2002:808:808::1", nil),
            ("2001:4860:4860::8888", nil), ("2606:4700:4700::1111", nil),
        ] as [(String, String?)])
    func classifiesIPv6IncludingEmbeddedIPv4(address: String, range: String?) throws {
        let parsed = try #require(IPAddress(address))
        #expect(OutboundAddressPolicy.classify(parsed)?.description == range)
    }

    @Test func listsEveryDeniedRange() {
        #expect(
            OutboundAddressPolicy.deniedRanges.map(\.description) == [
                "link-local (cloud metadata service) 169.254.169.254/32", "unspecified 0.0.0.0/8",
                "loopback 127.0.0.0/8", "private 10.0.0.0/8", "private 172.16.0.0/12", "private 192.168.0.0/16",
                "link-local 169.254.0.0/16", "carrier-grade NAT 100.64.0.0/10",
                "IETF protocol assignments 192.0.0.0/24", "benchmarking 198.18.0.0/15", "multicast 224.0.0.0/4",
                "reserved 240.0.0.0/4", "unspecified ::/128", "loopback ::1/128", "unique local fc00::/7",
                "link-local fe80::/10", "site-local fec0::/10", "multicast ff00::/8",
            ])
    }

    @Test func letsTheAllowListThroughAndNothingElse() throws {
        let policy = try OutboundAddressPolicy(allowing: ["127.0.0.1", "10.1.0.0/16", "Hooks.Internal.Test", "::1"])
        #expect(policy.allowedHosts == ["hooks.internal.test"])
        #expect(policy.allowedNetworks.map(\.description) == ["127.0.0.1/32", "10.1.0.0/16", "::1/128"])

        func verdict(_ address: String, host: String = "example.test") -> String? {
            policy.deniedRange(for: IPAddress(address)!, host: host)?.description
        }
        #expect(verdict("127.0.0.1") == nil)
        #expect(verdict("::ffff:127.0.0.1") == nil)
        #expect(verdict("::1") == nil)
        #expect(verdict("127.0.0.2") == "loopback 127.0.0.0/8")
        #expect(verdict("10.1.255.255") == nil)
        #expect(verdict("10.2.0.0") == "private 10.0.0.0/8")
        #expect(verdict("192.168.1.1", host: "hooks.internal.test") == nil)
        #expect(verdict("192.168.1.1", host: "HOOKS.internal.test") == nil)
        #expect(verdict("192.168.1.1", host: "other.internal.test") == "private 192.168.0.0/16")
        #expect(verdict("8.8.8.8") == nil)
        #expect(OutboundAddressPolicy.default.deniedRange(for: IPAddress("127.0.0.1")!, host: "x") != nil)
    }

    @Test(arguments: [
        (
            "10.0.0.0/33",
            #"allow[1] is "10.0.0.0/33"; accepted: an IP address, a network in CIDR notation (10.0.0.0/8) or a host name"#
        ),
        (
            "not a host",
            #"allow[1] is "not a host"; accepted: an IP address, a network in CIDR notation (10.0.0.0/8) or a host name"#
        ),
        (
            "10.0.0.0/",
            #"allow[1] is "10.0.0.0/"; accepted: an IP address, a network in CIDR notation (10.0.0.0/8) or a host name"#
        ),
    ])
    func rejectsAnAllowListEntryNamingIt(entry: String, message: String) {
        let error = #expect(throws: TransportError.self) {
            try OutboundAddressPolicy(allowing: ["::1", entry])
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message == message)
    }

    @Test func normalisesNetworks() throws {
        #expect(IPNetwork("10.1.2.3/8")?.description == "10.0.0.0/8")
        #expect(IPNetwork("fe80::1234/10")?.description == "fe80::/10")
        #expect(IPNetwork("0.0.0.0/0")?.contains(IPAddress("203.0.113.9")!) == true)
        #expect(IPNetwork("0.0.0.0/0")?.contains(IPAddress("::1")!) == false)
        #expect(IPNetwork("192.168.1.0/25")?.contains(IPAddress("192.168.1.127")!) == true)
        #expect(IPNetwork("192.168.1.0/25")?.contains(IPAddress("192.168.1.128")!) == false)
        #expect(IPNetwork("host.test") == nil)
        #expect(IPAddress("256.0.0.1") == nil)
    }

    @Test(arguments: [
        ("https://user:pw@[::1]:8443/p?q=1", "::1"), ("http://Example.TEST:80/x", "example.test"),
        ("http://127.0.0.1/", "127.0.0.1"), ("https://hooks.test?x=1", "hooks.test"), ("not a url", ""),
    ])
    func findsTheHostTheGuardChecks(url: String, host: String) {
        #expect(CurlAddressGuard.host(of: url) == host)
    }
}
