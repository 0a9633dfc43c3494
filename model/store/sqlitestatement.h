#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

// One prepared statement of the sqlite3 C API on a connection Qt SQL owns, for the hot paths
// (capture inserts, body scans): binding and reading go straight between our buffers and
// SQLite, with no QVariant, QSqlQuery or copy in between. Finalized before the connection closes.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // The sqlite3* behind a QSQLITE connection, or null when it is not one.
    static sqlite3 *handleOf(const QString &connectionName);

    bool prepare(sqlite3 *db, const char *sql);
    bool isPrepared() const { return m_statement; }
    void finalize();
    QString errorText() const;

    // Binding positions count from 1, as in SQLite. The bytes are not copied: they must stay
    // unchanged until step() has run.
    void bindInt(int at, qint64 value);
    void bindText(int at, const QString &text); // a null QString binds NULL
    void bindBlob(int at, QByteArrayView bytes, bool nullWhenNull = false);

    // Runs a statement that returns no rows and resets it for the next run; false on an error,
    // which errorText() then names.
    bool run();
    // SQLITE_ROW: true with a row; false when done or on an error (then ok() is false).
    bool step();
    bool ok() const { return m_ok; }
    void reset();

    qint64 columnInt(int at) const;
    // Views into the current row: valid until the next step() or reset().
    QByteArrayView columnBytes(int at) const;
    QString columnText(int at) const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    bool m_ok = true;
    QString m_error; // of the last run() that failed
};
