import Liquid
import Providers
import Testing

@Suite struct LiquidNumberFilterTests {
    static let numbers: [Case] = [
        Case("{{ 3 | plus: 2 }}|{{ 3 | plus: 2.5 }}|{{ '3' | plus: 1 }}|{{ 'x' | plus: 1 }}", "5|5.5|4|1"),
        Case("{{ 3 | minus: 5 }}|{{ 3.5 | minus: 1 }}", "-2|2.5"),
        Case("{{ 3 | times: 4 }}|{{ 3 | times: 0.5 }}|{{ 2.0 | times: 2 }}", "12|1.5|4.0"),
        Case("{{ 10 | divided_by: 4 }}|{{ 10.0 | divided_by: 4 }}|{{ 10 | divided_by: 4.0 }}", "2|2.5|2.5"),
        Case("{{ -7 | divided_by: 2 }}|{{ 7 | divided_by: -2 }}|{{ 6 | divided_by: 3 }}", "-4|-4|2"),
        Case("{{ 7 | modulo: 3 }}|{{ -7 | modulo: 3 }}|{{ 7.5 | modulo: 2 }}", "1|2|1.5"),
        Case("{{ -4 | abs }}|{{ -4.5 | abs }}|{{ '-3' | abs }}", "4|4.5|3"),
        Case("{{ 1.2 | ceil }}|{{ 1.8 | floor }}|{{ -1.2 | ceil }}|{{ 4 | ceil }}", "2|1|-1|4"),
        Case("{{ 2.5 | round }}|{{ 3.14159 | round: 2 }}|{{ 7 | round }}", "3|3.14|7"),
        Case("{{ 4 | at_least: 5 }}|{{ 6 | at_least: 5 }}|{{ 4 | at_most: 3 }}|{{ 2 | at_most: 3 }}", "5|6|3|2"),
        Case("{{ data.count | times: data.price }}", "31.5"),
    ]

    @Test(arguments: numbers) func numberFilter(_ test: Case) async throws {
        let output = try await render(test.source)
        #expect(output == test.expected)
    }

    @Test func divisionByZeroFailsTheRenderAtTheFilter() async throws {
        let error = try #require(await renderError("ok\n  {{ 5 | divided_by: 0 }}"))
        #expect(error.code == .invalidArgument)
        #expect(error.template == "test")
        #expect(error.line == 2)
        #expect(error.column == 10)
        #expect(error.message == "divided_by: cannot divide by zero")
        #expect(await renderError("{{ 5 | modulo: 0 }}")?.code == .invalidArgument)
    }
}

@Suite struct LiquidExtremeValueTests {
    static let extremes: [Case] = [
        Case("{{ -9223372036854775808 | abs }}", "9223372036854775807"),
        Case("{{ -9223372036854775808 | divided_by: -1 }}", "9.223372036854776e+18"),
        Case("{{ -9223372036854775808 | modulo: -1 }}|{{ -7 | modulo: -3 }}|{{ 7 | modulo: -3 }}", "0|-1|-2"),
        Case(
            "{{ 'abc' | slice: -9223372036854775808, 9223372036854775807 }}|{{ 'abc' | slice: 1, 9223372036854775807 }}",
            "|bc"),
        Case("{{ 'abcdef' | truncate: -9223372036854775808 }}", "..."),
        Case("{{ data.items[-9223372036854775808] }}|{{ data.items[-3] }}|{{ data.items[3] }}", "|apple|"),
    ]

    @Test(arguments: extremes) func neverTraps(_ test: Case) async throws {
        let output = try await render(test.source)
        #expect(output == test.expected)
    }

    @Test func extremeRangeIsALimitError() async throws {
        let error = try #require(await renderError("x{{ (-9223372036854775808..9223372036854775807) | size }}"))
        #expect(error.code == .tooManyIterations)
        #expect(error.line == 1)
        #expect(error.column == 2)
    }
}

@Suite struct LiquidFormattingFilterTests {
    static let cases: [Case] = [
        Case(
            "{{ 1234567 | format_number }}|{{ 1234567.891 | format_number }}|{{ 999 | format_number }}",
            "1,234,567|1,234,567.891|999"),
        Case(
            "{{ 1234567.891 | format_number: 2 }}|{{ -1234.5 | format_number: 0 }}|{{ '12345' | format_number }}",
            "1,234,567.89|-1,235|12,345"),
        Case(
            "{{ 1234.5 | currency }}|{{ 0.125 | currency: 'EUR' }}|{{ -5 | currency: 'gbp' }}", "$1,234.50|€0.13|-£5.00"
        ),
        Case(
            "{{ 1234.5 | currency: 'JPY' }}|{{ 1234.5 | currency: 'SEK' }}|{{ missing | currency }}",
            "¥1,235|SEK 1,234.50|"),
    ]

    @Test(arguments: cases) func formatting(_ test: Case) async throws {
        let output = try await render(test.source)
        #expect(output == test.expected)
    }
}
