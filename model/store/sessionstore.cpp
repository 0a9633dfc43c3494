#include "sessionstore.h"

#include "event/stringpool.h"
#include "event/userfolders.h"
#include "headercodec.h"
#include "sessionlock.h"
#include "sqlitestatement.h"

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

// Not SQLite, or tables without Hookscope's meta row: what a session must not be.
std::optional<QString> foreignTables(const QSqlDatabase &db, const QString &path)
{
    QSqlQuery tables(db);
    if (!tables.exec(u"SELECT count(*) FROM sqlite_master"_s) || !tables.next())
        return u"%1: not a Hookscope session (not an SQLite database); it is left unchanged"_s.arg(
            path);
    if (tables.value(0).toLongLong() == 0)
        return std::nullopt; // an empty database may become a session
    QSqlQuery meta(db);
    const bool ours = meta.exec(u"SELECT value FROM meta WHERE key = '%1'"_s.arg(kFormatKey))
        && meta.next() && meta.value(0).toString() == kFormatValue;
    if (ours)
        return std::nullopt;
    return u"%1: not a Hookscope session (an SQLite database without Hookscope's meta row); it "
           "is left unchanged"_s.arg(path);
}

// Why the file at path must not be written as a session, looked at through a read-only
// connection so that nothing is written: not SQLite, or another program's database (tables but
// no Hookscope meta row). An empty database (no tables) may become a session.
std::optional<QString> notASession(const QString &path)
{
    static QAtomicInteger<quint64> counter;
    const QString name = u"hookscope-check-%1"_s.arg(counter.fetchAndAddRelaxed(1));
    std::optional<QString> problem;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        problem = db.open() ? foreignTables(db, path)
                            : u"%1: not a Hookscope session (%2); it is left unchanged"_s.arg(
                                path, db.lastError().text());
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return problem;
}

// Capture must fail at start, not answer 503 to every request: SQLite writes the file and
// creates its -wal and -shm files beside it.
std::optional<QString> notWritable(const QFileInfo &info)
{
    const QFileInfo folder(info.absolutePath());
    if (info.exists() && !info.isWritable())
        return u"%1: the session file is read-only, so events cannot be stored in it (export "
               "can still read it)"_s.arg(info.filePath());
    if (!folder.isWritable())
        return u"%1: cannot write in the folder %2, so events cannot be stored there"_s.arg(
            info.filePath(), folder.filePath());
    return std::nullopt;
}

const char kSummaryColumns[] = "seq, received_at, method, target, remote, body_size, status, "
                               "event_type, classified_by, errors, warnings, signature, "
                               "body_kind, origin, schema_checked";
// Added to the events table later: a session written before them reads them as empty, and is
// given them when opened for writing (ALTER TABLE ... ADD COLUMN keeps every row).
const char kLaterSummaryColumns[] = ", content_type, attempt";
const char kLaterSummaryDefaults[] = ", '', 0";
} // namespace

SessionStore::SessionStore()
    : m_connection(nextConnectionName())
{ }

SessionStore::~SessionStore()
{
    close();
}

std::optional<QString> SessionStore::open(const QString &path, Access access)
{
    close();
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return u"%1: not a file"_s.arg(path);
    if (access == Access::ReadWrite)
        return openForWriting(path);
    if (!info.exists())
        return u"%1: no such session file"_s.arg(path);
    if (auto problem = notASession(path))
        return problem;
    if (auto error = connect(path, access))
        return error;
    m_path = path;
    m_hasLaterColumns = hasColumn(u"events"_s, u"attempt"_s);
    if (!exec(u"PRAGMA busy_timeout=10000"_s)) {
        const QString why = m_lastError;
        close();
        return u"%1: %2"_s.arg(path, why);
    }
    return std::nullopt;
}

std::optional<QString> SessionStore::openForWriting(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists() && info.size() > 0) {
        if (auto problem = notASession(path))
            return problem;
    }
    if (auto problem = notWritable(info))
        return problem;
    auto lock = SessionLock::acquire(path);
    if (const auto *error = std::get_if<QString>(&lock))
        return *error;
    if (!info.exists() && !createPrivateFile(path))
        return u"%1: cannot create the session file"_s.arg(path);
    if (auto error = connect(path, Access::ReadWrite))
        return error;
    m_lock = std::get<std::shared_ptr<SessionLock>>(std::move(lock));
    m_path = path;
    if (!createSchema()) {
        const QString why = m_lastError;
        close();
        return u"%1: not a Hookscope session (%2)"_s.arg(path, why);
    }
    return std::nullopt;
}

std::optional<QString> SessionStore::connect(const QString &path, Access access)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(path);
        if (access == Access::ReadOnly)
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open())
            return std::nullopt;
        m_lastError = db.lastError().text();
    } // the handle must be gone before the connection is removed
    QSqlDatabase::removeDatabase(m_connection);
    return u"%1: %2"_s.arg(path, m_lastError);
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

bool SessionStore::exec(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(sql))
        return fail(sql, query.lastError().text());
    return true;
}

