public import Foundation

/// An HTTP request to sign with ``SigV4Signer``.
///
/// The ``path`` and the ``query`` items are written **as they appear on the wire**: the percent-encoded
/// form that goes into the request line, such as `/v2/email/outbound-emails` or `/my%20photo.jpg`.
/// The signer derives the canonical forms from them (see ``SigV4Signer/Options``). Headers and query
/// items are ordered lists: a name may repeat, and the order given is kept.
///
/// Pass exactly the headers that will be sent, unchanged: every header here is signed, and the
/// request must have a `Host` header (``init(method:url:headers:payload:)`` adds it from the URL).
///
/// ```swift
/// let request = SigV4Request(
///     method: "POST",
///     path: "/v2/email/outbound-emails",
///     headers: [.init("Host", "email.us-east-1.amazonaws.com"), .init("Content-Type", "application/json")],
///     payload: .bytes(body)
/// )
/// ```
public struct SigV4Request: Sendable, Equatable {
    /// One header field. Names compare case-insensitively when signing.
    public struct Header: Sendable, Hashable {
        /// The field name, such as `Content-Type`.
        public var name: String
        /// The field value as sent. It may be a folded value (line breaks each followed by a space or tab).
        public var value: String

        /// Creates a header field.
        ///
        /// - Parameters:
        ///   - name: The field name.
        ///   - value: The field value.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One `name=value` pair of the query string, percent-encoded as on the wire.
    ///
    /// `%XX` escapes are decoded before canonicalisation; `+` is a literal plus sign, not a space.
    public struct QueryItem: Sendable, Hashable {
        /// The name, percent-encoded as on the wire.
        public var name: String
        /// The value, percent-encoded as on the wire; empty for a bare `name` or `name=`.
        public var value: String

        /// Creates a query item.
        ///
        /// - Parameters:
        ///   - name: The name, percent-encoded as on the wire.
        ///   - value: The value, percent-encoded as on the wire.
        public init(_ name: String, _ value: String = "") {
            self.name = name
            self.value = value
        }
    }

    /// The HTTP method, such as `GET` or `POST` (case-sensitive, sent as given).
    public var method: String
    /// The path as on the wire (percent-encoded), starting with `/`; an empty path means `/`.
    public var path: String
    /// The query items in the order sent; names may repeat.
    public var query: [QueryItem]
    /// The header fields in the order sent; names may repeat.
    public var headers: [Header]
    /// The body, or how it is accounted for in the signature.
    public var payload: Payload

    /// Creates a request from its parts.
    ///
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - path: The path as on the wire (percent-encoded).
    ///   - query: The query items as on the wire, in order.
    ///   - headers: The header fields, in order; must include `Host`.
    ///   - payload: The body, or how it is accounted for.
    public init(
        method: String,
        path: String,
        query: [QueryItem] = [],
        headers: [Header] = [],
        payload: Payload = .empty
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payload = payload
    }

    /// Creates a request for a URL, adding a `Host` header from it unless `headers` has one.
    ///
    /// The path and the query are taken in their percent-encoded form. A port is added to `Host`
    /// only when it is not the scheme's default.
    ///
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - url: An absolute `http` or `https` URL.
    ///   - headers: Further header fields, in order.
    ///   - payload: The body, or how it is accounted for.
    /// - Throws: ``SigningError/Code/invalidRequest`` if the URL has no host.
    public init(method: String, url: URL, headers: [Header] = [], payload: Payload = .empty) throws {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            let host = components.percentEncodedHost, !host.isEmpty
        else {
            throw SigningError(.invalidRequest, "the URL to sign has no host; use an absolute http(s) URL")
        }
        var allHeaders = headers
        if !headers.contains(where: { $0.name.lowercased() == "host" }) {
            let scheme = components.scheme?.lowercased()
            let defaultPort = scheme == "http" ? 80 : 443
            let hostValue = components.port.map { $0 == defaultPort ? host : "\(host):\($0)" } ?? host
            allHeaders.insert(Header("Host", hostValue), at: 0)
        }
        self.init(
            method: method,
            path: components.percentEncodedPath,
            query: components.percentEncodedQuery.map(Self.queryItems(parsing:)) ?? [],
            headers: allHeaders,
            payload: payload
        )
    }

    /// Splits a query string as on the wire (without the `?`) into items, keeping order and repeats.
    ///
    /// Items are separated by `&`; each is split at its first `=`. A bare `name` gives an empty
    /// value, and empty items (`a=1&&b=2`) are skipped. Nothing is decoded.
    ///
    /// - Parameter rawQuery: The query string, such as `Param1=value1&Param2`.
    /// - Returns: The items in order.
    public static func queryItems(parsing rawQuery: String) -> [QueryItem] {
        rawQuery.split(separator: "&", omittingEmptySubsequences: true).map { item in
            guard let equals = item.firstIndex(of: "=") else {
                return QueryItem(String(item))
            }
            return QueryItem(String(item[..<equals]), String(item[item.index(after: equals)...]))
        }
    }
}
