#include "commandrun.h"
#include "commands/importcommand.h"
#include "commands/replaycommand.h"
#include "loopbacktarget.h"
#include "sessioncontents.h"
#include "signature/signatureverifier.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Two captured requests; the first has hop-by-hop headers, a stale Host and Content-Length, odd
// spacing in its body and duplicate headers, all of which replay must treat as documented.
const QString kCaptured = QStringLiteral(HOOKSCOPE_TEST_DATA "/commands/replay-captured.json");
} // namespace

class tst_ReplayCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void reproducesTheRequest();
    void filterAndResign();
    void usageErrors_data();
    void usageErrors();

private:
    QTemporaryDir m_dir;
    QString m_session;
};

void tst_ReplayCommand::init()
{
    QVERIFY(m_dir.isValid());
    m_session = m_dir.filePath(u"s%1.hookscope"_s.arg(QDateTime::currentMSecsSinceEpoch()));
    QCOMPARE(runCommand(runImport, { u"--session"_s, m_session, kCaptured }).code, 0);
}

// Byte for byte, apart from the headers replay is documented to replace; the answer is printed
// and kept with the event.
void tst_ReplayCommand::reproducesTheRequest()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    const CommandRun run =
        runCommand(runReplay, { u"--session"_s, m_session, u"--to"_s, target.url().toString() });
    QVERIFY2(run.code == 0, run.err.constData());
    QCOMPARE(target.requests().size(), 2);
    const QByteArray host = "127.0.0.1:" + QByteArray::number(target.port());
    const QByteArray body = R"({"id": "6c7b1f",   "status":"successful"})";
    const QByteArray expected = "POST /hooks/identification?attempt=1 HTTP/1.1\r\nHost: " + host
        + "\r\ncontent-type: application/json\r\nSolaris-Webhook-Signature: sha256=00\r\n"
          "X-Dup: one\r\nx-dup: two\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    QVERIFY(target.requests().contains(expected));
    QVERIFY(target.requests().contains("PUT /other HTTP/1.1\r\nHost: " + host
                                       + "\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n"
                                         "Connection: close\r\n\r\nsecond"));
    QVERIFY2(run.out.contains(": 200 OK in "), run.out.constData());
    QCOMPARE(run.err, "replayed 2 events, 2 answered 2xx\n"_ba);
    SessionStore store;
    QVERIFY(store.open(m_session));
    const QList<Event> stored = events(m_session);
    for (const Event &event : stored) {
        const QList<DeliveryResult> deliveries = store.deliveries(event.seq);
        QCOMPARE(deliveries.size(), 1);
        QCOMPARE(deliveries.first().status, 200);
        QCOMPARE(deliveries.first().kind, u"replay"_s);
    }
}

void tst_ReplayCommand::filterAndResign()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setResponse("HTTP/1.1 500 Oops\r\nContent-Length: 4\r\n\r\nfail");
    const CommandRun run = runCommand(
        runReplay,
        { u"--session"_s, m_session, u"--to"_s, target.url(u"/mine"_s).toString(), u"--filter"_s,
          u"method == \"POST\""_s, u"--resign"_s, u"solaris:replay-secret"_s, u"--json"_s });
    QCOMPARE(run.code, 1); // the target answered 500
    QVERIFY(!run.out.contains("replay-secret") && !run.err.contains("replay-secret"));
    QCOMPARE(target.requests().size(), 1);
    const QJsonObject line = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(line.value(u"status"_s).toInt(), 500);
    QCOMPARE(line.value(u"answer"_s).toString(), u"fail"_s);
    const QByteArray raw = target.requests().first();
    QVERIFY(raw.startsWith("POST /mine?attempt=1 HTTP/1.1\r\n"));
    Event sent;
    sent.body = raw.mid(raw.indexOf("\r\n\r\n") + 4);
    for (const QByteArray &header : raw.left(raw.indexOf("\r\n\r\n")).split('\n').sliced(1)) {
        const qsizetype colon = header.indexOf(':');
        sent.headers.append({ header.left(colon), header.mid(colon + 1).trimmed() });
    }
    SecretSet secrets;
    secrets.add(u"solaris"_s, "replay-secret");
    QCOMPARE(SignatureVerifier(secrets).verify(sent, u"IDENTIFICATION"_s, 0).state,
             SignatureState::Valid);
}

void tst_ReplayCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no target") << QStringList { u"--session"_s, u"x.hookscope"_s }
                               << "--session FILE and --to URL are required"_ba;
    QTest::newRow("not a session") << QStringList { u"--session"_s, u"/nonexistent.hookscope"_s,
                                                    u"--to"_s, u"http://127.0.0.1:1/"_s }
                                   << "no such session file"_ba;
    QTest::newRow("bad filter") << QStringList {
        u"--session"_s, u"x"_s, u"--to"_s, u"http://127.0.0.1:1/"_s, u"--filter"_s, u"method =="_s
    } << "--filter:"_ba;
}

void tst_ReplayCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    const CommandRun run = runCommand(runReplay, args);
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(message), run.err.constData());
}

QTEST_GUILESS_MAIN(tst_ReplayCommand)
#include "tst_replaycommand.moc"
