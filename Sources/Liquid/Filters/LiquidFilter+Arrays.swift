import Providers

/// Array filters: picking, joining, mapping, filtering, sorting and de-duplicating.
extension LiquidFilter {
    static let arrayFilters: [FilterEntry] = [
        ("first", 0...0, { input, _, _ in collection(input)?.first ?? .null }),
        ("last", 0...0, { input, _, _ in collection(input)?.last ?? .null }),
        ("join", 0...1, { input, args, _ in join(input, separator: args.positional.isEmpty ? " " : args[0].rendered) }),
        ("map", 1...1, { input, args, _ in .array(input.elements.map { $0.member(args[0]) }) }),
        ("where", 1...2, { input, args, _ in .array(select(input, args)) }),
        ("sort", 0...1, { input, args, _ in .array(sort(input, args, caseInsensitive: false)) }),
        ("sort_natural", 0...1, { input, args, _ in .array(sort(input, args, caseInsensitive: true)) }),
        ("reverse", 0...0, { input, _, _ in .array(input.elements.reversed()) }),
        ("uniq", 0...1, { input, args, _ in .array(unique(input, args)) }),
        ("compact", 0...1, { input, args, _ in .array(input.elements.filter { !property($0, args).isNil }) }),
        ("concat", 1...1, { input, args, _ in .array(input.elements + args[0].elements) }),
        ("sum", 0...1, { input, args, _ in sum(input, args) }),
    ]

    /// Arrays and ranges as elements; other values have none.
    private static func collection(_ input: LiquidValue) -> [LiquidValue]? {
        switch input {
        case .array, .range: input.elements
        default: nil
        }
    }

    private static func join(_ input: LiquidValue, separator: String) -> LiquidValue {
        guard let elements = collection(input) else { return input.isNil ? .null : .string(input.rendered) }
        return .string(elements.map(\.rendered).joined(separator: separator))
    }

    /// The element's property named by the first argument, or the element itself when there is none.
    private static func property(_ element: LiquidValue, _ args: FilterArguments) -> LiquidValue {
        args.positional.isEmpty ? element : element.member(args[0])
    }

    private static func select(_ input: LiquidValue, _ args: FilterArguments) -> [LiquidValue] {
        input.elements.filter { element in
            let value = element.member(args[0])
            return args.positional.count > 1 ? value.liquidEquals(args[1]) : value.isTruthy
        }
    }

    private static func sort(_ input: LiquidValue, _ args: FilterArguments, caseInsensitive: Bool) -> [LiquidValue] {
        input.elements.sorted {
            LiquidValue.sortsBefore(property($0, args), property($1, args), caseInsensitive: caseInsensitive)
        }
    }

    private static func unique(_ input: LiquidValue, _ args: FilterArguments) -> [LiquidValue] {
        var seen: [LiquidValue] = []
        var result: [LiquidValue] = []
        for element in input.elements {
            let key = property(element, args)
            if !seen.contains(where: { $0.liquidEquals(key) }) {
                seen.append(key)
                result.append(element)
            }
        }
        return result
    }

    private static func sum(_ input: LiquidValue, _ args: FilterArguments) -> LiquidValue {
        var integer = 0
        var double = 0.0
        var isDouble = false
        for element in input.elements {
            switch property(element, args).number {
            case .int(let value): integer &+= value
            case let value:
                isDouble = true
                double += value.doubleValue ?? 0
            }
        }
        return isDouble ? .double(double + Double(integer)) : .int(integer)
    }
}
