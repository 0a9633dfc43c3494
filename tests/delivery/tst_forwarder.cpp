#include "capture/captureservice.h"
#include "loopbacktarget.h"

#include "delivery/forwarder.h"
#include "delivery/httpclient.h"

#include "signature/secretset.h"
#include "signature/signatureverifier.h"

#include "timebound.h"

#include <QDateTime>

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Event makeEvent(qint64 seq, qsizetype bodySize = 0)
{
    Event event;
    event.seq = seq;
    event.method = "POST"_ba;
    event.target = "/hooks/booking?n="_ba + QByteArray::number(seq);
    event.headers = { { "Host", "capture:8080" },
                      { "Content-Type", "application/json" },
                      { "Solaris-Webhook-Event-Type", "BOOKING" },
                      { "x-seq", QByteArray::number(seq) } };
    event.body = bodySize > 0 ? QByteArray(bodySize, 'b')
                              : "{\"id\":" + QByteArray::number(seq) + ",\"bin\":\"\x01\xff\"}";
    return event;
}

QList<DeliveryResult> results(const QSignalSpy &spy)
{
    QList<DeliveryResult> list;
    for (const QList<QVariant> &arguments : spy)
        list.append(arguments.constFirst().value<DeliveryResult>());
    return list;
}

// The request as the target parsed it off the wire.
Event parseReceived(const QByteArray &raw)
{
    Event event;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = raw.left(end).split('\n');
    const QList<QByteArray> requestLine = lines.constFirst().trimmed().split(' ');
    event.method = requestLine.value(0);
    event.target = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        event.headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
    }
    event.body = raw.mid(end + 4);
    return event;
}

// The request the forwarder sends for event: with its hop header (Forwarder::loopHeader).
OutgoingRequest forwarded(const Event &event, const QUrl &target)
{
    OutgoingRequest request = buildOutgoing(event, target);
    request.headers.append({ Forwarder::loopHeader, Forwarder::instanceTag() });
    return request;
}
} // namespace

class TestForwarder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loopProblem_data();
    void loopProblem();
    void forwardLeadingBackStopsAfterOneRound();
    void healthyTargetInOrder();
    void healthyTargetConcurrent();
    void slowTargetBoundedByCount();
    void slowTargetBoundedByBytes();
    void delayedTargetDrains();
    void deadTargetFailsPerEvent();
    void eventLargerThanQueue();
    void setTarget();
    void forwardsAgainAfterStop();
    void resignedForwardVerifies_data();
    void resignedForwardVerifies();
};

void TestForwarder::loopProblem_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("listen");
    QTest::addColumn<bool>("loops");
    QTest::newRow("same address and port")
        << u"http://127.0.0.1:8080/x"_s << u"127.0.0.1"_s << true;
    QTest::newRow("localhost") << u"http://localhost:8080"_s << u"127.0.0.1"_s << true;
    QTest::newRow("LOCALHOST, path") << u"http://LOCALHOST:8080/a?b"_s << u"127.0.0.1"_s << true;
    QTest::newRow("IPv6 loopback") << u"http://[::1]:8080"_s << u"::1"_s << true;
    QTest::newRow("any address, loopback") << u"http://127.0.0.1:8080"_s << u"0.0.0.0"_s << true;
    QTest::newRow("other port") << u"http://127.0.0.1:8081"_s << u"127.0.0.1"_s << false;
    QTest::newRow("default port") << u"http://127.0.0.1"_s << u"127.0.0.1"_s << false;
    QTest::newRow("other host") << u"http://192.0.2.7:8080"_s << u"127.0.0.1"_s << false;
    QTest::newRow("a name") << u"http://example.com:8080"_s << u"127.0.0.1"_s << false;
}

void TestForwarder::loopProblem()
{
    QFETCH(QString, target);
    QFETCH(QString, listen);
    QFETCH(bool, loops);
    const auto problem = Forwarder::loopProblem(QUrl(target), QHostAddress(listen), 8080);
    QCOMPARE(problem.has_value(), loops);
    if (problem)
        QVERIFY2(problem->contains(u"own address"_s), qPrintable(*problem));
}

