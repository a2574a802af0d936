public import Foundation
public import Providers

/// A workflow trigger (Knock's `TriggerWorkflowRequest`): who to notify, who acted, the data, the tenant
/// and the cancellation key.
///
/// ```json
/// {"recipients": ["user_1", {"id": "user_2", "email": "two@example.test"}], "actor": "user_0",
///  "data": {"page_name": "Brief"}, "tenant": "acme", "cancellation_key": "comment-42"}
/// ```
public struct TriggerRequest: Sendable {
    /// The recipients, de-duplicated (first occurrence kept), 1 to 1000.
    public var recipients: [RecipientIdentifier]
    /// Who performed the action.
    public var actor: RecipientIdentifier?
    /// The data templates and conditions read as `data`.
    public var data: JSONObject
    /// The tenant id.
    public var tenant: String?
    /// Properties of a tenant given inline (`{"id": …, "name": …}`), upserted before the runs start.
    public var tenantProperties: JSONObject?
    /// The key a later cancellation names.
    public var cancellationKey: String?
    /// A repeated trigger with the same key (per workflow and environment) returns the first one's
    /// `workflow_run_id` and starts nothing.
    public var idempotencyKey: String?
    /// Skip every delay step (Knock's `settings.skip_delay`).
    public var skipsDelays: Bool
    /// Whether object recipients fan out to their subscribers (see ``SubscriptionFanOut``): `true` for API
    /// triggers and trigger-workflow steps, `false` for schedules (Knock runs a schedule for its recipient
    /// only).
    public var fansOut: Bool

    /// The most recipients per trigger.
    public static let maximumRecipients = 1000
    /// How long an idempotency key is remembered: 24 hours, as Knock's.
    public static let idempotencyKeyLifetime: TimeInterval = 24 * 60 * 60

    /// Creates a request.
    public init(
        recipients: [RecipientIdentifier], actor: RecipientIdentifier? = nil, data: JSONObject = JSONObject(),
        tenant: String? = nil, tenantProperties: JSONObject? = nil, cancellationKey: String? = nil,
        idempotencyKey: String? = nil, skipsDelays: Bool = false, fansOut: Bool = true
    ) {
        self.recipients = Self.deduplicated(recipients)
        self.actor = actor
        self.data = data
        self.tenant = tenant
        self.tenantProperties = tenantProperties
        self.cancellationKey = cancellationKey
        self.idempotencyKey = idempotencyKey
        self.skipsDelays = skipsDelays
        self.fansOut = fansOut
    }

    /// The keys a trigger body accepts.
    public static let keys = ["recipients", "actor", "data", "tenant", "cancellation_key", "settings"]

    /// Parses Knock's trigger body.
    ///
    /// - Parameters:
    ///   - body: The JSON body.
    ///   - idempotencyKey: The `Idempotency-Key` header, if any.
    /// - Returns: The request, recipients de-duplicated.
    /// - Throws: ``EngineError`` with code ``EngineError/Code/invalidInput`` naming the field (as a JSON path),
    ///   what was wrong and what is accepted.
    public static func parse(_ body: JSONValue, idempotencyKey: String? = nil) throws(EngineError) -> TriggerRequest {
        guard let object = body.objectValue else {
            throw EngineError(.invalidInput, "$: expected a JSON object with 'recipients', found \(body.typeName)")
        }
        for key in object.keys where !keys.contains(key) {
            throw EngineError(
                .invalidInput, "$.\(key): unknown key '\(key)' (accepted: \(keys.joined(separator: ", ")))")
        }
        guard let list = object["recipients"]?.arrayValue else {
            throw EngineError(
                .invalidInput,
                "$.recipients: expected an array of 1 to \(maximumRecipients) recipients (user ids, "
                    + "{\"id\": …} users, or {\"collection\": …, \"id\": …} objects), found "
                    + (object["recipients"]?.typeName ?? "nothing"))
        }
        guard (1...maximumRecipients).contains(list.count) else {
            throw EngineError(
                .invalidInput, "$.recipients: expected 1 to \(maximumRecipients) recipients, found \(list.count)")
        }
        var recipients: [RecipientIdentifier] = []
        for (index, element) in list.enumerated() {
            recipients.append(try RecipientIdentifier.parse(element, path: "$.recipients[\(index)]"))
        }
        var actor: RecipientIdentifier?
        if let value = object["actor"], value != .null {
            actor = try RecipientIdentifier.parse(value, path: "$.actor")
        }
        var data = JSONObject()
        switch object["data"] {
        case nil, .null?: break
        case .object(let value)?: data = value
        case let other?: throw EngineError(.invalidInput, "$.data: expected an object, found \(other.typeName)")
        }
        let (tenant, tenantProperties) = try parseTenant(object["tenant"])
        var cancellationKey: String?
        switch object["cancellation_key"] {
        case nil, .null?: break
        case .string(let key)? where !key.isEmpty && key.utf8.count <= 255: cancellationKey = key
        case let other?:
            throw EngineError(
                .invalidInput,
                "$.cancellation_key: expected a string of 1 to 255 bytes, found "
                    + (other.stringValue.map { "\($0.utf8.count) bytes" } ?? other.typeName))
        }
        var skipsDelays = false
        if let settings = object["settings"], settings != .null {
            guard let settingsObject = settings.objectValue else {
                throw EngineError(.invalidInput, "$.settings: expected an object, found \(settings.typeName)")
            }
            for key in settingsObject.keys where key != "skip_delay" {
                throw EngineError(.invalidInput, "$.settings.\(key): unknown or unsupported key (accepted: skip_delay)")
            }
            switch settingsObject["skip_delay"] {
            case nil, .null?: break
            case .bool(let flag)?: skipsDelays = flag
            case let other?:
                throw EngineError(
                    .invalidInput, "$.settings.skip_delay: expected true or false, found \(other.typeName)")
            }
        }
        return TriggerRequest(
            recipients: recipients, actor: actor, data: data, tenant: tenant, tenantProperties: tenantProperties,
            cancellationKey: cancellationKey, idempotencyKey: idempotencyKey, skipsDelays: skipsDelays)
    }

