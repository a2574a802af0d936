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
        guard let authorization, !authorization.allSatisfy(\.isWhitespace) else { throw HostError.apiKeyMissing() }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw HostError.invalidAPIKey(
                "The Authorization header is malformed; expected 'Authorization: Bearer <secret key>'")
        }
        var token = parts[1]
        while token.first?.isWhitespace == true { token.removeFirst() }
        while token.last?.isWhitespace == true { token.removeLast() }
        let presented = Array(token.utf8)
        var found: String?
        for entry in keys where ConstantTime.equals(entry.key, presented) && found == nil {
            found = entry.environment
        }
        guard let found else { throw HostError.invalidAPIKey("The API key is not valid for any environment") }
        return found
    }

    /// Lists the environments, never the keys.
    public var description: String { "APIKeyAuthenticator(environments: \(environments))" }
}
