import Foundation
import Liquid
import Providers
import Testing

@Suite struct LiquidDateFilterTests {
    /// 2024-03-05T14:07:09Z, a Tuesday.
    static let now = Date(timeIntervalSince1970: 1_709_647_629)

    static func environment(_ zone: String) -> LiquidEnvironment {
        LiquidEnvironment(timeZone: TimeZone(identifier: zone)!, now: now)
    }

    static let utcCases: [Case] = [
        Case("{{ 'now' | date: '%Y-%m-%d %H:%M:%S' }}", "2024-03-05 14:07:09"),
        Case("{{ 'today' | date: '%F' }}", "2024-03-05"),
        Case("{{ 1709647629 | date: '%s %T' }}", "1709647629 14:07:09"),
        Case("{{ '1709647629' | date: '%D %R' }}", "03/05/24 14:07"),
        Case("{{ '2024-03-05T14:07:09Z' | date: '%a %A %b %B %e %-d %j' }}", "Tue Tuesday Mar March  5 5 065"),
        Case(
            "{{ '2024-03-05T14:07:09.250Z' | date: '%I:%M %p %P %l %L %^b %y %C %u %w %z %%' }}",
            "02:07 PM pm  2 250 MAR 24 20 2 2 +0000 %"),
        Case("{{ '2024-03-05T09:30:00+02:00' | date: '%H:%M %z' }}", "07:30 +0000"),
        Case("{{ '2024-03-05 09:30' | date: '%H:%M' }}", "09:30"),
        Case("{{ '2024-03-05' | date: '%d.%m.%Y %H:%M' }}", "05.03.2024 00:00"),
        Case("{{ '2024-03-05T14:07:09Z' | date: '%Y', 'Asia/Tokyo' }}", "2024"),
        Case("{{ '2024-12-31T23:30:00Z' | date: '%Y-%m-%d %H:%M %z', 'Asia/Tokyo' }}", "2025-01-01 08:30 +0900"),
        Case("{{ 'not a date' | date: '%Y' }}|{{ missing | date: '%Y' }}|{{ 'now' | date: '' }}", "not a date||now"),
        Case("{{ 'now' | date: '%Q %' }}", "%Q %"),
    ]

    @Test(arguments: utcCases) func utc(_ test: Case) async throws {
        let output = try await render(test.source, environment: Self.environment("UTC"))
        #expect(output == test.expected)
    }

    static let parisCases: [Case] = [
        Case("{{ 'now' | date: '%Y-%m-%d %H:%M %z' }}", "2024-03-05 15:07 +0100"),
        Case("{{ '2024-07-01T12:00:00Z' | date: '%H:%M %z' }}", "14:00 +0200"),
        Case("{{ '2024-07-01T12:00:00' | date: '%H:%M %z' }}", "12:00 +0200"),
        Case("{{ '2024-07-01T12:00:00' | date: '%H:%M', 'America/New_York' }}", "12:00"),
        Case("{{ '2024-07-01T12:00:00Z' | date: '%H:%M', 'America/New_York' }}", "08:00"),
    ]

    @Test(arguments: parisCases) func paris(_ test: Case) async throws {
        let output = try await render(test.source, environment: Self.environment("Europe/Paris"))
        #expect(output == test.expected)
    }

    @Test func unknownTimeZoneIsAnInvalidArgument() async throws {
        let error = try #require(await renderError("{{ 'now' | date: '%Y', 'Mars/Olympus' }}"))
        #expect(error.code == .invalidArgument)
        #expect(error.column == 12)
        #expect(
            error.message == "date: unknown time zone 'Mars/Olympus'; expected an IANA name such as \"Europe/Paris\"")
    }
}

@Suite struct LiquidCalendarArithmeticTests {
    static let cases: [Case] = [
        Case("{{ '2024-02-29T00:00:00Z' | date: '%s %j %A' }}", "1709164800 060 Thursday"),
        Case("{{ '2023-02-29' | date: '%F' }}|{{ '2024-13-01' | date: '%F' }}", "2023-02-29|2024-13-01"),
        Case("{{ '1969-12-31T23:59:59Z' | date: '%s %F %T %a' }}", "-1 1969-12-31 23:59:59 Wed"),
        Case("{{ '2000-12-31T12:00:00Z' | date: '%j %u %w' }}", "366 7 0"),
        Case("{{ -86400 | date: '%F %A' }}", "1969-12-31 Wednesday"),
    ]

    @Test(arguments: cases) func civilDates(_ test: Case) async throws {
        let output = try await render(test.source, environment: LiquidEnvironment(now: LiquidDateFilterTests.now))
        #expect(output == test.expected)
    }

    @Test func daylightSavingEdgesInParis() async throws {
        let environment = LiquidDateFilterTests.environment("Europe/Paris")
        // 2024-03-31 02:30 does not exist in Paris (clocks jump from 02:00 to 03:00); 2024-10-27 02:30 happens twice.
        let spring = try await render("{{ '2024-03-31T01:59:00' | date: '%H:%M %z' }}", environment: environment)
        #expect(spring == "01:59 +0100")
        let after = try await render("{{ '2024-03-31T03:00:00' | date: '%H:%M %z' }}", environment: environment)
        #expect(after == "03:00 +0200")
        let utcInstant = try await render("{{ '2024-10-27T01:30:00Z' | date: '%H:%M %z' }}", environment: environment)
        #expect(utcInstant == "02:30 +0100")
    }
}
