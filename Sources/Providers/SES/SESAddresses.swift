import Transport

/// The sender and recipients of one SES send, checked, with the sandbox redirection applied.
struct SESAddresses {
    var from: MailAddress
    var to: [MailAddress]
    var cc: [MailAddress]
    var bcc: [MailAddress]
    var replyTo: [MailAddress]

    /// Reads the addresses of `message`: the sender is the message's or the channel's `from`; the
    /// primary recipients are the message's `to`, or the recipient's email.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` for no usable sender,
    ///   ``ProviderError/Code/invalidRecipient`` for a missing or unusable primary recipient, and
    ///   ``ProviderError/Code/rejected`` for an unusable Cc, Bcc or Reply-To address.
    init(message: OutboundMessage, email: EmailContent, configuration: SESConfiguration) throws {
        let provider = SESProvider.providerID
        guard let sender = email.from ?? configuration.from else {
            throw ProviderError(
                .misconfigured, provider: provider,
                message: "no sender: set 'from' on the channel or in the message")
        }
        guard let from = MailAddress.parse(sender) else {
            throw ProviderError(
                .misconfigured, provider: provider, message: "the sender ('from') is not a usable address")
        }
        self.from = from
        let primary = email.to.isEmpty ? message.recipient.email.map { [$0] } ?? [] : email.to
        guard !primary.isEmpty else {
            throw ProviderError(
                .invalidRecipient, provider: provider,
                message: "the recipient has no email address and the message no 'to'")
        }
        to = try Self.parse(primary, field: "to", code: .invalidRecipient)
        cc = try Self.parse(email.cc, field: "cc", code: .rejected)
        bcc = try Self.parse(email.bcc, field: "bcc", code: .rejected)
        replyTo = try Self.parse(email.replyTo, field: "reply_to", code: .rejected)
        if configuration.isSandbox { redirectToSimulator() }
    }

    /// The addresses as SES expects them: `Name <address>`, non-ASCII names as RFC 2047 encoded words.
    var rendered: SESWire.Addresses {
        SESWire.Addresses(
            from: from.description, to: to.map(\.description), cc: cc.map(\.description),
            bcc: bcc.map(\.description), replyTo: replyTo.map(\.description))
    }

    /// Replaces every To, Cc and Bcc address outside the mailbox simulator with
    /// ``SESConfiguration/sandboxRecipient``, then keeps each address once (in To first).
    ///
    /// Simulator addresses (`bounce@`, `complaint@`, …) are kept, so sandbox sends can still
    /// exercise every simulated outcome.
    mutating func redirectToSimulator() {
        var seen = Set<String>()
        func redirect(_ list: [MailAddress]) -> [MailAddress] {
            list.map { address in
                address.domain.lowercased() == SESConfiguration.simulatorDomain
                    ? MailAddress(address.address) : MailAddress(SESConfiguration.sandboxRecipient)
            }.filter { seen.insert($0.address.lowercased()).inserted }
        }
        to = redirect(to)
        cc = redirect(cc)
        bcc = redirect(bcc)
    }

    private static func parse(_ texts: [String], field: String, code: ProviderError.Code) throws -> [MailAddress] {
        try MailAddress.parseAll(texts, field: field, code: code, provider: SESProvider.providerID)
    }
}
