import Foundation
import Providers
import Testing

@Suite struct ProviderIDTests {
    @Test func codesAsAPlainString() throws {
        let id: ProviderID = "postmark"
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["postmark"]"#)
        #expect(try JSONDecoder().decode([ProviderID].self, from: data) == [id])
    }
}
