/// The one error type of the `Liquid` module.
///
/// Syntax errors are thrown when a template is parsed and carry the template's name and the 1-based line
/// and column of the offending text. Render errors (a missing partial, a limit exceeded, an invalid filter
/// argument) carry the position of the tag or output that failed.
public struct LiquidError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; bounded, so safe as a metric label.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case syntaxError, unknownTag, unknownFilter, missingPartial, partialDepthExceeded
            case outputTooLarge, tooManyIterations, invalidArgument, partialLoadFailed, invalidTranslation
        }

        private let base: Base

        /// The template text is malformed: an unclosed tag, a bad expression, a stray `{% endif %}`.
        public static let syntaxError = Code(base: .syntaxError)
        /// A `{% name %}` tag that the language does not know.
        public static let unknownTag = Code(base: .unknownTag)
        /// A `| name` filter that the language does not know, or one given the wrong number of arguments.
        public static let unknownFilter = Code(base: .unknownFilter)
        /// `{% render %}` or `{% include %}` named a partial that is not configured.
        public static let missingPartial = Code(base: .missingPartial)
        /// Partials rendered partials deeper than ``LiquidLimits/maximumPartialDepth``.
        public static let partialDepthExceeded = Code(base: .partialDepthExceeded)
        /// The rendered output grew past ``LiquidLimits/maximumOutputBytes``.
        public static let outputTooLarge = Code(base: .outputTooLarge)
        /// `for` loops ran more than ``LiquidLimits/maximumLoopIterations`` times in one render.
        public static let tooManyIterations = Code(base: .tooManyIterations)
        /// A filter was given an argument it cannot use (for example `divided_by: 0`).
        public static let invalidArgument = Code(base: .invalidArgument)
        /// A partials directory could not be read.
        public static let partialLoadFailed = Code(base: .partialLoadFailed)
        /// A translation file is not a JSON object of strings, or one of its strings does not parse.
        public static let invalidTranslation = Code(base: .invalidTranslation)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The name of the template (or partial) in which the error happened.
    public var template: String
    /// The 1-based line of the offending text, or 0 when the error has no position.
    public var line: Int
    /// The 1-based column of the offending text, or 0 when the error has no position.
    public var column: Int
    /// What was wrong and what is accepted; never variable values.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - template: The template's name.
    ///   - line: The 1-based line, or 0.
    ///   - column: The 1-based column, or 0.
    ///   - message: What was wrong.
    public init(_ code: Code, template: String, line: Int, column: Int, message: String) {
        self.code = code
        self.template = template
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if line > 0 {
            return "LiquidError.\(code): \(template), line \(line), column \(column): \(message)"
        }
        return "LiquidError.\(code): \(template): \(message)"
    }
}

extension LiquidError {
    /// An error raised below the template layer (by a filter), positioned later by the renderer.
    static func unpositioned(_ code: Code, _ message: String) -> LiquidError {
        LiquidError(code, template: "", line: 0, column: 0, message: message)
    }
}
