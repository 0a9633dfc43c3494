#include "compose/composedrequest.h"
#include "compose/compositioncheck.h"
#include "schema/schemaregistry.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_ComposedRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_registry = SchemaRegistry::withBundledCatalog(); }
    void fromExampleIsSolarisAndValid();
    void fromEventDropsWhatTheConnectionOwns();
    void refused_data();
    void refused();
    void planCarriesEverything();
    void ownCaptureTakesOneAttempt();

private:
    SchemaRegistry m_registry;
};

void tst_ComposedRequest::fromExampleIsSolarisAndValid()
{
    const ComposedRequest request = ComposedRequest::fromExample(m_registry, u"identification"_s);
    QCOMPARE(request.eventType, u"IDENTIFICATION"_s);
    QCOMPARE(request.scheme, u"solaris"_s);
    QVERIFY(request.body.contains('\n')); // indented, to edit
    QCOMPARE(headerValue(request.headers, "Solaris-Webhook-Event-Type"), "IDENTIFICATION"_ba);
    QVERIFY(!headerValue(request.headers, "Solaris-Webhook-Id").isEmpty());
    QVERIFY(!headerValue(request.headers, "Solaris-Entity-Id").isEmpty());
    for (const LineViolation &line :
         CompositionCheck(m_registry).check(request.eventType, request.body))
        QVERIFY2(line.violation.severity != Severity::Error, qPrintable(line.violation.message));
}

void tst_ComposedRequest::fromEventDropsWhatTheConnectionOwns()
{
    Event event;
    event.method = "POST";
    event.target = "/hooks";
    event.body = "{\"id\": \"x\"}"_ba;
    event.headers = { { "Host", "127.0.0.1:8080" },
                      { "Solaris-Webhook-Id", "w1" },
                      { "Content-Length", "11" },
                      { "Connection", "keep-alive, X-Hop" },
                      { "X-Hop", "1" },
                      { "content-type", "application/json" },
                      { "Solaris-Webhook-Signature", "sha256=00" } };
    const ComposedRequest request = ComposedRequest::fromEvent(m_registry, event, u"BOOKING"_s);
    QCOMPARE(request.body, event.body);
    QCOMPARE(request.eventType, u"BOOKING"_s);
    const HeaderList expected { { "Solaris-Webhook-Id", "w1" },
                                { "content-type", "application/json" },
                                { "Solaris-Webhook-Signature", "sha256=00" } };
    QCOMPARE(request.headers, expected);
}

void tst_ComposedRequest::refused_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("retry");
    QTest::addColumn<QString>("message");
    QTest::newRow("no target") << u"  "_s << QString() << QByteArray() << u"1s"_s
                               << u"Target: required"_s;
    QTest::newRow("not http") << u"ftp://127.0.0.1/x"_s << QString() << QByteArray() << u"1s"_s
                              << u"Target: \"ftp://127.0.0.1/x\" is not an http"_s;
    QTest::newRow("no host") << u"http://"_s << QString() << QByteArray() << u"1s"_s
                             << u"Target:"_s;
    QTest::newRow("scheme without secret")
        << u"http://127.0.0.1:9/"_s << u"solaris"_s << QByteArray() << u"1s"_s
        << u"Secret: signing with solaris needs a secret"_s;
    QTest::newRow("bad retry") << u"http://127.0.0.1:9/"_s << QString() << QByteArray()
                               << u"1s,soon"_s << u"Retry:"_s;
}

void tst_ComposedRequest::refused()
{
    QFETCH(QString, target);
    QFETCH(QString, scheme);
    QFETCH(QByteArray, secret);
    QFETCH(QString, retry);
    QFETCH(QString, message);
    ComposedRequest request;
    request.target = target;
    request.scheme = scheme;
    request.secret = secret;
    request.retry = retry;
    const auto plan = request.plan({});
    QVERIFY(std::holds_alternative<QString>(plan));
    QVERIFY2(std::get<QString>(plan).startsWith(message), qPrintable(std::get<QString>(plan)));
}

void tst_ComposedRequest::planCarriesEverything()
{
    ComposedRequest request = ComposedRequest::fromExample(m_registry, u"BOOKING"_s);
    request.target = u" http://127.0.0.1:3000/hooks "_s;
    request.secret = "k"_ba;
    request.retry = u"10ms, 2s"_s;
    request.timeout = u"500ms"_s;
    const auto plan = request.plan(QUrl(u"http://127.0.0.1:8080"_s));
    QVERIFY(std::holds_alternative<ComposedSend>(plan));
    const ComposedSend &send = std::get<ComposedSend>(plan);
    QCOMPARE(send.options.target, QUrl(u"http://127.0.0.1:3000/hooks"_s));
    QCOMPARE(send.options.scheme, u"solaris"_s);
    QCOMPARE(send.options.secret, "k"_ba);
    QCOMPARE(send.options.retryMs, (QList<qint64> { 10, 2000 }));
    QCOMPARE(send.options.timeoutMs, 500);
    QCOMPARE(send.webhook.body, request.body);
    QCOMPARE(send.webhook.headers, request.headers);
    QCOMPARE(send.webhook.eventType, u"BOOKING"_s);
    QVERIFY(send.note.isEmpty());
}

void tst_ComposedRequest::ownCaptureTakesOneAttempt()
{
    ComposedRequest request = ComposedRequest::fromExample(m_registry, u"BOOKING"_s);
    request.target = u"http://localhost:8080/hooks"_s;
    request.secret = "k"_ba;
    const auto plan = request.plan(QUrl(u"http://0.0.0.0:8080"_s));
    QVERIFY(std::holds_alternative<ComposedSend>(plan));
    QVERIFY(std::get<ComposedSend>(plan).options.retryMs.isEmpty());
    QVERIFY(std::get<ComposedSend>(plan).note.contains(u"own capture address"_s));
}

QTEST_GUILESS_MAIN(tst_ComposedRequest)
#include "tst_composedrequest.moc"
