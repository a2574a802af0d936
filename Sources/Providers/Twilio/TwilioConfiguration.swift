/// The settings of a `twilio` channel in one environment.
public struct TwilioConfiguration: Sendable {
    /// The account the messages are created under (`AC…`); it is in every request's path.
    public var accountSID: String
    /// How live requests authenticate; `nil` when only test credentials are configured.
    public var authentication: Authentication?
    /// The account's auth token: Twilio signs status callbacks with it, even when requests use an API key.
    public var authToken: String?
    /// The sender number or alphanumeric id (`From`).
    public var from: String?
    /// The Messaging Service to send through (`MessagingServiceSid`), used when ``from`` is not set.
    public var messagingServiceSID: String?
    /// Where Twilio posts status callbacks; our message id is appended as the `dh_message_id` query parameter.
    public var statusCallbackURL: String?
    /// Twilio's test credentials, used in sandbox mode.
    public var testCredentials: TestCredentials?
    /// Replaces `https://api.twilio.com` (a local fake, a fixture server).
    public var baseURL: String?
    /// In sandbox mode requests use ``testCredentials``: Twilio validates them but sends nothing and charges nothing.
    public var isSandbox: Bool

    /// How live requests authenticate (HTTP Basic).
    public struct Authentication: Sendable, Hashable {
        private enum Base: Hashable, Sendable {
            case authToken(String)
            case apiKey(sid: String, secret: String)
        }

        private let base: Base

        /// The account SID and its auth token (Twilio recommends this for local testing only).
        public static func authToken(_ token: String) -> Authentication { Authentication(base: .authToken(token)) }

        /// An API key (`SK…`) and its secret, Twilio's recommended credentials.
        public static func apiKey(sid: String, secret: String) -> Authentication {
            Authentication(base: .apiKey(sid: sid, secret: secret))
        }

        /// The Basic user name and password for an account.
        func credentials(accountSID: String) -> (user: String, password: String) {
            switch base {
            case .authToken(let token): (accountSID, token)
            case .apiKey(let sid, let secret): (sid, secret)
            }
        }
    }

    /// Twilio's test credentials (the Test Account SID and Test Auth Token from the console).
    public struct TestCredentials: Sendable, Hashable {
        /// The Test Account SID.
        public var accountSID: String
        /// The Test Auth Token.
        public var authToken: String
        /// The `From` number: test credentials accept only Twilio's magic numbers (`+15005550006` passes).
        public var from: String

        /// Creates test credentials.
        public init(accountSID: String, authToken: String, from: String = TwilioConfiguration.magicFrom) {
            self.accountSID = accountSID
            self.authToken = authToken
            self.from = from
        }
    }

    /// Twilio's API origin.
    public static let defaultBaseURL = "https://api.twilio.com"
    /// The magic `From` number that passes validation with test credentials.
    public static let magicFrom = "+15005550006"
    /// The query parameter carrying our message id on the status callback URL.
    public static let messageIDParameter = "dh_message_id"

    /// Creates a configuration.
    public init(
        accountSID: String,
        authentication: Authentication? = nil,
        authToken: String? = nil,
        from: String? = nil,
        messagingServiceSID: String? = nil,
        statusCallbackURL: String? = nil,
        testCredentials: TestCredentials? = nil,
        baseURL: String? = nil,
        isSandbox: Bool = false
    ) {
        self.accountSID = accountSID
        self.authentication = authentication
        self.authToken = authToken
        self.from = from
        self.messagingServiceSID = messagingServiceSID
        self.statusCallbackURL = statusCallbackURL
        self.testCredentials = testCredentials
        self.baseURL = baseURL
        self.isSandbox = isSandbox
    }
}

// MARK: - Redaction

extension TwilioConfiguration: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "TwilioConfiguration(accountSID: \(accountSID), credentials: <redacted>, sandbox: \(isSandbox))"
    }

    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

extension TwilioConfiguration.Authentication: CustomStringConvertible, CustomReflectable {
    public var description: String { "Authentication(<redacted>)" }

    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

extension TwilioConfiguration.TestCredentials: CustomStringConvertible, CustomReflectable {
    public var description: String { "TestCredentials(accountSID: \(accountSID), authToken: <redacted>)" }

    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
