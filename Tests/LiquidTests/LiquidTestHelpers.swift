import Foundation
import Liquid
import Providers
import Testing

/// Variables most tests render against.
let sampleVariables: JSONObject = [
    "recipient": ["id": "user_1", "name": "Ada Lovelace", "email": "ada@example.com"],
    "actor": ["id": "user_2", "name": "Charles"],
    "data": [
        "order_id": "A-17", "count": 3, "price": 10.5, "items": ["apple", "banana", "cherry"],
        "flags": [true, false], "empty_list": [], "blank_text": "  ",
    ],
    "products": [
        ["name": "Pen", "price": 3, "kind": "office", "stock": 0],
        ["name": "apple", "price": 1, "kind": "food", "stock": 5],
        ["name": "Zebra", "price": 2, "kind": "toy", "stock": nil],
    ],
    "vars": ["base_url": "https://app.example.com"],
]

/// Parses and renders `source`.
func render(
    _ source: String, _ variables: JSONObject = sampleVariables, environment: LiquidEnvironment = LiquidEnvironment()
) async throws -> String {
    let template = try LiquidTemplate(parsing: source, name: "test")
    return try await template.render(LiquidContext(variables: variables, environment: environment))
}

/// The error parsing `source` throws, or nil.
func parseError(_ source: String, name: String = "test") -> LiquidError? {
    do {
        _ = try LiquidTemplate(parsing: source, name: name)
        return nil
    } catch {
        return error
    }
}

/// The error rendering `source` throws, or nil.
func renderError(
    _ source: String, _ variables: JSONObject = sampleVariables, environment: LiquidEnvironment = LiquidEnvironment()
) async -> LiquidError? {
    do {
        let template = try LiquidTemplate(parsing: source, name: "test")
        _ = try await template.render(LiquidContext(variables: variables, environment: environment))
        return nil
    } catch {
        return error
    }
}

/// A template case: source and exact expected output.
struct Case: Sendable, CustomTestStringConvertible {
    var source: String
    var expected: String

    init(_ source: String, _ expected: String) {
        self.source = source
        self.expected = expected
    }

    var testDescription: String { source }
}
