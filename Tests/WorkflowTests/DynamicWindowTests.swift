import Engine
import Foundation
import Providers
import Testing

@Suite struct DynamicWindowTests {
    static let now = ISO8601DateFormatter().date(from: "2024-01-03T12:00:00Z")!  // a Wednesday
    static let utc = TimeZone(identifier: "Etc/UTC")!

    static func resolve(_ value: JSONValue?, zone: TimeZone = utc) -> Result<Date, EngineError> {
        DynamicWindow.resolve(value, now: now, timeZone: zone, path: "data.delayUntil")
    }

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func futureTimestampClosesExactlyThere() throws {
        #expect(try Self.resolve("2024-01-05T14:00:00Z").get() == Self.date("2024-01-05T14:00:00Z"))
        #expect(try Self.resolve("2024-01-05T15:00:00.500+01:00").get() == Self.date("2024-01-05T14:00:00Z") + 0.5)
    }

    @Test func pastOrPresentTimestampIsAnError() {
        for text in ["2024-01-03T11:59:59Z", "2024-01-03T12:00:00Z"] {
            guard case .failure(let error) = Self.resolve(.string(text)) else {
                Issue.record("expected a failure for \(text)")
                continue
            }
            #expect(error.code == .invalidInput)
            #expect(error.message == "data.delayUntil: the timestamp \(text) is not in the future")
        }
    }

    @Test func durationAddsToNow() throws {
        #expect(try Self.resolve(["unit": "minutes", "value": 15]).get() == Self.now + 900)
        #expect(try Self.resolve(["unit": "weeks", "value": 1]).get() == Self.now + 604_800)
    }

    @Test func jsonInAStringIsParsedFirst() throws {
        // As an environment variable holds it; different values per environment give different windows.
        #expect(try Self.resolve(#"{ "unit": "seconds", "value": 30 }"#).get() == Self.now + 30)
        #expect(try Self.resolve(#"{ "unit": "seconds", "value": 90 }"#).get() == Self.now + 90)
        #expect(
            try Self.resolve(#"{"frequency":"weekly","days":["mon"],"hours":9}"#).get()
                == Self.date("2024-01-08T09:00:00Z"))
    }

    @Test func windowRuleUsesTheTimeZone() throws {
        let zone = TimeZone(identifier: "America/New_York")!
        #expect(
            try Self.resolve(["frequency": "weekly", "days": ["mon"], "hours": 9], zone: zone).get()
                == Self.date("2024-01-08T14:00:00Z"))
    }

    @Test func invalidValuesNameTheKey() {
        let accepted =
            "accepted: an ISO-8601 timestamp in the future, a duration like {\"unit\": \"minutes\", \"value\": 15}, or a window rule like {\"frequency\": \"daily\", \"hours\": 9}"
        let cases: [(JSONValue?, String)] = [
            (nil, "data.delayUntil: missing; \(accepted)"),
            ("tomorrow", "data.delayUntil: \"tomorrow\" is not a timestamp or JSON; \(accepted)"),
            (30, "data.delayUntil: found number; \(accepted)"),
            (["when": 1], "data.delayUntil: an object without unit or frequency; \(accepted)"),
            (["unit": "minutes", "value": -1], "data.delayUntil.value: expected a positive whole number, found -1"),
        ]
        for (value, message) in cases {
            guard case .failure(let error) = Self.resolve(value) else {
                Issue.record("expected a failure for \(String(describing: value))")
                continue
            }
            #expect(error.message == message)
        }
    }
}
