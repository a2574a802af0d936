import Providers

/// What one attempt came to, as printed by `send` and `fixtures record`.
enum SendOutcome {
    case accepted(message: OutboundMessage, settings: ChannelSettings, receipt: DeliveryReceipt)
    case failed(message: OutboundMessage, settings: ChannelSettings, error: ProviderError)

    /// 0 when the provider accepted the message, 1 when it did not.
    var exitStatus: Int32 {
        if case .accepted = self { 0 } else { 1 }
    }

    var json: JSONValue {
        switch self {
        case .accepted(let message, let settings, let receipt):
            var receiptJSON: JSONObject = ["outcome": .string(receipt.outcome.rawValue)]
            receiptJSON["provider_message_id"] = receipt.providerMessageID.map(JSONValue.string)
            receiptJSON["http_status"] = receipt.httpStatus.map { .number(Double($0)) }
            receiptJSON["detail"] = receipt.detail.map(JSONValue.string)
            if !receipt.targets.isEmpty {
                receiptJSON["targets"] = .array(
                    receipt.targets.map { target in
                        var object: JSONObject = ["target": .string(target.target)]
                        object["provider_message_id"] = target.providerMessageID.map(JSONValue.string)
                        object["error"] = target.errorCode.map { .string($0.description) }
                        object["reason"] = target.reason.map(JSONValue.string)
                        return .object(object)
                    })
            }
            var root = header(message, settings, status: "accepted")
            root["receipt"] = .object(receiptJSON)
            return .object(root)
        case .failed(let message, let settings, let error):
            var errorJSON: JSONObject = [
                "code": .string(error.code.description), "retryable": .bool(error.code.isRetryable),
                "reauthenticate": .bool(error.code.requiresReauthentication),
                "invalidates_recipient": .bool(error.code.invalidatesRecipient), "message": .string(error.message),
            ]
            errorJSON["http_status"] = error.httpStatus.map { .number(Double($0)) }
            errorJSON["provider_code"] = error.providerCode.map(JSONValue.string)
            errorJSON["retry_after_seconds"] = error.retryAfter.map { .number(Double($0.components.seconds)) }
            var root = header(message, settings, status: "failed")
            root["error"] = .object(errorJSON)
            return .object(root)
        }
    }

    private func header(_ message: OutboundMessage, _ settings: ChannelSettings, status: String) -> JSONObject {
        [
            "status": .string(status), "message_id": .string(message.id), "channel": .string(settings.channelID),
            "provider": .string(settings.provider.rawValue), "environment": .string(settings.environment),
        ]
    }
}
