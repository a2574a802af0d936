/// How much of a delivered attempt's HTTP exchanges its delivery log keeps (the channel setting
/// `delivery_log`). A failed attempt's log always keeps everything (redacted).
public enum DeliveryLogDetail: String, Sendable, Hashable, CaseIterable {
    /// The request and response in full, their bodies redacted field by field.
    case full
    /// The method, URL, headers and status, redacted, and the sizes of the bodies but not the bodies:
    /// the bodies are neither parsed nor redacted nor stored, which is most of what logging costs.
    case summary

    /// The setting's default: ``full``, the request and response as sent and received (redacted).
    public static let `default` = DeliveryLogDetail.full
}
