/// One recorded HTTP exchange: the request an adapter sent and the response it got, secrets redacted.
///
/// Stored as one JSON file per exchange, named by provider and case (`webhook/delivered.json`):
///
/// ```json
/// {
///   "provider": "webhook",
///   "case": "delivered",
///   "recorded_at": "2026-11-22T20:00:00Z",
///   "request": {
///     "method": "POST",
///     "url": "https://hooks.example.test/deliveries",
///     "headers": { "content-type": "application/json", "x-webhook-signature": "<redacted>" },
///     "body": { "message_id": "msg_1" }
///   },
///   "response": { "status": 200, "headers": { "content-type": "text/plain" }, "body_text": "ok" }
/// }
/// ```
///
/// A body is `body` (JSON, compared semantically), `body_form` (form fields, compared as a multiset),
/// `body_text` (compared exactly) or `body_base64` (binary). The optional `match` object refines how
/// the request is matched on replay (see ``FixtureMatchRules``).
public struct HTTPFixture: Sendable, Hashable {
    /// The provider's name, such as `webhook`.
    public var provider: String
    /// The case, such as `delivered` or `rate-limited`.
    public var caseName: String
    /// When it was recorded (ISO 8601).
    public var recordedAt: String
    /// Free text about the case.
    public var notes: String?
    /// The request as sent (redacted).
    public var request: Request
    /// The response as received (redacted).
    public var response: Response
    /// Extra matching rules for replay.
    public var match: FixtureMatchRules

    /// A recorded request.
    public struct Request: Sendable, Hashable {
        public var method: String
        public var url: String
        public var headers: [(name: String, value: String)]
        public var body: FixtureBody

        public init(
            method: String, url: String, headers: [(name: String, value: String)] = [], body: FixtureBody = .none
        ) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
        }

        public static func == (lhs: Request, rhs: Request) -> Bool {
            lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
                && lhs.headers.map { [$0.name, $0.value] } == rhs.headers.map { [$0.name, $0.value] }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(method)
            hasher.combine(url)
        }
    }

    /// A recorded response.
    public struct Response: Sendable, Hashable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: FixtureBody

        public init(status: Int, headers: [(name: String, value: String)] = [], body: FixtureBody = .none) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public static func == (lhs: Response, rhs: Response) -> Bool {
            lhs.status == rhs.status && lhs.body == rhs.body
                && lhs.headers.map { [$0.name, $0.value] } == rhs.headers.map { [$0.name, $0.value] }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(status)
        }
    }

    /// Creates a fixture.
    public init(
        provider: String,
        caseName: String,
        recordedAt: String,
        notes: String? = nil,
        request: Request,
        response: Response,
        match: FixtureMatchRules = FixtureMatchRules()
    ) {
        self.provider = provider
        self.caseName = caseName
        self.recordedAt = recordedAt
        self.notes = notes
        self.request = request
        self.response = response
        self.match = match
    }
}

/// A recorded body.
public enum FixtureBody: Sendable, Hashable {
    /// No body.
    case none
    /// A JSON document, compared semantically.
    case json(JSONValue)
    /// `application/x-www-form-urlencoded` fields, compared as a multiset.
    case form([FormField])
    /// Text, compared exactly.
    case text(String)
    /// Binary bytes.
    case binary([UInt8])

    /// One form field.
    public struct FormField: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }
}

/// How a fixture's request is matched on replay, beyond the built-in rules.
public struct FixtureMatchRules: Sendable, Hashable {
    /// Header names whose values may differ (only presence is checked).
    public var volatileHeaders: [String]
    /// JSON paths (`$.a.b`, `$.items[0].id`) in the body whose values may differ.
    public var volatileBodyPaths: [String]
    /// Whether the scheme, host and port must match (off when replaying against another base URL).
    public var matchesOrigin: Bool

    public init(volatileHeaders: [String] = [], volatileBodyPaths: [String] = [], matchesOrigin: Bool = true) {
        self.volatileHeaders = volatileHeaders
        self.volatileBodyPaths = volatileBodyPaths
        self.matchesOrigin = matchesOrigin
    }
}
