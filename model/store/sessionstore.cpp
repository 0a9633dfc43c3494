#include "sessionstore.h"

#include "event/stringpool.h"
#include "event/userfolders.h"
#include "headercodec.h"
#include "sessionlock.h"
#include "sqlitestatement.h"
#include "summarycodec.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {
const auto kFormatKey = u"format"_s;
const auto kFormatValue = u"hookscope-session-1"_s;

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"hookscope-session-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

// Creates the file before SQLite does, so it is private from its first byte; SQLite gives its
// -wal and -shm files the same permissions.
bool createPrivateFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

QString synchronousMode()
{
    return qEnvironmentVariable("HOOKSCOPE_SYNC") == u"FULL"_s ? u"FULL"_s : u"NORMAL"_s;
}

Status failure(const QString &what, const QString &why)
{
    return Status::failure(u"%1: %2"_s.arg(what, why));
}

Status commit(QSqlDatabase &db)
{
    return db.commit() ? Status() : failure(u"commit"_s, db.lastError().text());
}

// Fails for what a session must not be: not SQLite, or tables without Hookscope's meta row.
Status ownTables(const QSqlDatabase &db, const QString &path)
{
    QSqlQuery tables(db);
    if (!tables.exec(u"SELECT count(*) FROM sqlite_master"_s) || !tables.next())
        return Status::failure(
            u"%1: not a Hookscope session (not an SQLite database); it is left unchanged"_s.arg(
                path));
    if (tables.value(0).toLongLong() == 0)
        return {}; // an empty database may become a session
    QSqlQuery meta(db);
    const bool ours = meta.exec(u"SELECT value FROM meta WHERE key = '%1'"_s.arg(kFormatKey))
        && meta.next() && meta.value(0).toString() == kFormatValue;
    if (ours)
        return {};
    return Status::failure(
        u"%1: not a Hookscope session (an SQLite database without Hookscope's meta row); it "
        "is left unchanged"_s.arg(path));
}

// Whether the file at path may be used as a session, looked at through a read-only connection
// so that nothing is written: not if it is not SQLite, or another program's database (tables but
// no Hookscope meta row). An empty database (no tables) may become a session.
Status mayBeASession(const QString &path)
{
    static QAtomicInteger<quint64> counter;
    const QString name = u"hookscope-check-%1"_s.arg(counter.fetchAndAddRelaxed(1));
    Status verdict;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        verdict = db.open()
            ? ownTables(db, path)
            : Status::failure(u"%1: not a Hookscope session (%2); it is left unchanged"_s.arg(
                path, db.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return verdict;
}

// Capture must fail at start, not answer 503 to every request: SQLite writes the file and
// creates its -wal and -shm files beside it.
Status writable(const QFileInfo &info)
{
    const QFileInfo folder(info.absolutePath());
    if (info.exists() && !info.isWritable())
        return Status::failure(
            u"%1: the session file is read-only, so events cannot be stored in it (export "
            "can still read it)"_s.arg(info.filePath()));
    if (!folder.isWritable())
        return Status::failure(
            u"%1: cannot write in the folder %2, so events cannot be stored there"_s.arg(
                info.filePath(), folder.filePath()));
    return {};
}

} // namespace

SessionStore::SessionStore()
    : m_connection(nextConnectionName())
{ }

SessionStore::~SessionStore()
{
    close();
}

Status SessionStore::open(const QString &path, Access access)
{
    close();
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return Status::failure(u"%1: not a file"_s.arg(path));
    if (access == Access::ReadWrite)
        return openForWriting(path);
    if (!info.exists())
        return Status::failure(u"%1: no such session file"_s.arg(path));
    if (Status session = mayBeASession(path); !session)
        return session;
    if (Status connected = connect(path, access); !connected)
        return connected;
    m_path = path;
    m_hasLaterColumns = hasColumn(u"events"_s, u"attempt"_s);
    if (const Status waits = exec(u"PRAGMA busy_timeout=10000"_s); !waits) {
        close();
        return failure(path, waits.error());
    }
    return {};
}

Status SessionStore::openForWriting(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists() && info.size() > 0) {
        if (Status session = mayBeASession(path); !session)
            return session;
    }
    if (Status canWrite = writable(info); !canWrite)
        return canWrite;
    auto lock = SessionLock::acquire(path);
    if (const auto *error = std::get_if<QString>(&lock))
        return Status::failure(*error);
    if (!info.exists() && !createPrivateFile(path))
        return Status::failure(u"%1: cannot create the session file"_s.arg(path));
    if (Status connected = connect(path, Access::ReadWrite); !connected)
        return connected;
    m_lock = std::get<std::shared_ptr<SessionLock>>(std::move(lock));
    m_path = path;
    if (const Status schema = createSchema(); !schema) {
        close();
        return Status::failure(u"%1: not a Hookscope session (%2)"_s.arg(path, schema.error()));
    }
    return {};
}