bool SessionStore::fail(const QString &what, const QString &why) const
{
    m_lastError = u"%1: %2"_s.arg(what, why);
    return false;
}

bool SessionStore::createSchema()
{
    // NORMAL in WAL mode: a commit is in the WAL (the OS's cache) before the 2xx is sent, so a
    // crash or kill of Hookscope loses no answered event; only a power loss or kernel crash can
    // lose the last moments. FULL (an fdatasync per commit) cost 80% of capture throughput here;
    // HOOKSCOPE_SYNC=FULL restores it for those who want that guarantee too.
    // The capture thread writes while the window reads (and sometimes deletes): wait for the
    // other connection's lock instead of failing at once.
    if (!exec(u"PRAGMA busy_timeout=10000"_s) || !exec(u"PRAGMA journal_mode=WAL"_s)
        || !exec(u"PRAGMA synchronous=%1"_s.arg(synchronousMode())))
        return false;
    const bool created =
        exec(u"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)"_s)
        && exec(u"CREATE TABLE IF NOT EXISTS events(seq INTEGER PRIMARY KEY, received_at INTEGER, "
                "method TEXT, target BLOB, remote TEXT, body_size INTEGER, status INTEGER, "
                "event_type TEXT, classified_by INTEGER, errors INTEGER, warnings INTEGER, "
                "signature INTEGER, body_kind INTEGER, origin INTEGER, source_file TEXT, "
                "schema_checked INTEGER, content_type TEXT, attempt INTEGER)"_s)
        && addLaterColumns()
        && exec(u"CREATE TABLE IF NOT EXISTS payloads(seq INTEGER PRIMARY KEY, headers BLOB, "
                "body BLOB, response_headers BLOB, response_body BLOB, response_delay INTEGER)"_s)
        && exec(
            u"CREATE TABLE IF NOT EXISTS deliveries(id INTEGER PRIMARY KEY, seq INTEGER, kind "
            u"TEXT, "
            "target TEXT, status INTEGER, reason BLOB, headers BLOB, body BLOB, truncated INTEGER, "
            "elapsed_ms INTEGER, error TEXT, at INTEGER)"_s)
        && exec(u"CREATE INDEX IF NOT EXISTS deliveries_seq ON deliveries(seq)"_s);
    if (!created)
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(u"SELECT value FROM meta WHERE key = ?"_s);
    query.addBindValue(kFormatKey);
    if (!query.exec())
        return fail(u"meta"_s, query.lastError().text());
    if (query.next())
        return query.value(0).toString() == kFormatValue
            || fail(u"format"_s, query.value(0).toString());
    query.prepare(u"INSERT INTO meta(key, value) VALUES(?, ?)"_s);
    query.addBindValue(kFormatKey);
    query.addBindValue(kFormatValue);
    return query.exec() || fail(u"meta"_s, query.lastError().text());
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
bool SessionStore::addLaterColumns()
{
    for (const QString &column : { u"content_type TEXT"_s, u"attempt INTEGER"_s }) {
        if (!hasColumn(u"events"_s, column.section(u' ', 0, 0))
            && !exec(u"ALTER TABLE events ADD COLUMN "_s + column))
            return false;
    }
    m_hasLaterColumns = true;
    return true;
}

bool SessionStore::prepareInserts()
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
            return fail(QString::fromLatin1(sql), why);
        }
    }
    return true;
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

bool SessionStore::append(const QList<Event> &events, const QList<EventAnalysis> &analyses)
{
    Q_ASSERT(events.size() == analyses.size());
    if (!m_insertSummary && !prepareInserts())
        return false;
    if (!m_begin->run())
        return fail(u"begin"_s, m_begin->errorText());
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (!insert(events.at(i), analyses.at(i))) {
            const QString why =
                m_insertSummary->ok() ? m_insertPayload->errorText() : m_insertSummary->errorText();
            m_rollback->run();
            return fail(u"insert event %1"_s.arg(events.at(i).seq), why);
        }
    }
    // Durable on return: the commit is in the WAL before any answer is sent (see createSchema).
    if (m_commit->run())
        return true;
    const QString why = m_commit->errorText();
    m_rollback->run();
    return fail(u"commit"_s, why);
}

bool SessionStore::updateAnalyses(const QList<std::pair<qint64, EventAnalysis>> &analyses)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction())
        return fail(u"begin"_s, db.lastError().text());
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
            return fail(u"update %1"_s.arg(seq), why);
        }
    }
    return db.commit() || fail(u"commit"_s, db.lastError().text());
}

bool SessionStore::remove(const QList<qint64> &seqs)
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
            return fail(u"delete %1"_s.arg(seq), events.lastError().text());
        }
    }
    return db.commit() || fail(u"commit"_s, db.lastError().text());
}

bool SessionStore::addDelivery(const DeliveryResult &d)
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
    return query.exec() || fail(u"delivery of %1"_s.arg(d.seq), query.lastError().text());
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

