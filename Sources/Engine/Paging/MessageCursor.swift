public import Foundation

/// A position in a message listing, which is ordered newest first by creation time (in whole
/// milliseconds, as stored) and then by id; encoded as an opaque cursor string.
///
/// A cursor names a message's position, not an offset, so pages stay stable while new messages are
/// inserted: they sort before every existing cursor.
public struct MessageCursor: Sendable, Hashable, Comparable {
    /// The message's creation time, in milliseconds since 1970.
    public var createdAtMilliseconds: Int64
    /// The message id.
    public var id: String

    /// The cursor of a message.
    public init(_ message: MessageRecord) {
        self.init(createdAtMilliseconds: Self.milliseconds(message.createdAt), id: message.id)
    }

    /// Creates a cursor from its parts.
    public init(createdAtMilliseconds: Int64, id: String) {
        self.createdAtMilliseconds = createdAtMilliseconds
        self.id = id
    }

    /// Reads a cursor made by ``encoded``.
    ///
    /// - Parameters:
    ///   - encoded: The cursor string.
    ///   - field: The parameter it came in (`after`, `before`), for the error.
    /// - Throws: ``EngineError/Code/invalidInput`` naming `field` if it is not a cursor of a listing.
    public init(encoded: String, field: String) throws(EngineError) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            let separator = text.firstIndex(of: ":"), let milliseconds = Int64(text[..<separator]),
            text.index(after: separator) < text.endIndex
        else {
            throw EngineError(
                .invalidInput, "\(field): not a cursor of this listing (pass back the cursor of a previous page)")
        }
        self.init(createdAtMilliseconds: milliseconds, id: String(text[text.index(after: separator)...]))
    }

    /// The opaque string form: base64url without padding.
    public var encoded: String {
        Data("\(createdAtMilliseconds):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A date in whole milliseconds since 1970, rounded as stores round it.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// Listing order: `a < b` when `a` is older (so listings are in descending order).
    public static func < (lhs: MessageCursor, rhs: MessageCursor) -> Bool {
        (lhs.createdAtMilliseconds, lhs.id) < (rhs.createdAtMilliseconds, rhs.id)
    }
}

extension PageRequest {
    /// Checks the request: a size from 1 to ``maximumSize`` and at most one cursor, and reads the cursors.
    ///
    /// - Returns: The decoded `after` and `before` cursors.
    /// - Throws: ``EngineError/Code/invalidInput`` naming `page_size`, `after` or `before`.
    public func messageCursors() throws(EngineError) -> (after: MessageCursor?, before: MessageCursor?) {
        guard (1...Self.maximumSize).contains(size) else {
            throw EngineError(.invalidInput, "page_size: expected 1 to \(Self.maximumSize), found \(size)")
        }
        if after != nil && before != nil {
            throw EngineError(.invalidInput, "before: give either after or before, not both")
        }
        return (
            try after.map { cursor throws(EngineError) in try MessageCursor(encoded: cursor, field: "after") },
            try before.map { cursor throws(EngineError) in try MessageCursor(encoded: cursor, field: "before") }
        )
    }
}

extension Page where Entry == MessageRecord {
    /// A page of a message listing, cut from every matching message in listing order (newest first).
    ///
    /// - Parameters:
    ///   - listing: Every matching message, newest first.
    ///   - request: The page wanted.
    /// - Throws: ``EngineError/Code/invalidInput`` for a bad request (see ``PageRequest/messageCursors()``).
    public init(messages listing: [MessageRecord], request: PageRequest) throws(EngineError) {
        let (after, before) = try request.messageCursors()
        let cursors = listing.map(MessageCursor.init)
        var range = listing.indices
        if let after {
            range = (cursors.firstIndex { $0 < after } ?? listing.endIndex)..<listing.endIndex
        } else if let before {
            let end = cursors.firstIndex { !(before < $0) } ?? listing.endIndex
            range = max(0, end - request.size)..<end
        }
        let entries = Array(listing[range].prefix(request.size))
        let lastIndex = range.lowerBound + entries.count
        self.init(
            entries: entries,
            after: entries.isEmpty || lastIndex >= listing.endIndex ? nil : MessageCursor(entries.last!).encoded,
            before: entries.isEmpty || range.lowerBound == 0 ? nil : MessageCursor(entries.first!).encoded)
    }
}
