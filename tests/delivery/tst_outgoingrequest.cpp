#include "delivery/outgoingrequest.h"

#include "signature/secretset.h"
#include "signature/signatureverifier.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Event makeEvent(const HeaderList &headers, const QByteArray &body = "{\"a\":1}"_ba,
                const QByteArray &target = "/hooks/booking?x=1"_ba)
{
    Event event;
    event.seq = 7;
    event.method = "POST"_ba;
    event.target = target;
    event.headers = headers;
    event.body = body;
    return event;
}

// The request as the target receives it, as an Event the verifier can check.
Event asReceived(const OutgoingRequest &request)
{
    Event event;
    event.method = request.method;
    event.target = request.requestTarget;
    event.headers = request.headers;
    event.body = request.body;
    return event;
}

const QUrl local(u"http://127.0.0.1:3000"_s);

} // namespace

class TestOutgoingRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headers_data();
    void headers();
    void requestTarget_data();
    void requestTarget();
    void hostHeader_data();
    void hostHeader();
    void invalidTarget_data();
    void invalidTarget();
    void exactBytes();
    void bodyKeptExact();
    void resign_data();
    void resign();
    void resignKeepsPosition();
    void resignError();
};

void TestOutgoingRequest::headers_data()
{
    QTest::addColumn<HeaderList>("in");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<HeaderList>("expected");

    QTest::newRow("hop-by-hop removed, order and case kept")
        << HeaderList { { "Host", "old" },
                        { "Connection", "keep-alive" },
                        { "x-B", "1" },
                        { "Keep-Alive", "timeout=5" },
                        { "Transfer-Encoding", "chunked" },
                        { "te", "trailers" },
                        { "Trailer", "X-T" },
                        { "UPGRADE", "h2c" },
                        { "Proxy-Connection", "x" },
                        { "X-a", "2" },
                        { "x-B", "3" } }
        << QByteArray("{}")
        << HeaderList { { "Host", "127.0.0.1:3000" },
                        { "x-B", "1" },
                        { "X-a", "2" },
                        { "x-B", "3" },
                        { "Content-Length", "2" } };
    QTest::newRow("headers named in Connection removed")
        << HeaderList { { "Host", "old" },
                        { "X-Hop", "1" },
                        { "connection", "close, x-hop ,X-Other" },
                        { "X-Other", "2" },
                        { "X-Keep", "3" } }
        << QByteArray() << HeaderList { { "Host", "127.0.0.1:3000" }, { "X-Keep", "3" } };
    QTest::newRow("Host replaced in place, name case kept")
        << HeaderList { { "User-Agent", "ua" },
                        { "host", "example.com:8080" },
                        { "Accept", "*/*" } }
        << QByteArray()
        << HeaderList { { "User-Agent", "ua" }, { "host", "127.0.0.1:3000" }, { "Accept", "*/*" } };
    QTest::newRow("Host added first when missing")
        << HeaderList { { "User-Agent", "ua" } } << QByteArray()
        << HeaderList { { "Host", "127.0.0.1:3000" }, { "User-Agent", "ua" } };
    QTest::newRow("Content-Length recomputed in place, duplicates dropped")
        << HeaderList { { "Host", "h" },
                        { "content-length", "999" },
                        { "X", "1" },
                        { "Content-Length", "5" } }
        << QByteArray("hello!")
        << HeaderList { { "Host", "127.0.0.1:3000" }, { "content-length", "6" }, { "X", "1" } };
    QTest::newRow("Content-Length added last for a de-chunked body")
        << HeaderList { { "Host", "h" }, { "Transfer-Encoding", "chunked" }, { "X", "1" } }
        << QByteArray("abc")
        << HeaderList { { "Host", "127.0.0.1:3000" }, { "X", "1" }, { "Content-Length", "3" } };
    QTest::newRow("no Content-Length added for an empty body")
        << HeaderList { { "Host", "h" } } << QByteArray()
        << HeaderList { { "Host", "127.0.0.1:3000" } };
    QTest::newRow("Content-Length 0 kept for an empty body")
        << HeaderList { { "Host", "h" }, { "Content-Length", "0" } } << QByteArray()
        << HeaderList { { "Host", "127.0.0.1:3000" }, { "Content-Length", "0" } };
    QTest::newRow("duplicates of end-to-end headers kept")
        << HeaderList { { "Host", "h" }, { "X-Dup", "1" }, { "x-dup", "2" } } << QByteArray()
        << HeaderList { { "Host", "127.0.0.1:3000" }, { "X-Dup", "1" }, { "x-dup", "2" } };
}

