#include "formats/exporters.h"
#include "formats/redaction.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Event sampleEvent()
{
    Event e;
    e.seq = 42;
    e.receivedAtMs = 1714564800123;
    e.method = "POST"_ba;
    e.target = "/hooks/identification"_ba;
    e.headers = { { "Content-Type"_ba, "application/json"_ba },
                  { "Solaris-Webhook-Signature"_ba, "sha256=ab"_ba } };
    e.body = R"({"id":"x","n":1.50})"_ba;
    e.response.status = 422;
    return e;
}

EventAnalysis sampleAnalysis()
{
    EventAnalysis a;
    a.bodyKind = BodyKind::Json;
    a.eventType = u"IDENTIFICATION"_s;
    a.classifiedBy = ClassifiedBy::Path;
    a.violations = { { u"/status"_s, u"enum"_s, Severity::Error, u"\"x\" is not one of a, b"_s },
                     { u"/extra"_s, u"additionalProperties"_s, Severity::Warning,
                       u"undocumented"_s } };
    a.signature.state = SignatureState::Valid;
    return a;
}

} // namespace

class TestExporters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatNames();
    void jsonBody_data();
    void jsonBody();
    void rawHttp();
    void rawHttpRedactedAndLineSafe();
    void ndjsonLine();
    void ndjsonLineBinaryRedacted();
    void headlessLine();
    void fixtureFileName_data();
    void fixtureFileName();
    void secretHeaders_data();
    void secretHeaders();
};

void TestExporters::formatNames()
{
    for (const auto format :
         { ExportFormat::Har, ExportFormat::Ndjson, ExportFormat::Fixtures, ExportFormat::Curl,
           ExportFormat::Httpie, ExportFormat::Raw, ExportFormat::JsonBody })
        QCOMPARE(exportFormatFromName(exportFormatName(format)), format);
    QCOMPARE(exportFormatName(ExportFormat::Har), u"har"_s);
    QCOMPARE(exportFormatFromName(u"NDJSON"_s), ExportFormat::Ndjson);
    QVERIFY(!exportFormatFromName(u"xml"_s));
}

void TestExporters::jsonBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("object") << R"({"b":[1,{"c":null}],"a":"x"})"_ba
                            << "{\n  \"b\": [\n    1,\n    {\n      \"c\": null\n    }\n  ],\n"
                               "  \"a\": \"x\"\n}\n"_ba;
    QTest::newRow("not json stays exact") << "{broken"_ba
                                          << "{broken"_ba;
    QTest::newRow("binary stays exact") << "\x00\xff"_ba
                                        << "\x00\xff"_ba;
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void TestExporters::jsonBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    Event e;
    e.body = body;
    QCOMPARE(toJsonBody(e), expected);
}

void TestExporters::rawHttp()
{
    QCOMPARE(toRawHttp(sampleEvent()),
             "POST /hooks/identification HTTP/1.1\r\nContent-Type: application/json\r\n"
             "Solaris-Webhook-Signature: sha256=ab\r\n\r\n{\"id\":\"x\",\"n\":1.50}"_ba);
}

void TestExporters::rawHttpRedactedAndLineSafe()
{
    Event e = sampleEvent();
    e.headers.append({ "X-Evil"_ba, "a\r\nInjected: 1"_ba });
    e.body = "\r\n\r\n"_ba;
    QCOMPARE(toRawHttp(e, true),
             "POST /hooks/identification HTTP/1.1\r\nContent-Type: application/json\r\n"
             "Solaris-Webhook-Signature: [redacted]\r\nX-Evil: a  Injected: 1\r\n\r\n\r\n\r\n"_ba);
}

void TestExporters::ndjsonLine()
{
    const QByteArray line = toNdjsonLine(sampleEvent(), sampleAnalysis());
    QCOMPARE(
        line,
        R"({"hookscope":1,"seq":42,"receivedAt":"2024-05-01T12:00:00.123Z","method":"POST",)"
        R"("target":"/hooks/identification","eventType":"IDENTIFICATION","classifiedBy":"path",)"
        R"("valid":false,"violations":[{"pointer":"/status","keyword":"enum","severity":"error",)"
        R"("message":"\"x\" is not one of a, b"},{"pointer":"/extra","keyword":)"
        R"("additionalProperties","severity":"warning","message":"undocumented"}],)"
        R"("signature":"valid","status":422,"headers":[["Content-Type","application/json"],)"
        R"(["Solaris-Webhook-Signature","sha256=ab"]],"body":"{\"id\":\"x\",\"n\":1.50}"})"
        "\n"_ba);
    QJsonParseError error;
    QJsonDocument::fromJson(line, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
}

