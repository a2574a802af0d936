import Providers

/// A value while a template renders: JSON plus integers kept apart from floats, and ranges.
///
/// Integers stay integers (`{{ 3 | plus: 2 }}` renders `5`, `{{ 10 | divided_by: 4 }}` renders `2`); a JSON
/// number with no fractional part reads as an integer.
enum LiquidValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([LiquidValue])
    case object(JSONObject)
    case range(ClosedRange<Int>)

    /// Converts JSON; arrays are converted element by element, objects are kept as they are.
    init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .number(let value):
            if let integer = json.intValue { self = .int(integer) } else { self = .double(value) }
        case .string(let value): self = .string(value)
        case .array(let elements): self = .array(elements.map(LiquidValue.init))
        case .object(let object): self = .object(object)
        }
    }

    /// The value as JSON (ranges become arrays of numbers).
    var json: JSONValue {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .int(let value): .number(Double(value))
        case .double(let value): .number(value)
        case .string(let value): .string(value)
        case .array(let elements): .array(elements.map(\.json))
        case .object(let object): .object(object)
        case .range(let range): .array(range.map { .number(Double($0)) })
        }
    }

    /// Liquid truthiness: only `nil` and `false` are false.
    var isTruthy: Bool {
        switch self {
        case .null, .bool(false): false
        default: true
        }
    }

    /// Whether this is `nil`.
    var isNil: Bool {
        if case .null = self { true } else { false }
    }

    /// The elements when iterated: arrays and ranges; an object iterates as `[key, value]` pairs; `nil` as none;
    /// any other value as itself.
    var elements: [LiquidValue] {
        switch self {
        case .null: []
        case .array(let elements): elements
        case .range(let range): range.map(LiquidValue.int)
        case .object(let object): object.members.map { .array([.string($0.key), LiquidValue($0.value)]) }
        default: [self]
        }
    }

    /// The number of elements or characters; 0 for others.
    var size: Int {
        switch self {
        case .string(let value): value.count
        case .array(let elements): elements.count
        case .range(let range): range.count
        case .object(let object): object.members.count
        default: 0
        }
    }

    /// Whether this is empty in the sense of the `empty` literal.
    var isEmptyCollection: Bool {
        switch self {
        case .string(let value): value.isEmpty
        case .array(let elements): elements.isEmpty
        case .object(let object): object.isEmpty
        default: false
        }
    }

    /// Whether this is blank: `nil`, `false`, empty or only white space.
    var isBlank: Bool {
        switch self {
        case .null, .bool(false): true
        case .string(let value): value.allSatisfy(\.isWhitespace)
        default: isEmptyCollection
        }
    }
}