Status SessionStore::connect(const QString &path, Access access)
{
    QString why;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(path);
        if (access == Access::ReadOnly)
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open())
            return {};
        why = db.lastError().text();
    } // the handle must be gone before the connection is removed
    QSqlDatabase::removeDatabase(m_connection);
    return failure(path, why);
}

void SessionStore::close()
{
    // statements must be finalized before their connection closes
    for (auto *owner : { &m_begin, &m_commit, &m_rollback, &m_insertSummary, &m_insertPayload })
        owner->reset();
    if (!QSqlDatabase::contains(m_connection))
        return;
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
    m_path.clear();
    m_lock.reset(); // after the connection: the next writer finds everything committed
}

bool SessionStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection)
        && QSqlDatabase::database(m_connection, false).isOpen();
}

Status SessionStore::exec(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(sql))
        return failure(sql, query.lastError().text());
    return {};
}

Status SessionStore::createSchema()
{
    // NORMAL in WAL mode: a commit is in the WAL (the OS's cache) before the 2xx is sent, so a
    // crash or kill of Hookscope loses no answered event; only a power loss or kernel crash can
    // lose the last moments. FULL (an fdatasync per commit) cost 80% of capture throughput here;
    // HOOKSCOPE_SYNC=FULL restores it for those who want that guarantee too.
    // The capture thread writes while the window reads (and sometimes deletes): wait for the
    // other connection's lock instead of failing at once.
    const QString statements[] = {
        u"PRAGMA busy_timeout=10000"_s,
        u"PRAGMA journal_mode=WAL"_s,
        u"PRAGMA synchronous=%1"_s.arg(synchronousMode()),
        u"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)"_s,
        u"CREATE TABLE IF NOT EXISTS events(seq INTEGER PRIMARY KEY, received_at INTEGER, "
        "method TEXT, target BLOB, remote TEXT, body_size INTEGER, status INTEGER, "
        "event_type TEXT, classified_by INTEGER, errors INTEGER, warnings INTEGER, "
        "signature INTEGER, body_kind INTEGER, origin INTEGER, source_file TEXT, "
        "schema_checked INTEGER, content_type TEXT, attempt INTEGER)"_s,
        u"CREATE TABLE IF NOT EXISTS payloads(seq INTEGER PRIMARY KEY, headers BLOB, "
        "body BLOB, response_headers BLOB, response_body BLOB, response_delay INTEGER)"_s,
        u"CREATE TABLE IF NOT EXISTS deliveries(id INTEGER PRIMARY KEY, seq INTEGER, kind TEXT, "
        "target TEXT, status INTEGER, reason BLOB, headers BLOB, body BLOB, truncated INTEGER, "
        "elapsed_ms INTEGER, error TEXT, at INTEGER)"_s,
        u"CREATE INDEX IF NOT EXISTS deliveries_seq ON deliveries(seq)"_s,
    };
    for (const QString &sql : statements) {
        if (Status done = exec(sql); !done)
            return done;
    }
    if (Status added = addLaterColumns(); !added)
        return added;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(u"SELECT value FROM meta WHERE key = ?"_s);
    query.addBindValue(kFormatKey);
    if (!query.exec())
        return failure(u"meta"_s, query.lastError().text());
    if (query.next()) {
        if (query.value(0).toString() == kFormatValue)
            return {};
        return failure(u"format"_s, query.value(0).toString());
    }
    query.prepare(u"INSERT INTO meta(key, value) VALUES(?, ?)"_s);
    query.addBindValue(kFormatKey);
    query.addBindValue(kFormatValue);
    return query.exec() ? Status() : failure(u"meta"_s, query.lastError().text());
}

