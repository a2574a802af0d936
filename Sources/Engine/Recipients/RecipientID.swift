/// The rules for recipient identifiers: user ids, object ids and object collection names.
///
/// Knock's rule: an identifier is at most 256 characters and contains neither `/` nor `#`. The same
/// rule applies to collection names here, because an object's storage key is `collection/id`
/// (see ``RecipientReference/storageID``).
public enum RecipientID {
    /// The most characters an identifier may have.
    public static let maximumLength = 256

    /// Checks an identifier.
    ///
    /// ```swift
    /// try RecipientID.validate("user_1", field: "recipients[0]")
    /// ```
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - field: The JSON path of the value, named in the error.
    /// - Throws: ``EngineError/Code/invalidInput`` if the identifier is empty, longer than
    ///   ``maximumLength`` characters, or contains `/` or `#`.
    public static func validate(_ id: String, field: String) throws(EngineError) {
        if id.isEmpty {
            throw EngineError(.invalidInput, "\(field): must not be empty; expected 1 to \(maximumLength) characters")
        }
        let count = id.count
        if count > maximumLength {
            throw EngineError(
                .invalidInput, "\(field): is \(count) characters long; at most \(maximumLength) are accepted")
        }
        if let bad = id.first(where: { $0 == "/" || $0 == "#" }) {
            throw EngineError(.invalidInput, "\(field): must not contain \"\(bad)\" (\"/\" and \"#\" are not accepted)")
        }
    }
}

/// JSON paths for error messages.
enum JSONPath {
    /// `path.key`, or `key` alone at the top level.
    static func member(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
