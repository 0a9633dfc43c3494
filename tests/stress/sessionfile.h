#pragma once

#include <QByteArray>
#include <QSet>
#include <QString>

#include <optional>

// Reads a session file the way an outside tool would (plain QSQLITE, no SessionStore), so the
// stress tests judge what is really on disk.
class SessionFile
{
public:
    explicit SessionFile(const QString &path);
    ~SessionFile();
    SessionFile(const SessionFile &) = delete;
    SessionFile &operator=(const SessionFile &) = delete;

    std::optional<QString> openError() const { return m_error; }
    QString integrityCheck() const; // "ok" when SQLite finds nothing wrong
    qint64 rowCount() const; // rows in `events`, -1 on error
    qint64 payloadCount() const; // rows in `payloads`, -1 on error
    QSet<QByteArray> bodies() const;

private:
    qint64 count(const QString &table) const;

    QString m_connection;
    std::optional<QString> m_error;
};
