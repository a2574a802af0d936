import Engine
import Providers
import Testing

@Suite struct MessageStatusConditionTests {
    static func scope(_ status: StepMessageStatus?) -> ConditionScope {
        ConditionScope(values: [:], refs: status.map { ["step_1": $0] } ?? [:])
    }

    static func delivery(_ op: String, _ status: String, _ step: StepMessageStatus?) throws -> Bool {
        try ConditionFixtures.passes(
            "refs.step_1.delivery_status", op, .string("$message.\(status)"), in: scope(step))
    }

    static func engagement(_ op: String, _ status: String, _ step: StepMessageStatus?) throws -> Bool {
        try ConditionFixtures.passes(
            "refs.step_1.engagement_status", op, .string("$message.\(status)"), in: scope(step))
    }

    static func message(_ delivery: DeliveryStatus, _ engagement: Set<EngagementStatus> = []) -> StepMessageStatus {
        .messages([MessageStatusSnapshot(delivery: delivery, engagement: engagement)])
    }

    @Test func rankTableIsExactlyKnocksOrder() {
        #expect(
            MessageStatusRank.table.map(\.name) == [
                "skipped", "undelivered", "bounced", "delivery_attempted", "queued", "not_sent", "sent", "delivered",
                "seen", "read", "interacted", "link_clicked", "archived",
            ])
        #expect(MessageStatusRank.table.map(\.rank) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 11])
        for status in DeliveryStatus.allCases {
            #expect(MessageStatusRank.rank(of: status) == status.conditionRank)
        }
    }

    @Test(arguments: [
        (DeliveryStatus.undelivered, false), (.bounced, false), (.deliveryAttempted, false), (.queued, false),
        (.notSent, false), (.sent, true), (.delivered, true),
    ])
    func hasBeenSent(status: DeliveryStatus, expected: Bool) throws {
        #expect(try Self.delivery("greater_than_or_equal_to", "sent", Self.message(status)) == expected)
        #expect(try Self.delivery("less_than", "sent", Self.message(status)) == !expected)
    }

    @Test func hasNotBeenDeliveredAndFailedDelivery() throws {
        #expect(try Self.delivery("less_than", "delivered", Self.message(.sent)))
        #expect(try !Self.delivery("less_than", "delivered", Self.message(.delivered)))
        #expect(try Self.delivery("equal_to", "undelivered", Self.message(.undelivered)))
        #expect(try !Self.delivery("equal_to", "undelivered", Self.message(.bounced)))
        #expect(try Self.delivery("equal_to", "bounced", Self.message(.bounced)))
    }

    @Test func engagementRaisesTheDeliveryRank() throws {
        // A read message ranks above delivered, so "has been delivered" holds and "equal_to delivered" does not.
        #expect(try Self.delivery("greater_than_or_equal_to", "delivered", Self.message(.sent, [.seen, .read])))
        #expect(try !Self.delivery("equal_to", "delivered", Self.message(.delivered, [.seen])))
        // interacted and link_clicked share a rank.
        #expect(try Self.delivery("equal_to", "interacted", Self.message(.delivered, [.linkClicked])))
        #expect(try Self.delivery("greater_than", "read", Self.message(.delivered, [.interacted])))
    }

    @Test func skippedSteps() throws {
        for step in [StepMessageStatus.skipped, .messages([]), nil] {
            #expect(try Self.delivery("equal_to", "skipped", step))
            #expect(try !Self.delivery("not_equal_to", "skipped", step))
            #expect(try !Self.delivery("greater_than_or_equal_to", "sent", step))
            #expect(try Self.delivery("less_than", "sent", step))  // a skipped step's message was not sent
            #expect(try Self.engagement("not_contains", "seen", step))
        }
        #expect(try Self.delivery("not_equal_to", "skipped", Self.message(.queued)))
        #expect(try !Self.delivery("equal_to", "skipped", Self.message(.undelivered)))
    }

    @Test func engagementInclusion() throws {
        let fresh = Self.message(.delivered)
        #expect(try Self.engagement("not_contains", "seen", fresh))  // right after creation
        #expect(try !Self.engagement("not_contains", "seen", Self.message(.delivered, [.seen])))
        #expect(try Self.engagement("contains", "seen_not_read", Self.message(.delivered, [.seen])))
        #expect(try !Self.engagement("contains", "seen_not_read", Self.message(.delivered, [.seen, .read])))
        #expect(try Self.engagement("contains", "read_not_link_clicked", Self.message(.delivered, [.seen, .read])))
        #expect(
            try !Self.engagement(
                "contains", "read_not_link_clicked", Self.message(.delivered, [.seen, .read, .linkClicked])))
        #expect(try Self.engagement("not_contains", "read_not_link_clicked", fresh))
        #expect(try Self.engagement("contains", "archived", Self.message(.delivered, [.archived])))
        #expect(try !Self.engagement("contains", "interacted", Self.message(.delivered, [.linkClicked])))
    }

    @Test func multipleMessagesUseTheHighest() throws {
        let group = StepMessageStatus.messages([
            MessageStatusSnapshot(delivery: .bounced),
            MessageStatusSnapshot(delivery: .delivered, engagement: [.seen]),
            MessageStatusSnapshot(delivery: .sent),
        ])
        #expect(try Self.delivery("greater_than_or_equal_to", "seen", group))
        #expect(try !Self.delivery("equal_to", "bounced", group))
        #expect(try Self.engagement("contains", "seen", group))
        let evaluation = try ConditionFixtures.condition(
            "refs.step_1.delivery_status", "equal_to", "$message.seen"
        ).evaluate(in: Self.scope(group))
        #expect(evaluation.trace.first?.resolvedVariable == "seen")
        #expect(evaluation.trace.first?.resolvedArgument == "$message.seen")
    }

    @Test func traceShowsEngagementSet() throws {
        let evaluation = try ConditionFixtures.condition(
            "refs.step_1.engagement_status", "contains", "$message.read"
        ).evaluate(in: Self.scope(Self.message(.delivered, [.read, .seen])))
        #expect(evaluation.passed)
        #expect(evaluation.trace.first?.resolvedVariable == ["seen", "read"])
    }
}
