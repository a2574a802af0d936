import Foundation

extension HTTPFixture {
    /// The placeholder written in place of every redacted value.
    public static let redacted = "<redacted>"

    /// Reads a fixture file.
    ///
    /// - Throws: ``FixtureError`` naming the file and the field that is missing or wrong.
    public static func load(path: String) throws -> HTTPFixture {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FixtureError("\(path): cannot read the fixture file")
        }
        do {
            return try HTTPFixture(json: JSONValue.parse(Array(data)))
        } catch let error as JSONParseError {
            throw FixtureError("\(path): not valid JSON (\(error))")
        } catch let error as FixtureError {
            throw FixtureError("\(path): \(error.message)")
        }
    }

    /// Reads every `*.json` fixture under a directory, sorted by path.
    public static func loadAll(directory: String) throws -> [HTTPFixture] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw FixtureError("\(directory): cannot read the fixture directory")
        }
        let paths = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.sorted()
        return try paths.map { try load(path: (directory as NSString).appendingPathComponent($0)) }
    }

    /// Decodes a fixture from its JSON form.
    public init(json: JSONValue) throws {
        let root = try FixtureReader(json, path: "$")
        provider = try root.string("provider")
        caseName = try root.string("case")
        recordedAt = try root.string("recorded_at")
        notes = try root.optionalString("notes")
        let request = try root.object("request")
        self.request = Request(
            method: try request.string("method"), url: try request.string("url"),
            headers: try request.headers(), body: try request.body())
        let response = try root.object("response")
        self.response = Response(
            status: try response.int("status"), headers: try response.headers(), body: try response.body())
        if let match = try root.optionalObject("match") {
            self.match = FixtureMatchRules(
                volatileHeaders: try match.strings("volatile_headers"),
                volatileBodyPaths: try match.strings("volatile_body_paths"),
                matchesOrigin: try match.optionalBool("matches_origin") ?? true)
        } else {
            self.match = FixtureMatchRules()
        }
    }

    /// The fixture's JSON form.
    public var json: JSONValue {
        var root: JSONObject = [
            "provider": .string(provider), "case": .string(caseName), "recorded_at": .string(recordedAt),
        ]
        if let notes { root["notes"] = .string(notes) }
        var request: JSONObject = ["method": .string(self.request.method), "url": .string(self.request.url)]
        request["headers"] = Self.headersJSON(self.request.headers)
        Self.write(self.request.body, into: &request)
        root["request"] = .object(request)
        var response: JSONObject = ["status": .number(Double(self.response.status))]
        response["headers"] = Self.headersJSON(self.response.headers)
        Self.write(self.response.body, into: &response)
        root["response"] = .object(response)
        if match != FixtureMatchRules() {
            root["match"] = [
                "volatile_headers": .array(match.volatileHeaders.map(JSONValue.string)),
                "volatile_body_paths": .array(match.volatileBodyPaths.map(JSONValue.string)),
                "matches_origin": .bool(match.matchesOrigin),
            ]
        }
        return .object(root)
    }

    private static func headersJSON(_ headers: [(name: String, value: String)]) -> JSONValue {
        var object = JSONObject()
        for (name, value) in headers {
            let key = name.lowercased()
            switch object[key] {
            case nil: object[key] = .string(value)
            case .string(let first): object[key] = [.string(first), .string(value)]
            case .array(let values): object[key] = .array(values + [.string(value)])
            default: break
            }
        }
        return .object(object)
    }

    private static func write(_ body: FixtureBody, into object: inout JSONObject) {
        switch body {
        case .none: break
        case .json(let value): object["body"] = value
        case .form(let fields): object["body_form"] = .array(fields.map { [.string($0.name), .string($0.value)] })
        case .text(let text): object["body_text"] = .string(text)
        case .binary(let bytes): object["body_base64"] = .string(Data(bytes).base64EncodedString())
        }
    }
}

/// A fixture file that cannot be read, or a request that matches no fixture.
public struct FixtureError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the file and field, or listing every difference.
    public var message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
