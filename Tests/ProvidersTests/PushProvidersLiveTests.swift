import Foundation
import Providers
import Testing
import Transport

/// Sends through the real APNs development environment and FCM (validate_only) when credentials are
/// in the environment; skipped otherwise, so they never run in CI and never touch the network here.
@Suite struct PushProvidersLiveTests {
    static let environment = ProcessInfo.processInfo.environment
    static let apnsVariables = [
        "DELIVERYHOST_LIVE_APNS_TEAM_ID", "DELIVERYHOST_LIVE_APNS_KEY_ID", "DELIVERYHOST_LIVE_APNS_KEY_FILE",
        "DELIVERYHOST_LIVE_APNS_BUNDLE_ID", "DELIVERYHOST_LIVE_APNS_DEVICE_TOKEN",
    ]
    static let fcmVariables = ["DELIVERYHOST_LIVE_FCM_SERVICE_ACCOUNT_FILE", "DELIVERYHOST_LIVE_FCM_DEVICE_TOKEN"]

    static func present(_ names: [String]) -> Bool {
        names.allSatisfy { !(environment[$0] ?? "").isEmpty }
    }

    static func value(_ name: String) -> String { environment[name] ?? "" }

    static func send(_ settings: ChannelSettings, token: String) async throws -> DeliveryReceipt {
        let client = try CurlHTTPClient()
        do {
            let provider = try ProviderRegistry.standard.makeProvider(
                for: settings, dependencies: ProviderDependencies(transport: client))
            let content = PushContent(title: "DeliveryHost live test", body: "Sent by PushProvidersLiveTests")
            let message = pushMessage(content, tokens: [token], channel: settings.channelID, id: "live-\(UUID())")
            let receipt = try await provider.send(message, context: .test())
            await client.shutdown()
            return receipt
        } catch {
            await client.shutdown()
            throw error
        }
    }

    // Set DELIVERYHOST_LIVE_APNS_TEAM_ID, _KEY_ID, _KEY_FILE (the .p8 path), _BUNDLE_ID and _DEVICE_TOKEN
    // (a development build's token) to run: it sends one alert through APNs' development environment.
    @Test(
        .enabled(
            if: present(apnsVariables),
            "set DELIVERYHOST_LIVE_APNS_TEAM_ID, _KEY_ID, _KEY_FILE, _BUNDLE_ID and _DEVICE_TOKEN to run"))
    func apnsDevelopmentEnvironment() async throws {
        let key = try String(contentsOfFile: Self.value("DELIVERYHOST_LIVE_APNS_KEY_FILE"), encoding: .utf8)
        let settings = ChannelSettings(
            channelID: "live-apns", provider: "apns", environment: "development", isSandbox: true,
            values: [
                "team_id": .string(Self.value("DELIVERYHOST_LIVE_APNS_TEAM_ID")),
                "key_id": .string(Self.value("DELIVERYHOST_LIVE_APNS_KEY_ID")),
                "bundle_id": .string(Self.value("DELIVERYHOST_LIVE_APNS_BUNDLE_ID")), "signing_key": .string(key),
            ], secrets: [key])
        let receipt = try await Self.send(settings, token: Self.value("DELIVERYHOST_LIVE_APNS_DEVICE_TOKEN"))
        #expect(receipt.outcome == .sent)
        #expect(receipt.providerMessageID != nil)
    }

    // Set DELIVERYHOST_LIVE_FCM_SERVICE_ACCOUNT_FILE (the key file's path) and _DEVICE_TOKEN to run: it
    // sends one message with validate_only, so FCM checks it but delivers nothing.
    @Test(
        .enabled(
            if: present(fcmVariables),
            "set DELIVERYHOST_LIVE_FCM_SERVICE_ACCOUNT_FILE and DELIVERYHOST_LIVE_FCM_DEVICE_TOKEN to run"))
    func fcmValidateOnly() async throws {
        let account = try String(
            contentsOfFile: Self.value("DELIVERYHOST_LIVE_FCM_SERVICE_ACCOUNT_FILE"), encoding: .utf8)
        let settings = ChannelSettings(
            channelID: "live-fcm", provider: "fcm", environment: "development", isSandbox: true,
            values: ["service_account": .string(account)], secrets: [account])
        let receipt = try await Self.send(settings, token: Self.value("DELIVERYHOST_LIVE_FCM_DEVICE_TOKEN"))
        #expect(receipt.providerMessageID?.hasPrefix("projects/") == true)
    }
}
