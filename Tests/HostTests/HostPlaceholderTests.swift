import Testing

@testable import Host

@Suite struct HostPlaceholderTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
