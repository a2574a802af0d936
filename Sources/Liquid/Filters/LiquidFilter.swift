import Foundation

/// A filter's arguments after evaluation.
struct FilterArguments: Sendable {
    var positional: [LiquidValue]
    var keyword: [(name: String, value: LiquidValue)]

    /// The positional argument at `index`, or nil.
    subscript(index: Int) -> LiquidValue {
        positional.indices.contains(index) ? positional[index] : .null
    }

    /// The keyword argument `name`, or nil.
    subscript(keyword name: String) -> LiquidValue {
        keyword.first { $0.name == name }?.value ?? .null
    }
}

/// What a filter may read from the render besides its input: the clock and time zone.
struct FilterContext: Sendable {
    var timeZone: TimeZone
    var now: Date
}

/// A named filter: how many positional arguments it takes and what it does.
struct LiquidFilter: Sendable {
    typealias Function = @Sendable (LiquidValue, FilterArguments, FilterContext) throws(LiquidError) -> LiquidValue

    /// Most filters are pure functions; `object` and `t` need the render's loader and translations.
    enum Implementation: Sendable {
        case pure(Function)
        case object
        case translate
    }

    var name: String
    var arity: ClosedRange<Int>
    var implementation: Implementation

    /// The filter called `name`, or nil when there is none.
    static func named(_ name: String) -> LiquidFilter? {
        registry[name]
    }

    private static let registry: [String: LiquidFilter] = {
        var filters: [String: LiquidFilter] = [
            "object": LiquidFilter(name: "object", arity: 1...1, implementation: .object),
            "t": LiquidFilter(name: "t", arity: 0...0, implementation: .translate),
        ]
        for table in [stringFilters, htmlFilters, numberFilters, arrayFilters, dateFilters, dataFilters] {
            for (name, arity, function) in table {
                filters[name] = LiquidFilter(name: name, arity: arity, implementation: .pure(function))
            }
        }
        return filters
    }()
}

/// One row of a filter table: name, positional arity and function.
typealias FilterEntry = (String, ClosedRange<Int>, LiquidFilter.Function)
