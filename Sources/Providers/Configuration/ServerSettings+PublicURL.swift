import Foundation

extension ServerSettings {
    /// `text` as a public URL: an absolute `http` or `https` URL with a host, without user info, query or
    /// fragment, with any trailing `/` removed; `nil` when it is not one.
    ///
    /// - Parameter text: The configured value, such as `https://hooks.acme.example/delivery/`.
    /// - Returns: The normalized URL, such as `https://hooks.acme.example/delivery`.
    public static func normalizedPublicURL(_ text: String) -> String? {
        guard ConfigurationURL.scheme(ofAbsoluteURL: text) != nil, let components = URLComponents(string: text),
            components.user == nil, components.password == nil, components.query == nil,
            components.fragment == nil, !text.contains(where: \.isWhitespace)
        else { return nil }
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
