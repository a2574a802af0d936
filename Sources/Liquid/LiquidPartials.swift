import Foundation

/// Named, pre-parsed partials for `{% render "name" %}` and `{% include "name" %}`.
public struct LiquidPartials: Sendable {
    /// The file extensions ``load(directory:)`` reads.
    public static let fileExtensions = ["liquid", "html", "md", "txt", "json"]

    private var templates: [String: LiquidTemplate]

    /// Creates partials from parsed templates, keyed by the name templates use.
    ///
    /// - Parameter templates: The partials by name.
    public init(_ templates: [String: LiquidTemplate] = [:]) {
        self.templates = templates
    }

    /// The partial called `name`, or nil.
    public subscript(name: String) -> LiquidTemplate? {
        templates[name]
    }

    /// The partials' names, sorted.
    public var names: [String] { templates.keys.sorted() }

    /// Loads and parses every `<key>.liquid`, `.html`, `.md`, `.txt` or `.json` file in a directory (not its
    /// subdirectories); the key is the file name without its extension.
    ///
    /// - Parameter directory: The directory's path.
    /// - Returns: The partials.
    /// - Throws: ``LiquidError`` with ``LiquidError/Code/partialLoadFailed`` if the directory or a file cannot be
    ///   read or two files share a key, or the syntax error of a partial that does not parse.
    public static func load(directory: String) throws(LiquidError) -> LiquidPartials {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw LiquidError(
                .partialLoadFailed, template: directory, line: 0, column: 0,
                message: "cannot read the partials directory")
        }
        var templates: [String: LiquidTemplate] = [:]
        for file in names {
            guard let dot = file.lastIndex(of: "."), fileExtensions.contains(String(file[file.index(after: dot)...]))
            else { continue }
            let key = String(file[..<dot])
            guard templates[key] == nil else {
                throw LiquidError(
                    .partialLoadFailed, template: file, line: 0, column: 0,
                    message: "two partial files have the key '\(key)'; keep one file per key")
            }
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LiquidError(
                    .partialLoadFailed, template: file, line: 0, column: 0, message: "cannot read the partial file")
            }
            templates[key] = try LiquidTemplate(parsing: String(decoding: data, as: UTF8.self), name: key)
        }
        return LiquidPartials(templates)
    }
}
