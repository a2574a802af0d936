import Foundation

/// A small Markdown to HTML renderer for in-app feed bodies.
///
/// It covers what feed items use: paragraphs (separated by blank lines; single line breaks become
/// `<br>`), ATX headings (`#` to `######`), `-`/`*` bullet lists, `**bold**`, `*emphasis*` / `_emphasis_`,
/// `` `code` `` and `[text](url)` links. Everything else is text. All text is HTML-escaped, and link
/// URLs other than `http`, `https`, `mailto` and relative ones are dropped (the text stays), so a body
/// cannot inject markup or scripts.
public enum MarkdownRenderer {
    /// Renders Markdown as HTML.
    ///
    /// ```swift
    /// MarkdownRenderer.html("Hi **Ann**")   // "<p>Hi <strong>Ann</strong></p>"
    /// ```
    ///
    /// - Parameter markdown: The source.
    /// - Returns: The HTML fragment.
    public static func html(_ markdown: String) -> String {
        var blocks: [String] = []
        var paragraph: [String] = []
        var list: [String] = []
        func flush() {
            if !paragraph.isEmpty {
                blocks.append("<p>" + paragraph.map(inline).joined(separator: "<br>") + "</p>")
                paragraph = []
            }
            if !list.isEmpty {
                blocks.append("<ul>" + list.map { "<li>\(inline($0))</li>" }.joined() + "</ul>")
                list = []
            }
        }
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingTrailingWhitespace()
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty {
                flush()
            } else if let (level, text) = heading(trimmed) {
                flush()
                blocks.append("<h\(level)>\(inline(text))</h\(level)>")
            } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                if !paragraph.isEmpty { flush() }
                list.append(String(trimmed.dropFirst(2)))
            } else {
                if !list.isEmpty { flush() }
                paragraph.append(String(trimmed))
            }
        }
        flush()
        return blocks.joined(separator: "\n")
    }

    private static func heading(_ line: Substring) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return (hashes, String(line.dropFirst(hashes + 1)))
    }

    // MARK: - Inline

    /// Renders inline markup of one line.
    static func inline(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let character = rest.first {
            if character == "`", let end = rest.dropFirst().firstIndex(of: "`") {
                output += "<code>\(escape(rest[rest.index(after: rest.startIndex)..<end]))</code>"
                rest = rest[rest.index(after: end)...]
            } else if rest.hasPrefix("**"), let range = rest.dropFirst(2).range(of: "**"),
                range.lowerBound > rest.index(rest.startIndex, offsetBy: 2)
            {
                output +=
                    "<strong>\(inline(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<range.lowerBound])))</strong>"
                rest = rest[range.upperBound...]
            } else if character == "*" || character == "_",
                let end = rest.dropFirst().firstIndex(of: character), end > rest.index(after: rest.startIndex)
            {
                output += "<em>\(inline(String(rest[rest.index(after: rest.startIndex)..<end])))</em>"
                rest = rest[rest.index(after: end)...]
            } else if character == "[", let link = link(rest) {
                output += link.html
                rest = rest[link.end...]
            } else {
                output += escape(String(character))
                rest = rest.dropFirst()
            }
        }
        return output
    }

    private static func link(_ text: Substring) -> (html: String, end: Substring.Index)? {
        guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix("("),
            let end = text[close...].firstIndex(of: ")")
        else { return nil }
        let label = inline(String(text[text.index(after: text.startIndex)..<close]))
        let url = String(text[text.index(close, offsetBy: 2)..<end])
        let html = isSafe(url) ? "<a href=\"\(escape(url))\">\(label)</a>" : label
        return (html, text.index(after: end))
    }

    private static func isSafe(_ url: String) -> Bool {
        let lowered = url.lowercased()
        if ["http://", "https://", "mailto:"].contains(where: lowered.hasPrefix) { return true }
        return !lowered.contains(":")
    }

    /// Escapes `&`, `<`, `>`, `"` and `'`.
    static func escape(_ text: some StringProtocol) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}

extension Substring {
    fileprivate func trimmingTrailingWhitespace() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[startIndex..<end]
    }
}
