#include "formats/exporters.h"
#include "formats/harformat.h"
#include "formats/importer.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Event makeEvent(qint64 seq, const QByteArray &body)
{
    Event e;
    e.seq = seq;
    e.receivedAtMs = 1714564800000 + seq;
    e.method = "POST"_ba;
    e.target = "/hooks/x?b=1&a=%20"_ba;
    e.headers = { { "Host"_ba, "hooks.example:8080"_ba },
                  { "content-type"_ba, "application/json"_ba },
                  { "X-Dup"_ba, "1"_ba },
                  { "X-Dup"_ba, "2"_ba },
                  { "X-Latin1"_ba, "\xe9t\xe9"_ba },
                  { "Stripe-Signature"_ba, "t=1,v1=ab"_ba } };
    e.body = body;
    e.remote = u"127.0.0.1:5555"_s;
    e.response.status = 410;
    e.response.headers = { { "Content-Type"_ba, "application/json"_ba } };
    e.response.body = "{}"_ba;
    e.response.delayMs = 25;
    return e;
}

} // namespace

class TestHarFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void entryHasRequiredFields();
    void cookies();
    void binaryBodyUsesExtension();
    void roundTrip();
    void streamingWriterMatches();
    void emptyLog();
    void readsBomAndForeignHar();
    void targetOf_data();
    void targetOf();
    void malformed_data();
    void malformed();
};

void TestHarFormat::entryHasRequiredFields()
{
    const QJsonObject entry = toHarEntry(makeEvent(1, R"({"a":1})"_ba));
    for (const auto &key :
         { u"startedDateTime"_s, u"time"_s, u"request"_s, u"response"_s, u"cache"_s, u"timings"_s })
        QVERIFY2(entry.contains(key), qPrintable(key));
    QCOMPARE(entry.value(u"startedDateTime"_s).toString(), u"2024-05-01T12:00:00.001Z"_s);
    QCOMPARE(entry.value(u"time"_s).toInt(), 25);
    const QJsonObject request = entry.value(u"request"_s).toObject();
    QCOMPARE(request.value(u"url"_s).toString(), u"http://hooks.example:8080/hooks/x?b=1&a=%20"_s);
    QCOMPARE(request.value(u"httpVersion"_s).toString(), u"HTTP/1.1"_s);
    QCOMPARE(request.value(u"headersSize"_s).toInt(), -1);
    QCOMPARE(request.value(u"bodySize"_s).toInt(), 7);
    QVERIFY(request.value(u"cookies"_s).isArray());
    QCOMPARE(request.value(u"queryString"_s).toArray().size(), 2);
    QCOMPARE(request.value(u"postData"_s).toObject().value(u"mimeType"_s).toString(),
             u"application/json"_s);
    QCOMPARE(request.value(u"postData"_s).toObject().value(u"text"_s).toString(), u"{\"a\":1}"_s);
    const QJsonArray headers = request.value(u"headers"_s).toArray();
    QCOMPARE(headers.size(), 6);
    QCOMPARE(headers.at(4).toObject().value(u"_valueBase64"_s).toString(), u"6XTp"_s);
    const QJsonObject response = entry.value(u"response"_s).toObject();
    QCOMPARE(response.value(u"status"_s).toInt(), 410);
    QCOMPARE(response.value(u"statusText"_s).toString(), u"Gone"_s);
    QCOMPARE(response.value(u"content"_s).toObject().value(u"size"_s).toInt(), 2);
    QCOMPARE(response.value(u"redirectURL"_s).toString(), QString());
    const QJsonObject timings = entry.value(u"timings"_s).toObject();
    QCOMPARE(timings.value(u"send"_s).toInt(), 0);
    QCOMPARE(timings.value(u"wait"_s).toInt(), 25);
    QCOMPARE(timings.value(u"dns"_s).toInt(), -1);
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        static const QStringList standard { u"startedDateTime"_s, u"time"_s,  u"request"_s,
                                            u"response"_s,        u"cache"_s, u"timings"_s };
        QVERIFY2(standard.contains(it.key()) || it.key().startsWith(u'_'), qPrintable(it.key()));
    }
}

