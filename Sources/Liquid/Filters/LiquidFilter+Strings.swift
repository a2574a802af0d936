/// String filters: case, white space, replacing, splitting, slicing and truncating.
extension LiquidFilter {
    static let stringFilters: [FilterEntry] = [
        ("append", 1...1, { input, args, _ in .string(input.rendered + args[0].rendered) }),
        ("prepend", 1...1, { input, args, _ in .string(args[0].rendered + input.rendered) }),
        ("capitalize", 0...0, { input, _, _ in .string(capitalized(input.rendered)) }),
        ("downcase", 0...0, { input, _, _ in .string(input.rendered.lowercased()) }),
        ("upcase", 0...0, { input, _, _ in .string(input.rendered.uppercased()) }),
        ("titlecase", 0...0, { input, _, _ in .string(titlecased(input.rendered)) }),
        ("strip", 0...0, { input, _, _ in .string(input.rendered.trimmingWhitespace) }),
        ("lstrip", 0...0, { input, _, _ in .string(String(input.rendered.drop { $0.isWhitespace })) }),
        ("rstrip", 0...0, { input, _, _ in .string(rstrip(input.rendered)) }),
        ("strip_newlines", 0...0, { input, _, _ in .string(input.rendered.filter { $0 != "\n" && $0 != "\r\n" }) }),
        ("newline_to_br", 0...0, { input, _, _ in .string(newlineToBreak(input.rendered)) }),
        ("replace", 1...2, { input, args, _ in .string(replace(input, args, first: false)) }),
        ("replace_first", 1...2, { input, args, _ in .string(replace(input, args, first: true)) }),
        ("remove", 1...1, { input, args, _ in .string(input.rendered.replacing(args[0].rendered, with: "")) }),
        ("remove_first", 1...1, { input, args, _ in .string(replace(input, [args[0], .string("")], first: true)) }),
        (
            "split", 1...1,
            { input, args, _ in .array(split(input.rendered, by: args[0].rendered).map(LiquidValue.string)) }
        ),
        ("slice", 1...2, { input, args, _ in slice(input, args) }),
        ("truncate", 0...2, { input, args, _ in .string(truncate(input.rendered, args)) }),
        ("truncatewords", 0...2, { input, args, _ in .string(truncateWords(input.rendered, args)) }),
        ("size", 0...0, { input, _, _ in .int(input.size) }),
    ]

    private static func replace(_ input: LiquidValue, _ args: FilterArguments, first: Bool) -> String {
        replace(input, [args[0], args[1]], first: first)
    }

    private static func replace(_ input: LiquidValue, _ args: [LiquidValue], first: Bool) -> String {
        let text = input.rendered
        let target = args[0].rendered
        let replacement = args.count > 1 ? args[1].rendered : ""
        guard !target.isEmpty else { return first ? replacement + text : text }
        guard first else { return text.replacing(target, with: replacement) }
        guard let range = text.firstRange(of: target) else { return text }
        var result = text
        result.replaceSubrange(range, with: replacement)
        return result
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst().lowercased()
    }

    /// Upper-cases the first letter of every word, leaving the rest as written.
    static func titlecased(_ text: String) -> String {
        var result = ""
        var atWordStart = true
        for character in text {
            result += atWordStart ? character.uppercased() : String(character)
            atWordStart = character.isWhitespace || character == "-" || character == "_"
        }
        return result
    }

    private static func rstrip(_ text: String) -> String {
        var slice = Substring(text)
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    private static func newlineToBreak(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "\n" || character == "\r\n" { result += "<br />" }
            result.append(character)
        }
        return result
    }

    /// Splits like Ruby: an empty separator splits into characters, trailing empty pieces are dropped.
    static func split(_ text: String, by separator: String) -> [String] {
        var parts: [String]
        if separator.isEmpty {
            parts = text.map(String.init)
        } else if separator == " " {
            parts = text.split(whereSeparator: \.isWhitespace).map(String.init)
        } else {
            parts = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        }
        while parts.last?.isEmpty == true { parts.removeLast() }
        return parts
    }

    private static func slice(_ input: LiquidValue, _ args: FilterArguments) -> LiquidValue {
        let start = args[0].integerValue ?? 0
        let length = args.positional.count > 1 ? args[1].integerValue ?? 1 : 1
        if case .array(let elements) = input {
            guard let range = sliceRange(start: start, length: length, count: elements.count) else { return .array([]) }
            return .array(Array(elements[range]))
        }
        let characters = Array(input.rendered)
        guard let range = sliceRange(start: start, length: length, count: characters.count) else { return .string("") }
        return .string(String(characters[range]))
    }

    private static func sliceRange(start: Int, length: Int, count: Int) -> Range<Int>? {
        let lower = start < 0 ? count + start : start
        guard lower >= 0, lower < count, length > 0 else { return nil }
        return lower..<min(count, lower + length)
    }

    private static func truncate(_ text: String, _ args: FilterArguments) -> String {
        let length = args.positional.isEmpty ? 50 : args[0].integerValue ?? 50
        let ellipsis = args.positional.count > 1 ? args[1].rendered : "..."
        guard text.count > length else { return text }
        return String(text.prefix(max(0, length - ellipsis.count))) + ellipsis
    }

    private static func truncateWords(_ text: String, _ args: FilterArguments) -> String {
        let count = max(1, args.positional.isEmpty ? 15 : args[0].integerValue ?? 15)
        let ellipsis = args.positional.count > 1 ? args[1].rendered : "..."
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count > count else { return text }
        return words.prefix(count).joined(separator: " ") + ellipsis
    }
}
