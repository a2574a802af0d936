import Engine
import Foundation
import Providers
import Testing

@Suite struct WindowDurationTests {
    @Test(arguments: [
        ("seconds", 30, 30), ("minutes", 15, 900), ("hours", 2, 7200), ("days", 1, 86_400), ("weeks", 2, 1_209_600),
    ])
    func unitsInSeconds(unit: String, value: Int, seconds: Int) throws {
        let duration = try WindowDuration.parse(
            ["unit": .string(unit), "value": .number(Double(value))], path: "$.window")
        #expect(duration.seconds == seconds)
        #expect(duration.json == ["unit": .string(unit), "value": .number(Double(value))])
    }

    @Test(arguments: [
        (#"{"unit":"minutes","value":0}"#, "$.window.value: expected a positive whole number, found 0"),
        (#"{"unit":"minutes","value":-5}"#, "$.window.value: expected a positive whole number, found -5"),
        (#"{"unit":"minutes","value":1.5}"#, "$.window.value: expected a positive whole number, found 1.5"),
        (#"{"unit":"minutes","value":"5"}"#, "$.window.value: expected a positive whole number, found \"5\""),
        (
            #"{"unit":"months","value":1}"#,
            "$.window.unit: expected one of seconds, minutes, hours, days, weeks, found \"months\""
        ),
        (#"{"value":1}"#, "$.window.unit: expected one of seconds, minutes, hours, days, weeks, found nothing"),
        (#"{"unit":"days","value":1,"every":2}"#, "$.window.every: unknown key; accepted: unit, value"),
        (#"[1]"#, "$.window: expected a duration like {\"unit\": \"minutes\", \"value\": 15}, found array"),
    ])
    func rejects(text: String, message: String) throws {
        let error = #expect(throws: EngineError.self) {
            try WindowDuration.parse(JSONValue.parse(text), path: "$.window")
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.message == message)
    }
}
