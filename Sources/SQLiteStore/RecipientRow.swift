import Engine
import Foundation
import Providers

/// How a ``RecipientRecord`` maps to a row of the `recipients` table.
///
/// Users have the collection `''` (collections are never empty), objects their collection.
enum RecipientRow {
    /// The columns, in the order ``record(from:)`` reads them.
    static let select = "SELECT collection, id, properties, created_at, updated_at FROM recipients"

    /// The `collection` column's value for a reference.
    static func collection(_ reference: RecipientReference) -> String {
        reference.collection ?? ""
    }

    /// The `collection` column's value for a listing (`nil` lists users).
    static func collection(_ collection: String?) -> String {
        collection ?? ""
    }

    /// The `properties` column's text for a recipient's properties.
    static func encoded(_ properties: JSONObject) -> String {
        JSONValue.object(properties).encoded()
    }

    /// Reads a row selected with ``select``.
    static func record(from row: SQLiteRow) throws -> RecipientRecord {
        let collection = row.string(0)
        let id = row.string(1)
        let reference: RecipientReference = collection.isEmpty ? .user(id) : .object(collection: collection, id: id)
        guard case .object(let properties)? = try? JSONValue.parse(row.string(2)) else {
            throw EngineError(.storageFailure, "the stored properties of \(reference) are unreadable")
        }
        return RecipientRecord(
            reference: reference, properties: properties, createdAt: row.optionalString(3), updatedAt: row.date(4))
    }
}
