/// File path arithmetic for includes and `$file` references, on `/`-separated paths.
///
/// Paths are only normalised lexically (`.` and `a/..` removed); symbolic links are not followed.
enum ConfigurationPath {
    /// `path` resolved against the directory holding `file`: absolute paths stay as they are.
    static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        return normalize(directory(of: file) + path)
    }

    /// The directory part of `file`, ending in `/`, or empty for a bare file name.
    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return String(file[...slash])
    }

    /// `path` without empty and `.` components and with `name/..` pairs removed.
    static func normalize(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".":
                continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !isAbsolute {
                    parts.append(part)
                }
            default:
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return isAbsolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
