/// Removes credentials from URLs before they go into messages.
///
/// User info (`user:password@`), the query and the fragment may carry secrets (API keys in query
/// strings, basic-auth passwords), so messages show only scheme, host, port and path.
enum URLRedaction {
    /// `url` without user info, query or fragment: `https://user:pw@host:443/p?key=1` → `https://host:443/p`.
    static func redact(_ url: String) -> String {
        let withoutQuery = url.prefix { $0 != "?" && $0 != "#" }
        guard let schemeEnd = withoutQuery.firstRange(of: "://") else {
            // Not an absolute URL: keep only what follows a possible `userinfo@`.
            return String(withoutQuery.split(separator: "@", omittingEmptySubsequences: false).last ?? "")
        }
        let afterScheme = withoutQuery[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        let host = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        return String(withoutQuery[..<schemeEnd.upperBound]) + host + afterScheme[authorityEnd...]
    }

    /// `message` with every copy of `url` replaced by its redacted form, and its user info and
    /// query removed wherever they appear on their own.
    static func scrub(_ message: String, url: String) -> String {
        var text = message.replacing(url, with: redact(url))
        for secret in secrets(of: url) where !secret.isEmpty {
            text = text.replacing(secret, with: "<redacted>")
        }
        return text
    }

    /// The user info and the query of `url`, the parts that may hold credentials.
    private static func secrets(of url: String) -> [String] {
        var found: [String] = []
        if let query = url.firstIndex(of: "?") {
            found.append(String(url[url.index(after: query)...].prefix { $0 != "#" }))
        }
        if let schemeEnd = url.firstRange(of: "://") {
            let authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if let at = authority.lastIndex(of: "@") {
                found.append(String(authority[..<at]))
            }
        }
        return found
    }
}
