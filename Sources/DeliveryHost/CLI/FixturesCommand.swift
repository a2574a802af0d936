import Foundation
import Providers
import Transport

/// `delivery-host fixtures record`: sends one message like `send`, recording each HTTP exchange as a
/// redacted fixture file.
enum FixturesCommand: Command {
    static let name = "fixtures"
    static let summary =
        "fixtures record --out DIR --case NAME [--redact-header A,B] [--redact-field X,Y] + send's options"

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        guard arguments.positional == ["record"] else {
            throw CommandLineError(message: "'fixtures' takes one subcommand: record")
        }
        try arguments.rejectUnknown(SendCommand.options.union(["out", "case", "redact-header", "redact-field"]))
        let directory = try arguments.required("out", "directory")
        let caseName = try arguments.required("case", "case name")
        guard !caseName.isEmpty, caseName.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw CommandLineError(message: "--case may hold letters, digits, '-', '_' and '.' only")
        }
        let delivery = try Delivery(arguments)
        let client = try CurlHTTPClient()
        let recorder = RecordingTransport(
            upstream: client, directory: directory, provider: delivery.settings.provider.rawValue, caseName: caseName,
            redactor: FixtureRedactor(
                secrets: delivery.settings.secrets, extraHeaders: list(arguments.option("redact-header")),
                extraFields: list(arguments.option("redact-field"))))
        let outcome = await delivery.send(through: recorder)
        await client.shutdown()
        var json = outcome.json.objectValue ?? JSONObject()
        json["fixtures"] = .array(await recorder.writtenFiles.map(JSONValue.string))
        CommandOutput.print(.object(json))
        return outcome.exitStatus
    }

    /// A comma-separated option as a list.
    private static func list(_ value: String?) -> [String] {
        value?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
    }
}
