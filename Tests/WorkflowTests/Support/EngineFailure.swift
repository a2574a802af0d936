import Engine

/// `code: message` of the ``EngineError`` `body` throws (any other error described as it is), or `nil`
/// when it throws nothing: one string a test compares exactly.
func engineFailure(_ body: () async throws -> Void) async -> String? {
    do {
        try await body()
        return nil
    } catch let error as EngineError {
        return "\(error.code): \(error.message)"
    } catch {
        return "\(error)"
    }
}
