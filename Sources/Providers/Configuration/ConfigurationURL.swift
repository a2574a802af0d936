import Foundation

/// The URL rule of configuration: absolute `http` or `https` URLs with a host.
enum ConfigurationURL {
    /// The lower-cased scheme (`http` or `https`) of `text` if it is an absolute URL with a host, else `nil`.
    static func scheme(ofAbsoluteURL text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return nil }
        return scheme
    }
}
