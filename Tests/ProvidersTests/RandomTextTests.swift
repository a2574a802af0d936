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

    @Test(arguments: [0, 1, 16, 4096, 5000]) func bytesAreAsManyAsAsked(_ count: Int) {
        let first = RandomText.bytes(count: count)
        #expect(first.count == count)
        // 16 bytes or more: two draws are equal with probability 2^-128 or less.
        if count >= 16 { #expect(first != RandomText.bytes(count: count)) }
    }

    @Test func drawsAcrossPoolRefillsAreNeverRepeated() {
        // 1,000 draws of 16 bytes span several 4 KiB refills.
        let draws = (0..<1000).map { _ in RandomText.bytes(count: 16) }
        #expect(Set(draws).count == 1000)
    }

    @Test func timeOrderedUUIDsStartWithTheMillisecondsAndSortByTime() throws {
        let date = Date(timeIntervalSince1970: 1_704_067_200.123_9)  // 1704067200123 ms = 0x018cc251f47b
        let text = RandomText.timeOrderedUUID(at: date)
        #expect(text.hasPrefix("018cc251-f47b-7"))
        let parsed = try #require(UUID(uuidString: text))
        #expect(parsed.uuidString.lowercased() == text)
        #expect(withUnsafeBytes(of: parsed.uuid) { $0[8] } >> 6 == 0b10)
        let later = RandomText.timeOrderedUUID(at: date.addingTimeInterval(0.001))
        #expect(later > text)
    }
}
