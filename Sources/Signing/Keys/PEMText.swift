import Foundation

/// Tidying of PEM text as users paste it.
enum PEMText {
    /// Turns literal `\n` sequences into line breaks when the text has none (a PEM pasted into an
    /// environment variable or copied out of a JSON string), and trims surrounding white space.
    static func normalized(_ pem: String) -> String {
        var text = pem
        if !text.contains("\n") && text.contains("\\n") {
            text = text.replacingOccurrences(of: "\\n", with: "\n")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }
}
