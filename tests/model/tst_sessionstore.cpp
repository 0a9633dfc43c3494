#include "store/sessionstore.h"

#include "store/sessionlock.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
Event sampleEvent(qint64 seq)
{
    Event e;
    e.seq = seq;
    e.receivedAtMs = 1'700'000'000'000 + seq;
    e.method = "POST";
    e.target = "/hooks/identification?x=%20y";
    e.headers = { { "Host", "127.0.0.1" },
                  { "X-Dup", "a" },
                  { "content-type", "application/json" },
                  { "X-Dup", "b" },
                  { "Solaris-Webhook-Attempt", "2" } };
    e.body = QByteArray("{\"a\":1}\0\xff", 9);
    e.remote = u"127.0.0.1:5000"_s;
    e.response = { 201, { { "Content-Type", "application/json" } }, "{}", 0 };
    return e;
}

EventAnalysis sampleAnalysis()
{
    EventAnalysis a;
    a.bodyKind = BodyKind::Json;
    a.eventType = u"IDENTIFICATION"_s;
    a.classifiedBy = ClassifiedBy::Header;
    a.schemaChecked = true;
    a.violations = { { u"/status"_s, u"enum"_s, Severity::Error, u"bad"_s },
                     { u"/x"_s, u"undocumented"_s, Severity::Warning, u"extra"_s } };
    return a;
}
} // namespace

class TestSessionStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }
    void newFileIsPrivate();
    void roundTripIsByteExact();
    void summariesStreamInOrder();
    void reopenKeepsEventsAndSequence();
    void removeAndClear();
    void removeHalfOfAHundredThousand();
    void refusesAFileThatIsNotASession();
    void foreignDatabaseIsLeftUnchanged_data();
    void foreignDatabaseIsLeftUnchanged();
    void emptyDatabaseBecomesASession();
    void readOnlyOpenChangesNothing();
    void sessionWithoutLaterColumnsStillOpens();
    void writersOfOneProcessShareTheLock();
    void storedEventIsNeverOverwritten();
    void nullsAndEmptiesRoundTrip();
    void scanEventsAgreesWithAFullRead();
    void scanEventsSkipsWhatItIsToldTo();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestSessionStore::newFileIsPrivate()
{
    SessionStore store;
    QCOMPARE(store.open(path(u"private.hookscope"_s)), std::nullopt);
    const QFileDevice::Permissions permissions = QFile::permissions(path(u"private.hookscope"_s));
    QVERIFY(permissions.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
        | QFileDevice::ExeOther;
    QCOMPARE(permissions & others, QFileDevice::Permissions());
}

void TestSessionStore::roundTripIsByteExact()
{
    SessionStore store;
    QCOMPARE(store.open(path(u"exact.hookscope"_s)), std::nullopt);
    const Event original = sampleEvent(7);
    QVERIFY(store.append({ original }, { sampleAnalysis() }));
    const std::optional<Event> loaded = store.load(7);
    QVERIFY(loaded);
    QCOMPARE(loaded->body, original.body);
    QCOMPARE(loaded->headers, original.headers);
    QCOMPARE(loaded->method, original.method);
    QCOMPARE(loaded->target, original.target);
    QCOMPARE(loaded->remote, original.remote);
    QCOMPARE(loaded->receivedAtMs, original.receivedAtMs);
    QCOMPARE(loaded->response.status, 201);
    QCOMPARE(loaded->response.headers, original.response.headers);
    QCOMPARE(loaded->response.body, "{}"_ba);
    QVERIFY(!store.load(8));
}

void TestSessionStore::summariesStreamInOrder()
{
    SessionStore store;
    QCOMPARE(store.open(path(u"summaries.hookscope"_s)), std::nullopt);
    QVERIFY(store.append({ sampleEvent(2), sampleEvent(1), sampleEvent(3) },
                         { sampleAnalysis(), EventAnalysis(), sampleAnalysis() }));
    QList<EventSummary> summaries;
    QVERIFY(store.forEachSummary([&](EventSummary &&s) {
        summaries.append(s);
        return true;
    }));
    QCOMPARE(summaries.size(), 3);
    QCOMPARE(summaries.at(0).seq, 1);
    QCOMPARE(summaries.at(2).seq, 3);
    const EventSummary &s = summaries.at(1);
    QCOMPARE(s.eventType, u"IDENTIFICATION"_s);
    QCOMPARE(s.classifiedBy, ClassifiedBy::Header);
    QCOMPARE(s.errorCount, 1);
    QCOMPARE(s.warningCount, 1);
    QCOMPARE(s.bodySize, 9u);
    QCOMPARE(s.status, 201);
    QCOMPARE(s.method, u"POST"_s);
    QCOMPARE(s.target, u"/hooks/identification?x=%20y"_s);
    QVERIFY(s.schemaChecked);
    QVERIFY(!summaries.at(0).schemaChecked);
    QCOMPARE(s.contentType, u"application/json"_s);
    QCOMPARE(s.attempt, 2);
}

void TestSessionStore::reopenKeepsEventsAndSequence()
{
    const QString file = path(u"reopen.hookscope"_s);
    {
        SessionStore store;
        QCOMPARE(store.open(file), std::nullopt);
        QVERIFY(store.append({ sampleEvent(1), sampleEvent(2) },
                             { sampleAnalysis(), sampleAnalysis() }));
    }
    SessionStore again;
    QCOMPARE(again.open(file), std::nullopt);
    QCOMPARE(again.count(), 2);
    QCOMPARE(again.maxSeq(), 2);
    QCOMPARE(again.load(2)->body, sampleEvent(2).body);
}

void TestSessionStore::removeAndClear()
{
    SessionStore store;
    QCOMPARE(store.open(path(u"remove.hookscope"_s)), std::nullopt);
    QVERIFY(store.append({ sampleEvent(1), sampleEvent(2), sampleEvent(3) },
                         { sampleAnalysis(), sampleAnalysis(), sampleAnalysis() }));
    QVERIFY(store.remove({ 1, 3 }));
    QCOMPARE(store.count(), 1);
    QVERIFY(store.load(2));
    QVERIFY(!store.load(1));
    QVERIFY(store.clear());
    QCOMPARE(store.count(), 0);
}

void TestSessionStore::removeHalfOfAHundredThousand()
{
    SessionStore store;
    QCOMPARE(store.open(path(u"large.hookscope"_s)), std::nullopt);
    QList<Event> events;
    QList<EventAnalysis> analyses;
    for (int i = 1; i <= 100'000; ++i) {
        events.append(sampleEvent(i));
        analyses.append(sampleAnalysis());
    }
    QVERIFY(store.append(events, analyses));
    QList<qint64> odd;
    for (int i = 1; i <= 100'000; i += 2)
        odd.append(i);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(store.remove(odd));
    qInfo("removed 50,000 of 100,000 events in %lld ms", timer.elapsed());
    QCOMPARE(store.count(), 50'000);
    QVERIFY(!store.load(99'999));
    QVERIFY(store.load(100'000));
}

void TestSessionStore::refusesAFileThatIsNotASession()
{
    const QString file = path(u"notes.txt"_s);
    QFile text(file);
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("these are not the events you are looking for\n");
    text.close();
    SessionStore store;
    const std::optional<QString> error = store.open(file);
    QVERIFY(error);
    QVERIFY2(error->contains(file), qPrintable(*error));
}

namespace {
QByteArray checksum(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly)
        ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
        : QByteArray();
}

// Runs SQL on a plain connection, the way another program makes its database.
void runSql(const QString &path, const QStringList &statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other-program"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &sql : statements)
            QVERIFY2(query.exec(sql), qPrintable(sql));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"other-program"_s);
}
} // namespace

void TestSessionStore::foreignDatabaseIsLeftUnchanged_data()
{
    QTest::addColumn<QStringList>("sql");
    QTest::addColumn<bool>("readOnly");
    const QStringList contacts { u"CREATE TABLE contacts(id INTEGER PRIMARY KEY, name TEXT)"_s,
                                 u"INSERT INTO contacts(name) VALUES('Ada')"_s };
    QTest::newRow("another program's tables") << contacts << false;
    QTest::newRow("another program's tables, read only") << contacts << true;
    QTest::newRow("a meta table of its own")
        << QStringList { u"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)"_s,
                         u"INSERT INTO meta VALUES('format', 'other-app-7')"_s }
        << false;
    QTest::newRow("an empty meta table")
        << QStringList { u"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)"_s } << false;
}

// Refused before a byte is written: same checksum, no -wal, -shm or lock file beside it.
void TestSessionStore::foreignDatabaseIsLeftUnchanged()
{
    QFETCH(QStringList, sql);
    QFETCH(bool, readOnly);
    QTemporaryDir dir;
    const QString file = dir.filePath(u"other.db"_s);
    runSql(file, sql);
    const QByteArray before = checksum(file);
    SessionStore store;
    const auto error = store.open(
        file, readOnly ? SessionStore::Access::ReadOnly : SessionStore::Access::ReadWrite);
    QVERIFY(error);
    QVERIFY2(error->contains(file) && error->contains(u"not a Hookscope session"_s),
             qPrintable(*error));
    QVERIFY(!store.isOpen());
    QCOMPARE(checksum(file), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { u"other.db"_s });
}

void TestSessionStore::emptyDatabaseBecomesASession()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"empty.db"_s);
    runSql(file, { u"PRAGMA user_version = 0"_s }); // an SQLite file without tables
    SessionStore store;
    QCOMPARE(store.open(file), std::nullopt);
    QVERIFY(store.append({ sampleEvent(1) }, { sampleAnalysis() }));
}

void TestSessionStore::readOnlyOpenChangesNothing()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"s.hookscope"_s);
    {
        SessionStore writer;
        QCOMPARE(writer.open(file), std::nullopt);
        QVERIFY(writer.append({ sampleEvent(1), sampleEvent(2) },
                              { sampleAnalysis(), sampleAnalysis() }));
    }
    const QByteArray before = checksum(file);
    SessionStore reader;
    QCOMPARE(reader.open(file, SessionStore::Access::ReadOnly), std::nullopt);
    QCOMPARE(reader.count(), 2);
    QVERIFY(!QFile::exists(SessionLock::lockPathFor(file))); // readers take no lock
    QVERIFY(!reader.append({ sampleEvent(3) }, { sampleAnalysis() }));
    reader.close();
    QCOMPARE(checksum(file), before);
    SessionStore missing;
    QVERIFY(missing.open(dir.filePath(u"missing.hookscope"_s), SessionStore::Access::ReadOnly));
    QVERIFY(!QFile::exists(dir.filePath(u"missing.hookscope"_s)));
}

// A session written before the content type and attempt columns existed: read as it is, and
// given the columns (empty for its events) when opened for writing.
void TestSessionStore::sessionWithoutLaterColumnsStillOpens()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"old.hookscope"_s);
    {
        SessionStore writer;
        QCOMPARE(writer.open(file), std::nullopt);
        QVERIFY(writer.append({ sampleEvent(1), sampleEvent(2) },
                              { sampleAnalysis(), sampleAnalysis() }));
    }
    runSql(file,
           { u"ALTER TABLE events DROP COLUMN content_type"_s,
             u"ALTER TABLE events DROP COLUMN attempt"_s });
    const auto summariesOf = [](const SessionStore &store) {
        QList<EventSummary> summaries;
        store.forEachSummary([&](EventSummary &&s) {
            summaries.append(s);
            return true;
        });
        return summaries;
    };
    const QByteArray before = checksum(file);
    {
        SessionStore reader;
        QCOMPARE(reader.open(file, SessionStore::Access::ReadOnly), std::nullopt);
        const QList<EventSummary> old = summariesOf(reader);
        QCOMPARE(old.size(), 2);
        QCOMPARE(old.at(1).eventType, u"IDENTIFICATION"_s);
        QCOMPARE(old.at(1).contentType, QString());
        QCOMPARE(old.at(1).attempt, 0);
        int scanned = 0;
        QVERIFY(reader.scanEvents({}, [&](const Event &, const EventSummary &s) {
            scanned += s.eventType == u"IDENTIFICATION"_s;
            return true;
        }));
        QCOMPARE(scanned, 2);
    }
    QCOMPARE(checksum(file), before);

    SessionStore writer;
    QCOMPARE(writer.open(file), std::nullopt);
    QVERIFY2(writer.append({ sampleEvent(3) }, { sampleAnalysis() }),
             qPrintable(writer.lastError()));
    const QList<EventSummary> all = summariesOf(writer);
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).contentType, QString());
    QCOMPARE(all.at(2).contentType, u"application/json"_s);
    QCOMPARE(all.at(2).attempt, 2);
}

