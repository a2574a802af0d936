public import Foundation
public import Transport

/// An ``HTTPTransport`` that passes requests to another transport and writes each exchange as a
/// redacted fixture file.
///
/// Files are written as `<directory>/<provider>/<case>.json`; a case with several exchanges (a token
/// request, then the send) is written as `<case>.1.json`, `<case>.2.json`, …. Nothing is written
/// before it has been through the ``FixtureRedactor``.
public actor RecordingTransport: HTTPTransport {
    private let upstream: any HTTPTransport
    private let directory: String
    private let provider: String
    private let caseName: String
    private let redactor: FixtureRedactor
    private let now: @Sendable () -> Date
    private var exchanges: [HTTPFixture] = []
    /// The files written so far.
    public private(set) var writtenFiles: [String] = []

    /// Creates a recorder.
    ///
    /// - Parameters:
    ///   - upstream: The transport that really sends.
    ///   - directory: Where fixtures go; a folder per provider is created inside.
    ///   - provider: The provider's name.
    ///   - caseName: The case name (file name without extension).
    ///   - redactor: What to remove before writing.
    ///   - now: The clock for `recorded_at`.
    public init(
        upstream: any HTTPTransport,
        directory: String,
        provider: String,
        caseName: String,
        redactor: FixtureRedactor,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.upstream = upstream
        self.directory = directory
        self.provider = provider
        self.caseName = caseName
        self.redactor = redactor
        self.now = now
    }

    public func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        let response = try await upstream.execute(request, deadline: deadline)
        let fixture = HTTPFixture(
            provider: provider, caseName: caseName,
            recordedAt: ISO8601Timestamp.string(from: now()),
            request: redactor.request(request), response: redactor.response(response))
        exchanges.append(fixture)
        try write()
        return response
    }

    private func write() throws {
        let folder = (directory as NSString).appendingPathComponent(provider)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let single = (folder as NSString).appendingPathComponent("\(caseName).json")
        if exchanges.count == 2 { try? FileManager.default.removeItem(atPath: single) }
        writtenFiles = []
        for (index, fixture) in exchanges.enumerated() {
            let name = exchanges.count == 1 ? "\(caseName).json" : "\(caseName).\(index + 1).json"
            let path = (folder as NSString).appendingPathComponent(name)
            try Data((fixture.json.encoded(pretty: true) + "\n").utf8).write(
                to: URL(fileURLWithPath: path), options: .atomic)
            writtenFiles.append(path)
        }
    }
}