// Forwarding into our own capture by a route the address check cannot see: the forwarded copy
// is captured once, then recognised by its hop header and not sent again.
void TestForwarder::forwardLeadingBackStopsAfterOneRound()
{
    QTemporaryDir dir;
    CaptureService capture;
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = dir.filePath(u"loop.hookscope"_s);
    QCOMPARE(capture.start(options), std::nullopt);
    Forwarder forwarder(QUrl(u"http://127.0.0.1:%1/"_s.arg(capture.port())));
    QObject::connect(&capture, &CaptureService::stored, &forwarder,
                     [&forwarder](const CapturedBatch &batch) { forwarder.enqueue(batch.events); });
    QSignalSpy stored(&capture, &CaptureService::stored);
    QSignalSpy delivered(&forwarder, &Forwarder::delivered);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, capture.port());
    QVERIFY(client.waitForConnected(5000));
    client.write("POST /hooks HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}");
    QTRY_COMPARE(delivered.size(), 2); // the forward itself, and the refusal of its copy
    QTest::qWait(500); // a loop would have captured hundreds more by now
    qsizetype events = 0;
    for (const QList<QVariant> &arguments : stored)
        events += arguments.constFirst().value<CapturedBatch>().events.size();
    QCOMPARE(events, qsizetype(2));
    QCOMPARE(delivered.size(), 2);
    QStringList errors;
    for (const QList<QVariant> &arguments : delivered)
        errors.append(arguments.constFirst().value<DeliveryResult>().error);
    QVERIFY2(errors.filter(u"a loop"_s).size() == 1, qPrintable(errors.join(u" | "_s)));
}

void TestForwarder::healthyTargetInOrder()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    ForwarderLimits limits;
    limits.maxConcurrent = 1;
    Forwarder forwarder(target.url(), limits);
    QSignalSpy spy(&forwarder, &Forwarder::delivered);
    QList<QByteArray> expected;
    for (qint64 seq = 1; seq <= 200; ++seq) {
        const Event event = makeEvent(seq);
        expected.append(HttpClient::requestBytes(forwarded(event, target.url())));
        forwarder.enqueue(event);
    }
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 200, 20000);
    QCOMPARE(target.requests(), expected);
    const QList<DeliveryResult> delivered = results(spy);
    for (qsizetype i = 0; i < delivered.size(); ++i) {
        QVERIFY2(delivered.at(i).ok(), qPrintable(delivered.at(i).error));
        QCOMPARE(delivered.at(i).seq, qint64(i + 1));
        QCOMPARE(delivered.at(i).status, 200);
        QCOMPARE(delivered.at(i).body, "{}"_ba);
    }
    QCOMPARE(forwarder.droppedCount(), 0);
    QCOMPARE(forwarder.queuedCount(), 0);
    QCOMPARE(forwarder.queuedBytes(), 0);
    QCOMPARE(forwarder.inFlight(), 0);
}

void TestForwarder::healthyTargetConcurrent()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setDelayMs(5);
    Forwarder forwarder(target.url(u"/in"_s));
    QSignalSpy spy(&forwarder, &Forwarder::delivered);
    QSet<QByteArray> expected;
    for (qint64 seq = 1; seq <= 100; ++seq) {
        const Event event = makeEvent(seq);
        expected.insert(HttpClient::requestBytes(forwarded(event, target.url(u"/in"_s))));
        forwarder.enqueue(event);
    }
    QCOMPARE(forwarder.inFlight(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 100, 20000);
    QCOMPARE(QSet<QByteArray>(target.requests().cbegin(), target.requests().cend()), expected);
    QCOMPARE(target.requests().size(), 100);
    QVERIFY(target.maxOpenConnections() <= 4);
    QSet<qint64> seqs;
    for (const DeliveryResult &result : results(spy)) {
        QVERIFY2(result.ok() && result.status == 200, qPrintable(result.error));
        seqs.insert(result.seq);
    }
    QCOMPARE(seqs.size(), 100);
}