bool SessionStore::clear()
{
    return exec(u"DELETE FROM events"_s) && exec(u"DELETE FROM payloads"_s)
        && exec(u"DELETE FROM deliveries"_s);
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

bool SessionStore::forEachEvent(const std::function<bool(Event &&)> &callback) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.exec(QString::fromLatin1(kEventSelect) + u" ORDER BY e.seq"_s))
        return fail(u"read events"_s, query.lastError().text());
    while (query.next()) {
        if (!callback(eventFromRow(query)))
            break;
    }
    return true;
}

namespace {
// Reads the summary columns (kSummaryColumns order) starting at column `at`.
EventSummary summaryFromRow(const QSqlQuery &query, int at, StringPool &pool)
{
    EventSummary s;
    s.seq = query.value(at).toLongLong();
    s.receivedAtMs = query.value(at + 1).toLongLong();
    s.method = pool.intern(query.value(at + 2).toString());
    s.target = QString::fromUtf8(query.value(at + 3).toByteArray());
    s.remote = pool.intern(query.value(at + 4).toString());
    s.bodySize = quint32(query.value(at + 5).toLongLong());
    s.status = quint16(query.value(at + 6).toInt());
    s.eventType = pool.intern(query.value(at + 7).toString());
    s.classifiedBy = ClassifiedBy(query.value(at + 8).toInt());
    s.errorCount = quint16(query.value(at + 9).toInt());
    s.warningCount = quint16(query.value(at + 10).toInt());
    s.signature = SignatureState(query.value(at + 11).toInt());
    s.bodyKind = BodyKind(query.value(at + 12).toInt());
    s.origin = Origin(query.value(at + 13).toInt());
    s.schemaChecked = query.value(at + 14).toBool();
    s.contentType = pool.intern(query.value(at + 15).toString());
    s.attempt = quint16(query.value(at + 16).toInt());
    return s;
}

} // namespace

QString SessionStore::summaryColumns(const QString &table) const
{
    QStringList columns = QString::fromLatin1(kSummaryColumns).split(u", "_s);
    if (m_hasLaterColumns)
        columns += QString::fromLatin1(kLaterSummaryColumns).mid(2).split(u", "_s);
    for (QString &column : columns)
        column = table.isEmpty() ? column : table + u'.' + column;
    if (!m_hasLaterColumns)
        columns += QString::fromLatin1(kLaterSummaryDefaults).mid(2).split(u", "_s);
    return columns.join(u", "_s);
}

bool SessionStore::forEachSummary(const std::function<bool(EventSummary &&)> &callback) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    const QString sql = u"SELECT "_s + summaryColumns({}) + u" FROM events ORDER BY seq"_s;
    if (!query.exec(sql))
        return fail(u"read summaries"_s, query.lastError().text());
    StringPool pool;
    while (query.next()) {
        if (!callback(summaryFromRow(query, 0, pool)))
            break;
    }
    return true;
}

bool SessionStore::forEachEventAndSummary(
    const std::function<bool(Event &&, EventSummary &&)> &callback) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    const QString sql = QString::fromLatin1(kEventSelect)
                            .replace(u" FROM"_s, u", "_s + summaryColumns(u"e"_s) + u" FROM"_s)
        + u" ORDER BY e.seq"_s;
    if (!query.exec(sql))
        return fail(u"read events"_s, query.lastError().text());
    StringPool pool;
    while (query.next()) {
        if (!callback(eventFromRow(query), summaryFromRow(query, kEventColumnCount, pool)))
            break;
    }
    return true;
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
// A summary row of kSummaryColumns, read on the C API.
EventSummary summaryFromStatement(const SqliteStatement &row, StringPool &pool)
{
    EventSummary s;
    s.seq = row.columnInt(0);
    s.receivedAtMs = row.columnInt(1);
    s.method = pool.intern(row.columnText(2));
    s.target = QString::fromUtf8(row.columnBytes(3));
    s.remote = pool.intern(row.columnText(4));
    s.bodySize = quint32(row.columnInt(5));
    s.status = quint16(row.columnInt(6));
    s.eventType = pool.intern(row.columnText(7));
    s.classifiedBy = ClassifiedBy(row.columnInt(8));
    s.errorCount = quint16(row.columnInt(9));
    s.warningCount = quint16(row.columnInt(10));
    s.signature = SignatureState(row.columnInt(11));
    s.bodyKind = BodyKind(row.columnInt(12));
    s.origin = Origin(row.columnInt(13));
    s.schemaChecked = row.columnInt(14) != 0;
    s.contentType = pool.intern(row.columnText(15));
    s.attempt = quint16(row.columnInt(16));
    return s;
}

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
bool SessionStore::scanEvents(
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
        return fail(u"read events"_s, payloads.errorText());
    for (SqliteStatement *statement : { &payloads, &events }) {
        statement->bindInt(1, scan.fromSeq);
        statement->bindInt(2, scan.toSeq);
    }
    StringPool pool;
    Event event;
    bool onRow = false, done = false;
    for (qint64 read = 1; payloads.step(); ++read) {
        if (read % 1024 == 0 && scan.keepGoing && !scan.keepGoing(read))
            return true;
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
        if (!callback(event, summaryFromStatement(events, pool)))
            return true;
    }
    return payloads.ok() || fail(u"read events"_s, payloads.errorText());
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
