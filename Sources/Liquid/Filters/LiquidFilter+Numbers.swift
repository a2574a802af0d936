import Foundation

/// Number filters: arithmetic that keeps integers as integers, rounding and clamping.
extension LiquidFilter {
    static let numberFilters: [FilterEntry] = [
        ("plus", 1...1, { input, args, _ in arithmetic(input, args[0], &+, +) }),
        ("minus", 1...1, { input, args, _ in arithmetic(input, args[0], &-, -) }),
        ("times", 1...1, { input, args, _ in arithmetic(input, args[0], &*, *) }),
        ("divided_by", 1...1, { input, args, _ throws(LiquidError) in try divide(input, by: args[0]) }),
        ("modulo", 1...1, { input, args, _ throws(LiquidError) in try modulo(input, args[0]) }),
        ("abs", 0...0, { input, _, _ in map(input, { abs($0) }, { abs($0) }) }),
        ("ceil", 0...0, { input, _, _ in .int(toInt((input.number.doubleValue ?? 0).rounded(.up))) }),
        ("floor", 0...0, { input, _, _ in .int(toInt((input.number.doubleValue ?? 0).rounded(.down))) }),
        ("round", 0...1, { input, args, _ in round(input, places: args[0].integerValue ?? 0) }),
        ("at_least", 1...1, { input, args, _ in clamp(input, args[0], keepLarger: true) }),
        ("at_most", 1...1, { input, args, _ in clamp(input, args[0], keepLarger: false) }),
    ]

    private static func arithmetic(
        _ left: LiquidValue, _ right: LiquidValue, _ integer: (Int, Int) -> Int, _ double: (Double, Double) -> Double
    ) -> LiquidValue {
        switch (left.number, right.number) {
        case (.int(let lhs), .int(let rhs)): return .int(integer(lhs, rhs))
        case (let lhs, let rhs): return .double(double(lhs.doubleValue ?? 0, rhs.doubleValue ?? 0))
        }
    }

    /// Integer division floors (`-7 | divided_by: 2` is `-4`); a float on either side gives a float.
    private static func divide(_ left: LiquidValue, by right: LiquidValue) throws(LiquidError) -> LiquidValue {
        switch (left.number, right.number) {
        case (_, .int(0)), (_, .double(0)):
            throw .unpositioned(.invalidArgument, "divided_by: cannot divide by zero")
        case (.int(let lhs), .int(let rhs)):
            let quotient = lhs / rhs
            return .int((lhs % rhs != 0 && (lhs < 0) != (rhs < 0)) ? quotient - 1 : quotient)
        case (let lhs, let rhs): return .double((lhs.doubleValue ?? 0) / (rhs.doubleValue ?? 1))
        }
    }

    /// The remainder takes the divisor's sign, as in Ruby.
    private static func modulo(_ left: LiquidValue, _ right: LiquidValue) throws(LiquidError) -> LiquidValue {
        switch (left.number, right.number) {
        case (_, .int(0)), (_, .double(0)):
            throw .unpositioned(.invalidArgument, "modulo: cannot divide by zero")
        case (.int(let lhs), .int(let rhs)): return .int(((lhs % rhs) + rhs) % rhs)
        case (let lhs, let rhs):
            let dividend = lhs.doubleValue ?? 0
            let divisor = rhs.doubleValue ?? 1
            return .double(dividend - divisor * (dividend / divisor).rounded(.down))
        }
    }

    private static func map(_ input: LiquidValue, _ integer: (Int) -> Int, _ double: (Double) -> Double) -> LiquidValue
    {
        switch input.number {
        case .int(let value): .int(integer(value))
        case let value: .double(double(value.doubleValue ?? 0))
        }
    }

    private static func round(_ input: LiquidValue, places: Int) -> LiquidValue {
        guard case .double(let value) = input.number else { return input.number }
        guard places > 0 else { return .int(toInt(value.rounded(.toNearestOrAwayFromZero))) }
        let scale = pow(10.0, Double(min(places, 15)))
        return .double((value * scale).rounded(.toNearestOrAwayFromZero) / scale)
    }

    private static func clamp(_ input: LiquidValue, _ bound: LiquidValue, keepLarger: Bool) -> LiquidValue {
        let value = input.number
        let limit = bound.number
        let lhs = value.doubleValue ?? 0
        let rhs = limit.doubleValue ?? 0
        return (keepLarger ? lhs >= rhs : lhs <= rhs) ? value : limit
    }

    private static func toInt(_ value: Double) -> Int {
        guard value.isFinite, abs(value) < 9e18 else { return 0 }
        return Int(value)
    }
}
