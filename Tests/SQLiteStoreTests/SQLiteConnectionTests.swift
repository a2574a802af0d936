import Engine
import Foundation
import Testing

@testable import SQLiteStore

@Suite struct SQLiteConnectionTests {
    private func connection() throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: ":memory:")
        try connection.executeScript("CREATE TABLE t (k TEXT PRIMARY KEY, i INTEGER, r REAL, b BLOB, d INTEGER) STRICT")
        return connection
    }

    @Test func bindsAndReadsEveryType() throws {
        let connection = try connection()
        let date = Date(timeIntervalSince1970: 1.5)
        try connection.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)", "ké\u{0}y 👋", Int64.max, 2.5, SQLiteValue.blob([0, 1, 255]),
            date)
        try connection.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)", "", nil as Int?, nil as Double?, SQLiteValue.blob([]),
            nil as Date?)
        let rows = try connection.query("SELECT k, i, r, d FROM t ORDER BY k DESC") { row in
            [row.string(0), "\(row.optionalInt(1) as Any)", "\(row.isNull(2))", "\(row.optionalDate(3) as Any)"]
        }
        #expect(rows[0] == ["ké\u{0}y 👋", "Optional(\(Int.max))", "false", "Optional(\(date))"])
        #expect(rows[1] == ["", "nil", "true", "nil"])
        #expect(try connection.queryFirst("SELECT length(b) FROM t WHERE k = ''") { $0.int(0) } == 0)
        #expect(try connection.queryFirst("SELECT hex(b) FROM t WHERE k <> ''") { $0.string(0) } == "0001FF")
    }

    @Test func aFailedTransactionRollsBack() throws {
        let connection = try connection()
        let error = try #require(throws: EngineError.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t (k) VALUES (?1)", "a")
                try connection.execute("INSERT INTO t (k) VALUES (?1)", "a")
            }
        }
        #expect(error.code == .conflict)
        #expect(error.message.contains("UNIQUE constraint failed: t.k (SQLite error 1555)"))
        #expect(!connection.isInTransaction)
        #expect(try connection.queryFirst("SELECT COUNT(*) FROM t") { $0.int(0) } == 0)
    }

    @Test func aFailedSavepointRollsBackOnlyItself() throws {
        let connection = try connection()
        try connection.transaction {
            try connection.execute("INSERT INTO t (k) VALUES (?1)", "a")
            #expect(throws: EngineError.self) {
                try connection.savepoint {
                    try connection.execute("INSERT INTO t (k) VALUES (?1)", "b")
                    try connection.execute("INSERT INTO t (k) VALUES (?1)", "a")
                }
            }
            try connection.savepoint { try connection.execute("INSERT INTO t (k) VALUES (?1)", "c") }
        }
        #expect(try connection.query("SELECT k FROM t ORDER BY k") { $0.string(0) } == ["a", "c"])
    }

    @Test func badSQLIsAStorageFailureNamingTheStatement() throws {
        let connection = try connection()
        let error = try #require(throws: EngineError.self) { try connection.execute("SELEKT 1") }
        #expect(error.code == .storageFailure)
        #expect(error.message == #"preparing SELEKT 1: near "SELEKT": syntax error (SQLite error 1)"#)
    }

    @Test func datesAreRoundedToTheMillisecond() {
        #expect(Date(timeIntervalSince1970: 1.000_4).millisecondsSince1970 == 1000)
        #expect(Date(timeIntervalSince1970: 1.000_6).millisecondsSince1970 == 1001)
        #expect(Date(timeIntervalSince1970: -0.001).millisecondsSince1970 == -1)
        #expect(Date.distantFuture.millisecondsSince1970 == 64_092_211_200_000)
        #expect(Date(millisecondsSince1970: 64_092_211_200_000) == Date.distantFuture)
    }
}
