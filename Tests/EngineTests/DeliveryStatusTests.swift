import Engine
import Testing

@Suite struct DeliveryStatusTests {
    /// Every allowed transition, by cause; everything else must be refused.
    static let allowed: Set<String> = [
        "queued→sent pipeline", "queued→delivered pipeline", "queued→delivery_attempted pipeline",
        "queued→undelivered pipeline", "queued→bounced pipeline", "queued→not_sent pipeline",
        "delivery_attempted→sent pipeline", "delivery_attempted→delivered pipeline",
        "delivery_attempted→delivery_attempted pipeline", "delivery_attempted→undelivered pipeline",
        "delivery_attempted→bounced pipeline",
        "sent→delivered providerCallback", "sent→undelivered providerCallback", "sent→bounced providerCallback",
        "delivered→bounced providerCallback",
        "undelivered→queued manualRetry",
    ]

    @Test func theTransitionTableIsExactlyAsDocumented() {
        let causes: [DeliveryStatus.TransitionCause] = [.pipeline, .providerCallback, .manualRetry]
        var actual: Set<String> = []
        for from in DeliveryStatus.allCases {
            for to in DeliveryStatus.allCases {
                for cause in causes where from.canTransition(to: to, cause: cause) {
                    actual.insert("\(from.rawValue)→\(to.rawValue) \(cause.rawValue)")
                }
            }
        }
        #expect(actual == Self.allowed)
    }

    @Test func lateCallbacksNeverMoveBackwards() {
        #expect(!DeliveryStatus.bounced.canTransition(to: .delivered, cause: .providerCallback))
        #expect(!DeliveryStatus.undelivered.canTransition(to: .delivered, cause: .providerCallback))
        #expect(!DeliveryStatus.queued.canTransition(to: .delivered, cause: .providerCallback))
        #expect(!DeliveryStatus.delivered.canTransition(to: .undelivered, cause: .providerCallback))
    }

    @Test func theConditionRankIsKnocksHierarchy() {
        let order: [DeliveryStatus] = [
            .undelivered, .bounced, .deliveryAttempted, .queued, .notSent, .sent, .delivered,
        ]
        #expect(order.map(\.conditionRank) == [1, 2, 3, 4, 5, 6, 7])
        #expect(
            DeliveryStatus.allCases.filter(\.isFinal).sorted { $0.rawValue < $1.rawValue } == [
                .bounced, .delivered, .notSent, .undelivered,
            ])
    }
}
