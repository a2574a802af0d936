import Providers

/// Filters over any value: `default` and `json`.
extension LiquidFilter {
    static let dataFilters: [FilterEntry] = [
        ("default", 1...1, { input, args, _ in fallback(input, args) }),
        ("json", 0...0, { input, _, _ in .string(input.json.encoded()) }),
    ]

    /// The argument when the input is nil, false (unless `allow_false: true`) or empty; else the input.
    private static func fallback(_ input: LiquidValue, _ args: FilterArguments) -> LiquidValue {
        let allowFalse = args[keyword: "allow_false"].isTruthy
        switch input {
        case .null: return args[0]
        case .bool(false): return allowFalse ? input : args[0]
        default: return input.isEmptyCollection ? args[0] : input
        }
    }
}
