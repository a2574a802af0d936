/// One piece of a template's source: literal text, an output `{{ … }}` or a tag `{% … %}`.
struct TemplateToken: Sendable {
    enum Kind: Sendable, Equatable {
        case text
        case output
        case tag
    }

    var kind: Kind
    /// For text, the text; for output and tags, the markup between the delimiters (without `-`).
    var content: String
    /// Where the token starts (the `{{` or `{%` for markup).
    var position: SourcePosition
    /// Where `content` starts.
    var contentPosition: SourcePosition
    /// The UTF-8 byte offsets of the whole token in the source.
    var range: Range<Int>
    /// `{{-` / `{%-`: strip white space before the token.
    var trimsBefore = false
    /// `-}}` / `-%}`: strip white space after the token.
    var trimsAfter = false

    /// A tag's name (its first word), or `""`.
    var tagName: String {
        let trimmed = content.drop { $0.isWhitespace }
        if trimmed.first == "#" { return "#" }
        return String(trimmed.prefix { !$0.isWhitespace })
    }
}
