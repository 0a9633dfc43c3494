#pragma once

#include "event/deliveryresult.h"
#include "event/event.h"
#include "event/eventanalysis.h"
#include "event/eventsummary.h"

#include <QString>

#include <QSqlQuery>

#include <functional>
#include <memory>
#include <optional>

// One session file: SQLite through Qt SQL, WAL mode. The compact summary columns live in `events`
// and the bytes in `payloads`, so reopening a large session reads only the small table.
//
// A QSqlDatabase connection belongs to the thread that opened it: the capture thread keeps one
// store for writing, the GUI another for reading bodies on demand (WAL lets both work at once).
class SessionStore
{
public:
    SessionStore();
    ~SessionStore();
    SessionStore(const SessionStore &) = delete;
    SessionStore &operator=(const SessionStore &) = delete;

    // Opens or creates the file (created readable by the user only). Returns an error naming
    // the file, or nothing on success.
    std::optional<QString> open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }

    // Writes events with their analysis in one transaction; durable when it returns true.
    bool append(const QList<Event> &events, const QList<EventAnalysis> &analyses);
    // Stored analyses replaced in one transaction (re-checking a session after secrets or
    // schemas change).
    bool updateAnalyses(const QList<std::pair<qint64, EventAnalysis>> &analyses);
    bool remove(const QList<qint64> &seqs);
    // What replaying or forwarding an event brought back, kept with the event.
    bool addDelivery(const DeliveryResult &delivery);
    QList<DeliveryResult> deliveries(qint64 seq) const;
    bool clear();

    qint64 count() const;
    qint64 maxSeq() const;
    std::optional<Event> load(qint64 seq) const;
    // Streams every summary in sequence order; the callback may stop early by returning false.
    bool forEachSummary(const std::function<bool(EventSummary &&)> &callback) const;
    // Streams full events in sequence order (exports, re-analysis).
    bool forEachEvent(const std::function<bool(Event &&)> &callback) const;
    // Streams each event with its stored summary (filters that read bodies).
    bool
    forEachEventAndSummary(const std::function<bool(Event &&, EventSummary &&)> &callback) const;

    QString lastError() const { return m_lastError; }

    // A new file name in the user's data directory, whose folder exists and is private.
    static QString newDefaultSessionPath();

private:
    std::optional<QString> connect(const QString &path);
    bool exec(const QString &sql);
    bool createSchema();
    bool fail(const QString &what, const QString &why) const;

    QString m_connection;
    std::unique_ptr<QSqlQuery> m_insertSummary;
    std::unique_ptr<QSqlQuery> m_insertPayload;
    QString m_path;
    mutable QString m_lastError;
};