void TestHarFormat::cookies()
{
    Event e = makeEvent(1, "x"_ba);
    e.headers.append({ "Cookie"_ba, "a=1; b=two"_ba });
    e.response.headers.append({ "Set-Cookie"_ba, "sid=xyz; Path=/; HttpOnly"_ba });
    const QJsonObject entry = toHarEntry(e);
    const QJsonArray requestCookies =
        entry.value(u"request"_s).toObject().value(u"cookies"_s).toArray();
    QCOMPARE(requestCookies.size(), 2);
    QCOMPARE(requestCookies.at(1).toObject().value(u"name"_s).toString(), u"b"_s);
    QCOMPARE(requestCookies.at(1).toObject().value(u"value"_s).toString(), u"two"_s);
    const QJsonArray responseCookies =
        entry.value(u"response"_s).toObject().value(u"cookies"_s).toArray();
    QCOMPARE(responseCookies.size(), 1);
    QCOMPARE(responseCookies.at(0).toObject().value(u"value"_s).toString(), u"xyz"_s);
    const QJsonObject redacted = toHarEntry(e, true);
    QCOMPARE(redacted.value(u"request"_s)
                 .toObject()
                 .value(u"cookies"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"value"_s)
                 .toString(),
             u"[redacted]"_s);
    QCOMPARE(redacted.value(u"response"_s)
                 .toObject()
                 .value(u"cookies"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"value"_s)
                 .toString(),
             u"[redacted]"_s);
}

void TestHarFormat::binaryBodyUsesExtension()
{
    const QJsonObject postData = toHarEntry(makeEvent(1, "\x00\xff"_ba))
                                     .value(u"request"_s)
                                     .toObject()
                                     .value(u"postData"_s)
                                     .toObject();
    QCOMPARE(postData.value(u"_encoding"_s).toString(), u"base64"_s);
    QCOMPARE(postData.value(u"text"_s).toString(), u"AP8="_s);
    QVERIFY(!postData.contains(u"encoding"_s)); // not in HAR 1.2: only the '_' extension
    QVERIFY(!postData.contains(u"params"_s)); // HAR 1.2: text and params are exclusive
}

void TestHarFormat::roundTrip()
{
    const QList<Event> events { makeEvent(1, R"({"a":"ü"})"_ba), makeEvent(2, "\x00\x01\xff"_ba),
                                makeEvent(3, QByteArray()) };
    const QByteArray har = toHarLog(events);
    const ImportBatch batch = PayloadImporter::importBytes(har, u"session.har"_s);
    QCOMPARE(batch.errors.size(), 0);
    QCOMPARE(batch.events.size(), events.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        const Event &in = batch.events[i];
        QCOMPARE(in.seq, events[i].seq);
        QCOMPARE(in.receivedAtMs, events[i].receivedAtMs);
        QCOMPARE(in.method, events[i].method);
        QCOMPARE(in.target, events[i].target);
        QCOMPARE(in.headers, events[i].headers);
        QCOMPARE(in.body, events[i].body);
        QCOMPARE(in.remote, events[i].remote);
        QCOMPARE(in.response.status, 410);
        QCOMPARE(in.response.body, "{}"_ba);
        QCOMPARE(in.origin, Origin::Loaded);
        QCOMPARE(in.sourceFile, u"session.har"_s);
    }
}

void TestHarFormat::streamingWriterMatches()
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    HarWriter writer(&buffer, true);
    QVERIFY(writer.add(makeEvent(1, "x"_ba), u"BOOKING"_s));
    QVERIFY(writer.finish());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject log = doc.object().value(u"log"_s).toObject();
    QCOMPARE(log.value(u"version"_s).toString(), u"1.2"_s);
    QCOMPARE(log.value(u"creator"_s).toObject().value(u"name"_s).toString(), u"Hookscope"_s);
    const QJsonObject entry = log.value(u"entries"_s).toArray().at(0).toObject();
    QCOMPARE(entry.value(u"_eventType"_s).toString(), u"BOOKING"_s);
    const QJsonArray headers = entry.value(u"request"_s).toObject().value(u"headers"_s).toArray();
    QCOMPARE(headers.at(5).toObject().value(u"value"_s).toString(), u"[redacted]"_s);
}

void TestHarFormat::emptyLog()
{
    const QJsonDocument doc = QJsonDocument::fromJson(toHarLog({}));
    QCOMPARE(doc.object().value(u"log"_s).toObject().value(u"entries"_s).toArray().size(), 0);
}

