// Each capture limit with small configured values, over raw sockets on 127.0.0.1: the answer
// the client gets, what is recorded, and that requests within the limits are still captured.
#include "capture/captureservice.h"

#include "rawclient.h"
#include "storedevents.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QByteArray statusOf(const QByteArray &answer)
{
    return answer.mid(9, 3);
}
} // namespace

class TestCaptureLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void declaredBodyOverTheCapIs413BeforeReading();
    void expectContinueOverTheCapGets413Not100();
    void refusedClientStillUploadingReadsTheAnswer();
    void chunkedBodyWithinTheCapIsCaptured();
    void chunkedBodyOverTheCapIs413AsItArrives();
    void headArrivingInPiecesIsCapturedExactly();
    void headOverTheCapInPiecesIs431();
    void tooManyHeadersInPiecesIs431();
    void longTargetIs414_data();
    void longTargetIs414();
    void malformedRequestsAre400_data();
    void malformedRequestsAre400();
    void otherHttpVersionIs505();
    void connectionsOverTheCapGet503();
    void idleConnectionIsClosed();
    void slowHeadIs408();
    void slowBodyIs408();
    void answerSlowerThanTheIdleTimeoutStillArrives();
    void limitsChangeWhileCapturing();

private:
    void start(const CaptureLimits &limits);

    QTemporaryDir m_dir;
    std::unique_ptr<CaptureService> m_capture;
    std::unique_ptr<QSignalSpy> m_stored;
};

void TestCaptureLimits::start(const CaptureLimits &limits)
{
    m_capture = std::make_unique<CaptureService>();
    m_stored = std::make_unique<QSignalSpy>(m_capture.get(), &CaptureService::stored);
    CaptureOptions options;
    options.port = 0;
    options.sessionPath =
        m_dir.filePath(u"%1.hookscope"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
    options.limits = limits;
    QCOMPARE(m_capture->start(options), std::nullopt);
}

void TestCaptureLimits::cleanup()
{
    m_stored.reset();
    m_capture.reset();
}

void TestCaptureLimits::declaredBodyOverTheCapIs413BeforeReading()
{
    CaptureLimits limits;
    limits.maxBodyBytes = 100;
    start(limits);
    RawClient client(m_capture->port());
    // Only the head is sent: the answer must not wait for the 101 bytes announced.
    client.send("POST /big HTTP/1.1\r\nHost: h\r\nX-Id: 7\r\nContent-Length: 101\r\n\r\n");
    const QByteArray answer = client.response();
    QCOMPARE(statusOf(answer), "413"_ba);
    QVERIFY2(answer.contains("--max-body"), answer.constData());
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).response.status, 413);
    QCOMPARE(events.at(0).target, "/big"_ba);
    QCOMPARE(events.at(0).headerValue("X-Id"), "7"_ba);
}

void TestCaptureLimits::expectContinueOverTheCapGets413Not100()
{
    CaptureLimits limits;
    limits.maxBodyBytes = 100;
    start(limits);
    RawClient client(m_capture->port());
    client.send("POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
    const QByteArray answer = client.untilClosed();
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData()); // no "100 Continue" first
    QCOMPARE(storedEvents(*m_stored, 1).value(0).response.status, 413);
}

// The answer is sent before the body is read: a client still busy sending megabytes of it gets
// to read the answer (Hookscope half-closes and drains, RFC 9112 9.6, rather than resetting).
void TestCaptureLimits::refusedClientStillUploadingReadsTheAnswer()
{
    CaptureLimits limits;
    limits.maxBodyBytes = 1024;
    start(limits);
    RawClient client(m_capture->port());
    const QByteArray body(8 * 1024 * 1024, 'u');
    client.send("POST /upload HTTP/1.1\r\nContent-Length: "_ba + QByteArray::number(body.size())
                + "\r\n\r\n"_ba + body);
    const QByteArray answer = client.untilClosed();
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
    QVERIFY(answer.contains("--max-body"));
}

void TestCaptureLimits::chunkedBodyWithinTheCapIsCaptured()
{
    CaptureLimits limits;
    limits.maxBodyBytes = 100;
    start(limits);
    RawClient client(m_capture->port());
    client.trickle("POST /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n",
                   16, 20);
    QCOMPARE(statusOf(client.response()), "200"_ba);
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).body, "hello world"_ba);
    QCOMPARE(events.at(0).target, "/chunked"_ba);
}

