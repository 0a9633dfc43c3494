#include "loopbacktarget.h"

#include "delivery/httpclient.h"

#include "timebound.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

OutgoingRequest makeRequest(const QUrl &url, const HeaderList &headers, const QByteArray &body,
                            const QByteArray &method = "POST"_ba)
{
    Event event;
    event.seq = 42;
    event.method = method;
    event.target = "/hooks/booking?x=1"_ba;
    event.headers = headers;
    event.body = body;
    return buildOutgoing(event, url);
}

DeliveryResult waitForResult(QSignalSpy &spy, int timeoutMs = 5000)
{
    if (spy.isEmpty() && !spy.wait(timeoutMs))
        return {};
    return spy.constFirst().constFirst().value<DeliveryResult>();
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactRequestBytes_data();
    void exactRequestBytes();
    void connectionCloseOnlyWhenAbsent();
    void responses_data();
    void responses();
    void connectionRefused();
    void timeout();
    void oversizedResponseCapped();
    void malformedResponse();
    void tlsErrorAgainstPlainServer();
    void unusableRequestReportedLater();
    void smugglingRefused_data();
    void smugglingRefused();
    void handBuiltSmugglingRefused();
    void abortAll();
    void concurrentRequests();
    void concurrencyLimited();
    void abortAllIncludesWaiting();
};

void TestHttpClient::exactRequestBytes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("json") << "POST"_ba
                          << HeaderList { { "Host", "x" },
                                          { "Content-Type", "application/json" },
                                          { "Solaris-Webhook-Event-Type", "BOOKING" } }
                          << "{\"id\":\"b1\",\"amount\":{\"value\":100}}"_ba;
    QTest::newRow("odd case, order, duplicates") << "PATCH"_ba
                                                 << HeaderList { { "x-WeIrD-CaSe", "1" },
                                                                 { "host", "x" },
                                                                 { "X-Dup", "a" },
                                                                 { "x-dup", "b" },
                                                                 { "Content-length", "3" } }
                                                 << "abc"_ba;
    QTest::newRow("binary body") << "POST"_ba << HeaderList { { "Host", "x" } }
                                 << QByteArray("\x00\x01\r\n\r\n\xff\xfe", 8);
    QTest::newRow("empty body") << "POST"_ba
                                << HeaderList { { "Host", "x" }, { "Content-Length", "0" } }
                                << QByteArray();
    QTest::newRow("GET without body")
        << "GET"_ba << HeaderList { { "Accept", "*/*" } } << QByteArray();
    QTest::newRow("large body") << "PUT"_ba << HeaderList { { "Host", "x" } }
                                << QByteArray(3 * 1024 * 1024, 'z');
}

void TestHttpClient::exactRequestBytes()
{
    QFETCH(QByteArray, method);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    LoopbackTarget target;
    QVERIFY(target.listen());
    const OutgoingRequest request = makeRequest(target.url(), headers, body, method);
    QVERIFY2(request.ok(), qPrintable(request.error));

    HttpClient client;
    QSignalSpy spy(&client, &HttpClient::finished);
    client.send(request);
    const DeliveryResult result = waitForResult(spy);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.body, "{}"_ba);
    QCOMPARE(result.seq, qint64(42));
    QCOMPARE(result.target, target.url());
    QVERIFY(result.at > 0);

    QCOMPARE(target.requests().size(), 1);
    QByteArray expected = method + " /hooks/booking?x=1 HTTP/1.1\r\n";
    for (const auto &[name, value] : request.headers)
        expected += name + ": " + value + "\r\n";
    expected += "Connection: close\r\n\r\n" + body;
    QCOMPARE(target.requests().constFirst(), expected);
    QCOMPARE(HttpClient::requestBytes(request), expected);
}

void TestHttpClient::connectionCloseOnlyWhenAbsent()
{
    OutgoingRequest request;
    request.method = "POST"_ba;
    request.requestTarget = "/"_ba;
    request.headers = { { "Host", "h" }, { "connection", "keep-alive" } };
    QCOMPARE(HttpClient::requestBytes(request), request.toBytes());
    request.headers.removeLast();
    QCOMPARE(HttpClient::requestBytes(request),
             "POST / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"_ba);
}

