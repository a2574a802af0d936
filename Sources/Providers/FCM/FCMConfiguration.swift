/// The settings of an `fcm` channel in one environment.
public struct FCMConfiguration: Sendable {
    /// The FCM HTTP v1 API's origin.
    public static let defaultURL = "https://fcm.googleapis.com"

    /// The service account that authenticates (its key signs the OAuth assertion).
    public var serviceAccount: FCMServiceAccount
    /// The Firebase project messages are sent in.
    public var projectID: String
    /// Replaces the FCM API origin (a local fake); `/v1/projects/<project>/messages:send` is appended.
    public var baseURL: String?
    /// Replaces the OAuth token endpoint (the service account's `token_uri`), for local fakes.
    public var tokenURL: String?
    /// Sends with `validate_only: true`: FCM checks the message and the token but delivers nothing.
    public var validateOnly: Bool
    /// The most requests in flight at once for one message's device tokens.
    public var maxConcurrentRequests: Int

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - serviceAccount: The service account.
    ///   - projectID: The Firebase project; the service account's when `nil`.
    ///   - baseURL: Replaces the FCM origin.
    ///   - tokenURL: Replaces the token endpoint.
    ///   - validateOnly: Whether FCM only validates (sandbox mode).
    ///   - maxConcurrentRequests: The most requests in flight at once for one message.
    public init(
        serviceAccount: FCMServiceAccount,
        projectID: String? = nil,
        baseURL: String? = nil,
        tokenURL: String? = nil,
        validateOnly: Bool = false,
        maxConcurrentRequests: Int = 8
    ) {
        self.serviceAccount = serviceAccount
        self.projectID = projectID ?? serviceAccount.projectID ?? ""
        self.baseURL = baseURL
        self.tokenURL = tokenURL
        self.validateOnly = validateOnly
        self.maxConcurrentRequests = maxConcurrentRequests
    }

    /// The send endpoint: `<origin>/v1/projects/<project>/messages:send`.
    public var sendURL: String {
        var origin = baseURL ?? Self.defaultURL
        while origin.hasSuffix("/") { origin.removeLast() }
        let project = FCMWire.percentEncoded(projectID)
        return "\(origin)/v1/projects/\(project)/messages:send"
    }

    /// Where access tokens are requested: ``tokenURL``, else the service account's `token_uri`.
    public var tokenEndpoint: String {
        tokenURL ?? serviceAccount.tokenURI
    }
}
