public import Signing

/// The settings of an `apns` channel in one environment.
///
/// Token-based authentication only: an ES256 provider token signed with the `.p8` key from Apple's
/// developer account (Certificates, Identifiers & Profiles → Keys), identified by its key id and team id.
public struct APNSConfiguration: Sendable {
    /// Apple's production host.
    public static let productionURL = "https://api.push.apple.com"
    /// Apple's development (sandbox) host, for apps signed with a development provisioning profile.
    public static let sandboxURL = "https://api.sandbox.push.apple.com"

    /// The 10-character Team ID the key belongs to (the token's `iss`).
    public var teamID: String
    /// The 10-character Key ID of the `.p8` key (the token's `kid`).
    public var keyID: String
    /// The `.p8` signing key (PKCS#8, EC P-256).
    public var signingKey: PrivateKey
    /// The app's bundle id, sent as `apns-topic`.
    public var bundleID: String
    /// Whether to use Apple's development environment (``sandboxURL``) instead of production.
    ///
    /// Device tokens belong to one environment: a development build's tokens are refused by production
    /// (`BadDeviceToken`) and the other way round.
    public var isSandbox: Bool
    /// Replaces the APNs origin (a local fake); the path `/3/device/<token>` is appended to it.
    public var baseURL: String?
    /// Sets `mutable-content: 1` on alerts so that the app's notification service extension may change them.
    public var mutableContent: Bool
    /// The most requests in flight at once for one message's device tokens.
    public var maxConcurrentRequests: Int

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - teamID: The Team ID.
    ///   - keyID: The Key ID.
    ///   - signingKey: The `.p8` key.
    ///   - bundleID: The app's bundle id (`apns-topic`).
    ///   - isSandbox: Whether to use the development environment.
    ///   - baseURL: Replaces the APNs origin.
    ///   - mutableContent: Whether alerts carry `mutable-content: 1`.
    ///   - maxConcurrentRequests: The most requests in flight at once for one message.
    public init(
        teamID: String,
        keyID: String,
        signingKey: PrivateKey,
        bundleID: String,
        isSandbox: Bool = false,
        baseURL: String? = nil,
        mutableContent: Bool = false,
        maxConcurrentRequests: Int = 8
    ) {
        self.teamID = teamID
        self.keyID = keyID
        self.signingKey = signingKey
        self.bundleID = bundleID
        self.isSandbox = isSandbox
        self.baseURL = baseURL
        self.mutableContent = mutableContent
        self.maxConcurrentRequests = maxConcurrentRequests
    }

    /// The origin requests go to: ``baseURL``, else the sandbox or production host.
    public var origin: String {
        var origin = baseURL ?? (isSandbox ? Self.sandboxURL : Self.productionURL)
        while origin.hasSuffix("/") { origin.removeLast() }
        return origin
    }
}