void TestHttpClient::responses_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("content-length")
        << "HTTP/1.1 422 Unprocessable Entity\r\nX-Req: 9\r\nContent-Length: 5\r\n\r\nnope!"_ba
        << 422 << HeaderList { { "X-Req", "9" }, { "Content-Length", "5" } } << "nope!"_ba;
    QTest::newRow("chunked") << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n"_ba
                             << 200 << HeaderList { { "Transfer-Encoding", "chunked" } }
                             << "abcdefg"_ba;
    QTest::newRow("close-delimited")
        << "HTTP/1.1 410 Gone\r\nContent-Type: text/plain\r\n\r\nsubscription cancelled"_ba << 410
        << HeaderList { { "Content-Type", "text/plain" } } << "subscription cancelled"_ba;
}

void TestHttpClient::responses()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setResponse(raw);
    HttpClient client;
    QSignalSpy spy(&client, &HttpClient::finished);
    client.send(makeRequest(target.url(u"/in"_s), { { "Host", "x" } }, "{}"_ba));
    const DeliveryResult result = waitForResult(spy);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.status, status);
    QCOMPARE(result.headers, headers);
    QCOMPARE(result.body, body);
    QVERIFY(!result.truncated);
    QVERIFY(result.elapsedMs >= 0 && result.elapsedMs < 5000);
    QCOMPARE(spy.size(), 1);
}

void TestHttpClient::connectionRefused()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QUrl url(u"http://127.0.0.1:%1/in"_s.arg(server.serverPort()));
    server.close();
    HttpClient client;
    QSignalSpy spy(&client, &HttpClient::finished);
    client.send(makeRequest(url, {}, "{}"_ba));
    const DeliveryResult result = waitForResult(spy);
    QCOMPARE(result.error, url.toString() + u": connection refused"_s);
    QCOMPARE(result.status, 0);
}

void TestHttpClient::timeout()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setDelayMs(LoopbackTarget::never);
    HttpClient client;
    client.setTimeoutMs(300);
    QSignalSpy spy(&client, &HttpClient::finished);
    QElapsedTimer timer;
    timer.start();
    client.send(makeRequest(target.url(), {}, "{}"_ba));
    const DeliveryResult result = waitForResult(spy);
    QCOMPARE(result.error, target.url().toString() + u": timeout after 300 ms"_s);
    // QTimer's default coarse timers may fire up to 5% early.
    QVERIFY2(timer.elapsed() >= 280 && timer.elapsed() < timeBound(5000),
             qPrintable(QString::number(timer.elapsed())));
    QVERIFY(result.elapsedMs >= 280);
    QCOMPARE(target.requests().size(), 1); // it was sent; no answer came
    QCOMPARE(client.pendingCount(), 0);
}

void TestHttpClient::oversizedResponseCapped()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    const QByteArray body(4 * 1024 * 1024, 'r');
    target.setResponse("HTTP/1.1 200 OK\r\nContent-Length: "_ba + QByteArray::number(body.size())
                       + "\r\n\r\n" + body);
    HttpClient client;
    client.setMaxBodyBytes(64 * 1024);
    QSignalSpy spy(&client, &HttpClient::finished);
    client.send(makeRequest(target.url(), {}, "{}"_ba));
    const DeliveryResult result = waitForResult(spy);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.body.size(), 64 * 1024);
    QVERIFY(result.truncated);
}

void TestHttpClient::malformedResponse()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setResponse("SMTP ready\r\n\r\n"_ba);
    HttpClient client;
    QSignalSpy spy(&client, &HttpClient::finished);
    client.send(makeRequest(target.url(), {}, "{}"_ba));
    const DeliveryResult result = waitForResult(spy);
    QCOMPARE(result.error,
             target.url().toString() + u": malformed response: bad status line at byte 0"_s);
}

