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

    @Test func writesWhatAFormatterWritesOnDaysAcrossTheFastRange() {
        let formatter = ISO8601DateFormatter()
        // Every 13th day and a varying time of day, from 1970 through 9999 (leap days, 2100, 2400 included).
        for day in stride(from: 0, to: 2_932_897, by: 13) {
            let date = Date(timeIntervalSince1970: Double(day) * 86_400 + Double(day % 86_400) + 0.75)
            #expect(ISO8601Timestamp.string(from: date) == formatter.string(from: date))
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
