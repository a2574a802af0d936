/// Who a message goes to: the contact data and channel data a provider needs.
public struct Recipient: Sendable, Hashable {
    /// The recipient's id (a user id, or an object's `collection/id`).
    public var id: String
    /// The email address, if any.
    public var email: String?
    /// The phone number in E.164 form, if any.
    public var phoneNumber: String?
    /// The display name, if any.
    public var name: String?
    /// The IANA time zone, such as `Europe/Paris`, if any.
    public var timezone: String?
    /// The locale, such as `fr-FR`, if any.
    public var locale: String?
    /// Channel data keyed by channel id: push tokens, Slack connections, webhook targets.
    public var channelData: [String: JSONValue]

    /// Creates a recipient.
    public init(
        id: String,
        email: String? = nil,
        phoneNumber: String? = nil,
        name: String? = nil,
        timezone: String? = nil,
        locale: String? = nil,
        channelData: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.email = email
        self.phoneNumber = phoneNumber
        self.name = name
        self.timezone = timezone
        self.locale = locale
        self.channelData = channelData
    }
}
