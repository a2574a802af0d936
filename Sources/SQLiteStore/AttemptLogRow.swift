import Engine
import Providers

/// How a ``DeliveryAttemptLog`` maps to a row of the `attempt_logs` table: the exchanges are one JSON
/// array of fixtures in their file form (``HTTPFixture/json``), which lowercases header names.
enum AttemptLogRow {
    /// Inserts a log; the parameters are ``values(of:)``.
    static let insert =
        "INSERT INTO attempt_logs (message_id, attempt, started_at, duration_ms, exchanges, outcome, detail) "
        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"

    /// The values of the columns of ``insert``.
    static func values(of log: DeliveryAttemptLog) -> [any SQLiteBindable] {
        [
            log.messageID, log.attempt, log.startedAt, log.durationMilliseconds,
            JSONValue.array(log.exchanges.map(\.json)).encoded(), log.outcome, log.detail,
        ]
    }

    /// Reads the exchanges column.
    ///
    /// - Throws: ``EngineError/Code/storageFailure`` if it is not an array of fixtures.
    static func exchanges(from text: String) throws -> [HTTPFixture] {
        guard case .array(let elements)? = try? JSONValue.parse(text),
            let exchanges = try? elements.map(HTTPFixture.init(json:))
        else {
            throw EngineError(.storageFailure, "a stored attempt log's exchanges are unreadable")
        }
        return exchanges
    }
}
