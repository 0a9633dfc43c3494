// HTTP/1.1 behaviour clients notice (RFC 9110, RFC 9112), as raw bytes over real sockets on
// 127.0.0.1: 100-continue, connection close, Content-Length with Transfer-Encoding, upgrades,
// garbage after a good request, and answers still pending at shutdown. Each checks what the
// client received against what was recorded.
#include "capture/captureservice.h"

#include "rawclient.h"
#include "storedevents.h"

#include "timebound.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QByteArray statusOf(const QByteArray &answer)
{
    return answer.mid(9, 3);
}

std::shared_ptr<const ResponseRules> rules(const QByteArray &json)
{
    auto parsed = ResponseRules::fromJson(json, u"test rules"_s);
    if (const auto *error = std::get_if<QString>(&parsed))
        qFatal("%s", qPrintable(*error));
    return std::make_shared<ResponseRules>(std::get<ResponseRules>(parsed));
}

QByteArray post(const QByteArray &target, const QByteArray &body, const QByteArray &extra = {})
{
    return "POST "_ba + target + " HTTP/1.1\r\nHost: h\r\n"_ba + extra + "Content-Length: "_ba
        + QByteArray::number(body.size()) + "\r\n\r\n"_ba + body;
}
} // namespace

class TestCaptureConformance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void expectContinueIsAnsweredAtOnce();
    void curlLargeBodyDoesNotWaitASecond();
    void connectionCloseEndsAfterTheAnswer_data();
    void connectionCloseEndsAfterTheAnswer();
    void keepAliveStaysOpen_data();
    void keepAliveStaysOpen();
    void contentLengthWithTransferEncodingIsRefused_data();
    void contentLengthWithTransferEncodingIsRefused();
    void goodRequestThenGarbageIsAnsweredFirst_data();
    void goodRequestThenGarbageIsAnsweredFirst();
    void webSocketUpgradeIsAnsweredAsRecorded();
    void otherUpgradeIsAnsweredNormally();
    void shutdownSendsDelayedAnswers();

private:
    void start(std::shared_ptr<const ResponseRules> responseRules = {});

    QTemporaryDir m_dir;
    std::unique_ptr<CaptureService> m_capture;
    std::unique_ptr<QSignalSpy> m_stored;
};

void TestCaptureConformance::start(std::shared_ptr<const ResponseRules> responseRules)
{
    m_capture = std::make_unique<CaptureService>();
    m_stored = std::make_unique<QSignalSpy>(m_capture.get(), &CaptureService::stored);
    CaptureOptions options;
    options.port = 0;
    static int sessions = 0; // one file per start: data tags hold '/' and spaces
    options.sessionPath = m_dir.filePath(u"%1-%2.hookscope"_s.arg(
        QString::fromLatin1(QTest::currentTestFunction()), QString::number(++sessions)));
    if (responseRules)
        options.rules = responseRules;
    QCOMPARE(m_capture->start(options), std::nullopt);
}

void TestCaptureConformance::cleanup()
{
    m_stored.reset();
    m_capture.reset();
}

// RFC 9110 10.1.1: the client sends the head and waits; "100 Continue" must come at once.
void TestCaptureConformance::expectContinueIsAnsweredAtOnce()
{
    start();
    RawClient client(m_capture->port());
    const QByteArray body(4000, 'b');
    QElapsedTimer clock;
    clock.start();
    client.send(
        "POST /big HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4000\r\n\r\n");
    const QByteArray interim = client.until("\r\n\r\n", 5000);
    QVERIFY2(interim.startsWith("HTTP/1.1 100 Continue\r\n\r\n"), interim.constData());
    QVERIFY2(clock.elapsed() < timeBound(500), qPrintable(QString::number(clock.elapsed())));
    client.send(body);
    const QByteArray all = client.until("{}", 5000);
    QVERIFY2(all.contains("HTTP/1.1 200"), all.constData());
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).body, body);
    QCOMPARE(events.at(0).response.status, 200);
}