// The capture thread, the window and deliveries each have a store on one session: one lock.
void TestSessionStore::writersOfOneProcessShareTheLock()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"shared.hookscope"_s);
    auto first = std::make_unique<SessionStore>();
    SessionStore second;
    QCOMPARE(first->open(file), std::nullopt);
    QCOMPARE(second.open(file), std::nullopt);
    QVERIFY(QFile::exists(SessionLock::lockPathFor(file)));
    first.reset();
    QVERIFY(QFile::exists(SessionLock::lockPathFor(file))); // still held by `second`
    second.close();
    QVERIFY(!QFile::exists(SessionLock::lockPathFor(file)));
}

void TestSessionStore::storedEventIsNeverOverwritten()
{
    SessionStore store;
    QCOMPARE(store.open(path(u"once.hookscope"_s)), std::nullopt);
    Event first = sampleEvent(5);
    QVERIFY(store.append({ first }, { sampleAnalysis() }));
    Event other = sampleEvent(5);
    other.body = "overwritten"_ba;
    QVERIFY(!store.append({ other }, { sampleAnalysis() }));
    QCOMPARE(store.load(5)->body, first.body);
}

void TestSessionStore::nullsAndEmptiesRoundTrip()
{
    SessionStore store;
    QCOMPARE(store.open(path(u"nulls.hookscope"_s)), std::nullopt);
    Event bare;
    bare.seq = 1;
    bare.method = "GET";
    Event loaded = sampleEvent(2);
    loaded.origin = Origin::Loaded;
    loaded.sourceFile = u"/tmp/päyload.json"_s;
    loaded.headers.append({ "X-Bin", QByteArray("a\0b", 3) });
    loaded.response.delayMs = 250;
    QVERIFY(store.append({ bare, loaded }, { EventAnalysis(), sampleAnalysis() }));
    const std::optional<Event> first = store.load(1);
    QVERIFY(first);
    QVERIFY(first->body.isEmpty());
    QVERIFY(first->headers.isEmpty());
    QVERIFY(first->target.isEmpty());
    QVERIFY(first->sourceFile.isNull());
    QVERIFY(first->remote.isNull());
    QCOMPARE(first->method, "GET"_ba);
    const std::optional<Event> second = store.load(2);
    QVERIFY(second);
    QCOMPARE(second->origin, Origin::Loaded);
    QCOMPARE(second->sourceFile, loaded.sourceFile);
    QCOMPARE(second->headers, loaded.headers);
    QCOMPARE(second->response.delayMs, 250);
}

