import Providers

/// How values render into output and convert between kinds.
extension LiquidValue {
    /// The text `{{ value }}` writes: nil as nothing, arrays joined with no separator, objects as compact JSON.
    var rendered: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): Self.format(value)
        case .string(let value): value
        case .array(let elements): elements.map(\.rendered).joined()
        case .object: json.encoded()
        case .range(let range): "\(range.lowerBound)..\(range.upperBound)"
        }
    }

    /// Formats a float the way Liquid does: `2.5`, `3.0`.
    static func format(_ value: Double) -> String {
        if value.isFinite, value.rounded() == value, abs(value) < 1e15 {
            return String(Int(value)) + ".0"
        }
        return String(value)
    }

    /// The value as a number for arithmetic: numbers as they are, numeric strings parsed, others 0.
    var number: LiquidValue {
        switch self {
        case .int, .double: return self
        case .string(let text):
            let trimmed = text.trimmingWhitespace
            if let integer = Int(trimmed) { return .int(integer) }
            if let double = Double(trimmed), double.isFinite { return .double(double) }
            return .int(0)
        default: return .int(0)
        }
    }

    /// The numeric value as a `Double`, if this is a number.
    var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// The value as an integer argument (limits, counts): numbers truncated, numeric strings parsed.
    var integerValue: Int? {
        switch number {
        case .int(let value): value
        case .double(let value) where value.isFinite && abs(value) < 9e15: Int(value)
        default: nil
        }
    }

    /// A member of an object or an element of an array, with `size`, `first` and `last` on collections.
    func member(_ key: LiquidValue) -> LiquidValue {
        switch (self, key) {
        case (.object(let object), .string(let name)):
            if let value = object[name] { return LiquidValue(value) }
            return name == "size" ? .int(object.members.count) : .null
        case (.array, .int(let index)), (.range, .int(let index)):
            let elements = self.elements
            let resolved = index < 0 ? elements.count + index : index
            return elements.indices.contains(resolved) ? elements[resolved] : .null
        case (.array, .string(let name)), (.range, .string(let name)), (.string, .string(let name)):
            switch name {
            case "size": return .int(size)
            case "first": return elementsOrCharacters.first ?? .null
            case "last": return elementsOrCharacters.last ?? .null
            default: return .null
            }
        default:
            return .null
        }
    }

    private var elementsOrCharacters: [LiquidValue] {
        if case .string(let text) = self { return text.map { .string(String($0)) } }
        return elements
    }
}

extension String {
    /// The string without leading and trailing white space.
    var trimmingWhitespace: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
