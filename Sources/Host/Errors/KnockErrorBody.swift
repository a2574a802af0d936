public import Providers

/// Knock's error response body: `{"code": …, "message": …, "status": …, "type": …}`.
///
/// Every error the API answers with has this shape (except a path no route matches, which answers as
/// Knock does with `{"errors": {"detail": "404 Not Found"}}`). Clients branch on ``code``; ``type`` groups
/// codes; ``message`` is for people and names the offending field as a JSON path.
public struct KnockErrorBody: Sendable, Hashable {
    /// The machine-readable code, such as `invalid_params` or `api_key_missing`.
    public var code: String
    /// What was wrong and what is accepted; never secrets or message content.
    public var message: String
    /// The HTTP status it is sent with.
    public var status: Int
    /// The group of the code: `authentication_error` for 401s, `api_error` otherwise.
    public var type: String

    /// Creates a body.
    public init(code: String, message: String, status: Int, type: String = "api_error") {
        self.code = code
        self.message = message
        self.status = status
        self.type = type
    }

    /// The body as JSON, members in Knock's order.
    public var json: JSONValue {
        [
            "code": .string(code), "message": .string(message), "status": .number(Double(status)),
            "type": .string(type),
        ]
    }
}