void TestExporters::ndjsonLineBinaryRedacted()
{
    Event e = sampleEvent();
    e.origin = Origin::Loaded;
    e.body = "\xff\n"_ba;
    const QByteArray line = toNdjsonLine(e, EventAnalysis(), true);
    QVERIFY(line.endsWith(R"("signature":"not checked","status":null,"headers":[["Content-Type",)"
                          R"("application/json"],["Solaris-Webhook-Signature","[redacted]"]],)"
                          R"("bodyEncoding":"base64","body":"/wo="})"
                          "\n"_ba));
    QCOMPARE(line.count('\n'), 1);
}

void TestExporters::headlessLine()
{
    // No schema: `valid` is null, neither true nor false.
    QCOMPARE(toHeadlessJsonLine(sampleEvent(), EventAnalysis()),
             R"({"seq":42,"receivedAt":"2024-05-01T12:00:00.123Z","method":"POST",)"
             R"("target":"/hooks/identification","eventType":null,"classifiedBy":"none",)"
             R"("valid":null,"violations":[],"signature":"not checked","status":422})"
             "\n"_ba);
    EventAnalysis checked;
    checked.bodyKind = BodyKind::Json;
    checked.eventType = u"IDENTIFICATION"_s;
    checked.schemaChecked = true;
    QVERIFY(toHeadlessJsonLine(sampleEvent(), checked).contains(R"("valid":true,)"));
}

void TestExporters::fixtureFileName_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<qint64>("seq");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"IDENTIFICATION"_s << qint64(3) << u"IDENTIFICATION-3.json"_s;
    QTest::newRow("empty") << QString() << qint64(10) << u"event-10.json"_s;
    QTest::newRow("inferred") << u"BOOKING?"_s << qint64(1) << u"BOOKING_-1.json"_s;
    QTest::newRow("traversal") << u"../../etc/passwd"_s << qint64(2)
                               << u"______etc_passwd-2.json"_s;
    QTest::newRow("separators and controls")
        << u"a\\b/c\nd\u0000e"_s << qint64(5) << u"a_b_c_d_e-5.json"_s;
    QTest::newRow("unicode") << u"ÜBERWEISUNG"_s << qint64(6) << u"_BERWEISUNG-6.json"_s;
}

void TestExporters::fixtureFileName()
{
    QFETCH(QString, type);
    QFETCH(qint64, seq);
    QFETCH(QString, expected);
    Event e;
    e.seq = seq;
    QCOMPARE(::fixtureFileName(e, type), expected);
}

void TestExporters::secretHeaders_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("secret");
    QTest::newRow("solaris") << "Solaris-Webhook-Signature"_ba << true;
    QTest::newRow("github") << "X-Hub-Signature-256"_ba << true;
    QTest::newRow("github sha1") << "X-Hub-Signature"_ba << true;
    QTest::newRow("stripe") << "stripe-signature"_ba << true;
    QTest::newRow("standard") << "webhook-signature"_ba << true;
    QTest::newRow("authorization") << "Authorization"_ba << true;
    QTest::newRow("proxy") << "Proxy-Authorization"_ba << true;
    QTest::newRow("cookie") << "COOKIE"_ba << true;
    QTest::newRow("set-cookie") << "Set-Cookie"_ba << true;
    QTest::newRow("shopify") << "X-Shopify-Hmac-Sha256"_ba << true;
    QTest::newRow("gitlab") << "X-Gitlab-Token"_ba << true;
    QTest::newRow("content-type") << "Content-Type"_ba << false;
    QTest::newRow("event type") << "Solaris-Webhook-Event-Type"_ba << false;
    QTest::newRow("webhook-id") << "webhook-id"_ba << false;
}

void TestExporters::secretHeaders()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, secret);
    QCOMPARE(Redaction::isSecretHeader(name), secret);
    const HeaderList redacted = Redaction::apply({ { name, "value"_ba } });
    QCOMPARE(redacted.at(0).second, secret ? "[redacted]"_ba : "value"_ba);
}

QTEST_GUILESS_MAIN(TestExporters)
#include "tst_exporters.moc"
