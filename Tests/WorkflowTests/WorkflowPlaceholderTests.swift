import Testing

@testable import Engine

@Suite struct WorkflowPlaceholderTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
