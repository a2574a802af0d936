import Engine
import Foundation
import Providers
import Testing

@Suite struct WindowRuleTests {
    static let utc = TimeZone(identifier: "Etc/UTC")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func next(_ rule: String, after: String, in zone: TimeZone = utc) throws -> String? {
        let parsed = try WindowRule.parse(JSONValue.parse(rule), path: "$.rule")
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        return parsed.nextOccurrence(after: date(after), timeZone: zone).map(formatter.string(from:))
    }

    @Test func defaults() throws {
        let rule = try WindowRule.parse(["frequency": "daily"], path: "$")
        #expect(rule == WindowRule(frequency: .daily, days: nil, hours: 0, minutes: 0, dayOfMonth: nil, interval: 1))
        #expect(rule.json == ["frequency": "daily", "hours": 0, "minutes": 0, "interval": 1])
    }

    @Test func weekdaysAndWeekends() throws {
        let weekdays = try WindowRule.parse(["frequency": "daily", "days": "weekdays"], path: "$")
        #expect(weekdays.days == [.monday, .tuesday, .wednesday, .thursday, .friday])
        let weekends = try WindowRule.parse(["frequency": "daily", "days": "weekends"], path: "$")
        #expect(weekends.days == [.saturday, .sunday])
        #expect(weekends.json["days"] == ["sat", "sun"])
    }

