import Testing
import Transport

/// Runs `body` with a new client and shuts the client down afterwards, whatever happens.
func withHTTPClient<Result>(
    _ configuration: CurlHTTPClient.Configuration = .init(),
    _ body: (CurlHTTPClient) async throws -> Result
) async throws -> Result {
    let client = try CurlHTTPClient(configuration: configuration)
    do {
        let result = try await body(client)
        await client.shutdown()
        return result
    } catch {
        await client.shutdown()
        throw error
    }
}

extension HTTPTransport {
    /// A GET of `url` with a generous deadline.
    func get(_ url: String, version: HTTPVersionPreference = .automatic) async throws -> HTTPResponse {
        try await execute(HTTPRequest(method: .get, url: url, version: version), timeout: .seconds(30))
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