void TestHarFormat::readsBomAndForeignHar()
{
    // A browser's HAR: BOM, HTTP/2 pseudo-headers, HAR 1.3 style "encoding", no extensions.
    const QByteArray har =
        "\xEF\xBB\xBF"
        R"({"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[
        {"startedDateTime":"2024-05-01T14:00:00.500+02:00","time":1,
         "request":{"method":"PUT","url":"https://api.example.com/v1/items?id=7#frag","httpVersion":"h2",
           "headers":[{"name":":authority","value":"api.example.com"},{"name":"x-a","value":"1"}],
           "postData":{"mimeType":"application/octet-stream","text":"AAE=","encoding":"base64"}},
         "response":{"status":201,"headers":[],"content":{"size":0,"mimeType":""}}}]}})"_ba;
    const ImportBatch batch = PayloadImporter::importBytes(har, u"chrome.har"_s);
    QCOMPARE(batch.errors.size(), 0);
    QCOMPARE(batch.events.size(), 1);
    const Event &e = batch.events.first();
    QCOMPARE(e.method, "PUT"_ba);
    QCOMPARE(e.target, "/v1/items?id=7"_ba);
    QCOMPARE(e.headers, (HeaderList { { "x-a"_ba, "1"_ba } }));
    QCOMPARE(e.body, "\x00\x01"_ba);
    QCOMPARE(e.receivedAtMs, 1714564800500);
    QCOMPARE(e.response.status, 201);
}

void TestHarFormat::targetOf_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("absolute") << u"http://h:1/a/b?c=d"_s << "/a/b?c=d"_ba;
    QTest::newRow("no path") << u"https://h"_s << "/"_ba;
    QTest::newRow("query only") << u"http://h?x=1"_s << "/?x=1"_ba;
    QTest::newRow("fragment dropped") << u"http://h/p#f"_s << "/p"_ba;
    QTest::newRow("origin form") << u"/only/path"_s << "/only/path"_ba;
    QTest::newRow("encoded kept") << u"http://h/a%2Fb?q=%20"_s << "/a%2Fb?q=%20"_ba;
}

void TestHarFormat::targetOf()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, target);
    QCOMPARE(Har::targetOf(url), target);
}

void TestHarFormat::malformed_data()
{
    QTest::addColumn<QByteArray>("har");
    QTest::addColumn<QStringList>("errors");
    QTest::addColumn<int>("loaded");
    const QByteArray good = R"({"request":{"method":"GET","url":"http://h/ok"}})"_ba;
    QTest::newRow("entries missing")
        << R"({"log":{"version":"1.2","creator":{"name":"x"}}})"_ba
        << QStringList { u"HAR: \"log.entries\" must be an array"_s } << 0;
    QTest::newRow("bad entries skipped, good kept")
        << R"({"log":{"entries":[1,)"_ba + good
            + R"(,{"request":{"url":"http://h/"}},{"request":{"method":"GET","url":"/","headers":[{"name":"a"}]}},
              {"request":{"method":"POST","url":"/","postData":{"text":"***","_encoding":"base64"}}},
              {"request":{"method":"GET","url":"/"},"startedDateTime":"soon"}]}})"_ba
        << QStringList { u"HAR: log.entries[0]: needs a \"request\" object"_s,
                         u"HAR: log.entries[2]: request.method must be a non-empty string"_s,
                         u"HAR: log.entries[3]: request.headers[0] needs string \"name\" and \"value\""_s,
                         u"HAR: log.entries[4]: request.postData.text is not valid base64"_s,
                         u"HAR: log.entries[5]: startedDateTime must be an ISO-8601 time"_s }
        << 1;
}

void TestHarFormat::malformed()
{
    QFETCH(QByteArray, har);
    QFETCH(QStringList, errors);
    QFETCH(int, loaded);
    const ImportBatch batch = PayloadImporter::importBytes(har, u"bad.har"_s);
    QStringList reasons;
    for (const ImportError &error : batch.errors) {
        QCOMPARE(error.file, u"bad.har"_s);
        reasons.append(error.reason);
    }
    QCOMPARE(reasons, errors);
    QCOMPARE(batch.events.size(), loaded);
}

QTEST_GUILESS_MAIN(TestHarFormat)
#include "tst_harformat.moc"
