@testable import SQLiteStore

extension TemporaryDirectory {
    /// Creates the store's database file here as schema version `version` left it (migrations 1 through
    /// `version` applied and `user_version` set), for tests of the later migrations.
    ///
    /// - Returns: The file's path and a connection to add rows through before the store opens it.
    func database(atVersion version: Int) throws -> (path: String, connection: SQLiteConnection) {
        let path = file(SQLiteMessageStore.fileName)
        let connection = try SQLiteConnection(path: path)
        for migration in Schema.migrations where migration.version <= version {
            for statement in migration.statements { try connection.executeScript(statement) }
        }
        try connection.executeScript("PRAGMA user_version = \(version)")
        return (path, connection)
    }
}
