import Foundation
import Testing

@testable import Providers

@Suite struct RandomTextTests {
    @Test func uuidsAreLowerCaseVersion4WithTheRFCVariant() throws {
        var seen: Set<String> = []
        for _ in 0..<200 {
            let text = RandomText.uuid()
            let parsed = try #require(UUID(uuidString: text))
            #expect(parsed.uuidString.lowercased() == text)
            let bytes = withUnsafeBytes(of: parsed.uuid) { Array($0) }
            #expect(bytes[6] >> 4 == 4)
            #expect(bytes[8] >> 6 == 0b10)
            seen.insert(text)
        }
        #expect(seen.count == 200)
    }

    @Test(arguments: [1, 8, 12, 16]) func hexHasTwoLowerCaseDigitsPerByte(_ count: Int) {
        let text = RandomText.hex(byteCount: count)
        #expect(text.count == 2 * count)
        #expect(text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        #expect(RandomText.hex(byteCount: 16) != RandomText.hex(byteCount: 16))
    }
}