void TestCaptureLimits::chunkedBodyOverTheCapIs413AsItArrives()
{
    CaptureLimits limits;
    limits.maxBodyBytes = 1000;
    start(limits);
    RawClient client(m_capture->port());
    client.send(
        "POST /stream HTTP/1.1\r\nHost: h\r\nX-Id: 9\r\nTransfer-Encoding: chunked\r\n\r\n");
    const QByteArray chunk = "190\r\n"_ba + QByteArray(400, 'x') + "\r\n"_ba; // 400 bytes
    client.send(chunk);
    client.send(chunk);
    QTest::qWait(100);
    client.send(chunk); // 1200 bytes announced: over the cap, refused before its data is read
    client.send(chunk); // the client is still sending: it must still get the answer
    const QByteArray answer = client.untilClosed();
    QCOMPARE(statusOf(answer), "413"_ba);
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).response.status, 413);
    QCOMPARE(events.at(0).headerValue("X-Id"), "9"_ba);
    QCOMPARE(events.at(0).target, "/stream"_ba);
}

void TestCaptureLimits::headArrivingInPiecesIsCapturedExactly()
{
    start({});
    RawClient client(m_capture->port());
    client.trickle("\r\nPROPFIND /a%20b/c?x=1&y=%2F HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n"
                   "Content-Length: 4\r\n\r\nbody",
                   3, 5);
    QCOMPARE(statusOf(client.response()), "200"_ba);
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).method, "PROPFIND"_ba);
    QCOMPARE(events.at(0).target, "/a%20b/c?x=1&y=%2F"_ba);
    QCOMPARE(events.at(0).body, "body"_ba);
}

void TestCaptureLimits::headOverTheCapInPiecesIs431()
{
    CaptureLimits limits;
    limits.maxHeadBytes = 1024;
    start(limits);
    RawClient client(m_capture->port());
    QByteArray head = "POST /h HTTP/1.1\r\nHost: h\r\n"_ba;
    for (int i = 0; i < 20; ++i)
        head += "X-Padding-" + QByteArray::number(i) + ": " + QByteArray(60, 'p') + "\r\n";
    client.trickle(head, 100, 10); // about 1.6 KiB, never ended: refused once over 1 KiB
    const QByteArray answer = client.untilClosed();
    QCOMPARE(statusOf(answer), "431"_ba);
    QVERIFY2(answer.contains("--max-head"), answer.constData());
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).response.status, 431);
    QCOMPARE(events.at(0).target, "/h"_ba);
}

void TestCaptureLimits::tooManyHeadersInPiecesIs431()
{
    CaptureLimits limits;
    limits.maxHeaderCount = 5;
    start(limits);
    RawClient client(m_capture->port());
    QByteArray head = "POST /n HTTP/1.1\r\n"_ba;
    for (int i = 0; i < 6; ++i)
        head += "X-" + QByteArray::number(i) + ": v\r\n";
    client.trickle(head, 9, 10);
    const QByteArray answer = client.untilClosed();
    QCOMPARE(statusOf(answer), "431"_ba);
    QVERIFY2(answer.contains("--max-headers"), answer.constData());
    QCOMPARE(storedEvents(*m_stored, 1).value(0).response.status, 431);

    RawClient within(m_capture->port()); // five are fine
    within.send("POST /n HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(statusOf(within.response()), "200"_ba);
}

void TestCaptureLimits::longTargetIs414_data()
{
    QTest::addColumn<bool>("lineEnded");
    QTest::newRow("whole request line") << true;
    QTest::newRow("still arriving") << false;
}

void TestCaptureLimits::longTargetIs414()
{
    QFETCH(bool, lineEnded);
    CaptureLimits limits;
    limits.maxTargetBytes = 256;
    start(limits);
    RawClient client(m_capture->port());
    const QByteArray target = "/" + QByteArray(400, 'a');
    client.send("GET " + target + (lineEnded ? " HTTP/1.1\r\nHost: h\r\n\r\n"_ba : QByteArray()));
    const QByteArray answer = client.untilClosed();
    QCOMPARE(statusOf(answer), "414"_ba);
    QVERIFY2(answer.contains("--max-target"), answer.constData());
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).response.status, 414);
    QCOMPARE(events.at(0).method, "GET"_ba);
    QCOMPARE(events.at(0).target, target.left(256)); // cut at the limit
    RawClient within(m_capture->port());
    within.send("GET /" + QByteArray(255, 'b') + " HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(statusOf(within.response()), "200"_ba);
}