void TestForwarder::slowTargetBoundedByCount()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setDelayMs(LoopbackTarget::never);
    const ForwarderLimits limits; // 1000 events, 64 MiB, 4 at a time
    Forwarder forwarder(target.url(), limits);
    QSignalSpy spy(&forwarder, &Forwarder::delivered);

    QElapsedTimer timer;
    timer.start();
    qsizetype maxQueued = 0;
    for (qint64 seq = 1; seq <= 5000; ++seq) {
        forwarder.enqueue(makeEvent(seq));
        maxQueued = qMax(maxQueued, forwarder.queuedCount());
    }
    // Enqueueing never waits for the target: 5,000 events take far less than one delivery.
    QVERIFY2(timer.elapsed() < timeBound(2000), qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(maxQueued, 1000);
    QCOMPARE(forwarder.queuedCount(), 1000);
    QCOMPARE(forwarder.inFlight(), 4);
    QCOMPARE(forwarder.droppedCount(), 5000 - 1000 - 4);

    // The oldest queued events were dropped, each reported as such, in order.
    QList<DeliveryResult> dropped = results(spy);
    QCOMPARE(dropped.size(), 3996);
    for (qsizetype i = 0; i < dropped.size(); ++i) {
        QCOMPARE(dropped.at(i).seq, qint64(5 + i));
        QCOMPARE(dropped.at(i).error, Forwarder::droppedError);
        QCOMPARE(dropped.at(i).target, target.url());
    }
    QTRY_COMPARE(target.requests().size(), 4);

    // Stopping reports every remaining event once: queued ones and those in flight.
    forwarder.stop();
    QCOMPARE(spy.size(), 5000);
    QSet<qint64> seqs;
    for (const DeliveryResult &result : results(spy)) {
        QVERIFY(!result.ok());
        seqs.insert(result.seq);
    }
    QCOMPARE(seqs.size(), 5000);
    QCOMPARE(forwarder.queuedCount(), 0);
    QCOMPARE(forwarder.queuedBytes(), 0);
    QCOMPARE(forwarder.inFlight(), 0);
}

void TestForwarder::slowTargetBoundedByBytes()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setDelayMs(LoopbackTarget::never);
    ForwarderLimits limits;
    limits.maxQueuedBytes = 256 * 1024;
    Forwarder forwarder(target.url(), limits);
    QSignalSpy spy(&forwarder, &Forwarder::delivered);
    qint64 maxBytes = 0;
    for (qint64 seq = 1; seq <= 2000; ++seq) {
        forwarder.enqueue(makeEvent(seq, 10 * 1024));
        maxBytes = qMax(maxBytes, forwarder.queuedBytes());
    }
    QVERIFY(maxBytes <= limits.maxQueuedBytes);
    QVERIFY(maxBytes > limits.maxQueuedBytes - 11 * 1024); // the limit was actually reached
    QCOMPARE(forwarder.queuedCount(), 25); // each costs just over 10 KiB
    QCOMPARE(spy.size(), 2000 - 25 - 4);
    QCOMPARE(forwarder.droppedCount(), 2000 - 25 - 4);
    forwarder.stop();
    QCOMPARE(spy.size(), 2000);
}

void TestForwarder::delayedTargetDrains()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setDelayMs(20);
    ForwarderLimits limits;
    limits.maxQueuedEvents = 50;
    Forwarder forwarder(target.url(), limits);
    QSignalSpy spy(&forwarder, &Forwarder::delivered);
    for (qint64 seq = 1; seq <= 200; ++seq)
        forwarder.enqueue(makeEvent(seq));
    QCOMPARE(spy.size(), 200 - 50 - 4);
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 200, 20000);
    int ok = 0;
    for (const DeliveryResult &result : results(spy))
        ok += result.ok() && result.status == 200 ? 1 : 0;
    QCOMPARE(ok, 54);
    QCOMPARE(target.requests().size(), 54);
    // The newest events were the ones kept.
    QVERIFY(target.requests().constLast().contains("x-seq: 200\r\n"));
}

void TestForwarder::deadTargetFailsPerEvent()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QUrl url(u"http://127.0.0.1:%1/in"_s.arg(server.serverPort()));
    server.close();
    Forwarder forwarder(url);
    QSignalSpy spy(&forwarder, &Forwarder::delivered);
    for (qint64 seq = 1; seq <= 20; ++seq)
        forwarder.enqueue(makeEvent(seq));
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 20, 20000);
    QSet<qint64> seqs;
    for (const DeliveryResult &result : results(spy)) {
        QCOMPARE(result.error, url.toString() + u": connection refused"_s);
        seqs.insert(result.seq);
    }
    QCOMPARE(seqs.size(), 20);
}