void TestOutgoingRequest::headers()
{
    QFETCH(HeaderList, in);
    QFETCH(QByteArray, body);
    QFETCH(HeaderList, expected);
    const OutgoingRequest request = buildOutgoing(makeEvent(in, body), local);
    QVERIFY2(request.ok(), qPrintable(request.error));
    QCOMPARE(request.headers, expected);
    QCOMPARE(request.body, body);
}

void TestOutgoingRequest::requestTarget_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("eventTarget");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("no path: event target") << u"http://127.0.0.1:3000"_s << "/hooks/booking?x=1"_ba
                                           << "/hooks/booking?x=1"_ba;
    QTest::newRow("root path: event target")
        << u"http://127.0.0.1:3000/"_s << "/hooks/a%20b?q=%2F"_ba
        << "/hooks/a%20b?q=%2F"_ba;
    QTest::newRow("path: used, event query kept")
        << u"http://127.0.0.1:3000/webhooks"_s << "/hooks/booking?x=1&y=2"_ba
        << "/webhooks?x=1&y=2"_ba;
    QTest::newRow("path, event without query")
        << u"http://127.0.0.1:3000/api/in/"_s << "/hooks/booking"_ba
        << "/api/in/"_ba;
    QTest::newRow("target query wins") << u"http://127.0.0.1:3000/in?token=abc"_s << "/hooks?x=1"_ba
                                       << "/in?token=abc"_ba;
    QTest::newRow("encoded path kept") << u"http://127.0.0.1:3000/a%20b"_s << "/x"_ba
                                       << "/a%20b"_ba;
    QTest::newRow("empty event target") << u"http://127.0.0.1:3000"_s << QByteArray() << "/"_ba;
}

void TestOutgoingRequest::requestTarget()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, eventTarget);
    QFETCH(QByteArray, expected);
    const OutgoingRequest request =
        buildOutgoing(makeEvent({ { "Host", "h" } }, {}, eventTarget), QUrl(target));
    QVERIFY2(request.ok(), qPrintable(request.error));
    QCOMPARE(request.requestTarget, expected);
}

void TestOutgoingRequest::hostHeader_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("explicit port") << u"http://localhost:8081/x"_s << "localhost:8081"_ba;
    QTest::newRow("http default") << u"http://example.com/x"_s << "example.com"_ba;
    QTest::newRow("http explicit 80") << u"http://example.com:80/x"_s << "example.com"_ba;
    QTest::newRow("https default") << u"https://example.com"_s << "example.com"_ba;
    QTest::newRow("https other port") << u"https://example.com:8443"_s << "example.com:8443"_ba;
    QTest::newRow("ipv6") << u"http://[::1]:3000/"_s << "[::1]:3000"_ba;
}

void TestOutgoingRequest::hostHeader()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, expected);
    QCOMPARE(hostHeaderValue(QUrl(target)), expected);
}

void TestOutgoingRequest::invalidTarget_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("expectedError");
    QTest::newRow("ftp") << u"ftp://example.com/x"_s << u"scheme must be http or https"_s;
    QTest::newRow("no host") << u"http:///x"_s << u"has no host"_s;
    QTest::newRow("relative") << u"/just/a/path"_s << u"scheme must be http or https"_s;
}

void TestOutgoingRequest::invalidTarget()
{
    QFETCH(QString, target);
    QFETCH(QString, expectedError);
    const OutgoingRequest request = buildOutgoing(makeEvent({}), QUrl(target));
    QVERIFY(!request.ok());
    QVERIFY2(request.error.contains(expectedError), qPrintable(request.error));
    QVERIFY2(request.error.contains(target), qPrintable(request.error));
}

void TestOutgoingRequest::exactBytes()
{
    Event event = makeEvent({ { "Host", "h" },
                              { "content-type", "application/json" },
                              { "Connection", "keep-alive" },
                              { "Content-Length", "7" } });
    event.method = "PUT"_ba;
    const OutgoingRequest request = buildOutgoing(event, QUrl(u"http://127.0.0.1:9/in"_s));
    QCOMPARE(request.toBytes(),
             "PUT /in?x=1 HTTP/1.1\r\n"
             "Host: 127.0.0.1:9\r\n"
             "content-type: application/json\r\n"
             "Content-Length: 7\r\n"
             "\r\n"
             "{\"a\":1}"_ba);
    QCOMPARE(request.seq, qint64(7));
}

void TestOutgoingRequest::bodyKeptExact()
{
    const QByteArray body("\x00\xff\r\n\r\nHTTP/1.1 200 OK\r\n\x7f", 25);
    const OutgoingRequest request = buildOutgoing(makeEvent({ { "Host", "h" } }, body), local);
    QCOMPARE(request.body, body);
    QVERIFY(request.toBytes().endsWith(QByteArray("\r\n\r\n"_ba + body)));
    QCOMPARE(request.headers.last(), qMakePair("Content-Length"_ba, "25"_ba));
}

