import Testing

@testable import Liquid

@Suite struct LiquidPlaceholderTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
