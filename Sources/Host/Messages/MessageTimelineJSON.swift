public import Engine
internal import Foundation
public import Providers

/// Knock's shapes for a message's timeline (`MessageEvent`) and delivery logs (`MessageDeliveryLog`).
public enum MessageTimelineJSON {
    /// One timeline event: `{"__typename": "MessageEvent", "id", "type", "inserted_at", "recipient", "data"}`.
    ///
    /// - Parameters:
    ///   - event: The event.
    ///   - index: Its position in the message's timeline, from 0 (the id is `<message id>.<index + 1>`).
    ///   - message: The message, for the recipient.
    public static func event(_ event: MessageEvent, index: Int, of message: MessageRecord) -> JSONValue {
        var data = JSONObject()
        if let status = event.status { data["status"] = .string(status.rawValue) }
        if let reason = event.reason { data["reason"] = .string(reason) }
        return [
            "__typename": "MessageEvent", "id": .string("\(event.messageID).\(index + 1)"),
            "type": .string(event.kind.rawValue),
            "inserted_at": .string(ISO8601Timestamp.string(from: event.occurredAt)),
            "recipient": MessageRecord.recipientReference(message.recipient.id), "data": .object(data),
        ]
    }

    /// The delivery log entries of one attempt: one per HTTP exchange, in Knock's `MessageDeliveryLog`
    /// shape plus the host's `attempt`, `outcome`, `detail` and `duration_ms`; one entry without
    /// `request`/`response` when the attempt made no HTTP request (in-app feed, outbox).
    ///
    /// Exchanges are shown as recorded: the pipeline redacted their secrets before storing them. A
    /// delivered attempt's exchanges are usually summaries (the channel's `delivery_log`): no bodies,
    /// and `notes` gives their sizes.
    public static func deliveryLogs(_ log: DeliveryAttemptLog, of message: MessageRecord) -> [JSONValue] {
        func entry(_ number: Int, _ exchange: HTTPFixture?) -> JSONValue {
            var object: JSONObject = [
                "__typename": "MessageDeliveryLog", "id": .string("\(log.messageID).\(log.attempt).\(number)"),
                "environment_id": .string(message.environment), "service_name": .string(message.provider.rawValue),
                "inserted_at": .string(ISO8601Timestamp.string(from: log.startedAt)),
                "attempt": .number(Double(log.attempt)), "outcome": .string(log.outcome),
                "detail": log.detail.map(JSONValue.string) ?? .null,
                "duration_ms": .number(Double(log.durationMilliseconds)),
            ]
            if let exchange {
                object["request"] = request(exchange.request)
                object["response"] = [
                    "status": .number(Double(exchange.response.status)),
                    "headers": headers(exchange.response.headers), "body": body(exchange.response.body),
                ]
                // A summarized exchange (a delivered attempt) says what it left out; a failure says what failed.
                if let notes = exchange.notes { object["notes"] = .string(notes) }
            }
            return .object(object)
        }
        if log.exchanges.isEmpty { return [entry(1, nil)] }
        return log.exchanges.enumerated().map { entry($0.offset + 1, $0.element) }
    }

    private static func request(_ request: HTTPFixture.Request) -> JSONValue {
        let components = URLComponents(string: request.url)
        return [
            "method": .string(request.method), "host": .string(components?.host ?? ""),
            "path": .string(components?.path ?? request.url),
            "query": components?.percentEncodedQuery.map(JSONValue.string) ?? .null,
            "headers": headers(request.headers), "body": body(request.body),
        ]
    }

    private static func headers(_ headers: [(name: String, value: String)]) -> JSONValue {
        .object(JSONObject(headers.map { ($0.name.lowercased(), JSONValue.string($0.value)) }))
    }

    private static func body(_ body: FixtureBody) -> JSONValue {
        switch body {
        case .none: .null
        case .json(let value): value
        case .text(let text): .string(text)
        case .form(let fields):
            .string(fields.map { "\(Self.formEncode($0.name))=\(Self.formEncode($0.value))" }.joined(separator: "&"))
        case .binary(let bytes): .string("<\(bytes.count) bytes>")
        }
    }

    private static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~<>")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
