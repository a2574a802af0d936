import Foundation
import Providers
import Synchronization

/// Accepts workflow triggers: validates them, then stores all of a trigger's rows in one atomic write on its
/// ``TriggerStore``, which groups the triggers that arrive together into one commit.
///
/// The intake is apart from the ``WorkflowEngine``'s actor, which executes runs: a trigger never waits
/// for a run to advance, only for its own commit. The engine is woken after each commit that stored runs
/// and picks them up from the store.
///
/// A trigger returns only after its commit, so an accepted trigger survives a crash; a rejected one
/// stores nothing (its idempotency key stays free).
final class TriggerIntake: Sendable {
    let settings: WorkflowSettings
    let store: any TriggerStore
    /// Reads the subscribers object recipients fan out to.
    let fanOut: SubscriptionFanOut
    let clock: any EngineClock
    let makeID: @Sendable () -> String
    /// Called after a commit that stored at least one run (the engine's wake-up).
    let onStored: @Sendable () -> Void
    /// `key@version` of the workflow versions known to be stored: later triggers skip the snapshot.
    let storedVersions = Mutex<Set<String>>([])

    /// Creates an intake.
    ///
    /// - Parameters:
    ///   - settings: The catalog and environments, shared with the engine.
    ///   - store: Where triggers are stored.
    ///   - subscriptions: Where the subscribers of object recipients are read.
    ///   - clock: The source of time.
    ///   - makeID: New workflow run and recipient run ids.
    ///   - onStored: Called after each commit that stored runs.
    init(
        settings: WorkflowSettings, store: any TriggerStore, subscriptions: any SubscriptionStore,
        clock: any EngineClock,
        makeID: @escaping @Sendable () -> String, onStored: @escaping @Sendable () -> Void
    ) {
        self.settings = settings
        self.store = store
        fanOut = SubscriptionFanOut(store: subscriptions)
        self.clock = clock
        self.makeID = makeID
        self.onStored = onStored
    }

    /// Triggers a workflow (see ``WorkflowEngine/trigger(_:workflowKey:environment:)``).
    func trigger(_ request: TriggerRequest, workflowKey: String, environment: String) async throws -> TriggerResult {
        var write = try prepare(request, workflowKey: workflowKey, environment: environment)
        if request.fansOut, request.recipients.contains(where: { $0.runReference.collection != nil }) {
            write.runs = try await fannedOut(write.runs, actor: request.actor?.runReference)
        }
        switch try await submit(write) {
        case .stored:
            return TriggerResult(workflowRunID: write.workflowRunID, recipientRunIDs: write.runs.map(\.id))
        case .replayed(let workflowRunID):
            return TriggerResult(workflowRunID: workflowRunID, recipientRunIDs: [])
        }
    }

    /// Checks the workflow and the inline properties and builds every row the trigger stores.
    func prepare(_ request: TriggerRequest, workflowKey: String, environment: String) throws -> TriggerWrite {
        let (found, settings) = settings.lookup(workflowKey: workflowKey, environment: environment)
        guard let settings else {
            throw EngineError(.notFound, "unknown environment '\(environment)'")
        }
        guard let definition = found else {
            throw EngineError(.notFound, "workflow '\(workflowKey)' not found")
        }
        guard settings.isActive(workflowKey) else {
            throw EngineError(
                .workflowInactive, "workflow '\(workflowKey)' is inactive in environment '\(environment)'")
        }
        let now = clock.now()
        let workflowRunID = makeID()
        let (upserts, stubs) = try Self.inlineUpserts(request)
        let runs = request.recipients.map { identifier in
            RecipientRun(
                id: makeID(), workflowRunID: workflowRunID, workflowKey: workflowKey, version: definition.version,
                environment: environment, recipient: identifier.runReference, actor: request.actor?.runReference,
                tenant: request.tenant, data: request.data, cancellationKey: request.cancellationKey,
                skipsDelays: request.skipsDelays, createdAt: now)
        }
        let version =
            isVersionStored(workflowKey: workflowKey, version: definition.version)
            ? nil
            : WorkflowVersionSnapshot(
                workflowKey: workflowKey, version: definition.version, snapshot: definition.snapshot)
        return TriggerWrite(
            environment: environment,
            idempotencyKey: request.idempotencyKey.map { "\(environment)/\(workflowKey)/\($0)" },
            workflowRunID: workflowRunID, upserts: upserts, stubs: stubs, version: version, runs: runs, now: now)
    }

    /// The validated upserts of inline-identified recipients, the actor and a tenant given with properties,
    /// and the stub of a tenant given by id alone (created empty if it does not exist).
    static func inlineUpserts(_ request: TriggerRequest) throws -> ([RecipientUpsert], [RecipientReference]) {
        var upserts: [RecipientUpsert] = []
        var named: [(RecipientIdentifier, String)] = request.actor.map { [($0, "$.actor")] } ?? []
        named += request.recipients.enumerated().map { ($1, "$.recipients[\($0)]") }
        for (identifier, path) in named {
            switch identifier {
            case .reference: continue
            case .inlineUser(_, let properties), .inlineObject(_, _, let properties):
                upserts.append(
                    try RecipientUpsert.parse(body: properties, reference: identifier.runReference, path: path))
            }
        }
        guard let tenant = request.tenant else { return (upserts, []) }
        let reference = RecipientReference.object(collection: "$tenants", id: tenant)
        guard let properties = request.tenantProperties else { return (upserts, [reference]) }
        upserts.append(try RecipientUpsert.parse(body: properties, reference: reference, path: "$.tenant"))
        return (upserts, [])
    }
}
