import Foundation
import Providers
import Testing
import Transport

/// The live SES credentials, when all the required variables are set.
enum LiveSES {
    static var environment: [String: String]? {
        let variables = ProcessInfo.processInfo.environment
        let required = ["REGION", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "FROM"]
        guard required.allSatisfy({ variables["DELIVERYHOST_LIVE_SES_\($0)"]?.isEmpty == false }) else { return nil }
        return variables
    }
}

/// A real send through SES in sandbox mode (to the mailbox simulator's success@ address).
///
/// Runs only when the credentials are in the environment, never in CI here:
/// `DELIVERYHOST_LIVE_SES_REGION`, `DELIVERYHOST_LIVE_SES_ACCESS_KEY_ID`,
/// `DELIVERYHOST_LIVE_SES_SECRET_ACCESS_KEY`, `DELIVERYHOST_LIVE_SES_FROM` (a verified identity), and
/// optionally `DELIVERYHOST_LIVE_SES_SESSION_TOKEN` and `DELIVERYHOST_LIVE_SES_CONFIGURATION_SET`.
@Suite(
    .enabled(
        if: LiveSES.environment != nil,
        "set DELIVERYHOST_LIVE_SES_REGION, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY and _FROM to run"))
struct SESProviderLiveTests {
    @Test func sendsToTheMailboxSimulator() async throws {
        let variables = try #require(LiveSES.environment)
        func value(_ name: String) -> String? { variables["DELIVERYHOST_LIVE_SES_\(name)"] }
        var values: JSONObject = [
            "region": .string(value("REGION") ?? ""), "access_key_id": .string(value("ACCESS_KEY_ID") ?? ""),
            "secret_access_key": .string(value("SECRET_ACCESS_KEY") ?? ""), "from": .string(value("FROM") ?? ""),
        ]
        if let token = value("SESSION_TOKEN") { values["session_token"] = .string(token) }
        if let set = value("CONFIGURATION_SET") { values["configuration_set"] = .string(set) }
        let settings = ChannelSettings(
            channelID: "live-ses", provider: "ses", environment: "development", isSandbox: true, values: values)
        let http = try CurlHTTPClient()
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: http))
        let message = OutboundMessage(
            id: "msg_live_ses", channelID: "live-ses", recipient: Recipient(id: "live", email: "nobody@example.com"),
            content: .email(EmailContent(subject: "DeliveryHost live SES test", text: "Sandbox send.")))
        let receipt = try await provider.send(message, context: .test())
        await http.shutdown()
        #expect(receipt.outcome == .sent)
        #expect(receipt.providerMessageID?.isEmpty == false)
    }
}
