/// Which page of a listing to return: Knock's cursor pagination (`after`, `before`, `page_size`).
///
/// Cursors are opaque strings made by the store that produced the previous page; callers pass them back
/// unchanged. At most one of ``after`` and ``before`` is set.
public struct PageRequest: Sendable, Hashable {
    /// The largest page size accepted (Knock's limit).
    public static let maximumSize = 50
    /// The page size used when none is given.
    public static let defaultSize = 50

    /// Return entries after this cursor.
    public var after: String?
    /// Return entries before this cursor.
    public var before: String?
    /// How many entries at most, 1 to ``maximumSize``.
    public var size: Int

    /// Creates a request.
    public init(after: String? = nil, before: String? = nil, size: Int = PageRequest.defaultSize) {
        self.after = after
        self.before = before
        self.size = size
    }
}

/// One page of a listing, with the cursors for its neighbours.
public struct Page<Entry: Sendable>: Sendable {
    /// The entries, in listing order.
    public var entries: [Entry]
    /// The cursor for the next page, or `nil` on the last.
    public var after: String?
    /// The cursor for the previous page, or `nil` on the first.
    public var before: String?

    /// Creates a page.
    public init(entries: [Entry], after: String? = nil, before: String? = nil) {
        self.entries = entries
        self.after = after
        self.before = before
    }
}
