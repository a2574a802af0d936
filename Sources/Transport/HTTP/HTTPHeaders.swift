/// An ordered list of HTTP header fields with case-insensitive lookup.
///
/// Order and repeated names are kept as given, since signatures (SigV4) and some providers care.
public struct HTTPHeaders: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One header field.
    public struct Field: Hashable, Sendable {
        /// The name as given (lookups ignore case).
        public var name: String
        /// The value.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields, in order.
    public private(set) var fields: [Field]

    /// Creates headers from fields in order.
    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// Creates headers from `(name, value)` pairs in order.
    public init(_ pairs: [(String, String)]) {
        self.fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value for `name`, ignoring case; setting replaces every field of that name (or removes them for `nil`).
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.lowercased() == name.lowercased() }?.value }
        set {
            guard let newValue else {
                remove(name)
                return
            }
            replaceOrAdd(name: name, value: newValue)
        }
    }

    /// Every value for `name`, ignoring case, in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// Appends a field, keeping any existing ones of that name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces the first field of that name (removing others), or appends one.
    public mutating func replaceOrAdd(name: String, value: String) {
        let lowered = name.lowercased()
        guard let index = fields.firstIndex(where: { $0.name.lowercased() == lowered }) else {
            fields.append(Field(name: name, value: value))
            return
        }
        fields[index] = Field(name: name, value: value)
        fields = fields.enumerated()
            .filter { $0.offset == index || $0.element.name.lowercased() != lowered }
            .map(\.element)
    }

    /// Removes every field of that name.
    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.lowercased() == name.lowercased() }
    }

    /// Whether any field has that name.
    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.lowercased() == name.lowercased() }
    }

    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    /// Names and values, one per line. Use only on redacted headers: values are printed as they are.
    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}
