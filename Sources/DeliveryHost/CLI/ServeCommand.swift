import Engine
import Foundation
import Host
import Providers

/// `delivery-host serve`: the API, the workflow engine and the delivery pipeline in one process.
///
/// With `--config` it serves that file's environments (only `--env`'s with `--env`); without, it serves
/// the embedded default (``EmbeddedConfiguration``) with a development key kept in the data directory and
/// prints a curl command to try it. `SIGTERM` or `SIGINT` stops accepting requests, drains the server and
/// the pipeline, and exits 0.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary =
        "Serve the API and deliver messages until SIGTERM/SIGINT: [--config FILE [--env NAME]] [--address A] [--port N] [--data-dir DIR]"

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown(["config", "env", "address", "port", "data-dir"])
        var overrides = HostConfiguration.Overrides(
            address: arguments.option("address"), dataDirectory: arguments.option("data-dir"))
        if arguments.option("port") != nil {
            overrides.port = try PipelineInput.integer(arguments, "port", default: 8080, in: 0...65_535)
        }
        let channels: ChannelConfiguration
        let workflows: WorkflowCatalog
        var developmentKey: String?
        if arguments.option("config") != nil {
            channels = try CommandInput.configuration(arguments)
            if let environment = arguments.option("env"), channels.environment(named: environment) == nil {
                throw CommandLineError(message: "--env: unknown environment '\(environment)'")
            }
            workflows =
                try channels.server.workflowsDirectory.map { directory in
                    try WorkflowCatalog.load(
                        directory: directory, partialsDirectory: channels.server.partialsDirectory,
                        translationsDirectory: channels.server.translationsDirectory,
                        defaultLocale: channels.server.defaultLocale)
                } ?? WorkflowCatalog()
        } else {
            guard arguments.option("env") == nil else { throw CommandLineError(message: "--env needs --config") }
            let directory = overrides.dataDirectory ?? ServerSettings().dataDirectory
            let key = try DevelopmentKey.loadOrCreate(directory: directory)
            developmentKey = key.key
            channels = try EmbeddedConfiguration.load(dataDirectory: directory, developmentKey: key.key)
            workflows = try EmbeddedWorkflows.catalog()
        }
        let host = HostConfiguration(channels: channels, overrides: overrides, environment: arguments.option("env"))
        // Lines are written from a thread of their own, so that no request waits for standard error.
        let direct = HostLogger(
            format: host.server.logFormat, level: host.server.logLevel, logContent: host.server.logContent)
        let writer = BufferedLogWriter { count in direct.line(.warning, "log lines dropped", [("count", .int(count))]) }
        defer { writer.stop() }
        let logger = HostLogger(
            format: host.server.logFormat, level: host.server.logLevel, logContent: host.server.logContent,
            write: writer.write)
        let stop = StopRequests()
        defer { stop.cancel() }
        let service = try await HostService(
            channels: channels, host: host, logger: logger, workflows: workflows,
            routeGroups: HostService.apiRouteGroups)
        let url = host.baseURL(port: service.port)
        logger.log(
            .info, "listening",
            [
                ("url", .string(url)), ("data_directory", .string(host.server.dataDirectory)),
                ("environments", .string(host.apiKeys.keys.sorted().joined(separator: ","))),
                ("workflows", .string(workflows.workflows.keys.sorted().joined(separator: ","))),
            ])
        if let developmentKey {
            // Written unbuffered: print() buffers a piped stdout, and whoever reads the banner needs it now.
            FileHandle.standardOutput.write(Data((banner(url: url, key: developmentKey) + "\n").utf8))
        }
        var reasons = stop.reasons.makeAsyncIterator()
        let reason = await reasons.next() ?? "stream ended"
        logger.log(.info, "shutting down", [("reason", .string(reason))])
        await service.shutdown()
        logger.log(.info, "stopped", [])
        return 0
    }

    /// What `serve` prints on the embedded default: where it listens, the key, and a command to try.
    static func banner(url: String, key: String) -> String {
        """
        DeliveryHost is serving the embedded development configuration at \(url)
          development API key: \(key)
          try it:
            curl -X POST \(url)/v1/workflows/welcome/trigger \\
              -H 'Authorization: Bearer \(key)' -H 'Content-Type: application/json' \\
              -d '{"recipients": [{"id": "user-1", "name": "Ada", "email": "ada@example.com"}], "data": {"name": "Ada"}}'
        """
    }
}
