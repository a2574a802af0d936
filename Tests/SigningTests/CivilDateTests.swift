import Signing
import Testing

/// The calendar arithmetic shared by SigV4, API timestamps and Liquid dates.
@Suite struct CivilDateTests {
    @Test func knownDaysConvertBothWays() {
        let cases: [(Int, CivilDate)] = [
            (0, CivilDate(year: 1970, month: 1, day: 1)),
            (-1, CivilDate(year: 1969, month: 12, day: 31)),
            (11_016, CivilDate(year: 2000, month: 2, day: 29)),
            (19_723, CivilDate(year: 2024, month: 1, day: 1)),
            (-135_140, CivilDate(year: 1600, month: 1, day: 1)),
            (2_932_896, CivilDate(year: 9999, month: 12, day: 31)),
        ]
        for (days, date) in cases {
            #expect(CivilDate(daysSince1970: days) == date, "\(days)")
            #expect(date.daysSince1970 == days, "\(date)")
        }
    }

    @Test func everyDayOfFourCenturiesRoundTrips() {
        for days in -146_097...146_097 {
            let date = CivilDate(daysSince1970: days)
            #expect(date.isValid && date.daysSince1970 == days)
            if !date.isValid || date.daysSince1970 != days { return }
        }
    }

    @Test func impossibleDatesAreInvalid() {
        #expect(!CivilDate(year: 2023, month: 2, day: 29).isValid)
        #expect(CivilDate(year: 2024, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 1900, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 2024, month: 4, day: 31).isValid)
        #expect(!CivilDate(year: 2024, month: 13, day: 1).isValid)
        #expect(!CivilDate(year: 2024, month: 1, day: 0).isValid)
    }

    @Test func floorDivisionRoundsTowardNegativeInfinity() {
        #expect(CivilDate.floorDivide(-1, 86_400) == -1)
        #expect(CivilDate.floorDivide(-86_400, 86_400) == -1)
        #expect(CivilDate.floorDivide(86_399, 86_400) == 0)
    }
}