// The real tool: curl adds "Expect: 100-continue" to bodies over 1 KB and waits up to a second.
void TestCaptureConformance::curlLargeBodyDoesNotWaitASecond()
{
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QSKIP("curl is not installed (scripts/install-deps.sh installs it)");
    start();
    QFile payload(m_dir.filePath(u"payload.json"_s));
    QVERIFY(payload.open(QIODevice::WriteOnly));
    payload.write("{\"pad\":\"" + QByteArray(8000, 'x') + "\"}");
    payload.close();
    QProcess process;
    process.start(curl,
                  { u"-sS"_s, u"-o"_s, u"/dev/null"_s, u"-w"_s, u"%{http_code} %{time_total}"_s,
                    u"-H"_s, u"Content-Type: application/json"_s, u"--data-binary"_s,
                    u"@"_s + payload.fileName(),
                    u"http://127.0.0.1:%1/hooks"_s.arg(m_capture->port()) });
    QVERIFY(process.waitForFinished(10'000));
    const QList<QByteArray> result = process.readAllStandardOutput().split(' ');
    QCOMPARE(result.value(0), "200"_ba);
    // Without "100 Continue" curl waits its full second before sending the body.
    QVERIFY2(result.value(1).toDouble() < 0.5, result.value(1).constData());
    QCOMPARE(storedEvents(*m_stored, 1).value(0).body.size(), qsizetype(8010));
}

void TestCaptureConformance::connectionCloseEndsAfterTheAnswer_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("HTTP/1.1 Connection: close")
        << "POST /c HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"_ba;
    QTest::newRow("close among other options")
        << "POST /c HTTP/1.1\r\nConnection: TE, Close\r\nContent-Length: 2\r\n\r\n{}"_ba;
    QTest::newRow("HTTP/1.0 without keep-alive")
        << "POST /c HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}"_ba;
    QTest::newRow("HTTP/1.0 GET") << "GET /c HTTP/1.0\r\n\r\n"_ba;
}

// RFC 9112 9.6: closed right after the answer, and a request pipelined behind it is never
// processed (nor recorded).
void TestCaptureConformance::connectionCloseEndsAfterTheAnswer()
{
    QFETCH(QByteArray, request);
    start();
    RawClient client(m_capture->port());
    QElapsedTimer clock;
    clock.start();
    client.send(request + "POST /behind HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"_ba);
    QVERIFY(client.closedWithin(5000));
    QVERIFY2(clock.elapsed() < timeBound(3000), qPrintable(QString::number(clock.elapsed())));
    const QByteArray answers = client.untilClosed(0);
    QCOMPARE(statusOf(answers), "200"_ba);
    QCOMPARE(answers.count("HTTP/1.1 "), 1);
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).target, "/c"_ba);
    QTest::qWait(200);
    QCOMPARE(storedEvents(*m_stored, 2, 100).size(), 1); // "/behind" never arrives
}

void TestCaptureConformance::keepAliveStaysOpen_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("HTTP/1.1") << post("/k", "{}");
    QTest::newRow("HTTP/1.0 keep-alive")
        << "POST /k HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n{}"_ba;
}

void TestCaptureConformance::keepAliveStaysOpen()
{
    QFETCH(QByteArray, request);
    start();
    RawClient client(m_capture->port());
    client.send(request);
    QCOMPARE(statusOf(client.response()), "200"_ba);
    QVERIFY(!client.closedWithin(500));
    client.send(post("/again", "{}"));
    QCOMPARE(storedEvents(*m_stored, 2).size(), 2);
    QTRY_COMPARE(client.until("never", 50).count("HTTP/1.1 200"), 2);
    QVERIFY(client.isConnected());
}

void TestCaptureConformance::contentLengthWithTransferEncodingIsRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    // Both orders, and the obfuscated forms a front end might read differently.
    QTest::newRow("CL then TE") << "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n"
                                   "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba;
    QTest::newRow("TE then CL") << "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                                   "Content-Length: 0\r\n\r\n0\r\n\r\n"_ba;
    QTest::newRow("TE with other codings")
        << "POST /a HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
           "0\r\n\r\n"_ba;
}

// RFC 9112 6.3: refused and closed; the request smuggled behind it is never processed.
void TestCaptureConformance::contentLengthWithTransferEncodingIsRefused()
{
    QFETCH(QByteArray, request);
    start();
    RawClient client(m_capture->port());
    client.send(request + "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n"_ba);
    const QByteArray answers = client.untilClosed(5000);
    QCOMPARE(statusOf(answers), "400"_ba);
    QVERIFY2(answers.contains("Content-Length and Transfer-Encoding"), answers.constData());
    QCOMPARE(answers.count("HTTP/1.1 "), 1);
    QVERIFY(!client.isConnected());
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).target, "/a"_ba);
    QCOMPARE(events.at(0).response.status, 400);
    QTest::qWait(200);
    QCOMPARE(storedEvents(*m_stored, 2, 100).size(), 1);
}

