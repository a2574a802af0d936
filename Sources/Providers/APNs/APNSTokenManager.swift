public import Foundation
public import Signing

/// Mints and caches the APNs provider token (an ES256 JWT) for one team and key.
///
/// Apple's rules: refresh the token no more than once every 20 minutes and no less than once every 60
/// minutes; a token older than an hour is refused (`ExpiredProviderToken`), and changing tokens too often
/// is refused too (`TooManyProviderTokenUpdates`). So the cached token is reused until it is
/// ``refreshAge`` old (50 minutes), and a token APNs rejects is dropped only once it is at least
/// ``minimumAge`` old (20 minutes): never more often than that, whatever APNs says.
///
/// One manager per team and key; share it between providers that use the same key. Signing is
/// synchronous, so there is never more than one refresh at a time.
public actor APNSTokenManager {
    /// How old a token gets before it is replaced: 50 minutes.
    public static let refreshAge: Duration = .seconds(50 * 60)
    /// The youngest a token may be replaced at: 20 minutes.
    public static let minimumAge: Duration = .seconds(20 * 60)

    /// The Team ID (`iss`).
    public nonisolated let teamID: String
    /// The Key ID (`kid`).
    public nonisolated let keyID: String
    private let signer: JWTSigner
    private let now: @Sendable () -> Date
    private var current: (token: String, issuedAt: Date)?
    private var unacceptedInvalidToken = false

    /// The claims of a provider token: `iss` (team id) and `iat` (seconds since 1970).
    private struct Claims: Encodable {
        var iss: String
        var iat: Int
    }

    /// Creates a manager.
    ///
    /// - Parameters:
    ///   - signingKey: The `.p8` key (EC P-256).
    ///   - teamID: The Team ID.
    ///   - keyID: The Key ID.
    ///   - now: The wall clock (token ages and `iat`).
    /// - Throws: ``SigningError`` if the key is not an EC P-256 key.
    public init(signingKey: PrivateKey, teamID: String, keyID: String, now: @escaping @Sendable () -> Date) throws {
        self.signer = try JWTSigner(algorithm: .es256, key: signingKey)
        self.teamID = teamID
        self.keyID = keyID
        self.now = now
    }

    /// The current token, minted if there is none or it is ``refreshAge`` old.
    ///
    /// - Returns: The compact JWT, header `{"alg":"ES256","kid":<key id>}`, claims `{"iat":…,"iss":<team id>}`.
    /// - Throws: ``SigningError`` if signing fails.
    public func token() throws -> String {
        let date = now()
        if let current, age(of: current.issuedAt, at: date) < Self.refreshAge {
            return current.token
        }
        let issuedAt = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        let token = try signer.sign(Claims(iss: teamID, iat: Int(issuedAt.timeIntervalSince1970)), keyID: keyID)
        current = (token, issuedAt)
        return token
    }

    /// Asks for `token` to be replaced after APNs refused it (`ExpiredProviderToken`, `InvalidProviderToken`).
    ///
    /// The token is dropped only if it is still the cached one and at least ``minimumAge`` old.
    ///
    /// - Parameter token: The token APNs refused.
    /// - Returns: `nil` if the next ``token()`` will be a new token (or already is); otherwise how long
    ///   until the cached token may be replaced.
    public func requestReplacement(of token: String) -> Duration? {
        guard let current, current.token == token else { return nil }
        let age = age(of: current.issuedAt, at: now())
        guard age >= Self.minimumAge else { return Self.minimumAge - age }
        self.current = nil
        return nil
    }

    /// Records an `InvalidProviderToken` answer.
    ///
    /// - Returns: `true` the first time since a request was last accepted (worth one retry with a
    ///   replaced token), `false` after that (the key, key id or team id is wrong).
    public func noteInvalidToken() -> Bool {
        defer { unacceptedInvalidToken = true }
        return !unacceptedInvalidToken
    }

    /// Records that APNs accepted a request, so the next `InvalidProviderToken` counts as the first again.
    public func noteAccepted() {
        unacceptedInvalidToken = false
    }

    private func age(of issuedAt: Date, at date: Date) -> Duration {
        .milliseconds(Int64((date.timeIntervalSince(issuedAt) * 1000).rounded(.down)))
    }
}
