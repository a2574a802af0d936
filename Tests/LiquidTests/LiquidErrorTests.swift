import Liquid
import Providers
import Testing

@Suite struct LiquidErrorTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var source: String
        var code: LiquidError.Code
        var line: Int
        var column: Int
        var message: String

        var testDescription: String { source }
    }

    static let syntaxErrors: [Expected] = [
        Expected(
            source: "a\n{% if x %}b", code: .syntaxError, line: 2, column: 1,
            message: "'if' tag is never closed; expected {% endif %}"),
        Expected(
            source: "{% for i in x %}\n{% if i %}{% endfor %}", code: .syntaxError, line: 2, column: 14,
            message: "unexpected 'endfor' inside 'if'"),
        Expected(source: "x {% endif %}", code: .syntaxError, line: 1, column: 6, message: "unexpected 'endif'"),
        Expected(
            source: "ab\n  {{ name", code: .syntaxError, line: 2, column: 3,
            message: "output '{{' is never closed; expected '}}'"),
        Expected(
            source: "{% if x", code: .syntaxError, line: 1, column: 1,
            message: "tag '{%' is never closed; expected '%}'"),
        Expected(
            source: "hi {% frobnicate x %}", code: .unknownTag, line: 1, column: 7, message: "unknown tag 'frobnicate'"),
        Expected(
            source: "{{ name | upcase | shout }}", code: .unknownFilter, line: 1, column: 20,
            message: "unknown filter 'shout'"),
        Expected(
            source: "{{ 1 | plus }}", code: .unknownFilter, line: 1, column: 8,
            message: "filter 'plus' takes 1 argument(s), got 0"),
        Expected(
            source: "{{ 'a' | truncate: 1, 2, 3 }}", code: .unknownFilter, line: 1, column: 10,
            message: "filter 'truncate' takes 0 to 2 argument(s), got 3"),
        Expected(
            source: "\n\n   {{ a b }}", code: .syntaxError, line: 3, column: 9,
            message: "unexpected 'b'; expected end of markup"),
        Expected(
            source: "{{ a. }}", code: .syntaxError, line: 1, column: 7,
            message: "unexpected end of markup; expected a property name after '.'"),
        Expected(
            source: "{% assign = 1 %}", code: .syntaxError, line: 1, column: 11,
            message: "unexpected '='; expected a variable name after 'assign'"),
        Expected(
            source: "{% for x of y %}{% endfor %}", code: .syntaxError, line: 1, column: 10,
            message: "unexpected 'of'; expected 'in' after the loop variable"),
        Expected(
            source: "{{ 'open }}", code: .syntaxError, line: 1, column: 1,
            message: "output '{{' is never closed; expected '}}'"),
        Expected(
            source: "{% if a = b %}{% endif %}", code: .syntaxError, line: 1, column: 9,
            message: "unexpected '='; expected end of markup"),
        Expected(
            source: "{% raw %}never closed", code: .syntaxError, line: 1, column: 1,
            message: "'raw' tag is never closed; expected {% endraw %}"),
        Expected(
            source: "{% render partial_name %}", code: .syntaxError, line: 1, column: 11,
            message: "'render' takes the partial's name as a quoted string"),
        Expected(
            source: "{{ (1..) }}", code: .syntaxError, line: 1, column: 8,
            message: "unexpected ')'; expected a value (a variable, a string, a number, true, false, nil or a range)"),
        Expected(
            source: "{% case x %}{% when 1 %}{% else %}{% when 2 %}{% endcase %}", code: .syntaxError, line: 1,
            column: 38, message: "unexpected 'when' inside 'case'"),
    ]

    @Test(arguments: syntaxErrors) func syntaxError(_ expected: Expected) throws {
        let error = try #require(parseError(expected.source, name: "email/body"))
        #expect(error.code == expected.code)
        #expect(error.template == "email/body")
        #expect(error.line == expected.line)
        #expect(error.column == expected.column)
        #expect(error.message == expected.message)
    }

    @Test func descriptionNamesTemplateLineAndColumn() throws {
        let error = try #require(parseError("{{ x | nope }}", name: "sms/text"))
        #expect(error.description == "LiquidError.unknownFilter: sms/text, line 1, column 8: unknown filter 'nope'")
    }

    @Test func outputLimit() async throws {
        let environment = LiquidEnvironment(limits: LiquidLimits(maximumOutputBytes: 10))
        #expect(try await render("0123456789", environment: environment) == "0123456789")
        let error = try #require(await renderError("01234\n{{ '56789X' }}", environment: environment))
        #expect(error.code == .outputTooLarge)
        #expect(error.line == 2)
        #expect(error.column == 1)
        #expect(error.message == "the rendered output exceeds 10 bytes")
        let capture = await renderError(
            "{% capture c %}{% for i in (1..20) %}x{% endfor %}{% endcapture %}", environment: environment)
        #expect(capture?.code == .outputTooLarge)
    }

    @Test func loopLimitCountsEveryIteration() async throws {
        let environment = LiquidEnvironment(limits: LiquidLimits(maximumLoopIterations: 6))
        #expect(
            try await render(
                "{% for i in (1..2) %}{% for j in (1..2) %}.{% endfor %}{% endfor %}", environment: environment)
                == "....")
        let error = try #require(
            await renderError(
                "{% for i in (1..3) %}\n {% for j in (1..3) %}{% endfor %}{% endfor %}", environment: environment))
        #expect(error.code == .tooManyIterations)
        #expect(error.line == 2)
        #expect(error.column == 2)
        #expect(error.message == "loops ran more than 6 iterations")
    }

    @Test func hugeRangeIsStoppedByTheLoopLimit() async throws {
        let environment = LiquidEnvironment(limits: LiquidLimits(maximumLoopIterations: 100))
        let error = try #require(
            await renderError("{% for i in (1..100000000) %}{% endfor %}", environment: environment))
        #expect(error.code == .tooManyIterations)
    }
}
