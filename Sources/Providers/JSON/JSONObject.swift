/// A JSON object whose members keep their order.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The members, in order; keys are unique.
    public private(set) var members: [(key: String, value: JSONValue)]

    /// Creates an object from members in order; a repeated key keeps its last value at its first position.
    public init(_ members: [(String, JSONValue)] = []) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for (key, value) in members { self[key] = value }
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    /// The value for `key`; setting `nil` removes the member, setting a value replaces it in place or appends it.
    ///
    /// Member names match when their UTF-8 bytes are equal, as JSON compares them (two spellings of an
    /// accented letter that Swift's `String` calls equal are two names here).
    public subscript(key: String) -> JSONValue? {
        get { index(of: key).map { members[$0].value } }
        set {
            if let index = index(of: key) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    /// Appends a member named `key` unless the object has one already; returns whether it did.
    public mutating func appendIfAbsent(_ key: String, _ value: JSONValue) -> Bool {
        guard index(of: key) == nil else { return false }
        members.append((key, value))
        return true
    }

    /// The position of the member named `key`. Names of another length are skipped without comparing them:
    /// objects are built and searched on every request.
    private func index(of key: String) -> Int? {
        let length = key.utf8.count
        return members.firstIndex { $0.key.utf8.count == length && $0.key.utf8.elementsEqual(key.utf8) }
    }

    /// The keys, in order.
    public var keys: [String] { members.map(\.key) }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count && lhs.members.allSatisfy { rhs[$0.key] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        // In the order of the names' bytes, as names are matched: two names that `String` calls equal
        // still have one order, so equal objects hash alike whatever the order of their members.
        for (key, value) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}
