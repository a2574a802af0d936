import Foundation

extension DeliveryPipeline {
    /// A finished attempt's change waiting to be stored, and the attempt waiting for it.
    struct PendingOutcome {
        var change: MessageChange
        var stored: CheckedContinuation<Bool, Never>
    }

    /// Stores a finished attempt's change together with the others that finish meanwhile, and returns
    /// whether it was stored, once it is durable.
    ///
    /// Changes are collected while the previous batch is being written, then written as one batch
    /// (``MessageStore/record(_:)-([MessageChange])``): under load many outcomes share one write and
    /// one commit, and alone an outcome is written at once. Each change still succeeds or fails on its
    /// own: one whose message changed meanwhile (a conflict) returns `false` and is dropped, as a
    /// single write's conflict is; if the whole write fails, every change in it returns `false`, and
    /// their leases expire so that the messages are claimed again.
    func recordOutcome(_ change: MessageChange) async -> Bool {
        await withCheckedContinuation { (stored: CheckedContinuation<Bool, Never>) in
            pendingOutcomes.append(PendingOutcome(change: change, stored: stored))
            if !isRecordingOutcomes {
                isRecordingOutcomes = true
                Task { await self.recordPendingOutcomes() }
            }
        }
    }

    /// Writes the waiting outcomes batch after batch until none is left.
    private func recordPendingOutcomes() async {
        while !pendingOutcomes.isEmpty {
            let batch = pendingOutcomes
            pendingOutcomes = []
            let results = (try? await store.record(batch.map(\.change))) ?? []
            for (index, outcome) in batch.enumerated() {
                let stored = index < results.count && (try? results[index].get()) != nil
                outcome.stored.resume(returning: stored)
            }
        }
        isRecordingOutcomes = false
    }
}
