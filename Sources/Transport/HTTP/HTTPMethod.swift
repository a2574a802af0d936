/// An HTTP request method.
public struct HTTPMethod: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The method token, such as `POST`.
    public let rawValue: String

    /// Creates a method from its token, upper-cased.
    public init(_ rawValue: String) {
        self.rawValue = rawValue.uppercased()
    }

    public static let get = HTTPMethod("GET")
    public static let post = HTTPMethod("POST")
    public static let put = HTTPMethod("PUT")
    public static let patch = HTTPMethod("PATCH")
    public static let delete = HTTPMethod("DELETE")
    public static let head = HTTPMethod("HEAD")

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
