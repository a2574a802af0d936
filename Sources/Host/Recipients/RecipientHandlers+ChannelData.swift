internal import Engine
internal import HTTPServer
internal import Providers

extension RecipientHandlers {
    /// Knock's `ChannelData` response: `{"__typename": "ChannelData", "channel_id", "data"}`.
    static func channelDataJSON(channelID: String, data: JSONValue) -> JSONValue {
        ["__typename": "ChannelData", "channel_id": .string(channelID), "data": data]
    }

    /// The recipient's data for the channel in the path (`channel_id`).
    ///
    /// - Throws: ``HostError`` 404 when the recipient does not exist or has no data for the channel.
    func getChannelData(_ request: APIRequest, _ reference: RecipientReference) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let channelID = try request.identifier("channel_id")
        _ = try await existing(reference, environment: environment)
        guard
            let data = try await store.channelData(
                recipientID: reference.storageID, channelID: channelID, environment: environment)
        else {
            throw HostError.resourceMissing("\(reference) has no channel data for channel \"\(channelID)\"")
        }
        return .json(Self.channelDataJSON(channelID: channelID, data: data))
    }

    /// Replaces the recipient's data for the channel with the body's `data` (an object); creates the
    /// recipient if it does not exist, as Knock does.
    func setChannelData(_ request: APIRequest, _ reference: RecipientReference) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let channelID = try request.identifier("channel_id")
        let body = try request.jsonObjectBody()
        guard let data = body["data"] else {
            throw HostError.invalidParams("data: required; expected an object such as {\"tokens\": [\"…\"]}")
        }
        guard case .object = data else {
            throw HostError.invalidParams("data: expected an object, found \(data.typeName)")
        }
        let upsert = RecipientUpsert(reference: reference, channelData: [channelID: data])
        _ = try await store.upsert([upsert], environment: environment, now: now())
        return .json(Self.channelDataJSON(channelID: channelID, data: data))
    }

    /// Removes the recipient's data for the channel; 204 whether or not there was any.
    func unsetChannelData(_ request: APIRequest, _ reference: RecipientReference) async throws
        -> HTTPServerResponse
    {
        let environment = try request.requireEnvironment()
        let channelID = try request.identifier("channel_id")
        try await store.unsetChannelData(reference, channelID: channelID, environment: environment)
        return .noContent
    }
}
