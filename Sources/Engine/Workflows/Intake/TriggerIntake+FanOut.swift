import Foundation

extension TriggerIntake {
    /// The listed runs followed by one run per subscriber reached (see ``SubscriptionFanOut``), each a copy
    /// of the first listed run with its own id, recipient and subscription properties. Every run shares the
    /// trigger's workflow run id, and all of them go into the trigger's one atomic write.
    func fannedOut(_ listed: [RecipientRun], actor: RecipientReference?) async throws -> [RecipientRun] {
        guard let template = listed.first else { return listed }
        let targets = try await fanOut.targets(
            listed: listed.map(\.recipient), actor: actor, environment: template.environment)
        var runs = listed
        for target in targets.dropFirst(listed.count) {
            var run = template
            run.id = makeID()
            run.recipient = target.recipient
            run.subscription = target.subscription
            runs.append(run)
        }
        return runs
    }
}