void TestCaptureLimits::malformedRequestsAre400_data()
{
    // Recorded when the request line gave a method and a target to show it by; else only
    // answered (and said on stderr).
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("recorded");
    QTest::newRow("TLS handshake") << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"_ba << false;
    QTest::newRow("no version") << "GET /\r\n\r\n"_ba << false;
    QTest::newRow("method not a token") << "GE(T / HTTP/1.1\r\n\r\n"_ba << false;
    QTest::newRow("space in target") << "GET /a b HTTP/1.1\r\n\r\n"_ba << false;
    QTest::newRow("control in target") << "GET /a\x01 HTTP/1.1\r\n\r\n"_ba << true;
    QTest::newRow("not a version") << "GET / HTTPS/1.1\r\n\r\n"_ba << true;
    QTest::newRow("header without colon") << "POST / HTTP/1.1\r\nBroken\r\n\r\n"_ba << true;
    QTest::newRow("space before colon")
        << "POST / HTTP/1.1\r\nContent-Length : 5\r\n\r\nhello"_ba << true;
    QTest::newRow("folded header") << "POST / HTTP/1.1\r\nA: 1\r\n 2\r\n\r\n"_ba << true;
    QTest::newRow("length not a number")
        << "POST / HTTP/1.1\r\nContent-Length: 5x\r\n\r\nhello"_ba << true;
    QTest::newRow("two lengths")
        << "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"_ba << true;
    QTest::newRow("coding without chunked")
        << "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nxx"_ba << true;
    QTest::newRow("bad chunk size")
        << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba << true;
}

void TestCaptureLimits::malformedRequestsAre400()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, recorded);
    start({});
    RawClient client(m_capture->port());
    client.send(request);
    const QByteArray answer = client.untilClosed();
    QVERIFY2(statusOf(answer) == "400", answer.constData());
    QVERIFY2(answer.contains("\"detail\":"), answer.constData());
    RawClient next(m_capture->port()); // capture goes on
    next.send("POST /next HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(statusOf(next.response()), "200"_ba);
    const QList<Event> events = storedEvents(*m_stored, recorded ? 2 : 1);
    QCOMPARE(events.size(), recorded ? 2 : 1);
    // Events of different connections are stored as their analyses finish, so the refused one
    // (answered at once, recorded afterwards) may follow /next: find each by what it is.
    const auto nextEvent = std::find_if(events.cbegin(), events.cend(),
                                        [](const Event &e) { return e.target == "/next"_ba; });
    QVERIFY(nextEvent != events.cend());
    if (!recorded)
        return;
    const Event refused = events.at(nextEvent == events.cbegin() ? 1 : 0);
    QCOMPARE(refused.response.status, 400);
    QVERIFY(!refused.method.isEmpty() && !refused.target.isEmpty());
    QVERIFY(request.startsWith(refused.body)); // what arrived of the head, as it was
    QVERIFY(!refused.body.isEmpty());
}

void TestCaptureLimits::otherHttpVersionIs505()
{
    start({});
    RawClient client(m_capture->port());
    client.send("GET / HTTP/2.0\r\nHost: h\r\n\r\n");
    QCOMPARE(statusOf(client.untilClosed()), "505"_ba);
    QCOMPARE(storedEvents(*m_stored, 1).value(0).response.status, 505);
}

