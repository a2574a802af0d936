import Engine
import Foundation
import Providers
import Testing

@Suite struct SendWindowTests {
    static let weekdaysNineToFive = try! SendWindow.parseList(
        JSONValue.parse(
            #"[{"day":"monday","type":"send","from":"09:00:00","until":"17:00:00"},{"day":"tuesday","type":"send","from":"09:00","until":"17:00"},{"day":"wednesday","type":"send","from":"09:00:00","until":"17:00:00"},{"day":"thursday","type":"send","from":"09:00:00","until":"17:00:00"},{"day":"friday","type":"send","from":"09:00:00","until":"17:00:00"},{"day":"saturday","type":"do_not_send"},{"day":"sunday","type":"do_not_send"}]"#
        ))

    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    @Test func opensAndClosesOnLocalTime() {
        let schedule = SendWindowSchedule(Self.weekdaysNineToFive)
        // Monday 2026-06-01: Paris is UTC+2.
        #expect(!schedule.isOpen(at: Self.date("2026-06-01T06:59:59Z"), in: Self.paris))
        #expect(schedule.isOpen(at: Self.date("2026-06-01T07:00:00Z"), in: Self.paris))
        #expect(schedule.isOpen(at: Self.date("2026-06-01T14:59:59Z"), in: Self.paris))
        #expect(!schedule.isOpen(at: Self.date("2026-06-01T15:00:00Z"), in: Self.paris))  // until is exclusive
    }

    @Test(arguments: [
        ("2026-06-01T05:00:00Z", "2026-06-01T07:00:00Z"),  // Monday before opening → same day 09:00 Paris
        ("2026-06-01T10:00:00Z", "2026-06-01T10:00:00Z"),  // open now
        ("2026-06-01T15:30:00Z", "2026-06-02T07:00:00Z"),  // after closing → Tuesday
        ("2026-06-05T16:00:00Z", "2026-06-08T07:00:00Z"),  // Friday evening → Monday
        ("2026-06-06T12:00:00Z", "2026-06-08T07:00:00Z"),  // Saturday → Monday
        ("2026-06-07T22:30:00Z", "2026-06-08T07:00:00Z"),  // Monday 00:30 local, across midnight
    ])
    func nextOpening(from: String, expected: String) {
        let schedule = SendWindowSchedule(Self.weekdaysNineToFive)
        #expect(schedule.nextOpening(atOrAfter: Self.date(from), in: Self.paris) == Self.date(expected))
    }

    @Test func daylightSavingChangesKeepLocalTimes() {
        let schedule = SendWindowSchedule(Self.weekdaysNineToFive)
        // Friday 2026-03-06 evening in New York (EST, UTC-5) → Monday 2026-03-09 09:00 EDT (UTC-4).
        #expect(
            schedule.nextOpening(atOrAfter: Self.date("2026-03-06T23:00:00Z"), in: Self.newYork)
                == Self.date("2026-03-09T13:00:00Z"))
        // Friday 2026-10-30 evening (EDT) → Monday 2026-11-02 09:00 EST (UTC-5).
        #expect(
            schedule.nextOpening(atOrAfter: Self.date("2026-10-30T22:00:00Z"), in: Self.newYork)
                == Self.date("2026-11-02T14:00:00Z"))
    }

    @Test func aWindowStartingInASkippedHourOpensWhenTheClockResumes() throws {
        // Sunday 2026-03-08 in New York: 02:00 jumps to 03:00; a window from 02:30 opens at 03:00 EDT.
        let windows = try SendWindow.parseList(
            JSONValue.parse(#"[{"day":"sunday","type":"send","from":"02:30:00","until":"04:00:00"}]"#))
        let schedule = SendWindowSchedule(windows)
        #expect(
            schedule.nextOpening(atOrAfter: Self.date("2026-03-08T05:00:00Z"), in: Self.newYork)
                == Self.date("2026-03-08T07:00:00Z"))
    }

    @Test func unlistedDaysAreUnrestricted() throws {
        let windows = try SendWindow.parseList(JSONValue.parse(#"[{"day":"monday","type":"do_not_send"}]"#))
        let schedule = SendWindowSchedule(windows)
        #expect(
            schedule.nextOpening(atOrAfter: Self.date("2026-06-01T10:00:00Z"), in: .gmt)
                == Self.date("2026-06-02T00:00:00Z"))
        #expect(schedule.isOpen(at: Self.date("2026-06-02T10:00:00Z"), in: .gmt))
    }

    @Test func invalidWindowsAreRejectedWithEveryProblem() throws {
        let json = try JSONValue.parse(
            #"[{"day":"mon","type":"send"},{"day":"tuesday","type":"do_not_send","from":"09:00:00"},{"day":"wednesday","type":"send","from":"18:00:00","until":"09:00:00"},{"day":"thursday","type":"send","from":"9am"},{"day":"friday","type":"sometimes"},{"day":"saturday","type":"send","colour":"red"}]"#
        )
        let error = try #require(throws: EngineError.self) { try SendWindow.parseList(json) }
        #expect(error.code == .invalidInput)
        #expect(
            error.message.split(separator: "\n") == [
                #"$.send_windows[0].day: expected one of sunday, monday, tuesday, wednesday, thursday, friday, saturday, found "mon""#,
                "$.send_windows[1].from: only allowed when type is send",
                "$.send_windows[2]: from (18:00:00) must be before until (09:00:00)",
                #"$.send_windows[3].from: expected a time like 09:00:00, found "9am""#,
                #"$.send_windows[4].type: expected send or do_not_send, found "sometimes""#,
                "$.send_windows[5].colour: unknown key; accepted: day, type, from, until",
            ])
    }

    @Test func windowsThatNeverOpenAreRejected() throws {
        let days = Weekday.allCases.map { #"{"day":"\#($0.rawValue)","type":"do_not_send"}"# }.joined(separator: ",")
        let error = try #require(throws: EngineError.self) { try SendWindow.parseList(JSONValue.parse("[\(days)]")) }
        #expect(error.message.contains("never open"))
    }

    @Test func windowsRoundTripThroughJSON() throws {
        let json = JSONValue.array(Self.weekdaysNineToFive.map(\.json))
        #expect(try SendWindow.parseList(json) == Self.weekdaysNineToFive)
    }
}
