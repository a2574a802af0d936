internal import Engine
internal import Foundation
internal import HTTPServer

extension MessageListParameters {
    /// The bounds `inserted_at.*` accepts, with the ``DateBounds`` field each sets.
    static var insertedAtBounds: [(name: String, field: WritableKeyPath<DateBounds, Date?>)] {
        [("gt", \.after), ("gte", \.atOrAfter), ("lt", \.before), ("lte", \.atOrBefore)]
    }

    /// `inserted_at.gt`, `.gte`, `.lt`, `.lte` (also spelled `inserted_at[gt]`…): ISO 8601 timestamps
    /// bounding the messages' creation time; `nil` when none is given.
    ///
    /// - Throws: ``HostError`` 422 `invalid_params` naming the parameter, for a value that is not an ISO 8601
    ///   date-time or an `inserted_at` parameter with another bound.
    static func insertedAt(_ request: APIRequest) throws(HostError) -> DateBounds? {
        let accepted = insertedAtBounds.map { "inserted_at.\($0.name)" }.joined(separator: ", ")
        var bounds = DateBounds()
        for parameter in request.http.query where parameter.name.hasPrefix("inserted_at") {
            guard
                let bound = insertedAtBounds.first(where: { bound in
                    parameter.name == "inserted_at.\(bound.name)" || parameter.name == "inserted_at[\(bound.name)]"
                })
            else {
                throw HostError.invalidParams(
                    "\(parameter.name.prefix(64)): unknown filter; accepted: \(accepted)")
            }
            guard let date = timestamp(parameter.value) else {
                throw HostError.invalidParams(
                    "\(parameter.name): expected an ISO 8601 date-time such as 2025-01-01T00:00:00Z, "
                        + "found \"\(parameter.value.prefix(64))\"")
            }
            bounds[keyPath: bound.field] = date
        }
        return bounds.isEmpty ? nil : bounds
    }

    /// `workflow_categories[]` (or repeated `workflow_categories`): the categories whose workflows'
    /// messages are listed; `nil` when absent.
    ///
    /// - Throws: ``HostError`` 422 `invalid_params` for an empty category or one over 256 characters.
    public static func workflowCategories(_ request: APIRequest) throws(HostError) -> [String]? {
        let categories = values(request, "workflow_categories")
        guard !categories.isEmpty else { return nil }
        for (index, category) in categories.enumerated() where category.isEmpty || category.count > 256 {
            throw HostError.invalidParams(
                "workflow_categories[\(index)]: expected 1 to 256 characters, found \(category.count)")
        }
        return categories
    }

    /// An internet date-time (`2025-01-01T00:00:00Z`, `2025-01-01T01:00:00.250+01:00`), or `nil`.
    static func timestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions.insert(.withFractionalSeconds)
        return formatter.date(from: text)
    }
}
