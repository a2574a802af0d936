import Foundation
import Providers

/// Comparison rules for condition values, with Knock's loose typing: a string that spells a number or a
/// Boolean compares equal to that number or Boolean.
enum ConditionValues {
    /// The number a value stands for: a number, or a string that parses as one.
    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let number): return number
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, let number = Double(trimmed), number.isFinite else { return nil }
            return number
        default: return nil
        }
    }

    /// The Boolean a value stands for: a Boolean, or the string `true` or `false`.
    static func bool(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let bool): bool
        case .string("true"): true
        case .string("false"): false
        default: nil
        }
    }

    /// Equality: exact, or numeric/Boolean when one side is a number/Boolean and the other a string spelling one.
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if lhs == rhs { return true }
        switch (lhs, rhs) {
        case (.number, .string), (.string, .number):
            guard let left = number(lhs), let right = number(rhs) else { return false }
            return left == right
        case (.bool, .string), (.string, .bool):
            guard let left = bool(lhs), let right = bool(rhs) else { return false }
            return left == right
        default:
            return false
        }
    }

    /// Ordering: numeric when both sides are numbers (or numeric strings), by instant when both are ISO-8601
    /// timestamps, else by text when both are strings; `nil` (every comparison false) otherwise, and when
    /// either side is `""` (an unresolvable path).
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> ComparisonResult? {
        if lhs == .string("") || rhs == .string("") { return nil }
        if let left = number(lhs), let right = number(rhs) { return order(left, right) }
        if let comparison = ConditionTimestamp.compare(lhs, rhs) { return comparison }
        if case .string(let left) = lhs, case .string(let right) = rhs { return order(left, right) }
        return nil
    }

    /// Whether `element` is in `container`: a substring of a string, an element of an array (by ``equal(_:_:)``),
    /// or a key of an object.
    static func contains(_ container: JSONValue, _ element: JSONValue) -> Bool {
        switch container {
        case .string(let haystack):
            guard let needle = text(of: element) else { return false }
            return needle.isEmpty || haystack.contains(needle)
        case .array(let elements):
            return elements.contains { equal($0, element) }
        case .object(let object):
            return element.stringValue.map { object[$0] != nil } ?? false
        default:
            return false
        }
    }

    /// Whether every argument element is in `container`; a non-array argument is a one-element list.
    static func containsAll(_ container: JSONValue, _ argument: JSONValue) -> Bool {
        let elements = argument.arrayValue ?? [argument]
        return elements.allSatisfy { contains(container, $0) }
    }

    /// Whether `value` lies between the two elements of `bounds`, both inclusive.
    static func isBetween(_ value: JSONValue, _ bounds: JSONValue) -> Bool {
        guard let pair = bounds.arrayValue, pair.count == 2,
            let low = compare(value, pair[0]), let high = compare(value, pair[1])
        else { return false }
        return low != .orderedAscending && high != .orderedDescending
    }

    /// Knock's emptiness: `""`, `null` or `[]`.
    static func isEmpty(_ value: JSONValue) -> Bool {
        value == .string("") || value == .null || value == .array([])
    }

    /// A scalar's text for substring tests: integral numbers without a fraction (`5`, not `5.0`).
    static func text(of value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number):
            if let int = value.intValue { String(int) } else { String(number) }
        default: nil
        }
    }

    private static func order<T: Comparable>(_ lhs: T, _ rhs: T) -> ComparisonResult {
        lhs < rhs ? .orderedAscending : (lhs > rhs ? .orderedDescending : .orderedSame)
    }
}
