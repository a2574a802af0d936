import Foundation
public import Transport

/// Compares an outgoing request with a recorded one and lists every difference.
///
/// Rules: the method must match; the path must match exactly; query parameters are compared as a
/// multiset; the origin must match unless the fixture says otherwise; every recorded header must be
/// present, with an equal value unless it is volatile (dates, signatures, credentials, ids — matched by
/// presence only) or recorded as `<redacted>`; JSON bodies are compared semantically (member order and
/// number formatting do not matter, `<redacted>` matches any value, volatile paths are skipped); form
/// bodies are compared as multisets of fields; other bodies exactly.
public enum FixtureMatcher {
    /// Headers whose values legitimately change between runs: matched by presence only.
    public static let volatileHeaders: Set<String> = [
        "authorization", "date", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "user-agent",
        "x-webhook-signature", "x-knock-signature", "webhook-id", "webhook-timestamp", "webhook-signature",
        "x-twilio-signature", "x-slack-signature", "x-slack-request-timestamp", "idempotency-key", "apns-id",
        "x-postmark-server-token", "content-length",
    ]

    /// Every difference between the recorded request and the actual one; empty when they match.
    public static func differences(_ fixture: HTTPFixture, _ actual: HTTPRequest) -> [String] {
        var differences: [String] = []
        let expected = fixture.request
        if expected.method.uppercased() != actual.method.rawValue {
            differences.append("method: expected \(expected.method), got \(actual.method)")
        }
        differences += urlDifferences(expected.url, actual.url, matchesOrigin: fixture.match.matchesOrigin)
        let volatile = volatileHeaders.union(fixture.match.volatileHeaders.map { $0.lowercased() })
        for (name, value) in expected.headers {
            let values = actual.headers.values(for: name)
            if values.isEmpty {
                differences.append(
                    "header \(name.lowercased()): missing (expected \(quoted(value, volatile.contains(name.lowercased()))))"
                )
            } else if !volatile.contains(name.lowercased()) && value != HTTPFixture.redacted && !values.contains(value)
            {
                differences.append("header \(name.lowercased()): expected \(quoted(value)), got \(quoted(values[0]))")
            }
        }
        let actualBody = FixtureBody(bytes: actual.body, contentType: actual.headers["Content-Type"])
        differences += bodyDifferences(expected.body, actualBody, volatilePaths: Set(fixture.match.volatileBodyPaths))
        return differences
    }

    // MARK: - URL

    private static func urlDifferences(_ expected: String, _ actual: String, matchesOrigin: Bool) -> [String] {
        guard let lhs = URLComponents(string: expected), let rhs = URLComponents(string: actual) else {
            return expected == actual ? [] : ["url: expected \(expected), got \(actual)"]
        }
        var differences: [String] = []
        if matchesOrigin && (lhs.scheme != rhs.scheme || lhs.host != rhs.host || lhs.port != rhs.port) {
            differences.append("origin: expected \(origin(lhs)), got \(origin(rhs))")
        }
        if lhs.percentEncodedPath != rhs.percentEncodedPath {
            differences.append("path: expected \(lhs.percentEncodedPath), got \(rhs.percentEncodedPath)")
        }
        differences += multisetDifferences(
            (lhs.queryItems ?? []).map { ($0.name, $0.value ?? "") },
            (rhs.queryItems ?? []).map { ($0.name, $0.value ?? "") },
            label: "query")
        return differences
    }

    /// Compares name/value pairs as multisets; a recorded `<redacted>` value matches any value.
    private static func multisetDifferences(
        _ expected: [(String, String)], _ actual: [(String, String)], label: String
    ) -> [String] {
        var remaining = actual
        var differences: [String] = []
        for (name, value) in expected {
            if let index = remaining.firstIndex(where: {
                $0.0 == name && ($0.1 == value || value == HTTPFixture.redacted)
            }) {
                remaining.remove(at: index)
            } else if let index = remaining.firstIndex(where: { $0.0 == name }) {
                differences.append(
                    "\(label) \(name): expected \(quoted(value)), got \(quoted(remaining.remove(at: index).1))")
            } else {
                differences.append("\(label) \(name): expected \(quoted(value)), got nothing")
            }
        }
        return differences + remaining.map { "\(label) \($0.0): unexpected \(quoted($0.1))" }
    }

    private static func origin(_ components: URLComponents) -> String {
        "\(components.scheme ?? "")://\(components.host ?? "")\(components.port.map { ":\($0)" } ?? "")"
    }

    // MARK: - Body

    private static func bodyDifferences(_ expected: FixtureBody, _ actual: FixtureBody, volatilePaths: Set<String>)
        -> [String]
    {
        switch (expected, actual) {
        case (.none, .none):
            return []
        case (.json(let lhs), .json(let rhs)):
            var differences: [String] = []
            jsonDifferences(lhs, rhs, path: "$", volatile: volatilePaths, into: &differences)
            return differences.map { "body \($0)" }
        case (.form(let lhs), .form(let rhs)):
            return multisetDifferences(
                lhs.map { ($0.name, $0.value) }, rhs.map { ($0.name, $0.value) }, label: "body field")
        case (.text(let lhs), .text(let rhs)) where lhs == rhs:
            return []
        case (.binary(let lhs), .binary(let rhs)) where lhs == rhs:
            return []
        default:
            return ["body: expected \(describe(expected)), got \(describe(actual))"]
        }
    }

    private static func jsonDifferences(
        _ expected: JSONValue, _ actual: JSONValue, path: String, volatile: Set<String>,
        into differences: inout [String]
    ) {
        if volatile.contains(path) || expected == .string(HTTPFixture.redacted) { return }
        switch (expected, actual) {
        case (.object(let lhs), .object(let rhs)):
            for (key, value) in lhs {
                let childPath = "\(path).\(key)"
                if let other = rhs[key] {
                    jsonDifferences(value, other, path: childPath, volatile: volatile, into: &differences)
                } else if !volatile.contains(childPath) {
                    differences.append("\(childPath): missing (expected \(value.encoded()))")
                }
            }
            for key in rhs.keys where lhs[key] == nil && !volatile.contains("\(path).\(key)") {
                differences.append("\(path).\(key): unexpected \(rhs[key]!.encoded())")
            }
        case (.array(let lhs), .array(let rhs)):
            if lhs.count != rhs.count {
                differences.append("\(path): expected \(lhs.count) elements, got \(rhs.count)")
            }
            for (index, pair) in zip(lhs, rhs).enumerated() {
                jsonDifferences(pair.0, pair.1, path: "\(path)[\(index)]", volatile: volatile, into: &differences)
            }
        default:
            if expected != actual {
                differences.append("\(path): expected \(expected.encoded()), got \(actual.encoded())")
            }
        }
    }

    private static func describe(_ body: FixtureBody) -> String {
        switch body {
        case .none: "no body"
        case .json(let value): "JSON \(value.encoded().prefix(200))"
        case .form(let fields): "form \(fields.map(\.name).joined(separator: ","))"
        case .text(let text): "text \(quoted(String(text.prefix(200))))"
        case .binary(let bytes): "\(bytes.count) binary bytes"
        }
    }

    private static func quoted(_ value: String, _ volatile: Bool = false) -> String {
        volatile ? "a value" : "\"\(value)\""
    }
}
