#include "signature/hmacconfig.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestHmacConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void specAndJsonRoundTrip();
    void signedContent_data();
    void signedContent();
    void presetsAreUsable();
};

void TestHmacConfig::parse_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<int>("encoding");
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<QString>("contentTemplate");

    QTest::newRow("header only") << u"header=X-Signature"_s << "X-Signature"_ba << QByteArray()
                                 << int(DigestEncoding::Hex) << int(QCryptographicHash::Sha256)
                                 << u"{body}"_s;
    QTest::newRow("prefix ending in =")
        << u"header=X-Sig;prefix=sha256=;encoding=BASE64;algorithm=SHA-512"_s << "X-Sig"_ba
        << "sha256="_ba << int(DigestEncoding::Base64) << int(QCryptographicHash::Sha512)
        << u"{body}"_s;
    QTest::newRow("template with header")
        << u"template={header:X-Timestamp}.{body};header=X-Sig"_s << "X-Sig"_ba << QByteArray()
        << int(DigestEncoding::Hex) << int(QCryptographicHash::Sha256)
        << u"{header:X-Timestamp}.{body}"_s;
    QTest::newRow("spaces around keys, trailing ;")
        << u" header =X-Sig; algorithm=sha1;"_s << "X-Sig"_ba << QByteArray()
        << int(DigestEncoding::Hex) << int(QCryptographicHash::Sha1) << u"{body}"_s;
}

void TestHmacConfig::parse()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, prefix);
    QFETCH(int, encoding);
    QFETCH(int, algorithm);
    QFETCH(QString, contentTemplate);
    const auto parsed = HmacConfig::parse(spec);
    if (const auto *error = std::get_if<QString>(&parsed))
        QFAIL(qPrintable(*error));
    const HmacConfig &config = std::get<HmacConfig>(parsed);
    QCOMPARE(config.header, header);
    QCOMPARE(config.prefix, prefix);
    QCOMPARE(int(config.encoding), encoding);
    QCOMPARE(int(config.algorithm), algorithm);
    QCOMPARE(config.contentTemplate, contentTemplate);
}

void TestHmacConfig::parseErrors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("error");

    QTest::newRow("no header") << u"encoding=hex"_s << u"header: a header name is required"_s;
    QTest::newRow("not key=value") << u"header=X;hex"_s << u"\"hex\" is not KEY=VALUE"_s;
    QTest::newRow("unknown key") << u"header=X;colour=red"_s << u"unknown item \"colour\""_s;
    QTest::newRow("bad encoding") << u"header=X;encoding=base32"_s
                                  << u"encoding: expected \"hex\" or \"base64\""_s;
    QTest::newRow("bad algorithm")
        << u"header=X;algorithm=crc32"_s << u"algorithm: unknown \"crc32\""_s;
    QTest::newRow("unknown placeholder")
        << u"header=X;template={timestamp}.{body}"_s
        << u"template: offset 0: unknown placeholder {timestamp}"_s;
    QTest::newRow("unclosed placeholder")
        << u"header=X;template=a.{body"_s << u"template: '{' at offset 2 is never closed"_s;
}

void TestHmacConfig::parseErrors()
{
    QFETCH(QString, spec);
    QFETCH(QString, error);
    const auto parsed = HmacConfig::parse(spec);
    QVERIFY(std::holds_alternative<QString>(parsed));
    QVERIFY2(std::get<QString>(parsed).contains(error), qPrintable(std::get<QString>(parsed)));
}

void TestHmacConfig::specAndJsonRoundTrip()
{
    const auto parsed = HmacConfig::parse(u"name=mine;header=X-Sig;prefix=v1=;encoding=base64;"
                                          "algorithm=sha384;template={method} {target}.{body}"_s);
    QVERIFY(std::holds_alternative<HmacConfig>(parsed));
    const HmacConfig config = std::get<HmacConfig>(parsed);
    QCOMPARE(config.name, u"mine"_s);
    const auto again = HmacConfig::parse(config.toSpec());
    QVERIFY(std::holds_alternative<HmacConfig>(again));
    QCOMPARE(std::get<HmacConfig>(again), config);
    const auto fromJson = HmacConfig::fromJson(config.toJson());
    QVERIFY(std::holds_alternative<HmacConfig>(fromJson));
    QCOMPARE(std::get<HmacConfig>(fromJson), config);
}

void TestHmacConfig::signedContent_data()
{
    QTest::addColumn<QString>("contentTemplate");
    QTest::addColumn<QByteArray>("content"); // empty with error set: fails
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("description");

    QTest::newRow("body") << u"{body}"_s << "a\r\nb"_ba << QString() << u"raw body"_s;
    QTest::newRow("timestamp.body") << u"{header:x-timestamp}.{body}"_s << "17.a\r\nb"_ba
                                    << QString() << u"header x-timestamp + \".\" + raw body"_s;
    QTest::newRow("method and target")
        << u"{method} {target}|{body}"_s << "PUT /p?q=1|a\r\nb"_ba << QString()
        << u"method + \" \" + request target + \"|\" + raw body"_s;
    QTest::newRow("literal utf-8") << u"ü{body}"_s
                                   << "\xc3\xbc"
                                      "a\r\nb"_ba
                                   << QString() << u"\"ü\" + raw body"_s;
    QTest::newRow("missing header")
        << u"{header:X-Missing}{body}"_s << QByteArray() << u"needs header X-Missing"_s
        << u"header X-Missing + raw body"_s;
    QTest::newRow("empty template")
        << QString() << QByteArray() << QString() << u"nothing (empty template)"_s;
}

void TestHmacConfig::signedContent()
{
    QFETCH(QString, contentTemplate);
    QFETCH(QByteArray, content);
    QFETCH(QString, error);
    QFETCH(QString, description);
    Event event;
    event.method = "PUT"_ba;
    event.target = "/p?q=1"_ba;
    event.headers = { { "X-Timestamp"_ba, "17"_ba } };
    event.body = "a\r\nb"_ba;
    HmacConfig config;
    config.header = "X-Sig"_ba;
    config.contentTemplate = contentTemplate;
    const auto result = config.signedContent(event);
    if (error.isEmpty()) {
        QVERIFY(std::holds_alternative<QByteArray>(result));
        QCOMPARE(std::get<QByteArray>(result), content);
    } else {
        QVERIFY(std::holds_alternative<QString>(result));
        QVERIFY2(std::get<QString>(result).contains(error), qPrintable(std::get<QString>(result)));
    }
    QCOMPARE(config.describeContent(), description);
}

void TestHmacConfig::presetsAreUsable()
{
    const QList<HmacConfig> presets = HmacConfig::presets();
    QCOMPARE(presets.size(), 6);
    for (const HmacConfig &preset : presets) {
        QVERIFY2(!preset.error(), qPrintable(preset.name));
        QCOMPARE(preset.contentTemplate, u"{body}"_s);
    }
    QCOMPARE(presets.first().header, "X-Shopify-Hmac-Sha256"_ba);
    QCOMPARE(presets.first().encoding, DigestEncoding::Base64);
}

QTEST_GUILESS_MAIN(TestHmacConfig)
#include "tst_hmacconfig.moc"
