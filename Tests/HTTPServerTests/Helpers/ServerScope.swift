import HTTPServer
import Testing
import Transport

/// Runs `body` with a started server on 127.0.0.1 (port 0 unless the configuration says otherwise)
/// and a client; shuts both down afterwards, whatever happens.
func withServer<Result>(
    _ configuration: HTTPServerConfiguration = HTTPServerConfiguration(port: 0),
    handler: any HTTPRequestHandler,
    client clientConfiguration: CurlHTTPClient.Configuration = .init(),
    _ body: (HTTPServer, CurlHTTPClient) async throws -> Result
) async throws -> Result {
    let server = HTTPServer(configuration: configuration, handler: handler)
    try server.start()
    let client = try CurlHTTPClient(configuration: clientConfiguration)
    do {
        let result = try await body(server, client)
        await client.shutdown()
        await server.shutdown(drainSeconds: 0)
        return result
    } catch {
        await client.shutdown()
        await server.shutdown(drainSeconds: 0)
        throw error
    }
}

extension HTTPServer {
    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }
}

extension HTTPTransport {
    /// Sends a request with a generous deadline.
    func send(
        _ method: HTTPMethod, _ url: String, headers: HTTPHeaders = [:], body: [UInt8] = []
    ) async throws -> HTTPResponse {
        try await execute(HTTPRequest(method: method, url: url, headers: headers, body: body), timeout: .seconds(30))
    }
}

/// The ``TransportError`` that `body` throws; records an issue if it throws something else or nothing.
func transportError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> some Any
) async -> TransportError? {
    do {
        _ = try await body()
        Issue.record("expected a TransportError, but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as TransportError {
        return error
    } catch {
        Issue.record("expected a TransportError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