    private static func parseTenant(_ value: JSONValue?) throws(EngineError) -> (String?, JSONObject?) {
        switch value {
        case nil, .null?:
            return (nil, nil)
        case .string(let id)?:
            try RecipientID.validate(id, field: "$.tenant")
            return (id, nil)
        case .object(let object)?:
            guard let id = object["id"]?.stringValue else {
                throw EngineError(.invalidInput, "$.tenant.id: expected the tenant id (a string)")
            }
            try RecipientID.validate(id, field: "$.tenant.id")
            var properties = object
            properties["id"] = nil
            return (id, properties)
        case let other?:
            throw EngineError(
                .invalidInput, "$.tenant: expected a tenant id or a tenant object {\"id\": …}, found \(other.typeName)")
        }
    }

    /// The recipients without repeats of the same user or object, first occurrence kept.
    static func deduplicated(_ recipients: [RecipientIdentifier]) -> [RecipientIdentifier] {
        var seen: Set<RecipientReference> = []
        return recipients.filter { seen.insert($0.runReference).inserted }
    }
}

/// A cancellation (Knock's `CancelWorkflowRequest`): the cancellation key and optionally some recipients.
public struct CancelRequest: Sendable, Hashable {
    /// The cancellation key given at trigger time.
    public var cancellationKey: String
    /// Only these recipients' runs; all when `nil`.
    public var recipients: [RecipientReference]?

    /// Creates a request.
    public init(cancellationKey: String, recipients: [RecipientReference]? = nil) {
        self.cancellationKey = cancellationKey
        self.recipients = recipients
    }

    /// Parses Knock's cancel body.
    ///
    /// - Throws: ``EngineError`` with code ``EngineError/Code/invalidInput`` naming the field.
    public static func parse(_ body: JSONValue) throws(EngineError) -> CancelRequest {
        guard let object = body.objectValue else {
            throw EngineError(
                .invalidInput, "$: expected a JSON object with 'cancellation_key', found \(body.typeName)")
        }
        for key in object.keys where !["cancellation_key", "recipients"].contains(key) {
            throw EngineError(.invalidInput, "$.\(key): unknown key '\(key)' (accepted: cancellation_key, recipients)")
        }
        guard let key = object["cancellation_key"]?.stringValue, !key.isEmpty else {
            throw EngineError(.invalidInput, "$.cancellation_key: expected a non-empty string")
        }
        var recipients: [RecipientReference]?
        switch object["recipients"] {
        case nil, .null?: break
        case .array(let list)?:
            var references: [RecipientReference] = []
            for (index, element) in list.enumerated() {
                references.append(try RecipientIdentifier.parse(element, path: "$.recipients[\(index)]").runReference)
            }
            recipients = references
        case let other?:
            throw EngineError(.invalidInput, "$.recipients: expected an array of recipients, found \(other.typeName)")
        }
        return CancelRequest(cancellationKey: key, recipients: recipients)
    }
}

extension RecipientIdentifier {
    /// The user or object this identifier names.
    var runReference: RecipientReference {
        switch self {
        case .reference(let reference): reference
        case .inlineUser(let id, _): .user(id)
        case .inlineObject(let collection, let id, _): .object(collection: collection, id: id)
        }
    }
}
