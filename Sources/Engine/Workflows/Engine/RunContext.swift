import Foundation
import Liquid
import Providers

/// What a run's steps read besides the run itself: the recipient, actor and tenant records, the
/// environment's variables, the workflow and the recipient's audience memberships for the run's tenant;
/// builds condition scopes and Liquid contexts.
struct RunContext: Sendable {
    var settings: WorkflowEnvironment
    var definition: WorkflowDefinition
    var recipientRecord: RecipientRecord?
    var actor: JSONValue
    /// Whether the run names an actor that does not exist (never identified, or deleted) in the environment.
    var actorMissing: Bool
    var tenant: JSONValue
    var partials: LiquidPartials
    var translations: LiquidTranslations?
    var objectLoader: RecipientObjectLoader
    /// The audiences the recipient (a user) belongs to with the run's tenant (none for objects), for
    /// `is_audience_member` conditions; read once when the run resumes.
    var audiences: Set<String>

    static func load(
        for run: RecipientRun, definition: WorkflowDefinition, engine: WorkflowEngine, settings: WorkflowEnvironment
    ) async throws -> RunContext {
        let store = engine.recipients
        var references = [run.recipient]
        if let actor = run.actor { references.append(actor) }
        if let tenant = run.tenant { references.append(.object(collection: "$tenants", id: tenant)) }
        let records = try await store.recipients(references, environment: run.environment)
        let tenantJSON: JSONValue =
            run.tenant.map { id in
                Self.tenantJSON(id: id, record: records[.object(collection: "$tenants", id: id)])
            } ?? .null
        let actorJSON: JSONValue =
            run.actor.map { reference in records[reference]?.scopeJSON ?? ["id": .string(reference.storageID)] }
            ?? .null
        var audiences: Set<String> = []
        if case .user(let userID) = run.recipient {
            audiences = try await store.audienceKeys(userID: userID, tenant: run.tenant, environment: run.environment)
        }
        return RunContext(
            settings: settings, definition: definition, recipientRecord: records[run.recipient], actor: actorJSON,
            actorMissing: run.actor.map { records[$0] == nil } ?? false, tenant: tenantJSON,
            partials: engine.catalog.partials, translations: engine.catalog.translations,
            objectLoader: RecipientObjectLoader(store: store, environment: run.environment), audiences: audiences)
    }

    /// A tenant as scope JSON: its id and its properties at the top level (`tenant.name`,
    /// `tenant.settings.preference_set`), as Knock shows tenants; `{"id": …}` for an unknown tenant.
    static func tenantJSON(id: String, record: RecipientRecord?) -> JSONValue {
        var object: JSONObject = ["id": .string(id)]
        for (key, value) in record?.properties ?? [:] where key != "id" { object[key] = value }
        return .object(object)
    }

    /// The recipient as scope JSON (`{"id": …}` when unknown), with `subscription` (the properties of the
    /// subscription the run came from) when it came from one.
    func recipientJSON(_ run: RecipientRun) -> JSONValue {
        let json = recipientRecord?.scopeJSON ?? ["id": .string(run.recipient.storageID)]
        guard let subscription = run.subscription, case .object(var object) = json else { return json }
        object["subscription"] = .object(subscription)
        return .object(object)
    }

    /// The recipient's time zone, else the environment's.
    var timeZone: TimeZone {
        recipientRecord?.properties["timezone"]?.stringValue.flatMap(TimeZone.init(identifier:)) ?? settings.timeZone
    }

    /// The run scope: `recipient`, `actor`, `data`, `tenant`, `vars`, `workflow`, `run`, and the batch
    /// variables at the top level.
    func values(_ run: RecipientRun) -> JSONObject {
        var values = JSONObject([
            ("recipient", recipientJSON(run)), ("actor", actor), ("data", .object(run.data)), ("tenant", tenant),
            ("vars", .object(settings.variablesObject)),
            ("workflow", definition.scopeObject(cancellationKey: run.cancellationKey)),
        ])
        if let batch = run.batch {
            values["run"] = [
                "total_activities": .number(Double(batch.totalActivities)),
                "total_actors": .number(Double(batch.totalActors)),
            ]
            values["total_activities"] = .number(Double(batch.totalActivities))
            values["total_actors"] = .number(Double(batch.totalActors))
            values["activities"] = .array(batch.activities)
            values["actors"] = .array(batch.actors)
        } else {
            values["run"] = ["total_activities": 1, "total_actors": actor == .null ? 0 : 1]
        }
        return values
    }

    /// A condition scope at `now`, with earlier steps' message statuses.
    func conditionScope(_ run: RecipientRun, now: Date, refs: [String: StepMessageStatus] = [:]) -> ConditionScope {
        ConditionScope(values: values(run), refs: refs, now: now, audiences: audiences)
    }

    /// The recipient's `locale`, which picks translations.
    var locale: String? {
        recipientRecord?.properties["locale"]?.stringValue
    }

    /// A Liquid context: the run scope, plus `data`'s keys at the top level where they do not shadow it;
    /// translations in the recipient's locale.
    func liquidContext(_ run: RecipientRun, now: Date) -> LiquidContext {
        var variables = values(run)
        for (key, value) in run.data where variables[key] == nil { variables[key] = value }
        let environment = LiquidEnvironment(
            partials: partials, timeZone: timeZone, now: now, objectLoader: objectLoader, translations: translations,
            locale: locale)
        return LiquidContext(variables: variables, environment: environment)
    }

    /// Renders a template in the run's scope.
    func render(_ template: WorkflowTemplate, _ run: RecipientRun, now: Date) async throws(LiquidError) -> String {
        try await template.template.render(liquidContext(run, now: now))
    }
}

/// Loads objects for Liquid's `object` filter from the recipient store.
struct RecipientObjectLoader: LiquidObjectLoader {
    let store: any RecipientStore
    let environment: String

    func object(collection: String, id: String) async -> JSONValue? {
        try? await store.recipient(.object(collection: collection, id: id), environment: environment)?.scopeJSON
    }
}