namespace {
// Events with gaps in their seqs (a removal), some bodies holding a marker.
void fillForScan(SessionStore &store, qint64 count)
{
    QList<Event> events;
    QList<EventAnalysis> analyses;
    for (qint64 seq = 1; seq <= count; ++seq) {
        Event e = sampleEvent(seq);
        e.body = seq % 3 ? "{\"n\":"_ba + QByteArray::number(seq) + '}'
                         : "{\"marker\":"_ba + QByteArray::number(seq) + '}';
        e.headers.append({ "X-Seq", QByteArray::number(seq) });
        events.append(e);
        EventAnalysis a = sampleAnalysis();
        a.eventType = seq % 2 ? u"BOOKING"_s : u"IDENTIFICATION"_s;
        analyses.append(a);
    }
    QVERIFY(store.append(events, analyses));
    QVERIFY(store.remove({ 5, 6, 7, count }));
}

struct Scanned
{
    qint64 seq;
    QByteArray body;
    HeaderList headers;
    QString eventType;
    quint32 bodySize;
    bool operator==(const Scanned &) const = default;
};
} // namespace

void TestSessionStore::scanEventsAgreesWithAFullRead()
{
    SessionStore store;
    QCOMPARE(store.open(path(u"scan.hookscope"_s)), std::nullopt);
    fillForScan(store, 300);
    QList<Scanned> full;
    QVERIFY(store.forEachEventAndSummary([&](Event &&e, EventSummary &&s) {
        full.append({ e.seq, e.body, e.headers, s.eventType, s.bodySize });
        return true;
    }));
    QCOMPARE(full.size(), 296);
    for (const bool headers : { false, true }) {
        EventScan scan;
        scan.headers = headers;
        QList<Scanned> scanned;
        bool seqsAgree = true;
        QVERIFY(store.scanEvents(scan, [&](const Event &e, const EventSummary &s) {
            seqsAgree = seqsAgree && s.seq == e.seq;
            scanned.append({ e.seq, QByteArray(e.body.constData(), e.body.size()), e.headers,
                             s.eventType, s.bodySize });
            return true;
        }));
        QList<Scanned> expected = full;
        if (!headers) {
            for (Scanned &row : expected)
                row.headers.clear();
        }
        QVERIFY(seqsAgree);
        QCOMPARE(scanned, expected);
    }
    QCOMPARE(store.seqRange(), (std::pair<qint64, qint64>(1, 299)));
}