void TestForwarder::eventLargerThanQueue()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    ForwarderLimits limits;
    limits.maxQueuedBytes = 1024;
    Forwarder forwarder(target.url(), limits);
    QSignalSpy spy(&forwarder, &Forwarder::delivered);
    forwarder.enqueue(makeEvent(1, 4096));
    QCOMPARE(spy.size(), 1);
    const DeliveryResult result = spy.constFirst().constFirst().value<DeliveryResult>();
    QVERIFY2(result.error.startsWith(u"dropped: event larger than the forward queue"_s),
             qPrintable(result.error));
    QCOMPARE(forwarder.droppedCount(), 1);
    forwarder.enqueue(makeEvent(2));
    QTRY_COMPARE(spy.size(), 2);
    QVERIFY(results(spy).constLast().ok());
}

void TestForwarder::setTarget()
{
    LoopbackTarget first, second;
    QVERIFY(first.listen() && second.listen());
    Forwarder forwarder(first.url());
    QSignalSpy spy(&forwarder, &Forwarder::delivered);
    forwarder.enqueue(makeEvent(1));
    QTRY_COMPARE(spy.size(), 1);
    forwarder.setTarget(second.url(u"/other"_s));
    QCOMPARE(forwarder.target(), second.url(u"/other"_s));
    forwarder.enqueue(makeEvent(2));
    QTRY_COMPARE(spy.size(), 2);
    QCOMPARE(first.requests().size(), 1);
    QCOMPARE(second.requests().size(), 1);
    QVERIFY(second.requests().constFirst().startsWith("POST /other?n=2 HTTP/1.1\r\n"));
    QCOMPARE(results(spy).constLast().target, second.url(u"/other"_s));
}

void TestForwarder::forwardsAgainAfterStop()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    Forwarder forwarder(target.url());
    QSignalSpy spy(&forwarder, &Forwarder::delivered);
    forwarder.stop(); // nothing pending: nothing reported
    QCOMPARE(spy.size(), 0);
    forwarder.enqueue(QList<Event> { makeEvent(1), makeEvent(2) });
    QTRY_COMPARE(spy.size(), 2);
    for (const DeliveryResult &result : results(spy))
        QVERIFY2(result.ok() && result.status == 200, qPrintable(result.error));
    QCOMPARE(target.requests().size(), 2);
}

void TestForwarder::resignedForwardVerifies_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("secret");
    QTest::newRow("solaris") << u"solaris"_s << "solaris-secret"_ba;
    QTest::newRow("standard") << u"standard"_s << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba;
    QTest::newRow("stripe") << u"stripe"_s << "whsec_stripe"_ba;
    QTest::newRow("github") << u"github"_s << "gh-secret"_ba;
}

void TestForwarder::resignedForwardVerifies()
{
    QFETCH(QString, scheme);
    QFETCH(QByteArray, secret);
    LoopbackTarget target;
    QVERIFY(target.listen());
    Forwarder forwarder(target.url());
    forwarder.setResign({ scheme, secret, 0 }); // a fresh timestamp: now
    QSignalSpy spy(&forwarder, &Forwarder::delivered);
    const Event event = makeEvent(1);
    forwarder.enqueue(event);
    QTRY_COMPARE(spy.size(), 1);
    QVERIFY(results(spy).constFirst().ok());

    const Event received = parseReceived(target.requests().constFirst());
    QCOMPARE(received.body, event.body);
    QCOMPARE(received.target, event.target);
    SecretSet secrets;
    secrets.add(scheme, secret);
    const SignatureCheck check =
        SignatureVerifier(secrets).verify(received, QString(), QDateTime::currentSecsSinceEpoch());
    QCOMPARE(check.state, SignatureState::Valid);
    QCOMPARE(check.scheme, scheme);
}

QTEST_GUILESS_MAIN(TestForwarder)
#include "tst_forwarder.moc"