void TestHttpClient::tlsErrorAgainstPlainServer()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend on this system");
    // A plain HTTP server answers the TLS ClientHello with text: the handshake must fail.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, &server, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        });
    });
    const QUrl url(u"https://127.0.0.1:%1/in"_s.arg(server.serverPort()));
    HttpClient client;
    client.setTimeoutMs(5000);
    QSignalSpy spy(&client, &HttpClient::finished);
    client.send(makeRequest(url, {}, "{}"_ba));
    const DeliveryResult result = waitForResult(spy, 10000);
    QVERIFY2(result.error.startsWith(url.toString() + u": TLS error: "_s),
             qPrintable(result.error));
    QCOMPARE(result.status, 0);
}

void TestHttpClient::unusableRequestReportedLater()
{
    HttpClient client;
    QSignalSpy spy(&client, &HttpClient::finished);
    client.send(makeRequest(QUrl(u"ftp://example.com/"_s), {}, "{}"_ba));
    QCOMPARE(spy.size(), 0); // never from inside send()
    const DeliveryResult result = waitForResult(spy);
    QVERIFY2(result.error.contains(u"scheme must be http or https"_s), qPrintable(result.error));
    QCOMPARE(result.seq, qint64(42));
}

void TestHttpClient::smugglingRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QString>("why");

    const QByteArray ok = "/hooks"_ba;
    // What a hostile HAR or a captured header can carry into a replay.
    QTest::newRow("CRLF in a value injects a request")
        << "POST"_ba << ok
        << HeaderList { { "X-A", "1\r\nContent-Length: 0\r\n\r\nGET /smuggled HTTP/1.1" } }
        << u"the value of header X-A contains CR, LF or NUL"_s;
    QTest::newRow("bare LF in a value")
        << "POST"_ba << ok << HeaderList { { "X-Ok", "1" }, { "X-B", "a\nX-C: 1" } }
        << u"the value of header X-B contains"_s;
    QTest::newRow("bare CR in a value") << "POST"_ba << ok << HeaderList { { "X-B", "a\rb" } }
                                        << u"the value of header X-B contains"_s;
    QTest::newRow("NUL in a value")
        << "POST"_ba << ok << HeaderList { { "X-B", QByteArray("a\0b", 3) } }
        << u"the value of header X-B contains"_s;
    QTest::newRow("colon in a name")
        << "POST"_ba << ok << HeaderList { { "X-A: 1\r\nX-B", "2" } } << u"is not an HTTP token"_s;
    QTest::newRow("space in a name")
        << "POST"_ba << ok << HeaderList { { "Transfer-Encoding ", "x" } }
        << u"is not an HTTP token"_s;
    QTest::newRow("empty name") << "POST"_ba << ok << HeaderList { { "", "x" } }
                                << u"is not an HTTP token"_s;
    QTest::newRow("method with a space")
        << "GET /smuggled HTTP/1.1\r\n\r\nPOST"_ba << ok << HeaderList {} << u"the method"_s;
    QTest::newRow("target with CRLF") << "POST"_ba
                                      << "/a HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET /smuggled"_ba
                                      << HeaderList {} << u"the request target"_s;
    QTest::newRow("target with a space") << "POST"_ba
                                         << "/a b"_ba << HeaderList {} << u"the request target"_s;
}

// Nothing reaches the target: not even a connection is opened, and the result says why.
void TestHttpClient::smugglingRefused()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(HeaderList, headers);
    QFETCH(QString, why);
    LoopbackTarget server;
    QVERIFY(server.listen());
    Event event;
    event.seq = 7;
    event.method = method;
    event.target = target;
    event.headers = headers;
    event.body = "{}"_ba;
    const OutgoingRequest request = buildOutgoing(event, server.url());
    QVERIFY(!request.ok());
    HttpClient client;
    QSignalSpy spy(&client, &HttpClient::finished);
    client.send(request);
    const DeliveryResult result = waitForResult(spy);
    QVERIFY2(result.error.contains(why), qPrintable(result.error));
    QVERIFY2(result.error.contains(u"event #7 not sent"_s), qPrintable(result.error));
    QVERIFY(!result.error.contains(u'\r') && !result.error.contains(u'\n'));
    QTest::qWait(100); // a connection would have been made by now
    QCOMPARE(server.connectionCount(), 0);
    QVERIFY(server.requests().isEmpty());
}

