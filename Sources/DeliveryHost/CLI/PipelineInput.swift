import Engine
import Foundation
import Host
import Providers
import SQLiteStore
import Transport

/// What the pipeline commands (`enqueue`, `worker`, `messages`) share: the data directory's store,
/// whole-number options, and an HTTP client that is always shut down.
enum PipelineInput {
    /// Opens (creating if needed) the store in `--data-dir`.
    static func store(_ arguments: ArgumentParser) throws -> SQLiteMessageStore {
        try SQLiteMessageStore.open(directory: arguments.required("data-dir", "directory"))
    }

    /// Opens the store in `--data-dir`, which must hold one already (for commands that only read).
    static func existingStore(_ arguments: ArgumentParser) throws -> SQLiteMessageStore {
        let directory = try arguments.required("data-dir", "directory")
        let path = (directory as NSString).appendingPathComponent(SQLiteMessageStore.fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandLineError(message: "--data-dir: \(directory) holds no DeliveryHost database")
        }
        return try SQLiteMessageStore.open(path: path)
    }

    /// The whole number `--name` (or `defaultValue` when absent), which must lie in `range`.
    static func integer(
        _ arguments: ArgumentParser, _ name: String, default defaultValue: Int, in range: ClosedRange<Int>
    ) throws -> Int {
        guard let text = arguments.option(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw CommandLineError(
                message: "--\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A status named on the command line (`--status`), if any.
    static func status(_ arguments: ArgumentParser) throws -> DeliveryStatus? {
        guard let text = arguments.option("status") else { return nil }
        guard let status = DeliveryStatus(rawValue: text) else {
            let accepted = DeliveryStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandLineError(message: "--status: unknown status '\(text)'; accepted: \(accepted)")
        }
        return status
    }

    /// Runs `body` with a new HTTP client and shuts the client down afterwards, whatever happens.
    static func withHTTPClient<Result>(_ body: (CurlHTTPClient) async throws -> Result) async throws -> Result {
        try await using(try CurlHTTPClient(), shutdown: { await $0.shutdown() }, body)
    }

    /// Runs `body` with `serve`'s two clients (one guarded by the outbound address policy) and shuts them
    /// down afterwards, whatever happens.
    static func withOutboundClients<Result>(
        allowList: [String]?, _ body: (OutboundClients) async throws -> Result
    ) async throws -> Result {
        try await using(try OutboundClients(allowList: allowList), shutdown: { await $0.shutdown() }, body)
    }

    /// Runs `body` with `resource`, then `shutdown`, whether `body` returns or throws.
    private static func using<Resource, Result>(
        _ resource: Resource, shutdown: (Resource) async -> Void, _ body: (Resource) async throws -> Result
    ) async throws -> Result {
        do {
            let result = try await body(resource)
            await shutdown(resource)
            return result
        } catch {
            await shutdown(resource)
            throw error
        }
    }

    /// Counts by status as JSON, leaving out statuses no message is in.
    static func json(_ counts: [DeliveryStatus: Int]) -> JSONValue {
        var object = JSONObject()
        for status in DeliveryStatus.allCases where counts[status, default: 0] > 0 {
            object[status.rawValue] = .number(Double(counts[status, default: 0]))
        }
        return .object(object)
    }
}
