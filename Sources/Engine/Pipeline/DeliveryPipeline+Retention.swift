import Foundation

extension DeliveryPipeline {
    /// Prunes delivered messages older than each environment's retention: their content and delivery
    /// logs go, their status and timeline stay. Pending messages are never pruned.
    ///
    /// - Parameter retention: Days to keep, by environment; environments not listed keep everything.
    /// - Returns: How many messages were pruned.
    @discardableResult
    public func pruneExpired(retention: [String: Int]) async throws -> Int {
        let now = clock.now()
        var pruned = 0
        for (environment, days) in retention.sorted(by: { $0.key < $1.key }) {
            pruned += try await store.pruneDelivered(
                environment: environment, updatedBefore: now.addingTimeInterval(-Double(days) * 86_400))
        }
        return pruned
    }
}