void TestOutgoingRequest::resign_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<HeaderList>("captured");
    QTest::addColumn<QByteArray>("signatureHeader");

    QTest::newRow("solaris") << u"solaris"_s << "solaris-secret"_ba
                             << HeaderList { { "Host", "h" },
                                             { "Solaris-Webhook-Signature", "sha256=00" },
                                             { "Solaris-Webhook-Event-Type", "BOOKING" } }
                             << "Solaris-Webhook-Signature"_ba;
    QTest::newRow("standard") << u"standard"_s << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba
                              << HeaderList { { "Host", "h" },
                                              { "webhook-id", "msg_1" },
                                              { "webhook-timestamp", "1" },
                                              { "webhook-signature", "v1,AAAA" } }
                              << "webhook-signature"_ba;
    QTest::newRow("standard unsigned before")
        << u"standard"_s << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba
        << HeaderList { { "Host", "h" } } << "webhook-signature"_ba;
    QTest::newRow("stripe") << u"stripe"_s << "whsec_stripe_secret"_ba
                            << HeaderList { { "Host", "h" }, { "Stripe-Signature", "t=1,v1=00" } }
                            << "Stripe-Signature"_ba;
    QTest::newRow("github") << u"github"_s << "gh-secret"_ba
                            << HeaderList { { "Host", "h" },
                                            { "X-GitHub-Event", "push" },
                                            { "X-Hub-Signature-256", "sha256=00" } }
                            << "X-Hub-Signature-256"_ba;
}

void TestOutgoingRequest::resign()
{
    QFETCH(QString, scheme);
    QFETCH(QByteArray, secret);
    QFETCH(HeaderList, captured);
    QFETCH(QByteArray, signatureHeader);
    const qint64 now = 1'800'000'000;
    const Event event = makeEvent(captured);

    const OutgoingRequest request = buildOutgoing(event, local, { scheme, secret, now });
    QVERIFY2(request.ok(), qPrintable(request.error));
    QCOMPARE(request.body, event.body);
    QVERIFY(asReceived(request).hasHeader(signatureHeader));

    SecretSet secrets;
    secrets.add(scheme, secret);
    const SignatureCheck check =
        SignatureVerifier(secrets).verify(asReceived(request), QString(), now + 10);
    QCOMPARE(check.state, SignatureState::Valid);
    QCOMPARE(check.scheme, scheme);

    SecretSet wrong;
    wrong.add(scheme, secret + "x");
    if (scheme == u"standard")
        wrong = SecretSet(), wrong.add(scheme, "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAA"_ba);
    QCOMPARE(SignatureVerifier(wrong).verify(asReceived(request), QString(), now).state,
             SignatureState::Invalid);
    // A fresh timestamp where the scheme has one: judged an hour later, the signature is stale.
    if (scheme == u"standard" || scheme == u"stripe") {
        QCOMPARE(
            SignatureVerifier(secrets).verify(asReceived(request), QString(), now + 3600).state,
            SignatureState::Stale);
    }
}

void TestOutgoingRequest::resignKeepsPosition()
{
    const Event event =
        makeEvent({ { "Host", "h" }, { "Stripe-Signature", "t=1,v1=00" }, { "X-After", "1" } });
    const OutgoingRequest request = buildOutgoing(event, local, { u"stripe"_s, "s"_ba, 1234 });
    QVERIFY2(request.ok(), qPrintable(request.error));
    QCOMPARE(request.headers.size(), 4);
    QCOMPARE(request.headers.at(1).first, "Stripe-Signature"_ba);
    QVERIFY(request.headers.at(1).second.startsWith("t=1234,v1="));
    QCOMPARE(request.headers.at(2).first, "X-After"_ba);
}

void TestOutgoingRequest::resignError()
{
    const Event event = makeEvent({ { "Host", "h" } });
    const OutgoingRequest unknown = buildOutgoing(event, local, { u"nope"_s, "s"_ba, 1 });
    QVERIFY(!unknown.ok());
    QVERIFY2(unknown.error.contains(u"#7"_s) && unknown.error.contains(u"unknown scheme"_s),
             qPrintable(unknown.error));
    const OutgoingRequest empty = buildOutgoing(event, local, { u"solaris"_s, {}, 1 });
    QVERIFY2(empty.error.contains(u"secret is empty"_s), qPrintable(empty.error));
}

QTEST_GUILESS_MAIN(TestOutgoingRequest)
#include "tst_outgoingrequest.moc"
