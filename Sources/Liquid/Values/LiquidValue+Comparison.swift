import Providers

/// Equality and ordering as Liquid's comparison operators use them.
extension LiquidValue {
    /// `==`: numbers compare by value across integers and floats; other kinds compare structurally.
    func liquidEquals(_ other: LiquidValue) -> Bool {
        if let left = doubleValue, let right = other.doubleValue { return left == right }
        switch (self, other) {
        case (.object(let left), .object(let right)): return left == right
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.liquidEquals($1) }
        case (.range, .array), (.array, .range):
            return elements.count == other.elements.count && elements == other.elements
        default: return self == other
        }
    }

    /// `<` and friends: numbers by value, strings by Unicode order; `nil` when the kinds cannot be ordered.
    func liquidCompare(_ other: LiquidValue) -> LiquidOrdering? {
        if let left = doubleValue, let right = other.doubleValue {
            return left < right ? .less : (left > right ? .greater : .equal)
        }
        if case .string(let left) = self, case .string(let right) = other {
            return left < right ? .less : (left > right ? .greater : .equal)
        }
        return nil
    }

    /// `contains`: a substring of a string, an element of an array, or a key of an object.
    func liquidContains(_ other: LiquidValue) -> Bool {
        switch self {
        case .string(let text):
            if case .null = other { return false }
            return text.contains(other.rendered)
        case .array, .range: return elements.contains { $0.liquidEquals(other) }
        case .object(let object):
            if case .string(let key) = other { return object[key] != nil }
            return false
        default: return false
        }
    }

    /// An ordering for `sort`: numbers before strings, then other kinds; `nil` last.
    static func sortsBefore(_ left: LiquidValue, _ right: LiquidValue, caseInsensitive: Bool) -> Bool {
        switch (left.isNil, right.isNil) {
        case (true, _): return false
        case (false, true): return true
        default: break
        }
        if let lhs = left.doubleValue, let rhs = right.doubleValue { return lhs < rhs }
        if left.doubleValue != nil { return true }
        if right.doubleValue != nil { return false }
        let lhs = caseInsensitive ? left.rendered.lowercased() : left.rendered
        let rhs = caseInsensitive ? right.rendered.lowercased() : right.rendered
        return lhs < rhs
    }
}

/// The outcome of ordering two values.
enum LiquidOrdering: Sendable {
    case less, equal, greater
}
