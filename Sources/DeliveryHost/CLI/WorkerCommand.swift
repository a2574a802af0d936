import Engine
import Foundation
import Host
import Providers
import SQLiteStore

/// `delivery-host worker`: delivers the messages stored in a data directory until told to stop.
///
/// It runs ``DeliveryPipeline/run(drainTimeout:)`` over the configuration's channels. On `SIGTERM` or
/// `SIGINT` (or, with `--exit-when-idle`, once none of its channels' messages is `queued` or
/// `delivery_attempted`) it stops claiming, lets the attempts in flight finish (at most 30 seconds),
/// releases its leases, and exits 0. If it dies instead (`kill -9`, a crash), its leases expire after
/// `--lease-seconds` and another worker takes the messages over; a message may then be sent twice,
/// never lost. Dead push tokens are removed from the data directory's channel data, message events go to
/// the environments' status webhooks, and environments with `message_retention_days` are pruned hourly.
///
/// It sends as `serve` does (``OutboundClients``): webhook channels and Slack incoming webhooks go through
/// the outbound address policy with `host.outbound_allow_list` as its allow-list, because the messages in
/// a data directory may have been created through the API.
enum WorkerCommand: Command {
    static let name = "worker"
    static let summary =
        "Deliver --data-dir's messages until SIGTERM/SIGINT: --config FILE [--env NAME] [--lease-seconds N] [--exit-when-idle]"

    /// How long attempts in flight may take to finish after a stop request.
    static let drainTimeout: Duration = .seconds(30)

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown(["config", "env", "data-dir", "lease-seconds", "exit-when-idle"])
        let configuration = try CommandInput.configuration(arguments)
        if let environment = arguments.option("env"), configuration.environment(named: environment) == nil {
            throw CommandLineError(
                message:
                    "--env: unknown environment '\(environment)'; declared: \(configuration.environments.map(\.name).joined(separator: ", "))"
            )
        }
        let leaseSeconds = try PipelineInput.integer(arguments, "lease-seconds", default: 300, in: 1...86_400)
        let store = try PipelineInput.store(arguments)
        let stop = StopRequests()
        defer { stop.cancel() }
        return try await PipelineInput.withOutboundClients(allowList: configuration.server.outboundAllowList) {
            clients in
            let directory = try clients.channels(from: configuration, dataDirectory: arguments.option("data-dir"))
            let tunables = DeliveryPipeline.Configuration(leaseDuration: .seconds(leaseSeconds))
            let owner = tunables.owner
            let pipeline = DeliveryPipeline(
                store: store, channels: directory, channelData: store, clock: SystemEngineClock(),
                configuration: tunables, statusWebhooks: configuration.statusWebhooksByEnvironment)
            let retention = configuration.retentionDaysByEnvironment
            if !retention.isEmpty {
                stop.repeat(every: .seconds(3600)) { _ = try? await pipeline.pruneExpired(retention: retention) }
            }
            FileHandle.standardError.write(
                "worker \(owner) (pid \(ProcessInfo.processInfo.processIdentifier)): delivering through "
                    + "\(directory.keys.map(\.description).joined(separator: ", ")), leases of \(leaseSeconds) s\n")
            if arguments.flag("exit-when-idle") {
                let keys = directory.keys
                stop.stop(when: { await isIdle(store, channels: keys) }, named: "idle", every: .milliseconds(100))
            }
            let running = Task { await pipeline.run(drainTimeout: drainTimeout) }
            var reasons = stop.reasons.makeAsyncIterator()
            let reason = await reasons.next() ?? "stream ended"
            FileHandle.standardError.write("worker \(owner): \(reason): draining\n")
            running.cancel()
            await running.value
            for key in directory.keys { await directory.channel(key)?.provider.shutdown() }
            let counts = (try? await store.countByStatus(channel: nil)) ?? [:]
            CommandOutput.print([
                "owner": .string(owner), "stopped_by": .string(reason), "statuses": PipelineInput.json(counts),
            ])
            return 0
        }
    }

    /// Whether none of the channels' messages is waiting for an attempt (`queued`, including leased
    /// ones, or `delivery_attempted`); `false` if the store cannot tell.
    private static func isIdle(_ store: SQLiteMessageStore, channels: [ChannelKey]) async -> Bool {
        for key in channels {
            guard let counts = try? await store.countByStatus(channel: key) else { return false }
            if counts[.queued, default: 0] + counts[.deliveryAttempted, default: 0] > 0 { return false }
        }
        return true
    }
}
