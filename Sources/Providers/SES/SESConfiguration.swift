public import Signing

/// The settings of an `ses` channel in one environment.
///
/// Credentials are static: an access key pair, optionally with the session token of temporary
/// (STS) credentials. Nothing here refreshes them, so an expired session token is reported as
/// ``ProviderError/Code/misconfigured``.
public struct SESConfiguration: Sendable {
    /// The AWS region, such as `eu-west-1`: the API host and the SigV4 credential scope.
    public var region: String
    /// The credentials that sign every request.
    public var credentials: AWSCredentials
    /// The default sender (`FromEmailAddress`), such as `Acme <hello@acme.test>`; a message may carry its own.
    public var from: String?
    /// The configuration set to send with (`ConfigurationSetName`); event publishing is set up on it.
    public var configurationSet: String?
    /// Replaces `https://email.<region>.amazonaws.com` (a local fake, a VPC endpoint).
    public var baseURL: String?
    /// In sandbox mode every recipient outside the mailbox simulator is replaced by
    /// ``SESConfiguration/sandboxRecipient`` (SES has no test mode of its own).
    public var isSandbox: Bool
    /// The only SNS topic whose callbacks are accepted, or `nil` to accept any topic.
    public var snsTopicARN: String?
    /// Verifies SNS callbacks: the trusted roots and intermediates for the signing certificate.
    public var snsVerifier: SNSMessageVerifier
    /// How old an SNS message may be; SNS retries an HTTPS delivery for at most an hour.
    public var snsMaximumAge: Duration

    /// The mailbox simulator address that receives sandbox mail: SES reports it delivered.
    public static let sandboxRecipient = "success@simulator.amazonses.com"
    /// The domain of SES's mailbox simulator, whose addresses are kept in sandbox mode.
    public static let simulatorDomain = "simulator.amazonses.com"

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - region: The AWS region.
    ///   - credentials: The signing credentials.
    ///   - from: The default sender.
    ///   - configurationSet: The configuration set to send with.
    ///   - baseURL: Replaces the regional API origin.
    ///   - isSandbox: Whether recipients are redirected to the mailbox simulator.
    ///   - snsTopicARN: The only topic whose callbacks are accepted.
    ///   - snsVerifier: Verifies SNS callbacks; the system trust store by default.
    ///   - snsMaximumAge: How old an SNS message may be; 65 minutes by default.
    public init(
        region: String,
        credentials: AWSCredentials,
        from: String? = nil,
        configurationSet: String? = nil,
        baseURL: String? = nil,
        isSandbox: Bool = false,
        snsTopicARN: String? = nil,
        snsVerifier: SNSMessageVerifier = SNSMessageVerifier(),
        snsMaximumAge: Duration = .seconds(65 * 60)
    ) {
        self.region = region
        self.credentials = credentials
        self.from = from
        self.configurationSet = configurationSet
        self.baseURL = baseURL
        self.isSandbox = isSandbox
        self.snsTopicARN = snsTopicARN
        self.snsVerifier = snsVerifier
        self.snsMaximumAge = snsMaximumAge
    }

    /// The URL of the SES v2 `SendEmail` operation.
    public var sendEmailURL: String {
        let origin =
            baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "https://email.\(region).amazonaws.com"
        return origin + "/v2/email/outbound-emails"
    }
}