void TestSessionStore::scanEventsSkipsWhatItIsToldTo()
{
    SessionStore store;
    QCOMPARE(store.open(path(u"skip.hookscope"_s)), std::nullopt);
    fillForScan(store, 2500);
    EventScan scan;
    scan.fromSeq = 4;
    scan.toSeq = 100;
    scan.admits = [](QByteArrayView body) {
        return body.contains("marker");
    };
    QList<qint64> seqs;
    bool agree = true;
    QVERIFY(store.scanEvents(scan, [&](const Event &e, const EventSummary &s) {
        agree = agree && e.body.contains("marker") && s.seq == e.seq;
        seqs.append(e.seq);
        return true;
    }));
    QVERIFY(agree);
    QList<qint64> expected;
    for (qint64 seq = 4; seq <= 100; ++seq) {
        if (seq % 3 == 0 && seq != 6)
            expected.append(seq);
    }
    QCOMPARE(seqs, expected);

    // Cancel: keepGoing is asked as rows are read, and false stops the scan.
    EventScan cancelled;
    qint64 asked = 0, delivered = 0;
    cancelled.keepGoing = [&asked](qint64 rowsRead) {
        asked = rowsRead;
        return false;
    };
    QVERIFY(store.scanEvents(cancelled, [&delivered](const Event &, const EventSummary &) {
        ++delivered;
        return true;
    }));
    QVERIFY(asked > 0);
    QVERIFY(delivered < 2000);
}

QTEST_GUILESS_MAIN(TestSessionStore)
#include "tst_sessionstore.moc"
