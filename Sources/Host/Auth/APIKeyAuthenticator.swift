internal import Foundation
internal import Signing

/// Turns an `Authorization: Bearer <secret key>` header into the environment the key belongs to.
///
/// Every configured key is compared with the presented one in constant time, and all keys are always
/// compared, so timing tells neither which key nor how much of one matched. Keys never appear in errors,
/// logs or descriptions.
public struct APIKeyAuthenticator: Sendable, CustomStringConvertible {
    private let keys: [(key: [UInt8], environment: String)]

    /// Creates an authenticator.
    ///
    /// - Parameter keysByEnvironment: Each environment's secret keys (from the configuration's `api_keys`).
    public init(keysByEnvironment: [String: [String]]) {
        keys = keysByEnvironment.sorted { $0.key < $1.key }.flatMap { environment, keys in
            keys.map { (Array($0.utf8), environment) }
        }
    }

    /// The environments that have keys, sorted.
    public var environments: [String] { Array(Set(keys.map(\.environment))).sorted() }

    /// The environment selected by an `Authorization` header value.
    ///
    /// - Parameter authorization: The header's value, or `nil` when absent.
    /// - Returns: The environment's name.
    /// - Throws: ``HostError`` 401 `api_key_missing` (no header) or `invalid_api_key` (not `Bearer <key>`,
    ///   or a key no environment has).
    public func environment(authorization: String?) throws(HostError) -> String {
        if let authorization, let presented = Self.plainBearerToken(authorization) {
            return try environment(presented: presented)
        }
        guard let authorization, !authorization.allSatisfy(\.isWhitespace) else { throw HostError.apiKeyMissing() }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw HostError.invalidAPIKey(
                "The Authorization header is malformed; expected 'Authorization: Bearer <secret key>'")
        }
        var token = parts[1]
        while token.first?.isWhitespace == true { token.removeFirst() }
        while token.last?.isWhitespace == true { token.removeLast() }
        return try environment(presented: Array(token.utf8))
    }

    /// The environment whose key equals `presented`, every key compared in constant time.
    private func environment(presented: [UInt8]) throws(HostError) -> String {
        var found: String?
        for entry in keys where ConstantTime.equals(entry.key, presented) && found == nil {
            found = entry.environment
        }
        guard let found else { throw HostError.invalidAPIKey("The API key is not valid for any environment") }
        return found
    }

    /// The token of the usual header form, `Bearer <token>` with one space and a token of printable
    /// ASCII (no space), read from the bytes; `nil` for any other form, which the general parsing handles
    /// (and gives the same token for this one).
    static func plainBearerToken(_ authorization: String) -> [UInt8]? {
        authorization.utf8.withContiguousStorageIfAvailable { bytes -> [UInt8]? in
            let scheme = 7  // "Bearer " in any case
            guard bytes.count > scheme, bytes[scheme - 1] == UInt8(ascii: " ") else { return nil }
            for (index, letter) in "bearer".utf8.enumerated() where bytes[index] | 0x20 != letter { return nil }
            let token = bytes[scheme...]
            guard token.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
            return Array(token)
        } ?? nil
    }

    /// Lists the environments, never the keys.
    public var description: String { "APIKeyAuthenticator(environments: \(environments))" }
}
