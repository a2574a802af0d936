import Engine
import Foundation
import Providers
import Testing

/// Objects in the run scope: an object recipient, an object actor and the `object` filter's result show
/// their properties at the top level beside `id` and `collection` (Knock: "reference any of the
/// properties of that object using the dot notation").
@Suite struct ObjectScopeSpecTests {
    static let workflow = """
        {"key": "project-update", "steps": [
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "{{ recipient.name }} ({{ recipient.collection }}/{{ recipient.id }}) by {{ actor.name }}; {% assign team = data.team_id | object: 'teams' %}{{ team.name }}/{{ team.id }}"}}]}
        """

    @Test func objectPropertiesAreAtTheTopLevelOfTheScope() async throws {
        let harness = try WorkflowHarness([Self.workflow])
        _ = try await harness.recipients.upsert(
            [
                try RecipientUpsert.parse(
                    body: ["name": "Blue team"], reference: .object(collection: "teams", id: "t1"), path: "$")
            ],
            environment: "development", now: harness.clock.now())
        try await harness.trigger(
            "project-update",
            #"{"recipients": [{"collection": "projects", "id": "p1", "name": "Apollo"}], "actor": {"collection": "bots", "id": "b1", "name": "Release bot"}, "data": {"team_id": "t1"}}"#
        )
        #expect(await harness.sent.map(\.content.mainText) == ["Apollo (projects/p1) by Release bot; Blue team/t1"])
    }
}