bool SessionStore::hasColumn(const QString &table, const QString &column) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(u"PRAGMA table_info(%1)"_s.arg(table)))
        return false;
    while (query.next()) {
        if (query.value(1).toString() == column)
            return true;
    }
    return false;
}

// A session written by an earlier Hookscope gets the columns added since, empty for its events.
Status SessionStore::addLaterColumns()
{
    for (const QString &column : { u"content_type TEXT"_s, u"attempt INTEGER"_s }) {
        if (hasColumn(u"events"_s, column.section(u' ', 0, 0)))
            continue;
        if (Status added = exec(u"ALTER TABLE events ADD COLUMN "_s + column); !added)
            return added;
    }
    m_hasLaterColumns = true;
    return {};
}

Status SessionStore::prepareInserts()
{
    sqlite3 *db = SqliteStatement::handleOf(m_connection);
    const std::pair<std::unique_ptr<SqliteStatement> *, const char *> statements[] = {
        { &m_begin, "BEGIN" },
        { &m_commit, "COMMIT" },
        { &m_rollback, "ROLLBACK" },
        { &m_insertSummary,
          // Never OR REPLACE: a stored (and so answered) event is never overwritten; a clash
          // fails the batch, which is then answered 503.
          "INSERT INTO events VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)" },
        { &m_insertPayload, "INSERT INTO payloads VALUES(?,?,?,?,?,?)" },
    };
    for (const auto &[statement, sql] : statements) {
        *statement = std::make_unique<SqliteStatement>();
        if (!(*statement)->prepare(db, sql)) {
            const QString why = (*statement)->errorText();
            statement->reset();
            return failure(QString::fromLatin1(sql), why);
        }
    }
    return {};
}

// One event's two rows. The bound bytes are the event's own (or the reused header buffers):
// nothing is copied until SQLite writes the record.
bool SessionStore::insert(const Event &e, const EventAnalysis &a)
{
    SqliteStatement &summary = *m_insertSummary;
    const QString method = QString::fromLatin1(e.method);
    summary.bindInt(1, e.seq);
    summary.bindInt(2, e.receivedAtMs);
    summary.bindText(3, method);
    summary.bindBlob(4, e.target, true);
    summary.bindText(5, e.remote);
    summary.bindInt(6, e.body.size());
    summary.bindInt(7, e.response.status);
    summary.bindText(8, a.eventType);
    const qint64 analysis[] = { int(a.classifiedBy),    a.errorCount(),  a.warningCount(),
                                int(a.signature.state), int(a.bodyKind), int(e.origin) };
    for (int i = 0; i < 6; ++i)
        summary.bindInt(9 + i, analysis[i]);
    summary.bindText(15, e.sourceFile);
    summary.bindInt(16, a.schemaChecked ? 1 : 0);
    const QString contentType = QString::fromLatin1(e.headerValue("content-type").trimmed());
    summary.bindText(17, contentType);
    summary.bindInt(18, EventSummary::attemptOf(e.headers));
    SqliteStatement &payload = *m_insertPayload;
    HeaderCodec::encodeInto(m_headers, e.headers);
    HeaderCodec::encodeInto(m_responseHeaders, e.response.headers);
    payload.bindInt(1, e.seq);
    payload.bindBlob(2, m_headers);
    payload.bindBlob(3, e.body);
    payload.bindBlob(4, m_responseHeaders);
    payload.bindBlob(5, e.response.body);
    payload.bindInt(6, e.response.delayMs);
    return summary.run() && payload.run();
}

