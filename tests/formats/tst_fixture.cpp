#include "formats/fixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray readData(const QString &name)
{
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA "/formats/fixtures/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Fixture::Loaded load(const QByteArray &json)
{
    return Fixture::fromJson(QJsonDocument::fromJson(json).object());
}

Event hostileEvent()
{
    Event e;
    e.seq = 7;
    e.receivedAtMs = 1714564800123;
    e.method = "POST"_ba;
    e.target = "/hooks/a b?x=\xff&y=\"'"_ba;
    e.headers = { { "Host"_ba, "example"_ba },  { "x-CASE"_ba, "MiXed"_ba },
                  { "X-Dup"_ba, "1"_ba },       { "X-Dup"_ba, "2"_ba },
                  { "X-Empty"_ba, ""_ba },      { "X-Latin1"_ba, "M\xfcller"_ba },
                  { "X-Quote"_ba, "\"\\\n"_ba } };
    return e;
}

} // namespace

class TestFixture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fileRoundTrip_data();
    void fileRoundTrip();
    void eventRoundTrip_data();
    void eventRoundTrip();
    void loadsHandWritten();
    void redacts();
    void errors_data();
    void errors();
    void isoTime();
};

void TestFixture::fileRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("text body, duplicates, case") << u"identification.json"_s;
    QTest::newRow("binary body, latin-1 header") << u"binary.json"_s;
    QTest::newRow("empty body, no headers") << u"empty-body.json"_s;
}

void TestFixture::fileRoundTrip()
{
    QFETCH(QString, file);
    const QByteArray bytes = readData(file);
    QVERIFY(!bytes.isEmpty());
    const Fixture::Loaded loaded = load(bytes);
    QCOMPARE(loaded.error, QString());
    QCOMPARE(toFixtureJson(loaded.event, loaded.eventType), bytes);
}

void TestFixture::eventRoundTrip_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("json") << R"({"a":1.0,"b":[true,null]})"_ba;
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("nul and controls") << QByteArray("a\0b\r\n\x1b[31m", 11);
    QTest::newRow("invalid utf-8") << "\xff\xfe\x80"_ba;
    QTest::newRow("all bytes") << [] {
        QByteArray all;
        for (int i = 0; i < 256; ++i)
            all += char(i);
        return all;
    }();
}

void TestFixture::eventRoundTrip()
{
    QFETCH(QByteArray, body);
    Event e = hostileEvent();
    e.body = body;
    const QByteArray json = toFixtureJson(e, u"TYPE?"_s);
    const Fixture::Loaded loaded = load(json);
    QCOMPARE(loaded.error, QString());
    QCOMPARE(loaded.eventType, u"TYPE?"_s);
    QCOMPARE(loaded.event.method, e.method);
    QCOMPARE(loaded.event.target, e.target);
    QCOMPARE(loaded.event.headers, e.headers);
    QCOMPARE(loaded.event.body, e.body);
    QCOMPARE(loaded.event.receivedAtMs, e.receivedAtMs);
    QCOMPARE(loaded.event.origin, Origin::Loaded);
    QCOMPARE(toFixtureJson(loaded.event, loaded.eventType), json);
}

void TestFixture::loadsHandWritten()
{
    const Fixture::Loaded loaded = load(R"({"hookscope":1,"method":"POST","target":"/x",
        "headers":[{"name":"A","value":"1"},["B","2"]],"body":"hi"})"_ba);
    QCOMPARE(loaded.error, QString());
    QCOMPARE(loaded.event.headers, (HeaderList { { "A"_ba, "1"_ba }, { "B"_ba, "2"_ba } }));
    QCOMPARE(loaded.event.body, "hi"_ba);
    QCOMPARE(loaded.event.receivedAtMs, 0);
}

void TestFixture::redacts()
{
    Event e = hostileEvent();
    e.headers = { { "Solaris-Webhook-Signature"_ba, "sha256=abc"_ba },
                  { "authorization"_ba, "Bearer x"_ba },
                  { "X-Keep"_ba, "visible"_ba } };
    const Fixture::Loaded loaded = load(toFixtureJson(e, {}, true));
    QCOMPARE(loaded.event.headers,
             (HeaderList { { "Solaris-Webhook-Signature"_ba, "[redacted]"_ba },
                           { "authorization"_ba, "[redacted]"_ba },
                           { "X-Keep"_ba, "visible"_ba } }));
}

void TestFixture::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("marker not a number") << R"({"hookscope":"1","method":"POST","target":"/"})"_ba
                                         << u"\"hookscope\" must be the format version number"_s;
    QTest::newRow("future version")
        << R"({"hookscope":2,"method":"POST","target":"/"})"_ba
        << u"fixture version 2 is not supported (this build reads version 1)"_s;
    QTest::newRow("no method") << R"({"hookscope":1,"target":"/"})"_ba
                               << u"needs a string \"method\" or \"methodBase64\""_s;
    QTest::newRow("empty target") << R"({"hookscope":1,"method":"GET","target":""})"_ba
                                  << u"\"target\" must not be empty"_s;
    QTest::newRow("headers not array")
        << R"({"hookscope":1,"method":"GET","target":"/","headers":{}})"_ba
        << u"\"headers\" must be an array"_s;
    QTest::newRow("header wrong shape")
        << R"({"hookscope":1,"method":"GET","target":"/","headers":[["a","b"],["c"]]})"_ba
        << u"\"headers\"[1]: expected [name, value] with two strings"_s;
    QTest::newRow("header bad base64")
        << R"({"hookscope":1,"method":"GET","target":"/","headers":[{"name":"a","valueBase64":"**"}]})"_ba
        << u"\"headers\"[0]: \"valueBase64\" is not valid base64"_s;
    QTest::newRow("body not string")
        << R"({"hookscope":1,"method":"GET","target":"/","body":{"a":1}})"_ba
        << u"\"body\" must be a string"_s;
    QTest::newRow("bad base64 body")
        << R"({"hookscope":1,"method":"GET","target":"/","bodyEncoding":"base64","body":"a*b"})"_ba
        << u"\"body\" is not valid base64 (\"bodyEncoding\" is \"base64\")"_s;
    QTest::newRow("unknown encoding")
        << R"({"hookscope":1,"method":"GET","target":"/","bodyEncoding":"hex","body":"00"})"_ba
        << u"\"bodyEncoding\" must be \"utf-8\" or \"base64\", not \"hex\""_s;
    QTest::newRow("bad time")
        << R"({"hookscope":1,"method":"GET","target":"/","receivedAt":"yesterday"})"_ba
        << u"\"receivedAt\" must be an ISO-8601 time such as 2024-05-01T12:00:00.000Z"_s;
}

void TestFixture::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QCOMPARE(load(json).error, error);
}

void TestFixture::isoTime()
{
    QCOMPARE(Fixture::isoUtc(1714564800123), u"2024-05-01T12:00:00.123Z"_s);
    QCOMPARE(Fixture::parseIsoTime(u"2024-05-01T14:00:00.123+02:00"_s), 1714564800123);
    QCOMPARE(Fixture::parseIsoTime(u"2024-05-01T12:00:00Z"_s), 1714564800000);
    QVERIFY(!Fixture::parseIsoTime(u"2024-13-01"_s));
}

QTEST_GUILESS_MAIN(TestFixture)
#include "tst_fixture.moc"
