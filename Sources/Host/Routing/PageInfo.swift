public import Engine
public import Providers

/// Knock's paginated list response: `{"entries": […], "page_info": {"__typename": "PageInfo", …}}`.
public enum PageInfo {
    /// The `page_info` object of a page.
    ///
    /// - Parameters:
    ///   - page: The page, with its neighbours' cursors.
    ///   - pageSize: The page size that was requested.
    public static func json<Entry>(for page: Page<Entry>, pageSize: Int) -> JSONValue {
        [
            "__typename": "PageInfo", "after": page.after.map(JSONValue.string) ?? .null,
            "before": page.before.map(JSONValue.string) ?? .null, "page_size": .number(Double(pageSize)),
        ]
    }

    /// The whole list response: the entries, each turned into JSON, and the page info.
    ///
    /// - Parameters:
    ///   - page: The page.
    ///   - request: The request it answers (for `page_size`).
    ///   - entry: Turns one entry into its JSON shape.
    public static func response<Entry>(
        _ page: Page<Entry>, request: PageRequest, entry: (Entry) -> JSONValue
    ) -> JSONValue {
        ["entries": .array(page.entries.map(entry)), "page_info": json(for: page, pageSize: request.size)]
    }
}
