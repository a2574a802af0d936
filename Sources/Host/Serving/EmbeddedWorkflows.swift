public import Engine
internal import Providers

/// The workflows `delivery-host serve` runs on the embedded default (``EmbeddedConfiguration``), compiled
/// into the binary so they work from any directory.
///
/// `welcome` sends an in-app feed message on the `in-app` channel, then an email on the `outbox` channel
/// (recorded in `<data directory>/outbox/outbox.jsonl`). Its templates use `data.name` and
/// `recipient.name`; the email step needs the recipient's `email`, so trigger it with an inline-identified
/// recipient:
///
/// ```json
/// {"recipients": [{"id": "user-1", "name": "Ada", "email": "ada@example.com"}], "data": {"name": "Ada"}}
/// ```
public enum EmbeddedWorkflows {
    /// The `welcome` workflow, in Knock's workflow file format.
    public static let welcome = """
        {
          "name": "Welcome",
          "categories": ["onboarding"],
          "steps": [
            {
              "ref": "in_app_feed_1",
              "type": "channel",
              "channel_type": "in_app_feed",
              "channel_key": "in-app",
              "template": {
                "markdown_body": "Welcome, **{{ data.name }}**! Your account is ready.",
                "action_url": "/welcome"
              }
            },
            {
              "ref": "email_1",
              "type": "channel",
              "channel_type": "email",
              "channel_key": "outbox",
              "template": {
                "subject": "Welcome, {{ data.name }}",
                "text_body": "Hi {{ recipient.name | default: data.name }},\\n\\nwelcome aboard.",
                "html_body": "<p>Hi {{ recipient.name | default: data.name }},</p><p>welcome aboard.</p>"
              }
            }
          ]
        }
        """

    /// The catalog of the embedded workflows.
    ///
    /// - Throws: ``EngineError`` if an embedded workflow does not parse (a build defect; tests cover it).
    public static func catalog() throws -> WorkflowCatalog {
        var catalog = WorkflowCatalog()
        catalog.insert(
            try WorkflowCatalog.parse(JSONValue.parse(Array(welcome.utf8)), file: "embedded:welcome", key: "welcome"))
        return catalog
    }
}
