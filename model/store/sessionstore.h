#pragma once

#include "event/deliveryresult.h"
#include "event/event.h"
#include "event/eventanalysis.h"
#include "event/eventsummary.h"

#include <QByteArrayView>
#include <QString>

#include <functional>
#include <limits>
#include <memory>
#include <optional>

class SessionLock;
class SqliteStatement;

// What SessionStore::scanEvents reads and what it may skip unread.
struct EventScan
{
    qint64 fromSeq = 0;
    qint64 toSeq = std::numeric_limits<qint64>::max();
    bool headers = false; // decode the request headers too (filters on headers, searches)
    // Asked with each row's raw body before anything else of the row is read: rows it refuses
    // are skipped. Null admits every row.
    std::function<bool(QByteArrayView body)> admits;
    // Asked every 1024 rows with the count read so far: progress, and false stops (cancel).
    std::function<bool(qint64 rowsRead)> keepGoing;
};

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

    enum class Access {
        // Opens or creates the file, for writing: refused (before a byte is written) when the
        // file is not a Hookscope session (a non-empty SQLite database without Hookscope's meta
        // row, or not SQLite at all), when the file or its folder cannot be written, and when
        // another process writes it (SessionLock).
        ReadWrite,
        // Only reads an existing session: no lock, nothing created or changed, and a read-only
        // file will do.
        ReadOnly,
    };

    // Opens the session (a new file is created readable by the user only). Returns an error
    // naming the file, or nothing on success.
    std::optional<QString> open(const QString &path, Access access = Access::ReadWrite);
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
    // The fast path for filters that read bodies: streams, in sequence order, the rows of a seq
    // range that scan.admits lets through, each as an Event holding only seq, body and (when
    // asked) request headers, with its stored summary. Straight from SQLite, reading no other
    // column: the event's body points into SQLite's row and is valid only during the callback.
    bool scanEvents(const EventScan &scan,
                    const std::function<bool(const Event &, const EventSummary &)> &callback) const;
    // The lowest and highest stored seq, {0, 0} when empty: for splitting a scan in ranges.
    std::pair<qint64, qint64> seqRange() const;

    QString lastError() const { return m_lastError; }

    // A new file name in the user's data directory, whose folder exists and is private.
    static QString newDefaultSessionPath();

private:
    std::optional<QString> connect(const QString &path, Access access);
    std::optional<QString> openForWriting(const QString &path);
    bool exec(const QString &sql);
    bool createSchema();
    bool hasColumn(const QString &table, const QString &column) const;
    bool addLaterColumns();
    // The summary columns to SELECT, each prefixed with "table." when given; constants for
    // the later columns a session from an earlier Hookscope lacks.
    QString summaryColumns(const QString &table) const;
    bool fail(const QString &what, const QString &why) const;
    bool prepareInserts();
    bool insert(const Event &event, const EventAnalysis &analysis);

    QString m_connection;
    // The capture path's statements, prepared once per connection on the sqlite3 C API:
    // binding through QSqlQuery and QVariant was the largest cost of capturing an event.
    std::unique_ptr<SqliteStatement> m_begin;
    std::unique_ptr<SqliteStatement> m_commit;
    std::unique_ptr<SqliteStatement> m_rollback;
    std::unique_ptr<SqliteStatement> m_insertSummary;
    std::unique_ptr<SqliteStatement> m_insertPayload;
    QByteArray m_headers; // encoding buffers reused across inserts
    QByteArray m_responseHeaders;
    QString m_path;
    bool m_hasLaterColumns = false; // content_type and attempt, absent from older sessions
    std::shared_ptr<SessionLock> m_lock; // while open for writing
    mutable QString m_lastError;
};
