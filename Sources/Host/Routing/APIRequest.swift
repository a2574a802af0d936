public import Engine
public import HTTPServer
public import Providers

/// A request as a route handler sees it: the HTTP request plus what the router worked out.
public struct APIRequest: Sendable {
    /// The request as received.
    public var http: HTTPServerRequest
    /// The environment the API key selected; `nil` on ``RouteAccess/open`` routes.
    public var environment: String?
    /// The request id: the client's `x-request-id` when valid, else a generated one.
    public var requestID: String
    /// The matched route's pattern, such as `/v1/users/:user_id`.
    public var route: String
    /// The path parameters, percent-decoded, by name.
    public var parameters: [String: String]
    /// The deepest JSON nesting accepted in bodies.
    public var maxJSONDepth: Int

    /// Creates a request context (the router does; tests may too).
    public init(
        http: HTTPServerRequest, environment: String?, requestID: String, route: String,
        parameters: [String: String] = [:], maxJSONDepth: Int = 64
    ) {
        self.http = http
        self.environment = environment
        self.requestID = requestID
        self.route = route
        self.parameters = parameters
        self.maxJSONDepth = maxJSONDepth
    }

    /// The environment, for handlers of ``RouteAccess/apiKey`` routes.
    ///
    /// - Throws: ``HostError`` 401 if the route was reached without a key (a registration mistake).
    public func requireEnvironment() throws(HostError) -> String {
        guard let environment else { throw HostError.apiKeyMissing() }
        return environment
    }

    /// A path parameter.
    ///
    /// - Throws: ``HostError`` 422 if the route has no such parameter.
    public func parameter(_ name: String) throws(HostError) -> String {
        guard let value = parameters[name] else { throw HostError.invalidParams("missing path parameter '\(name)'") }
        return value
    }

    /// A path parameter that names a resource (a user, an object, a collection): 1 to 256 characters,
    /// without `/` or `#`.
    ///
    /// - Throws: ``HostError`` 422 `invalid_params` naming the parameter and the rule.
    public func identifier(_ name: String) throws(HostError) -> String {
        let value = try parameter(name)
        try Self.validateIdentifier(value, field: name)
        return value
    }

    /// Checks an identifier: 1 to 256 characters, without `/` or `#`.
    ///
    /// - Parameters:
    ///   - value: The identifier.
    ///   - field: Its name or JSON path, for the message.
    /// - Throws: ``HostError`` 422 `invalid_params`.
    public static func validateIdentifier(_ value: String, field: String) throws(HostError) {
        let problem: String? =
            if value.isEmpty { "is empty" } else if value.count > 256 {
                "is \(value.count) characters long"
            } else if value.contains("/") || value.contains("#") { "contains '/' or '#'" } else { nil }
        if let problem {
            throw HostError.invalidParams("\(field) \(problem); expected 1 to 256 characters without '/' or '#'")
        }
    }

    /// An optional identifier in a JSON body: `nil` when the member is missing or `null`, else the string,
    /// checked with ``validateIdentifier(_:field:)``.
    ///
    /// - Parameters:
    ///   - value: The member's value.
    ///   - field: The member's JSON path, for errors.
    ///   - expected: What the member may be, for errors (`a tenant id (a string) or null`).
    /// - Throws: ``HostError`` 422 for a value that is not a string, or not a valid identifier.
    public static func optionalIdentifier(_ value: JSONValue?, field: String, expected: String) throws(HostError)
        -> String?
    {
        switch value {
        case nil, .null?:
            return nil
        case .string(let identifier)?:
            try validateIdentifier(identifier, field: field)
            return identifier
        case let other?:
            throw HostError.invalidParams("\(field): expected \(expected), found \(other.typeName)")
        }
    }

    /// The first value of a query parameter.
    public func query(_ name: String) -> String? {
        http.queryValue(name)
    }

    /// Knock's cursor pagination parameters: `page_size` (1 to 50, default 50), `after`, `before`.
    ///
    /// - Throws: ``HostError`` 422 for a page size out of range or both cursors at once.
    public func pageRequest() throws(HostError) -> PageRequest {
        var size = PageRequest.defaultSize
        if let text = query("page_size") {
            guard let value = Int(text), (1...PageRequest.maximumSize).contains(value) else {
                throw HostError.invalidParams(
                    "page_size must be a whole number from 1 to \(PageRequest.maximumSize), found '\(text.prefix(32))'")
            }
            size = value
        }
        let after = query("after").flatMap { $0.isEmpty ? nil : $0 }
        let before = query("before").flatMap { $0.isEmpty ? nil : $0 }
        if after != nil && before != nil {
            throw HostError.invalidParams("give at most one of the cursors 'after' and 'before'")
        }
        return PageRequest(after: after, before: before, size: size)
    }

    /// The body parsed as JSON.
    ///
    /// - Throws: ``HostError`` 400 `invalid_json` for an empty body, text that is not JSON (with line and
    ///   column) or nesting deeper than ``maxJSONDepth``.
    public func jsonBody() throws(HostError) -> JSONValue {
        guard !http.body.isEmpty else {
            throw HostError.invalidJSON("The request body is empty; expected a JSON object")
        }
        do {
            return try JSONValue.parse(http.body, maximumDepth: maxJSONDepth)
        } catch let error as JSONParseError {
            throw HostError.invalidJSON("The request body is not valid JSON: \(error)")
        } catch {
            throw HostError.invalidJSON("The request body is not valid JSON")
        }
    }

    /// The body parsed as a JSON object.
    ///
    /// - Throws: ``HostError`` 400 as ``jsonBody()``, or 422 `invalid_params` when it is not an object.
    public func jsonObjectBody() throws(HostError) -> JSONObject {
        let value = try jsonBody()
        guard case .object(let object) = value else {
            throw HostError.invalidParams("$: expected a JSON object, found \(JSONKind.describe(value))")
        }
        return object
    }
}

/// Names of JSON kinds for messages.
enum JSONKind {
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