Status SessionStore::append(const QList<Event> &events, const QList<EventAnalysis> &analyses)
{
    Q_ASSERT(events.size() == analyses.size());
    if (!m_insertSummary) {
        if (Status prepared = prepareInserts(); !prepared)
            return prepared;
    }
    if (!m_begin->run())
        return failure(u"begin"_s, m_begin->errorText());
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (!insert(events.at(i), analyses.at(i))) {
            const QString why =
                m_insertSummary->ok() ? m_insertPayload->errorText() : m_insertSummary->errorText();
            m_rollback->run();
            return failure(u"insert event %1"_s.arg(events.at(i).seq), why);
        }
    }
    // Durable on return: the commit is in the WAL before any answer is sent (see createSchema).
    if (m_commit->run())
        return {};
    const QString why = m_commit->errorText();
    m_rollback->run();
    return failure(u"commit"_s, why);
}

Status SessionStore::updateAnalyses(const QList<std::pair<qint64, EventAnalysis>> &analyses)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return failure(u"begin"_s, db.lastError().text());
    QSqlQuery query(db);
    query.prepare(u"UPDATE events SET event_type=?, classified_by=?, errors=?, warnings=?, "
                  "signature=?, body_kind=?, schema_checked=? WHERE seq=?"_s);
    for (const auto &[seq, a] : analyses) {
        for (const QVariant &value :
             QVariantList { a.eventType, int(a.classifiedBy), a.errorCount(), a.warningCount(),
                            int(a.signature.state), int(a.bodyKind), a.schemaChecked, seq })
            query.addBindValue(value);
        if (!query.exec()) {
            const QString why = query.lastError().text();
            db.rollback();
            return failure(u"update %1"_s.arg(seq), why);
        }
    }
    return commit(db);
}

Status SessionStore::remove(const QList<qint64> &seqs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    QSqlQuery events(db), payloads(db);
    events.prepare(u"DELETE FROM events WHERE seq=?"_s);
    QSqlQuery deliveries(db);
    deliveries.prepare(u"DELETE FROM deliveries WHERE seq=?"_s);
    payloads.prepare(u"DELETE FROM payloads WHERE seq=?"_s);
    for (qint64 seq : seqs) {
        events.addBindValue(seq);
        payloads.addBindValue(seq);
        deliveries.addBindValue(seq);
        if (!events.exec() || !payloads.exec() || !deliveries.exec()) {
            db.rollback();
            return failure(u"delete %1"_s.arg(seq), events.lastError().text());
        }
    }
    return commit(db);
}

Status SessionStore::addDelivery(const DeliveryResult &d)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(
        u"INSERT INTO deliveries(seq, kind, target, status, reason, headers, body, truncated, "
        "elapsed_ms, error, at) VALUES(?,?,?,?,?,?,?,?,?,?,?)"_s);
    int at = 0;
    for (const QVariant &value :
         { QVariant(d.seq), QVariant(d.kind), QVariant(d.target.toString(QUrl::RemoveUserInfo)),
           QVariant(d.status), QVariant(d.reason), QVariant(HeaderCodec::encode(d.headers)),
           QVariant(d.body), QVariant(d.truncated), QVariant(d.elapsedMs), QVariant(d.error),
           QVariant(d.at) })
        query.bindValue(at++, value);
    return query.exec() ? Status()
                        : failure(u"delivery of %1"_s.arg(d.seq), query.lastError().text());
}

QList<DeliveryResult> SessionStore::deliveries(qint64 seq) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(
        u"SELECT kind, target, status, reason, headers, body, truncated, elapsed_ms, error, at "
        "FROM deliveries WHERE seq = ? ORDER BY id"_s);
    query.addBindValue(seq);
    QList<DeliveryResult> list;
    if (!query.exec())
        return list;
    while (query.next()) {
        DeliveryResult d;
        d.seq = seq;
        d.kind = query.value(0).toString();
        d.target = QUrl(query.value(1).toString());
        d.status = query.value(2).toInt();
        d.reason = query.value(3).toByteArray();
        d.headers = HeaderCodec::decode(query.value(4).toByteArray());
        d.body = query.value(5).toByteArray();
        d.truncated = query.value(6).toBool();
        d.elapsedMs = query.value(7).toLongLong();
        d.error = query.value(8).toString();
        d.at = query.value(9).toLongLong();
        list.append(d);
    }
    return list;
}

