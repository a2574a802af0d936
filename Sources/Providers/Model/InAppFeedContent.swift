/// A rendered in-app feed item: a Markdown body, an optional action URL and extra data.
///
/// The feed shows it as Knock's feed item blocks (see ``blocks``): one `markdown` block named `body`
/// with the Markdown source and its HTML rendering.
public struct InAppFeedContent: Sendable, Hashable {
    /// The body, in Markdown.
    public var markdownBody: String
    /// Where the item leads when clicked, if anywhere.
    public var actionURL: String?
    /// Extra data shown to the feed client with the item.
    public var data: JSONObject

    /// Creates feed content.
    ///
    /// - Parameters:
    ///   - markdownBody: The body, in Markdown.
    ///   - actionURL: Where the item leads when clicked.
    ///   - data: Extra data for the feed client.
    public init(markdownBody: String, actionURL: String? = nil, data: JSONObject = JSONObject()) {
        self.markdownBody = markdownBody
        self.actionURL = actionURL
        self.data = data
    }

    /// The body's HTML rendering (see ``MarkdownRenderer``).
    public var renderedBody: String {
        MarkdownRenderer.html(markdownBody)
    }

    /// Knock's feed item blocks: `[{"type": "markdown", "name": "body", "content": …, "rendered": …}]`.
    public var blocks: JSONValue {
        [
            [
                "type": "markdown", "name": "body", "content": .string(markdownBody),
                "rendered": .string(renderedBody),
            ]
        ]
    }
}