// A request assembled by hand, without buildOutgoing, goes through the same check.
void TestHttpClient::handBuiltSmugglingRefused()
{
    LoopbackTarget server;
    QVERIFY(server.listen());
    OutgoingRequest request;
    request.url = server.url();
    request.method = "POST"_ba;
    request.requestTarget = "/"_ba;
    request.headers = { { "Host", "x" }, { "X-A", "1\r\n\r\nGET /smuggled HTTP/1.1" } };
    QVERIFY(request.ok());
    HttpClient client;
    QSignalSpy spy(&client, &HttpClient::finished);
    client.send(request);
    const DeliveryResult result = waitForResult(spy);
    QVERIFY2(result.error.contains(u"would smuggle bytes"_s), qPrintable(result.error));
    QTest::qWait(100);
    QCOMPARE(server.connectionCount(), 0);
}

void TestHttpClient::abortAll()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setDelayMs(LoopbackTarget::never);
    HttpClient client;
    QSignalSpy spy(&client, &HttpClient::finished);
    client.send(makeRequest(target.url(), {}, "{}"_ba));
    client.send(makeRequest(target.url(), {}, "{}"_ba));
    QTRY_COMPARE(target.requests().size(), 2);
    QCOMPARE(client.pendingCount(), 2);
    client.abortAll(u"user cancelled"_s);
    QCOMPARE(spy.size(), 2);
    for (const QList<QVariant> &arguments : spy)
        QCOMPARE(arguments.constFirst().value<DeliveryResult>().error,
                 target.url().toString() + u": user cancelled"_s);
    QCOMPARE(client.pendingCount(), 0);
}

void TestHttpClient::concurrentRequests()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setDelayMs(50);
    HttpClient client;
    QSignalSpy spy(&client, &HttpClient::finished);
    for (int i = 0; i < 10; ++i)
        client.send(makeRequest(target.url(), {}, QByteArray::number(i)));
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 10, 5000);
    QCOMPARE(target.maxOpenConnections(), HttpClient::defaultMaxConcurrent);
    for (const QList<QVariant> &arguments : spy)
        QCOMPARE(arguments.constFirst().value<DeliveryResult>().status, 200);
}

void TestHttpClient::concurrencyLimited()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setDelayMs(20);
    HttpClient client;
    client.setMaxConcurrent(3);
    QSignalSpy spy(&client, &HttpClient::finished);
    for (int i = 0; i < 12; ++i)
        client.send(makeRequest(target.url(), {}, QByteArray::number(i)));
    QCOMPARE(client.pendingCount(), 12);
    QCOMPARE(client.runningCount(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 12, 10000);
    QCOMPARE(target.maxOpenConnections(), 3);
    QCOMPARE(target.connectionCount(), 12);
    QCOMPARE(client.pendingCount(), 0);
    QSet<QByteArray> bodies;
    for (const QByteArray &request : target.requests())
        bodies.insert(request.mid(request.indexOf("\r\n\r\n") + 4));
    QCOMPARE(bodies.size(), 12);
    QVERIFY(bodies.contains("11"_ba));
}

void TestHttpClient::abortAllIncludesWaiting()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setDelayMs(LoopbackTarget::never);
    HttpClient client;
    client.setMaxConcurrent(2);
    QSignalSpy spy(&client, &HttpClient::finished);
    for (int i = 0; i < 5; ++i)
        client.send(makeRequest(target.url(), {}, "{}"_ba));
    QTRY_COMPARE(target.requests().size(), 2);
    client.abortAll(u"stopped"_s);
    QCOMPARE(spy.size(), 5);
    QCOMPARE(client.pendingCount(), 0);
    for (const DeliveryResult &result : { spy.at(0).constFirst().value<DeliveryResult>(),
                                          spy.at(4).constFirst().value<DeliveryResult>() })
        QCOMPARE(result.error, target.url().toString() + u": stopped"_s);
    QTest::qWait(50);
    QCOMPARE(target.connectionCount(), 2); // the waiting ones never connected
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
