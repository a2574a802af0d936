import Foundation
import Providers
import Testing

@Suite struct ISO8601TimestampTests {
    static let dates: [Date] = [
        Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_780_300_800),
        Date(timeIntervalSince1970: 1_780_300_800.4), Date(timeIntervalSince1970: 1_780_300_800.9996),
        Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: -2_877_894_253.0005),
        Date(timeIntervalSince1970: 253_402_300_799), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
    ]

    @Test(arguments: dates) func writesWhatAFreshFormatterWrites(_ date: Date) {
        #expect(ISO8601Timestamp.string(from: date) == ISO8601DateFormatter().string(from: date))
    }

    @Test func writesWhatAFormatterWritesAcrossTheArithmeticRangeAndBeyond() {
        let formatter = ISO8601DateFormatter()
        // Deterministic spread over 1500–10100 (the arithmetic covers 1600–9999), with fractions and
        // negative times, plus every day around the turns of 1600, 1900, 2000 and 2100.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var intervals: [Double] = []
        for _ in 0..<5000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            intervals.append(-14_831_769_600 + unit * (256_556_966_400 + 14_831_769_600))
        }
        for turn: Double in [-11_676_096_000, -2_208_988_800, 946_684_800, 4_102_444_800] {
            for day in -400...400 { intervals.append(turn + Double(day) * 86_400 + [0, 0.5, -0.5][(day + 400) % 3]) }
        }
        intervals += [-11_676_096_000.5, 253_402_300_800, 253_402_300_799.999]
        for interval in intervals {
            let date = Date(timeIntervalSince1970: interval)
            #expect(ISO8601Timestamp.string(from: date) == formatter.string(from: date), "\(interval)")
        }
    }

    @Test func isSafeToShareAcrossTasks() async {
        let expected = Self.dates.map { ISO8601DateFormatter().string(from: $0) }
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<200).flatMap { _ in Self.dates.map(ISO8601Timestamp.string(from:)) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        for result in results {
            #expect(result == Array(repeating: expected, count: 200).flatMap { $0 })
        }
    }
}
