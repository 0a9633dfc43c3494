#include "sessionfile.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

SessionFile::SessionFile(const QString &path)
{
    static QAtomicInteger<int> counter;
    m_connection = u"stress-check-%1"_s.arg(counter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(path);
    if (!db.open())
        m_error = u"%1: %2"_s.arg(path, db.lastError().text());
}

SessionFile::~SessionFile()
{
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

QString SessionFile::integrityCheck() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(u"PRAGMA integrity_check"_s))
        return query.lastError().text();
    QStringList lines;
    while (query.next())
        lines.append(query.value(0).toString());
    return lines.join(u'\n');
}

qint64 SessionFile::count(const QString &table) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(u"SELECT count(*) FROM "_s + table) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

qint64 SessionFile::rowCount() const
{
    return count(u"events"_s);
}

qint64 SessionFile::payloadCount() const
{
    return count(u"payloads"_s);
}

QSet<QByteArray> SessionFile::bodies() const
{
    QSet<QByteArray> bodies;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT body FROM payloads"_s))
        return bodies;
    while (query.next())
        bodies.insert(query.value(0).toByteArray());
    return bodies;
}
