public import Engine

extension SQLiteMessageStore {
    /// One page of the notification messages matching `query`, newest first, read with the
    /// `messages_by_recipient` or `messages_by_status` index where the query allows.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` for a bad page request;
    ///   ``EngineError/Code/storageFailure`` if the storage fails or a stored value is unreadable.
    public func listMessages(_ query: MessageQuery, page: PageRequest) throws -> Page<MessageRecord> {
        let (after, before) = try page.messageCursors()
        return try connection.readTransaction {
            var filter = MessageFilter(query, engagement: query.engagement)
            if let after { filter.add(beyond: after, older: true) }
            if let before { filter.add(beyond: before, older: false) }
            let order = before == nil ? "created_at DESC, id DESC" : "created_at ASC, id ASC"
            var rows = try messages(
                "\(MessageRow.select) WHERE \(filter.sql) ORDER BY \(order) LIMIT ?",
                filter.values + [page.size + 1])
            let more = rows.count > page.size
            rows = Array(rows.prefix(page.size))
            if before != nil { rows.reverse() }
            guard let first = rows.first, let last = rows.last else { return Page(entries: []) }
            let olderExist = before == nil ? more : try exists(query, beyond: MessageCursor(last), older: true)
            let newerExist = before != nil ? more : try exists(query, beyond: MessageCursor(first), older: false)
            return Page(
                entries: rows, after: olderExist ? MessageCursor(last).encoded : nil,
                before: newerExist ? MessageCursor(first).encoded : nil)
        }
    }

    /// Feed badge counts (see ``MessageStore/feedCounts(_:)``).
    ///
    /// - Throws: ``EngineError/Code/storageFailure`` if the storage fails.
    public func feedCounts(_ query: MessageQuery) throws -> (total: Int, unseen: Int, unread: Int) {
        try connection.readTransaction {
            let filter = MessageFilter(query, engagement: query.engagement)
            let total = try count("SELECT COUNT(*) FROM messages WHERE \(filter.sql)", filter.values)
            let badge = MessageFilter(query, engagement: [.unarchived])
            let unseen = try count(
                "SELECT COUNT(*) FROM messages WHERE \(badge.sql) AND seen_at IS NULL", badge.values)
            let unread = try count(
                "SELECT COUNT(*) FROM messages WHERE \(badge.sql) AND read_at IS NULL", badge.values)
            return (total, unseen, unread)
        }
    }

    // MARK: - Engagement

    /// Stores engagement changes atomically: each message's engagement columns and `updated_at`, and
    /// its events (see ``MessageStore/recordEngagement(_:)``).
    ///
    /// - Throws: ``EngineError/Code/notFound`` naming the missing messages;
    ///   ``EngineError/Code/conflict`` if an expected engagement differs; nothing is written then.
    public func recordEngagement(_ changes: [MessageChange]) async throws {
        guard !changes.isEmpty else { return }
        try await write { try self.applyEngagement(changes) }
    }

    private func applyEngagement(_ changes: [MessageChange]) throws {
        var missing: [String] = []
        for change in changes {
            let id = change.message.id
            guard let stored = try message(id: id) else {
                missing.append(id)
                continue
            }
            if let expected = change.expectedEngagement, stored.engagement != expected {
                throw EngineError(.conflict, "the engagement of message \(id) changed meanwhile")
            }
        }
        guard missing.isEmpty else {
            throw EngineError(.notFound, "no messages \(missing.joined(separator: ", "))")
        }
        for change in changes {
            let message = change.message
            let engagement = message.engagement
            try connection.execute(
                MessageRow.updateEngagement, message.id, engagement.seenAt, engagement.readAt,
                engagement.interactedAt, engagement.linkClickedAt, engagement.archivedAt, message.updatedAt)
            try appendEvents(change.events, to: message.id)
        }
    }

    // MARK: - Helpers

    private func messages(_ sql: String, _ values: [any SQLiteBindable]) throws -> [MessageRecord] {
        try connection.withStatement(sql, values) { statement in
            var rows: [MessageRecord] = []
            while try statement.step() { rows.append(try MessageRow.record(from: statement.row)) }
            return rows
        }
    }

    private func count(_ sql: String, _ values: [any SQLiteBindable]) throws -> Int {
        try connection.withStatement(sql, values) { statement in
            try statement.step() ? statement.row.int(0) : 0
        }
    }

    private func exists(_ query: MessageQuery, beyond cursor: MessageCursor, older: Bool) throws -> Bool {
        var filter = MessageFilter(query, engagement: query.engagement)
        filter.add(beyond: cursor, older: older)
        return try count("SELECT EXISTS (SELECT 1 FROM messages WHERE \(filter.sql))", filter.values) == 1
    }
}
