import Foundation

/// The opaque page cursors of recipient listings, and the page checks both stores share.
///
/// A cursor is the entry's id in base64url; callers must treat it as opaque.
public enum RecipientCursor {
    /// The cursor that points at `id`.
    public static func encode(_ id: String) -> String {
        Data(id.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The id a cursor points at.
    ///
    /// - Parameters:
    ///   - cursor: The cursor.
    ///   - field: `after` or `before`, named in the error.
    /// - Throws: ``EngineError/Code/invalidInput`` if it is not a cursor this listing made.
    public static func decode(_ cursor: String, field: String) throws(EngineError) -> String {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard !cursor.isEmpty, let data = Data(base64Encoded: base64), let id = String(data: data, encoding: .utf8),
            encode(id) == cursor
        else {
            throw EngineError(.invalidInput, "\(field): \"\(cursor)\" is not a cursor returned by this listing")
        }
        return id
    }

    /// Checks a page request: at most one cursor, a size from 1 to ``PageRequest/maximumSize``.
    ///
    /// - Returns: The decoded `after` or `before` id (at most one is set).
    /// - Throws: ``EngineError/Code/invalidInput`` naming `page_size`, `after` or `before`.
    public static func bounds(of page: PageRequest) throws(EngineError) -> (after: String?, before: String?) {
        try page.checkBounds()
        return (
            try page.after.map { cursor throws(EngineError) in try decode(cursor, field: "after") },
            try page.before.map { cursor throws(EngineError) in try decode(cursor, field: "before") }
        )
    }
}

extension String {
    /// Whether this sorts before `other` in UTF-8 byte order, the order SQLite's BINARY collation uses.
    func precedesInBytes(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