Status SessionStore::clear()
{
    for (const QString &table : { u"events"_s, u"payloads"_s, u"deliveries"_s }) {
        if (Status done = exec(u"DELETE FROM "_s + table); !done)
            return done;
    }
    return {};
}

qint64 SessionStore::count() const
{
    QSqlQuery query(u"SELECT count(*) FROM events"_s, QSqlDatabase::database(m_connection, false));
    return query.next() ? query.value(0).toLongLong() : 0;
}

qint64 SessionStore::maxSeq() const
{
    QSqlQuery query(u"SELECT coalesce(max(seq), 0) FROM events"_s,
                    QSqlDatabase::database(m_connection, false));
    return query.next() ? query.value(0).toLongLong() : 0;
}

namespace {
Event eventFromRow(const QSqlQuery &q)
{
    Event e;
    e.seq = q.value(0).toLongLong();
    e.receivedAtMs = q.value(1).toLongLong();
    e.method = q.value(2).toString().toLatin1();
    e.target = q.value(3).toByteArray();
    e.remote = q.value(4).toString();
    e.response.status = q.value(5).toInt();
    e.origin = Origin(q.value(6).toInt());
    e.sourceFile = q.value(7).toString();
    e.headers = HeaderCodec::decode(q.value(8).toByteArray());
    e.body = q.value(9).toByteArray();
    e.response.headers = HeaderCodec::decode(q.value(10).toByteArray());
    e.response.body = q.value(11).toByteArray();
    e.response.delayMs = q.value(12).toInt();
    return e;
}

const char kEventSelect[] = "SELECT e.seq, e.received_at, e.method, e.target, e.remote, e.status, "
                            "e.origin, e.source_file, p.headers, p.body, p.response_headers, "
                            "p.response_body, p.response_delay FROM events e JOIN payloads p "
                            "ON p.seq = e.seq";
constexpr int kEventColumnCount = 13;
} // namespace

std::optional<Event> SessionStore::load(qint64 seq) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QString::fromLatin1(kEventSelect) + u" WHERE e.seq = ?"_s);
    query.addBindValue(seq);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return eventFromRow(query);
}

Status SessionStore::forEachEvent(const std::function<bool(Event &&)> &callback) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.exec(QString::fromLatin1(kEventSelect) + u" ORDER BY e.seq"_s))
        return failure(u"read events"_s, query.lastError().text());
    while (query.next()) {
        if (!callback(eventFromRow(query)))
            break;
    }
    return {};
}

namespace {
// QSqlQuery with the column readers of SqliteStatement, for SummaryCodec.
struct QueryRow
{
    const QSqlQuery &query;
    qint64 columnInt(int at) const { return query.value(at).toLongLong(); }
    QString columnText(int at) const { return query.value(at).toString(); }
    QByteArray columnBytes(int at) const { return query.value(at).toByteArray(); }
};

} // namespace

QString SessionStore::summaryColumns(const QString &table) const
{
    QStringList columns = QString::fromLatin1(SummaryCodec::kColumns).split(u", "_s);
    if (m_hasLaterColumns)
        columns += QString::fromLatin1(SummaryCodec::kLaterColumns).split(u", "_s);
    for (QString &column : columns)
        column = table.isEmpty() ? column : table + u'.' + column;
    if (!m_hasLaterColumns)
        columns += QString::fromLatin1(SummaryCodec::kLaterDefaults).split(u", "_s);
    return columns.join(u", "_s);
}

Status SessionStore::forEachSummary(const std::function<bool(EventSummary &&)> &callback) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    const QString sql = u"SELECT "_s + summaryColumns({}) + u" FROM events ORDER BY seq"_s;
    if (!query.exec(sql))
        return failure(u"read summaries"_s, query.lastError().text());
    StringPool pool;
    while (query.next()) {
        if (!callback(SummaryCodec::decode(QueryRow { query }, 0, pool)))
            break;
    }
    return {};
}

