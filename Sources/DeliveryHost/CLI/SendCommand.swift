import Foundation
import Providers
import Transport

/// `delivery-host send`: sends one rendered message through one channel now, and prints the outcome.
///
/// This is what users run against real provider sandboxes; it makes exactly one attempt (no retries).
enum SendCommand: Command {
    static let name = "send"
    static let summary = "Send one rendered message through one channel now and print the outcome as JSON"

    static let options: Set<String> = ["config", "env", "channel", "recipient", "message", "timeout"]

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown(options)
        let delivery = try Delivery(arguments)
        let client = try CurlHTTPClient()
        let outcome = await delivery.send(through: client)
        await client.shutdown()
        CommandOutput.print(outcome.json)
        return outcome.exitStatus
    }
}

/// One message prepared for sending from command-line arguments.
struct Delivery {
    let configuration: ChannelConfiguration
    let settings: ChannelSettings
    let message: OutboundMessage
    let timeout: Duration

    init(_ arguments: ArgumentParser) throws {
        configuration = try CommandInput.configuration(arguments)
        let environment = try arguments.required("env", "environment")
        let channelID = try arguments.required("channel", "channel id")
        settings = try configuration.requireSettings(channel: channelID, environment: environment)
        let channelType =
            ProviderRegistry.standard.definition(for: settings.provider)?.channelType(for: settings) ?? .webhook
        let recipient = try Recipient(json: CommandInput.json(arguments, "recipient"), source: "--recipient")
        let content = try OutboundMessage.Content(
            json: CommandInput.json(arguments, "message"), channelType: channelType, source: "--message")
        message = OutboundMessage(id: Self.messageID(), channelID: channelID, recipient: recipient, content: content)
        guard let seconds = Int(arguments.option("timeout") ?? "60"), (1...600).contains(seconds) else {
            throw CommandLineError(message: "--timeout takes a whole number of seconds from 1 to 600")
        }
        timeout = .seconds(seconds)
    }

    /// Builds the provider over `transport` and makes one attempt.
    func send(through transport: any HTTPTransport) async -> SendOutcome {
        do {
            let provider = try ProviderRegistry.standard.makeProvider(
                for: settings, dependencies: ProviderDependencies(transport: transport))
            let context = DeliveryContext(
                deadline: .now + timeout, idempotencyKey: message.id, environment: settings.environment)
            let receipt = try await provider.send(message, context: context)
            await provider.shutdown()
            return .accepted(message: message, settings: settings, receipt: receipt)
        } catch let error as ProviderError {
            return .failed(message: message, settings: settings, error: error)
        } catch {
            return .failed(
                message: message, settings: settings,
                error: ProviderError(.internalFailure, provider: settings.provider, message: "\(error)"))
        }
    }

    /// A unique, time-sortable message id: `msg_` + milliseconds + random suffix.
    static func messageID() -> String {
        let milliseconds = UInt64(Date().timeIntervalSince1970 * 1000)
        let suffix = (0..<8).map { _ in "0123456789abcdefghijklmnopqrstuvwxyz".randomElement()! }
        return "msg_\(String(milliseconds, radix: 36))\(String(suffix))"
    }
}
