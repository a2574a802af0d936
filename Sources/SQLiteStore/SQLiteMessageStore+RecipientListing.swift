public import Engine

extension SQLiteMessageStore {
    /// Users (`collection` `nil`) or a collection's objects in id order (UTF-8 byte order), a page at a
    /// time, read in one transaction (see ``RecipientStore/list(collection:environment:page:)``).
    public func list(collection: String?, environment: String, page: PageRequest) throws -> Page<RecipientRecord> {
        let bounds = try RecipientCursor.bounds(of: page)
        let collection = RecipientRow.collection(collection)
        return try connection.readTransaction {
            let entries: [RecipientRecord]
            if let before = bounds.before {
                entries = try connection.query(
                    RecipientRow.select
                        + " WHERE environment = ?1 AND collection = ?2 AND id < ?3 ORDER BY id DESC LIMIT ?4",
                    environment, collection, before, page.size, read: RecipientRow.record(from:)
                ).reversed()
            } else {
                entries = try connection.query(
                    RecipientRow.select
                        + " WHERE environment = ?1 AND collection = ?2 AND (?3 IS NULL OR id > ?3) ORDER BY id LIMIT ?4",
                    environment, collection, bounds.after, page.size, read: RecipientRow.record(from:))
            }
            guard let first = entries.first?.reference.id, let last = entries.last?.reference.id else {
                return Page(entries: [])
            }
            let hasAfter = try exists(environment, collection, comparison: ">", last)
            let hasBefore = try exists(environment, collection, comparison: "<", first)
            return Page(
                entries: entries,
                after: hasAfter ? RecipientCursor.encode(last) : nil,
                before: hasBefore ? RecipientCursor.encode(first) : nil)
        }
    }

    private func exists(_ environment: String, _ collection: String, comparison: String, _ id: String) throws -> Bool {
        try connection.queryFirst(
            "SELECT EXISTS (SELECT 1 FROM recipients WHERE environment = ?1 AND collection = ?2 AND id \(comparison) ?3)",
            environment, collection, id
        ) { $0.bool(0) } ?? false
    }
}