Status SessionStore::forEachEventAndSummary(
    const std::function<bool(Event &&, EventSummary &&)> &callback) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    const QString sql = QString::fromLatin1(kEventSelect)
                            .replace(u" FROM"_s, u", "_s + summaryColumns(u"e"_s) + u" FROM"_s)
        + u" ORDER BY e.seq"_s;
    if (!query.exec(sql))
        return failure(u"read events"_s, query.lastError().text());
    StringPool pool;
    while (query.next()) {
        if (!callback(eventFromRow(query),
                      SummaryCodec::decode(QueryRow { query }, kEventColumnCount, pool)))
            break;
    }
    return {};
}

std::optional<std::pair<Event, EventSummary>> SessionStore::loadWithSummary(qint64 seq) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QString::fromLatin1(kEventSelect)
                      .replace(u" FROM"_s, u", "_s + summaryColumns(u"e"_s) + u" FROM"_s)
                  + u" WHERE e.seq = ?"_s);
    query.addBindValue(seq);
    if (!query.exec() || !query.next())
        return std::nullopt;
    StringPool pool;
    return std::pair { eventFromRow(query),
                       SummaryCodec::decode(QueryRow { query }, kEventColumnCount, pool) };
}

std::pair<qint64, qint64> SessionStore::seqRange() const
{
    QSqlQuery query(u"SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) FROM events"_s,
                    QSqlDatabase::database(m_connection, false));
    if (!query.next())
        return { 0, 0 };
    return { query.value(0).toLongLong(), query.value(1).toLongLong() };
}

namespace {
// Steps `events` (ordered by seq) up to `seq`; true when it then stands on that row.
bool advanceTo(SqliteStatement &events, qint64 seq, bool &onRow, bool &done)
{
    while (!done && (!onRow || events.columnInt(0) < seq)) {
        onRow = events.step();
        done = !onRow;
    }
    return onRow && events.columnInt(0) == seq;
}
} // namespace

// Two cursors walk payloads and events side by side in seq order (a merge join): the events
// row is read only for bodies the scan admits, and no row is looked up by key.
Status SessionStore::scanEvents(
    const EventScan &scan,
    const std::function<bool(const Event &, const EventSummary &)> &callback) const
{
    sqlite3 *db = SqliteStatement::handleOf(m_connection);
    SqliteStatement payloads, events;
    const QByteArray summarySql = "SELECT "_ba + summaryColumns({}).toLatin1()
        + " FROM events WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq"_ba;
    if (!payloads.prepare(db,
                          scan.headers ? "SELECT seq, body, headers FROM payloads WHERE seq "
                                         "BETWEEN ?1 AND ?2 ORDER BY seq"
                                       : "SELECT seq, body FROM payloads WHERE seq BETWEEN ?1 "
                                         "AND ?2 ORDER BY seq")
        || !events.prepare(db, summarySql.constData()))
        return failure(u"read events"_s, payloads.errorText());
    for (SqliteStatement *statement : { &payloads, &events }) {
        statement->bindInt(1, scan.fromSeq);
        statement->bindInt(2, scan.toSeq);
    }
    StringPool pool;
    Event event;
    bool onRow = false, done = false;
    for (qint64 read = 1; payloads.step(); ++read) {
        if (read % 1024 == 0 && scan.keepGoing && !scan.keepGoing(read))
            return {};
        const QByteArrayView body = payloads.columnBytes(1);
        if (scan.admits && !scan.admits(body))
            continue;
        event.seq = payloads.columnInt(0);
        if (!advanceTo(events, event.seq, onRow, done))
            continue; // a payload without its summary row
        event.body = QByteArray::fromRawData(body.data(), body.size());
        if (scan.headers) {
            const QByteArrayView headers = payloads.columnBytes(2);
            event.headers =
                HeaderCodec::decode(QByteArray::fromRawData(headers.data(), headers.size()));
        }
        if (!callback(event, SummaryCodec::decode(events, 0, pool)))
            return {};
    }
    return payloads.ok() ? Status() : failure(u"read events"_s, payloads.errorText());
}

QString SessionStore::newDefaultSessionPath()
{
    const QString folder = UserFolders::sessions();
    QDir().mkpath(folder);
    QFile::setPermissions(folder,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss-zzz"_s);
    return folder + u"/session-"_s + stamp + u".hookscope"_s;
}
