import Foundation
import Providers
import Testing
import Transport

/// The live SMTP server settings, when all the required variables are set.
enum LiveSMTP {
    static var environment: [String: String]? {
        let variables = ProcessInfo.processInfo.environment
        let required = ["HOST", "FROM", "TO"]
        guard required.allSatisfy({ variables["DELIVERYHOST_LIVE_SMTP_\($0)"]?.isEmpty == false }) else { return nil }
        return variables
    }
}

/// A real send through an SMTP server. SMTP has no test mode: this sends one real message to
/// `DELIVERYHOST_LIVE_SMTP_TO` (use a mailbox you own, or a provider's sandbox relay).
///
/// Runs only when the server is in the environment, never in CI here: `DELIVERYHOST_LIVE_SMTP_HOST`,
/// `DELIVERYHOST_LIVE_SMTP_FROM`, `DELIVERYHOST_LIVE_SMTP_TO`, and optionally `_PORT`, `_SECURITY`
/// (`starttls` by default, or `tls`), `_USERNAME` and `_PASSWORD`.
@Suite(
    .enabled(
        if: LiveSMTP.environment != nil,
        "set DELIVERYHOST_LIVE_SMTP_HOST, _FROM and _TO (and _USERNAME, _PASSWORD) to run"
    ))
struct SMTPProviderLiveTests {
    @Test func sendsOneRealMessage() async throws {
        let variables = try #require(LiveSMTP.environment)
        func value(_ name: String) -> String? { variables["DELIVERYHOST_LIVE_SMTP_\(name)"] }
        var values: JSONObject = ["host": .string(value("HOST") ?? ""), "from": .string(value("FROM") ?? "")]
        if let port = value("PORT").flatMap(Int.init) { values["port"] = .number(Double(port)) }
        if let security = value("SECURITY") { values["security"] = .string(security) }
        if let username = value("USERNAME"), let password = value("PASSWORD") {
            values["username"] = .string(username)
            values["password"] = .string(password)
        }
        let settings = ChannelSettings(
            channelID: "live-smtp", provider: "smtp", environment: "development", values: values)
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: MockTransport([])))
        let message = OutboundMessage(
            id: "msg_live_smtp", channelID: "live-smtp", recipient: Recipient(id: "live", email: value("TO")),
            content: .email(EmailContent(subject: "DeliveryHost live SMTP test", text: "Sent by the live test.")))
        let receipt = try await provider.send(message, context: .test())
        await provider.shutdown()
        #expect(receipt.providerMessageID?.hasPrefix("<msg_live_smtp@") == true)
    }
}
