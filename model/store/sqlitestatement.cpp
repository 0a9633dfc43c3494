#include "sqlitestatement.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

SqliteStatement::~SqliteStatement()
{
    finalize();
}

sqlite3 *SqliteStatement::handleOf(const QString &connectionName)
{
    const QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

bool SqliteStatement::prepare(sqlite3 *db, const char *sql)
{
    finalize();
    m_db = db;
    m_ok = db && sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr) == SQLITE_OK;
    return m_ok;
}

void SqliteStatement::finalize()
{
    sqlite3_finalize(m_statement); // a no-op on null
    m_statement = nullptr;
}

QString SqliteStatement::errorText() const
{
    if (!m_error.isEmpty())
        return m_error;
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("no connection");
}

void SqliteStatement::bindInt(int at, qint64 value)
{
    sqlite3_bind_int64(m_statement, at, value);
}

void SqliteStatement::bindText(int at, const QString &text)
{
    if (text.isNull())
        sqlite3_bind_null(m_statement, at);
    else // SQLite converts to the file's UTF-8 itself, without an intermediate QByteArray
        sqlite3_bind_text16(m_statement, at, text.utf16(), int(text.size() * sizeof(char16_t)),
                            SQLITE_STATIC);
}

void SqliteStatement::bindBlob(int at, QByteArrayView bytes, bool nullWhenNull)
{
    if (nullWhenNull && bytes.isNull())
        sqlite3_bind_null(m_statement, at);
    else // a zero-length blob, never NULL, when the bytes are empty
        sqlite3_bind_blob64(m_statement, at, bytes.isNull() ? "" : bytes.data(),
                            sqlite3_uint64(bytes.size()), SQLITE_STATIC);
}

bool SqliteStatement::run()
{
    step();
    m_error = m_ok ? QString() : QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_reset(m_statement);
    return m_ok;
}

bool SqliteStatement::step()
{
    const int result = sqlite3_step(m_statement);
    m_ok = result == SQLITE_ROW || result == SQLITE_DONE;
    return result == SQLITE_ROW;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
}

qint64 SqliteStatement::columnInt(int at) const
{
    return sqlite3_column_int64(m_statement, at);
}

QByteArrayView SqliteStatement::columnBytes(int at) const
{
    const void *data = sqlite3_column_blob(m_statement, at);
    return QByteArrayView(static_cast<const char *>(data), sqlite3_column_bytes(m_statement, at));
}

QString SqliteStatement::columnText(int at) const
{
    if (sqlite3_column_type(m_statement, at) == SQLITE_NULL)
        return QString();
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, at));
    return QString::fromUtf8(text, sqlite3_column_bytes(m_statement, at));
}