void TestCaptureLimits::connectionsOverTheCapGet503()
{
    CaptureLimits limits;
    limits.maxConnections = 2;
    start(limits);
    auto first = std::make_unique<RawClient>(m_capture->port());
    RawClient second(m_capture->port());
    second.send("POST /2 HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(statusOf(second.response()), "200"_ba); // both accepted
    RawClient third(m_capture->port());
    third.send("POST /3 HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    const QByteArray refused = third.untilClosed();
    QCOMPARE(statusOf(refused), "503"_ba);
    QVERIFY2(refused.contains("--max-connections"), refused.constData());
    first.reset(); // a place frees up once the server has seen the close
    QByteArray status;
    QElapsedTimer timer;
    timer.start();
    while (status != "200" && timer.elapsed() < 10'000) {
        RawClient later(m_capture->port());
        later.send("POST /later HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        status = statusOf(later.response());
    }
    QCOMPARE(status, "200"_ba);
    const QList<Event> events = storedEvents(*m_stored, 2);
    QCOMPARE(events.size(), 2); // the refused connection sent nothing that was read
    QCOMPARE(events.at(1).target, "/later"_ba);
}

void TestCaptureLimits::idleConnectionIsClosed()
{
    CaptureLimits limits;
    limits.idleTimeoutMs = 300;
    start(limits);
    RawClient silent(m_capture->port());
    QVERIFY(silent.closedWithin(10'000));
    RawClient afterRequest(m_capture->port());
    afterRequest.send("POST /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(statusOf(afterRequest.response()), "200"_ba);
    QVERIFY(afterRequest.closedWithin(10'000));
    QCOMPARE(storedEvents(*m_stored, 1).size(), 1); // closing an idle connection records nothing
}

void TestCaptureLimits::slowHeadIs408()
{
    CaptureLimits limits;
    limits.headTimeoutMs = 500;
    start(limits); // the idle timeout (30 s) is not what ends it
    RawClient client(m_capture->port());
    client.send("POST /slow HTTP/1.1\r\nHost: h\r\n");
    client.trickle("X-Slow: " + QByteArray(200, 's'), 1, 50); // a byte every 50 ms, for 10 s
    const QByteArray answer = client.untilClosed();
    QCOMPARE(statusOf(answer), "408"_ba);
    QVERIFY2(answer.contains("--head-timeout"), answer.constData());
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).response.status, 408);
    QCOMPARE(events.at(0).target, "/slow"_ba);
}

void TestCaptureLimits::slowBodyIs408()
{
    CaptureLimits limits;
    limits.bodyTimeoutMs = 500;
    limits.minBodyBytesPerSecond = 1000;
    start(limits);
    RawClient client(m_capture->port());
    client.send("POST /drip HTTP/1.1\r\nHost: h\r\nX-Id: 3\r\nContent-Length: 1000\r\n\r\n");
    client.trickle(QByteArray(1000, 'd'), 5, 50); // 100 bytes/s: earns 0.1 s per second
    const QByteArray answer = client.untilClosed();
    QCOMPARE(statusOf(answer), "408"_ba);
    QVERIFY2(answer.contains("--body-timeout"), answer.constData());
    const QList<Event> events = storedEvents(*m_stored, 1);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).response.status, 408);
    QCOMPARE(events.at(0).headerValue("X-Id"), "3"_ba);
}

void TestCaptureLimits::answerSlowerThanTheIdleTimeoutStillArrives()
{
    CaptureLimits limits;
    limits.idleTimeoutMs = 200;
    start(limits);
    auto rules =
        ResponseRules::fromJson(R"([{"filter": "path == \"/late\"", "delayMs": 1500}])", u"test"_s);
    m_capture->setRules(std::make_shared<ResponseRules>(std::get<ResponseRules>(rules)));
    RawClient client(m_capture->port());
    client.send("POST /late HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    QCOMPARE(statusOf(client.response()), "200"_ba);
}

void TestCaptureLimits::limitsChangeWhileCapturing()
{
    start({});
    const quint16 port = m_capture->port();
    const QByteArray request =
        "POST /p HTTP/1.1\r\nContent-Length: 200\r\n\r\n"_ba + QByteArray(200, 'p');
    RawClient before(port);
    before.send(request);
    QCOMPARE(statusOf(before.response()), "200"_ba);
    CaptureLimits smaller;
    smaller.maxBodyBytes = 100;
    QCOMPARE(m_capture->applyLimits(smaller), std::nullopt);
    QCOMPARE(m_capture->port(), port); // senders keep their address
    QCOMPARE(m_capture->limits(), smaller);
    RawClient after(port);
    after.send(request);
    QCOMPARE(statusOf(after.untilClosed()), "413"_ba);
    const QList<Event> events = storedEvents(*m_stored, 2);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(1).seq, events.at(0).seq + 1); // the same session, numbering goes on
}

QTEST_GUILESS_MAIN(TestCaptureLimits)
#include "tst_capturelimits.moc"
