import Engine
import Foundation
import Providers

/// `delivery-host enqueue`: stores messages durably in a data directory for `worker` to deliver.
///
/// Each message goes through ``DeliveryPipeline/enqueue(_:)`` as the host would store it: `queued`
/// (due now, or at its send window's next opening), or `not_sent` on a sandbox channel. It is on disk
/// before its id is printed.
enum EnqueueCommand: Command {
    static let name = "enqueue"
    static let summary =
        "Store a message (--count N copies) in --data-dir for the worker; send's options + [--send-windows JSON]"

    static let options: Set<String> = [
        "config", "env", "channel", "recipient", "message", "data-dir", "count", "send-windows",
    ]

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown(options)
        let delivery = try Delivery(arguments)
        let count = try PipelineInput.integer(arguments, "count", default: 1, in: 1...100_000)
        let windows = try sendWindows(arguments)
        let store = try PipelineInput.store(arguments)
        let messages = try await PipelineInput.withHTTPClient { client in
            // Enqueueing sends nothing, but the channels are built as the worker builds them.
            let directory = try ChannelDirectory.build(
                from: delivery.configuration, registry: .standard, transport: client,
                dataDirectory: arguments.option("data-dir"))
            let pipeline = DeliveryPipeline(
                store: store, channels: directory, channelData: store, clock: SystemEngineClock(),
                statusWebhooks: delivery.configuration.statusWebhooksByEnvironment)
            var messages: [MessageRecord] = []
            for _ in 0..<count {
                messages.append(
                    try await pipeline.enqueue(
                        EnqueueRequest(
                            environment: delivery.settings.environment, channelID: delivery.settings.channelID,
                            recipient: delivery.message.recipient, content: delivery.message.content,
                            sendWindows: windows)))
            }
            return messages
        }
        var counts: [DeliveryStatus: Int] = [:]
        for message in messages { counts[message.status, default: 0] += 1 }
        CommandOutput.print([
            "ids": .array(messages.map { .string($0.id) }), "statuses": PipelineInput.json(counts),
        ])
        return 0
    }

    /// The `--send-windows` list, or none.
    private static func sendWindows(_ arguments: ArgumentParser) throws -> [SendWindow] {
        guard arguments.option("send-windows") != nil else { return [] }
        do {
            return try SendWindow.parseList(CommandInput.json(arguments, "send-windows"), path: "--send-windows")
        } catch let error as EngineError {
            throw CommandLineError(message: error.message)
        }
    }
}
