import Foundation

/// Reads an SES event (the `Message` of an SNS notification) into status updates.
///
/// Both shapes are read: event publishing through a configuration set (`eventType`) and identity
/// feedback notifications (`notificationType`). The message is matched by `mail.messageId`, the
/// `MessageId` SES returned for the send. One update is made per recipient the event names.
///
/// | event | update |
/// |---|---|
/// | `Delivery` | `delivered` |
/// | `Bounce`, `bounceType` `Permanent` | `bounced` (hard bounce; SES suppresses the address) |
/// | `Bounce`, `Transient` with a sub-type other than `General`, or `Undetermined` | `undelivered` (SES has stopped retrying) |
/// | `Bounce`, `Transient` / `General` | none: auto-replies (out of office) arrive like this, after a `Delivery` |
/// | `Complaint` | `bounced`, reason `complaint` |
/// | `Reject` | `undelivered` (SES refused to send it, such as for a virus) |
/// | `Send`, `Open`, `Click`, `DeliveryDelay`, `Rendering Failure`, `Subscription`, others | none |
enum SESEvent {
    /// The updates an SES event gives.
    ///
    /// - Throws: ``ProviderError/Code/invalidCallback`` if the text is not a JSON object, or an event
    ///   that changes a status has no `mail.messageId`.
    static func updates(fromMessage text: String) throws -> [StatusUpdate] {
        guard let event = try? JSONValue.parse(text), event.objectValue != nil else {
            throw invalid("the SNS notification's Message is not an SES event (not a JSON object)")
        }
        let type = event["eventType"]?.stringValue ?? event["notificationType"]?.stringValue ?? ""
        let mail = event["mail"]
        func messageID() throws -> String {
            guard let id = mail?["messageId"]?.stringValue, !id.isEmpty else {
                throw invalid("the SES \(type) event has no mail.messageId")
            }
            return id
        }
        switch type {
        case "Delivery":
            let delivery = event["delivery"]
            let id = try messageID()
            return recipients(delivery?["recipients"], mail: mail).map {
                StatusUpdate(
                    providerMessageID: id, status: .delivered, reason: delivery?["smtpResponse"]?.stringValue,
                    occurredAt: date(delivery?["timestamp"]), recipient: $0)
            }
        case "Bounce":
            let bounce = event["bounce"]
            let kind = bounce?["bounceType"]?.stringValue ?? "Undetermined"
            let subType = bounce?["bounceSubType"]?.stringValue ?? "Undetermined"
            let status: StatusUpdate.Status
            switch (kind, subType) {
            case ("Permanent", _): status = .bounced
            case ("Transient", "General"): return []
            case ("Transient", _), ("Undetermined", _): status = .undelivered
            default: return []
            }
            let id = try messageID()
            let bounced = bounce?["bouncedRecipients"]?.arrayValue ?? []
            let entries: [JSONValue?] = bounced.isEmpty ? [nil] : bounced
            return entries.map { entry in
                StatusUpdate(
                    providerMessageID: id, status: status,
                    reason: entry?["diagnosticCode"]?.stringValue ?? "\(kind.lowercased()) bounce (\(subType))",
                    providerCode: "\(kind)/\(subType)", occurredAt: date(bounce?["timestamp"]),
                    recipient: entry?["emailAddress"]?.stringValue)
            }
        case "Complaint":
            let complaint = event["complaint"]
            let id = try messageID()
            let complained = complaint?["complainedRecipients"]?.arrayValue?.compactMap { $0["emailAddress"] }
            return recipients(complained.map(JSONValue.array), mail: mail).map {
                StatusUpdate(
                    providerMessageID: id, status: .bounced, reason: "complaint",
                    providerCode: complaint?["complaintFeedbackType"]?.stringValue ?? "Complaint",
                    occurredAt: date(complaint?["timestamp"]), recipient: $0)
            }
        case "Reject":
            let id = try messageID()
            return recipients(nil, mail: mail).map {
                StatusUpdate(
                    providerMessageID: id, status: .undelivered,
                    reason: event["reject"]?["reason"]?.stringValue ?? "rejected by SES", providerCode: "Reject",
                    occurredAt: date(mail?["timestamp"]), recipient: $0)
            }
        default:
            return []
        }
    }

    /// The addresses in `list`, else the mail's destination; `[nil]` when neither names any.
    private static func recipients(_ list: JSONValue?, mail: JSONValue?) -> [String?] {
        let addresses = (list ?? mail?["destination"])?.arrayValue?.compactMap(\.stringValue) ?? []
        return addresses.isEmpty ? [nil] : addresses
    }

    /// An SES timestamp (`2017-08-05T00:41:02.669Z`, with or without fractional seconds).
    static func date(_ value: JSONValue?) -> Date? {
        guard let text = value?.stringValue else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    private static func invalid(_ message: String) -> ProviderError {
        ProviderError(.invalidCallback, provider: SESProvider.providerID, message: message)
    }
}
