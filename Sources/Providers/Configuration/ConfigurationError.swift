/// Why a channel configuration did not load: every problem found, sorted by file and path.
///
/// Loading never stops at the first problem; it reports them all at once, so one edit can fix them all.
///
/// This is a second public error type in the `Providers` module beside ``ProviderError`` on purpose:
/// ``ProviderError`` describes one failed delivery and drives the pipeline's retry decisions, while this
/// error describes a configuration file an operator has to edit, at start-up or on reload, as a list of
/// located issues. Folding the two together would give the pipeline codes it can never act on and give
/// operators a single message where they need a list.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The problems, sorted by file, then path (array indices in numeric order), then message.
    public var issues: [ConfigurationIssue]

    /// Creates an error from issues in any order; they are sorted.
    public init(issues: [ConfigurationIssue]) {
        self.issues = issues.sorted(by: Self.precedes)
    }

    /// One issue per line.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }

    private static func precedes(_ lhs: ConfigurationIssue, _ rhs: ConfigurationIssue) -> Bool {
        if lhs.file != rhs.file { return naturallyPrecedes(lhs.file, rhs.file) }
        if lhs.path != rhs.path { return naturallyPrecedes(lhs.path, rhs.path) }
        if lhs.line != rhs.line { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        return lhs.message < rhs.message
    }

    /// Compares strings ignoring case first, with runs of digits compared as numbers (`[2]` before `[10]`).
    private static func naturallyPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        let (left, right) = (lhs.lowercased(), rhs.lowercased())
        if left != right { return naturallyPrecedes(left.unicodeScalars[...], right.unicodeScalars[...]) }
        return naturallyPrecedes(lhs.unicodeScalars[...], rhs.unicodeScalars[...])
    }

    private static func naturallyPrecedes(
        _ lhs: Substring.UnicodeScalarView, _ rhs: Substring.UnicodeScalarView
    ) -> Bool {
        var left = lhs
        var right = rhs
        while let a = left.first, let b = right.first {
            if isDigit(a), isDigit(b) {
                let leftDigits = left.prefix(while: isDigit)
                let rightDigits = right.prefix(while: isDigit)
                let leftNumber = String(leftDigits).drop { $0 == "0" }
                let rightNumber = String(rightDigits).drop { $0 == "0" }
                if leftNumber.count != rightNumber.count { return leftNumber.count < rightNumber.count }
                if leftNumber != rightNumber { return leftNumber < rightNumber }
                left = left.dropFirst(leftDigits.count)
                right = right.dropFirst(rightDigits.count)
            } else if a != b {
                return a.value < b.value
            } else {
                left = left.dropFirst()
                right = right.dropFirst()
            }
        }
        return left.isEmpty && !right.isEmpty
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
