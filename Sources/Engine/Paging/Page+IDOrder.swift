extension PageRequest {
    /// Checks the request: a size from 1 to ``maximumSize`` and at most one cursor.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` naming `page_size`, or `after, before` when both are set.
    public func checkBounds() throws(EngineError) {
        guard (1...Self.maximumSize).contains(size) else {
            throw EngineError(.invalidInput, "page_size: \(size) is out of range; expected 1 to \(Self.maximumSize)")
        }
        if after != nil, before != nil {
            throw EngineError(.invalidInput, "after, before: give at most one cursor")
        }
    }
}

extension Page {
    /// One page of a listing ordered by a string key in UTF-8 byte order (the order SQLite's BINARY
    /// collation uses), with the cursors set as every listing of the host sets them.
    ///
    /// A `before` page holds the `size` entries just before the key, in listing order; otherwise the page
    /// holds the first `size` entries after the `after` key (or from the start). ``after`` is set when
    /// entries follow the page's last entry, ``before`` when entries precede its first.
    ///
    /// - Parameters:
    ///   - listing: Every matching entry, ascending by `key`.
    ///   - key: The entry's position in the listing (its id).
    ///   - after: The decoded `after` key, if any.
    ///   - before: The decoded `before` key, if any (it wins over `after`).
    ///   - size: The page size.
    ///   - cursor: The opaque cursor of a key.
    public init(
        idOrdered listing: [Entry], key: (Entry) -> String, after: String?, before: String?, size: Int,
        cursor: (String) -> String
    ) {
        let entries: [Entry]
        if let before {
            entries = Array(listing.filter { key($0).precedesInBytes(before) }.suffix(size))
        } else {
            entries = Array(
                listing.filter { entry in after.map { $0.precedesInBytes(key(entry)) } ?? true }.prefix(size))
        }
        guard let first = entries.first.map(key), let last = entries.last.map(key) else {
            self.init(entries: [])
            return
        }
        self.init(
            entries: entries,
            after: listing.contains { last.precedesInBytes(key($0)) } ? cursor(last) : nil,
            before: listing.contains { key($0).precedesInBytes(first) } ? cursor(first) : nil)
    }
}
