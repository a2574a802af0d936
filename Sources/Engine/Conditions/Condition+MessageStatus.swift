import Providers

extension Condition {
    /// Evaluates a `refs.<ref>.delivery_status` or `engagement_status` condition.
    ///
    /// A ref the scope does not know, or a step with no messages, counts as skipped. With several messages
    /// the one with the highest combined status (delivery and engagement, see ``MessageStatusRank``) is used.
    func evaluate(_ status: MessageStatusVariable, in scope: ConditionScope) -> Outcome {
        let name = argument?.stringValue.map { String($0.dropFirst("$message.".count)) } ?? ""
        let message = Self.highestMessage(scope.refs[status.ref])
        switch status.kind {
        case .delivery:
            let rank = message?.highestRank ?? MessageStatusRank.skipped
            let target = MessageStatusRank.rank(named: name) ?? -1
            let passed: Bool
            switch self.operator {
            case .equalTo: passed = rank == target
            case .notEqualTo: passed = rank != target
            case .greaterThan: passed = rank > target
            case .greaterThanOrEqualTo: passed = rank >= target
            case .lessThan: passed = rank < target
            case .lessThanOrEqualTo: passed = rank <= target
            default: passed = false
            }
            return Outcome(passed: passed, variable: .string(Self.highestName(message)), argument: argument)
        case .engagement:
            let set = message?.engagement ?? []
            let included: Bool
            switch name {
            case MessageStatusVariable.Kind.seenNotRead: included = set.contains(.seen) && !set.contains(.read)
            case MessageStatusVariable.Kind.readNotLinkClicked:
                included = set.contains(.read) && !set.contains(.linkClicked)
            default: included = EngagementStatus(rawValue: name).map(set.contains) ?? false
            }
            let names = set.sorted { MessageStatusRank.rank(of: $0) < MessageStatusRank.rank(of: $1) }
            return Outcome(
                passed: self.operator == .notContains ? !included : included,
                variable: .array(names.map { .string($0.rawValue) }), argument: argument)
        }
    }

    /// The message with the highest combined status (the first of equals), or `nil` for a skipped step.
    static func highestMessage(_ status: StepMessageStatus?) -> MessageStatusSnapshot? {
        guard case .messages(let messages) = status else { return nil }
        return messages.reduce(nil) { best, message in
            guard let best, best.highestRank >= message.highestRank else { return message }
            return best
        }
    }

    /// The name of a message's highest status, `skipped` for no message; of equal ranks, the first by name.
    static func highestName(_ message: MessageStatusSnapshot?) -> String {
        guard let message else { return "skipped" }
        var best = message.delivery.rawValue
        for status in message.engagement.map(\.rawValue).sorted()
        where (MessageStatusRank.rank(named: status) ?? 0) > (MessageStatusRank.rank(named: best) ?? 0) {
            best = status
        }
        return best
    }
}
