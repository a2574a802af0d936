/// Sends one push message to every device token of a recipient and sums the results up.
///
/// Each token is a separate request; up to `maxConcurrent` are in flight at once. The outcome:
/// - if any token accepted the message: a ``DeliveryReceipt`` (outcome ``DeliveryReceipt/Outcome/sent``)
///   whose ``DeliveryReceipt/targets`` hold one result per token, including the failures (dead tokens
///   appear in ``DeliveryReceipt/invalidTargets``). Failures of other tokens are **not** retried, even
///   retryable ones: retrying the message would send it again to the tokens that accepted it;
/// - if no token accepted it: the most actionable error is thrown (see ``precedence``), so that a
///   retryable failure of any token makes the pipeline retry the whole message, and
///   ``ProviderError/Code/invalidRecipient`` is thrown only when every token is dead.
enum PushFanOut {
    /// What one token's request came to.
    typealias TargetOutcome = Result<Accepted, ProviderError>

    /// One token's acceptance.
    struct Accepted: Sendable, Hashable {
        /// The provider's id for this delivery.
        var providerMessageID: String?
        /// The HTTP status of the accepting response.
        var httpStatus: Int

        /// Creates an acceptance.
        init(providerMessageID: String?, httpStatus: Int) {
            self.providerMessageID = providerMessageID
            self.httpStatus = httpStatus
        }
    }

    /// Error codes from the one thrown first to the one thrown last when no token accepted the message.
    ///
    /// Cancellation wins (the host is stopping); then failures a retry may cure, credentials first; then
    /// channel and message problems; dead tokens come last, so ``ProviderError/Code/invalidRecipient``
    /// means every token is dead.
    static let precedence: [ProviderError.Code] = [
        .cancelled, .reauthenticate, .rateLimited, .unavailable, .timeout, .connectionFailed, .misconfigured,
        .internalFailure, .rejected, .invalidRecipient,
    ]

    /// Runs `send` for every token, at most `maxConcurrent` at a time.
    ///
    /// - Parameters:
    ///   - tokens: The device tokens.
    ///   - maxConcurrent: The most requests in flight at once (at least 1).
    ///   - send: Sends to one token; must not throw (failures are results).
    /// - Returns: One outcome per token, in the order of `tokens`.
    static func run(
        _ tokens: [String], maxConcurrent: Int, send: @escaping @Sendable (String) async -> TargetOutcome
    ) async -> [TargetOutcome] {
        await withTaskGroup(of: (Int, TargetOutcome).self) { group in
            var outcomes = [TargetOutcome?](repeating: nil, count: tokens.count)
            var next = 0
            func startNext() {
                let index = next
                let token = tokens[index]
                group.addTask { (index, await send(token)) }
                next += 1
            }
            while next < min(max(1, maxConcurrent), tokens.count) { startNext() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                if next < tokens.count { startNext() }
            }
            return outcomes.map { $0! }
        }
    }

    /// The receipt for the outcomes, or the error to throw when no token accepted the message.
    ///
    /// - Parameters:
    ///   - tokens: The device tokens, in the order of `outcomes`.
    ///   - outcomes: One outcome per token.
    ///   - provider: The provider, for the error.
    /// - Returns: A receipt whose ``DeliveryReceipt/providerMessageID`` is the first accepting token's.
    /// - Throws: The most actionable ``ProviderError`` (see ``precedence``) when no token accepted it.
    static func receipt(tokens: [String], outcomes: [TargetOutcome], provider: ProviderID) throws
        -> DeliveryReceipt
    {
        var targets: [DeliveryReceipt.TargetResult] = []
        var accepted: [Accepted] = []
        var errors: [ProviderError] = []
        for (token, outcome) in zip(tokens, outcomes) {
            switch outcome {
            case .success(let acceptance):
                accepted.append(acceptance)
                targets.append(.init(target: token, providerMessageID: acceptance.providerMessageID))
            case .failure(let error):
                errors.append(error)
                targets.append(.init(target: token, errorCode: error.code, reason: error.providerCode ?? error.message))
            }
        }
        guard let first = accepted.first else {
            throw primaryError(errors, provider: provider)
        }
        var detail = "accepted for \(accepted.count) of \(tokens.count) device token\(tokens.count == 1 ? "" : "s")"
        let dead = errors.filter { $0.code == .invalidRecipient }.count
        if dead > 0 { detail += "; \(dead) invalid" }
        if errors.count > dead { detail += "; \(errors.count - dead) failed, not retried" }
        return DeliveryReceipt(
            providerMessageID: first.providerMessageID, outcome: .sent, httpStatus: first.httpStatus, detail: detail,
            targets: targets)
    }

    /// The error to throw when every token failed.
    static func primaryError(_ errors: [ProviderError], provider: ProviderID) -> ProviderError {
        func rank(_ error: ProviderError) -> Int { precedence.firstIndex(of: error.code) ?? precedence.count }
        guard var primary = errors.min(by: { rank($0) < rank($1) }) else {
            return ProviderError(.internalFailure, provider: provider, message: "no device token was tried")
        }
        guard errors.count > 1 else { return primary }
        let same = errors.filter { $0.code == primary.code }
        primary.retryAfter = same.compactMap(\.retryAfter).max()
        let reasons = Set(errors.map { $0.providerCode ?? $0.code.description }).sorted().joined(separator: ", ")
        primary.message =
            primary.code == .invalidRecipient
            ? "all \(errors.count) device tokens are invalid (\(reasons))"
            : "none of the \(errors.count) device tokens accepted the message (\(reasons)); \(primary.message)"
        return primary
    }
}