void TestCaptureConformance::goodRequestThenGarbageIsAnsweredFirst_data()
{
    QTest::addColumn<QByteArray>("garbage");
    QTest::addColumn<int>("delayMs");
    QTest::newRow("TLS bytes") << "\x16\x03\x01\x02\x00\x01\x00"_ba << 0;
    QTest::newRow("not a request line") << "this is not http\r\n\r\n"_ba << 0;
    QTest::newRow("binary, answer delayed") << "\x00\x01\x02\r\n"_ba << 300;
    QTest::newRow("second good, then garbage") << post("/two", "[]") + "@@@\r\n"_ba << 0;
}

// The good request is recorded and answered first, then the garbage gets its 400 and the
// connection closes.
void TestCaptureConformance::goodRequestThenGarbageIsAnsweredFirst()
{
    QFETCH(QByteArray, garbage);
    QFETCH(int, delayMs);
    start(rules("[{\"filter\": \"\", \"status\": 202, \"body\": \"ok\", \"delayMs\": "_ba
                + QByteArray::number(delayMs) + "}]"_ba));
    RawClient client(m_capture->port());
    client.send(post("/good", "{\"a\":1}") + garbage); // one write: one segment
    const QByteArray answers = client.untilClosed(5000);
    QVERIFY2(answers.startsWith("HTTP/1.1 202"), answers.constData());
    const qsizetype refusal = answers.indexOf("HTTP/1.1 400");
    QVERIFY2(refusal > 0, answers.constData());
    QVERIFY(!client.isConnected());
    const QList<Event> events = storedEvents(*m_stored, 1);
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.at(0).target, "/good"_ba);
    QCOMPARE(events.at(0).body, "{\"a\":1}"_ba);
    QCOMPARE(events.at(0).response.status, 202);
    if (garbage.startsWith("POST /two")) {
        QCOMPARE(answers.count("HTTP/1.1 202"), 2);
        QCOMPARE(storedEvents(*m_stored, 2).value(1).target, "/two"_ba);
    }
}

// Qt 6.4 would hand it to a WebSocket server and close unanswered; it gets an answer, and the
// answer recorded is the one sent.
void TestCaptureConformance::webSocketUpgradeIsAnsweredAsRecorded()
{
    start();
    RawClient client(m_capture->port());
    client.send("GET /ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    const QByteArray answer = client.untilClosed(5000);
    QCOMPARE(statusOf(answer), "501"_ba);
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).target, "/ws"_ba);
    QCOMPARE(events.at(0).response.status, 501);
    QVERIFY(answer.endsWith(events.at(0).response.body));
}

// RFC 9110 7.8: an upgrade the server does not take is ignored; the request is answered as usual.
void TestCaptureConformance::otherUpgradeIsAnsweredNormally()
{
    start();
    RawClient client(m_capture->port());
    client.send(post("/h2", "{}", "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"_ba));
    const QByteArray answer = client.response();
    QCOMPARE(statusOf(answer), "200"_ba);
    QCOMPARE(storedEvents(*m_stored, 1).value(0).response.status, 200);
}

// An answer waiting for its rule's delay is sent when capture stops, not dropped while recorded.
void TestCaptureConformance::shutdownSendsDelayedAnswers()
{
    start(rules(R"([{"filter": "", "status": 503, "body": "later", "delayMs": 30000}])"));
    RawClient client(m_capture->port());
    client.send(post("/slow", "{}"));
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.value(0).response.status, 503);
    QElapsedTimer clock;
    clock.start();
    m_capture->stop();
    QVERIFY2(clock.elapsed() < timeBound(2000), qPrintable(QString::number(clock.elapsed())));
    const QByteArray answer = client.response(3000);
    QCOMPARE(statusOf(answer), "503"_ba);
    QVERIFY(answer.endsWith("later"));
}

QTEST_GUILESS_MAIN(TestCaptureConformance)
#include "tst_captureconformance.moc"
