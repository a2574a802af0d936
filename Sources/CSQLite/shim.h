// Thin wrappers over SQLite macros that Swift cannot import.
// Every symbol defined here is prefixed `csqlite_`. No logic lives here.
#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H

#include <sqlite3.h>

/// `sqlite3_bind_text` with `SQLITE_TRANSIENT` (a function-pointer macro): SQLite copies the bytes.
static inline int csqlite_bind_text_transient(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

/// `sqlite3_bind_blob` with `SQLITE_TRANSIENT` (a function-pointer macro): SQLite copies the bytes.
static inline int csqlite_bind_blob_transient(sqlite3_stmt *statement, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(statement, index, bytes, length, SQLITE_TRANSIENT);
}

/// Extended result codes are macros built with `|` and `<<`, which Swift does not import.
static const int csqlite_constraint_primarykey = SQLITE_CONSTRAINT_PRIMARYKEY;
static const int csqlite_constraint_unique = SQLITE_CONSTRAINT_UNIQUE;

#endif
