import Engine
import Synchronization

/// A switch a test flips to make trigger writes fail as a broken disk would.
final class TriggerFault: Sendable {
    private let failing = Mutex(false)

    var isFailing: Bool {
        get { failing.withLock { $0 } }
        set { failing.withLock { $0 = newValue } }
    }
}

/// A ``TriggerStore`` that fails every write with ``EngineError/Code/storageFailure`` while its fault is
/// on, storing nothing, and otherwise writes through to `base`.
struct FaultyTriggerStore: TriggerStore {
    let base: any TriggerStore
    let fault: TriggerFault

    func accept(_ triggers: [TriggerWrite]) async throws -> [Result<TriggerAcceptance, any Error>] {
        guard fault.isFailing else { return try await base.accept(triggers) }
        throw EngineError(.storageFailure, "disk I/O error (injected by the test)")
    }
}
