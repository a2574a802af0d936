public import Foundation
import Signing
public import Transport

/// Gets and caches the OAuth 2.0 access token FCM requests carry, from a service account.
///
/// The service account's key signs an RS256 assertion (header `kid` = `private_key_id`; claims `iss` =
/// `client_email`, `scope` = ``scope``, `aud` = the token endpoint, `iat`, `exp` = `iat` + 3600) that is
/// posted to the token endpoint (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`). The token
/// is reused until ``refreshMargin`` before it expires. One refresh runs at a time: callers that need a
/// token meanwhile wait for the same refresh.
public actor FCMAccessTokenManager {
    /// The OAuth scope for sending with FCM.
    public static let scope = "https://www.googleapis.com/auth/firebase.messaging"
    /// How long before expiry a token is replaced: 3 minutes 45 seconds, as Google's auth libraries do.
    public static let refreshMargin: TimeInterval = 225
    /// The lifetime asked for in the assertion.
    static let assertionLifetime = 3600

    private let serviceAccount: FCMServiceAccount
    private let tokenURL: String
    private let signer: JWTSigner
    private let transport: any HTTPTransport
    private let now: @Sendable () -> Date
    private var current: (token: String, refreshAt: Date)?
    private var refresh: Task<(token: String, refreshAt: Date), any Error>?

    /// The assertion's claims.
    private struct Claims: Encodable {
        var iss: String
        var scope: String
        var aud: String
        var iat: Int
        var exp: Int
    }

    /// Creates a manager.
    ///
    /// - Parameters:
    ///   - serviceAccount: The service account.
    ///   - tokenURL: The token endpoint; the service account's `token_uri` when `nil`.
    ///   - transport: The HTTP transport for token requests.
    ///   - now: The wall clock (`iat`, expiry).
    /// - Throws: ``ProviderError/Code/misconfigured`` if the key is not an RSA key of 2048 bits or more.
    public init(
        serviceAccount: FCMServiceAccount, tokenURL: String? = nil, transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date
    ) throws {
        do {
            signer = try JWTSigner(algorithm: .rs256, key: serviceAccount.privateKey)
        } catch {
            throw ProviderError(
                .misconfigured, provider: FCMProvider.providerID,
                message: "service_account: private_key must be an RSA key of 2048 bits or more; this one is "
                    + serviceAccount.privateKey.keyDescription)
        }
        self.serviceAccount = serviceAccount
        self.tokenURL = tokenURL ?? serviceAccount.tokenURI
        self.transport = transport
        self.now = now
    }

    /// A valid access token: the cached one, or a new one (waiting for a refresh already under way).
    ///
    /// - Parameter deadline: When a token request must be complete.
    /// - Returns: The access token.
    /// - Throws: ``ProviderError`` if the token endpoint refuses or cannot be reached.
    public func accessToken(deadline: ContinuousClock.Instant) async throws -> String {
        if let current, now() < current.refreshAt { return current.token }
        if let refresh { return try await refresh.value.token }
        let task = Task { try await self.requestToken(deadline: deadline) }
        refresh = task
        defer { refresh = nil }
        let fresh = try await task.value
        current = fresh
        return fresh.token
    }

    /// Drops `token` after FCM refused it (HTTP 401), unless a newer one has replaced it already.
    public func invalidate(_ token: String) {
        if current?.token == token { current = nil }
    }

    /// The signed assertion for a token request at `date`.
    func assertion(at date: Date) throws -> String {
        let iat = Int(date.timeIntervalSince1970.rounded(.down))
        let claims = Claims(
            iss: serviceAccount.clientEmail, scope: Self.scope, aud: tokenURL, iat: iat,
            exp: iat + Self.assertionLifetime)
        return try signer.sign(claims, keyID: serviceAccount.privateKeyID, type: "JWT")
    }

    private func requestToken(deadline: ContinuousClock.Instant) async throws -> (token: String, refreshAt: Date) {
        let issuedAt = now()
        let jwt: String
        do {
            jwt = try assertion(at: issuedAt)
        } catch {
            throw ProviderError(
                .misconfigured, provider: FCMProvider.providerID,
                message: "service_account: could not sign the assertion")
        }
        let form =
            "grant_type=" + FCMWire.percentEncoded("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion="
            + FCMWire.percentEncoded(jwt)
        let request = HTTPRequest(
            method: .post, url: tokenURL,
            headers: ["content-type": "application/x-www-form-urlencoded", "accept": "application/json"],
            body: Array(form.utf8))
        let response: HTTPResponse
        do {
            response = try await transport.execute(request, deadline: deadline)
        } catch let error as TransportError {
            throw error.providerError(FCMProvider.providerID)
        }
        let grant = try FCMProvider.accessToken(from: response, now: issuedAt)
        let lifetime = grant.expiresIn
        let margin = min(Self.refreshMargin, lifetime / 2)
        return (grant.token, issuedAt.addingTimeInterval(lifetime - margin))
    }
}