    @Test(arguments: [
        // 2024-01-03 is a Wednesday.
        (#"{"frequency":"weekly","days":["mon"],"hours":9}"#, "2024-01-03T12:00:00Z", "2024-01-08T09:00:00Z"),
        (#"{"frequency":"weekly","days":["wed"],"hours":9}"#, "2024-01-03T08:59:59Z", "2024-01-03T09:00:00Z"),
        // Strictly after: an occurrence at `after` itself does not count.
        (#"{"frequency":"weekly","days":["wed"],"hours":9}"#, "2024-01-03T09:00:00Z", "2024-01-10T09:00:00Z"),
        (#"{"frequency":"daily","hours":9,"minutes":30}"#, "2024-01-03T10:00:00Z", "2024-01-04T09:30:00Z"),
        (#"{"frequency":"daily","days":"weekdays","hours":9}"#, "2024-01-05T10:00:00Z", "2024-01-08T09:00:00Z"),
        (#"{"frequency":"daily","days":"weekends"}"#, "2024-01-03T10:00:00Z", "2024-01-06T00:00:00Z"),
        (#"{"frequency":"hourly","minutes":15}"#, "2024-01-03T10:20:00Z", "2024-01-03T11:15:00Z"),
        (#"{"frequency":"hourly","minutes":15,"interval":3}"#, "2024-01-03T10:20:00Z", "2024-01-03T13:15:00Z"),
        (#"{"frequency":"hourly","days":["thu"]}"#, "2024-01-03T10:20:00Z", "2024-01-04T00:00:00Z"),
        (#"{"frequency":"daily","hours":9,"interval":2}"#, "2024-01-03T10:00:00Z", "2024-01-05T09:00:00Z"),
        (#"{"frequency":"weekly","days":["fri"],"interval":2}"#, "2024-01-03T10:00:00Z", "2024-01-12T00:00:00Z"),
        (#"{"frequency":"monthly","day_of_month":15,"hours":8}"#, "2024-01-03T10:00:00Z", "2024-01-15T08:00:00Z"),
        (#"{"frequency":"monthly","day_of_month":31}"#, "2024-02-01T00:00:00Z", "2024-02-29T00:00:00Z"),  // clamped
        (#"{"frequency":"monthly"}"#, "2024-01-03T10:00:00Z", "2024-02-01T00:00:00Z"),
        (#"{"frequency":"monthly","days":["mon"],"hours":9}"#, "2024-01-03T10:00:00Z", "2024-02-05T09:00:00Z"),
        (#"{"frequency":"monthly","day_of_month":1,"interval":3}"#, "2024-01-03T10:00:00Z", "2024-04-01T00:00:00Z"),
    ])
    func nextOccurrenceInUTC(rule: String, after: String, expected: String) throws {
        #expect(try Self.next(rule, after: after) == expected)
    }

    @Test func localTimeInTheRecipientsZone() throws {
        // 09:00 in New York in January is 14:00 UTC.
        #expect(
            try Self.next(
                #"{"frequency":"weekly","days":["mon"],"hours":9}"#, after: "2024-01-03T12:00:00Z", in: Self.newYork)
                == "2024-01-08T09:00:00-05:00")
        // Monday in Berlin starts on Sunday 23:00 UTC.
        #expect(
            try Self.next(#"{"frequency":"daily","days":["mon"]}"#, after: "2024-01-07T22:59:00Z", in: Self.berlin)
                == "2024-01-08T00:00:00+01:00")
    }

    @Test func keepsWallClockTimeAcrossDST() throws {
        // New York springs forward on 2024-03-10 and falls back on 2024-11-03.
        let daily = #"{"frequency":"daily","hours":9}"#
        #expect(try Self.next(daily, after: "2024-03-09T15:00:00Z", in: Self.newYork) == "2024-03-10T09:00:00-04:00")
        #expect(try Self.next(daily, after: "2024-11-02T14:00:00Z", in: Self.newYork) == "2024-11-03T09:00:00-05:00")
        let weekly = #"{"frequency":"weekly","days":["sun"],"hours":12}"#
        #expect(try Self.next(weekly, after: "2024-03-04T00:00:00Z", in: Self.newYork) == "2024-03-10T12:00:00-04:00")
    }

    @Test func skippedLocalTimeFiresAfterTheGap() throws {
        // 02:30 does not exist in New York on 2024-03-10.
        let rule = #"{"frequency":"daily","hours":2,"minutes":30}"#
        #expect(try Self.next(rule, after: "2024-03-10T05:00:00Z", in: Self.newYork) == "2024-03-10T03:00:00-04:00")
        #expect(try Self.next(rule, after: "2024-03-10T08:00:00Z", in: Self.newYork) == "2024-03-11T02:30:00-04:00")
    }

    @Test(arguments: [
        (
            #"{"frequency":"yearly"}"#,
            "$.rule.frequency: expected one of hourly, daily, weekly, monthly, found \"yearly\""
        ),
        (
            #"{"frequency":"weekly"}"#,
            "$.rule.days: required when frequency is weekly (a list of mon … sun, weekdays or weekends)"
        ),
        (
            #"{"frequency":"daily","days":["tues"]}"#,
            "$.rule.days[0]: expected one of mon, tue, wed, thu, fri, sat, sun, found \"tues\""
        ),
        (
            #"{"frequency":"daily","days":[]}"#,
            "$.rule.days: expected a non-empty list of mon, tue, wed, thu, fri, sat, sun, or \"weekdays\" or \"weekends\", found []"
        ),
        (#"{"frequency":"daily","hours":24}"#, "$.rule.hours: expected a whole number from 0 to 23, found 24"),
        (#"{"frequency":"daily","minutes":-1}"#, "$.rule.minutes: expected a whole number from 0 to 59, found -1"),
        (
            #"{"frequency":"monthly","day_of_month":0}"#,
            "$.rule.day_of_month: expected a whole number from 1 to 31, found 0"
        ),
        (#"{"frequency":"daily","interval":0}"#, "$.rule.interval: expected a whole number from 1 to 1000, found 0"),
        (
            #"{"frequency":"daily","at":"09:00"}"#,
            "$.rule.at: unknown key; accepted: frequency, days, hours, minutes, day_of_month, interval"
        ),
    ])
    func rejects(text: String, message: String) throws {
        let error = #expect(throws: EngineError.self) { try WindowRule.parse(JSONValue.parse(text), path: "$.rule") }
        #expect(error?.message == message)
    }
}
