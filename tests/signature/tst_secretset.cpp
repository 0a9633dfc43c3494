#include "signature/secretset.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

class TestSecretSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseSpec_data();
    void parseSpec();
    void parseError_data();
    void parseError();
    void parseListNamesTheFailingSpec();
    void labelsAndDuplicates();
    void candidatesOrder_data();
    void candidatesOrder();
    void saveAndLoad();
    void savedFileIsPrivate();
    void saveOverExistingPublicFileTightensIt();
    void loadMerges();
    void loadErrors_data();
    void loadErrors();
};

void TestSecretSet::parseSpec_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QByteArray>("secret");

    QTest::newRow("scheme:secret") << u"solaris:f82c389fb187274227186b5a58781978"_s << u"solaris"_s
                                   << QString() << "f82c389fb187274227186b5a58781978"_ba;
    QTest::newRow("event type") << u"solaris:IDENTIFICATION:abc"_s << u"solaris"_s
                                << u"IDENTIFICATION"_s << "abc"_ba;
    QTest::newRow("event type with digits and dash")
        << u"solaris:CARD_AUTHORIZATION_DECLINE_V2:s"_s << u"solaris"_s
        << u"CARD_AUTHORIZATION_DECLINE_V2"_s << "s"_ba;
    QTest::newRow("WEBHOOK-SUBSCRIPTION") << u"solaris:WEBHOOK-SUBSCRIPTION:s"_s << u"solaris"_s
                                          << u"WEBHOOK-SUBSCRIPTION"_s << "s"_ba;
    QTest::newRow("secret with colon, lower case first part")
        << u"github:abc:def"_s << u"github"_s << QString() << "abc:def"_ba;
    QTest::newRow("secret with colon, digit first")
        << u"hmac:1A:2B"_s << u"hmac"_s << QString() << "1A:2B"_ba;
    QTest::newRow("secret with colon after event type")
        << u"solaris:BOOKING:a:b:c"_s << u"solaris"_s << u"BOOKING"_s << "a:b:c"_ba;
    QTest::newRow(":: escape") << u"solaris::BOOKING:xyz"_s << u"solaris"_s << QString()
                               << "BOOKING:xyz"_ba;
    QTest::newRow("scheme case-insensitive")
        << u"GitHub:s3cret"_s << u"github"_s << QString() << "s3cret"_ba;
    QTest::newRow("svix alias") << u"svix:whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s << u"standard"_s
                                << QString() << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba;
    QTest::newRow("stripe whsec used as is")
        << u"stripe:whsec_abc"_s << u"stripe"_s << QString() << "whsec_abc"_ba;
    QTest::newRow("utf-8 secret") << u"hmac:gehëim"_s << u"hmac"_s << QString()
                                  << "geh\xc3\xabim"_ba;
}

void TestSecretSet::parseSpec()
{
    QFETCH(QString, spec);
    QFETCH(QString, scheme);
    QFETCH(QString, eventType);
    QFETCH(QByteArray, secret);
    const auto parsed = SecretSet::parseSpec(spec);
    if (const auto *error = std::get_if<SecretSpecError>(&parsed))
        QFAIL(qPrintable(error->message()));
    const Secret &result = std::get<Secret>(parsed);
    QCOMPARE(result.scheme, scheme);
    QCOMPARE(result.eventType, eventType);
    QCOMPARE(result.value, secret);
}

void TestSecretSet::parseError_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("maskedSpec");
    QTest::addColumn<QString>("reason");

    QTest::newRow("no colon") << u"justasecret"_s << u"<secret, 11 characters>"_s
                              << u"expected SCHEME:SECRET"_s;
    QTest::newRow("unknown scheme") << u"shopify:abc"_s << u"shopify:<secret, 3 characters>"_s
                                    << u"unknown scheme \"shopify\""_s;
    QTest::newRow("empty secret") << u"github:"_s << u"github:<secret, 0 characters>"_s
                                  << u"the secret is empty"_s;
    QTest::newRow("empty secret after event type")
        << u"solaris:BOOKING:"_s << u"solaris:BOOKING:<secret, 0 characters>"_s
        << u"the secret is empty"_s;
    QTest::newRow("standard not base64")
        << u"standard:whsec_***"_s << u"standard:<secret, 9 characters>"_s
        << u"\"whsec_\" followed by base64"_s;
    QTest::newRow("empty scheme") << u":abc"_s << u":<secret, 3 characters>"_s
                                  << u"unknown scheme"_s;
}

void TestSecretSet::parseError()
{
    QFETCH(QString, spec);
    QFETCH(QString, maskedSpec);
    QFETCH(QString, reason);
    const auto parsed = SecretSet::parseSpec(spec);
    QVERIFY(std::holds_alternative<SecretSpecError>(parsed));
    const SecretSpecError &error = std::get<SecretSpecError>(parsed);
    QCOMPARE(error.spec, maskedSpec);
    QVERIFY2(error.reason.contains(reason), qPrintable(error.reason));
}

void TestSecretSet::parseListNamesTheFailingSpec()
{
    const auto parsed =
        SecretSet::parse({ u"solaris:aaaa"_s, u"github:bbbb"_s, u"nonsense:topsecretvalue"_s });
    QVERIFY(std::holds_alternative<SecretSpecError>(parsed));
    const SecretSpecError &error = std::get<SecretSpecError>(parsed);
    QCOMPARE(error.index, 3);
    QCOMPARE(error.message(),
             u"--secret #3 \"nonsense:<secret, 14 characters>\": unknown scheme \"nonsense\" "
             "(known: solaris, standard, stripe, github, hmac)"_s);
    QVERIFY(!error.message().contains(u"topsecretvalue"_s));

    const auto ok = SecretSet::parse({ u"solaris:aaaa"_s, u"github:bbbb"_s });
    QVERIFY(std::holds_alternative<SecretSet>(ok));
    QCOMPARE(std::get<SecretSet>(ok).size(), 2);
    QVERIFY(std::get<SecretSet>(SecretSet::parse({})).isEmpty());
}

void TestSecretSet::labelsAndDuplicates()
{
    SecretSet set;
    set.add(u"solaris"_s, "a"_ba);
    set.add(u"solaris"_s, "b"_ba, u"IDENTIFICATION"_s);
    set.add(u"solaris"_s, "c"_ba);
    set.add(u"solaris"_s, "d"_ba, u"IDENTIFICATION"_s);
    set.add(u"solaris"_s, "a"_ba); // duplicate: ignored
    set.add(u"github"_s, "a"_ba); // same value, other scheme: kept
    QStringList labels;
    for (const Secret &secret : set.secrets())
        labels.append(secret.label);
    QCOMPARE(labels,
             QStringList({ u"solaris #1"_s, u"solaris:IDENTIFICATION #1"_s, u"solaris #2"_s,
                           u"solaris:IDENTIFICATION #2"_s, u"github #1"_s }));
    QVERIFY(set.hasScheme(u"github"_s));
    QVERIFY(!set.hasScheme(u"stripe"_s));
}

void TestSecretSet::candidatesOrder_data()
{
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QStringList>("labels");

    QTest::newRow("own type first")
        << u"IDENTIFICATION"_s
        << QStringList { u"solaris:IDENTIFICATION #1"_s, u"solaris #1"_s, u"solaris:BOOKING #1"_s };
    QTest::newRow("case-insensitive")
        << u"booking"_s
        << QStringList { u"solaris:BOOKING #1"_s, u"solaris #1"_s, u"solaris:IDENTIFICATION #1"_s };
    QTest::newRow("inferred") << u"BOOKING?"_s
                              << QStringList { u"solaris:BOOKING #1"_s, u"solaris #1"_s,
                                               u"solaris:IDENTIFICATION #1"_s };
    QTest::newRow("unknown type") << QString()
                                  << QStringList { u"solaris #1"_s, u"solaris:BOOKING #1"_s,
                                                   u"solaris:IDENTIFICATION #1"_s };
}

void TestSecretSet::candidatesOrder()
{
    QFETCH(QString, eventType);
    QFETCH(QStringList, labels);
    SecretSet set;
    set.add(u"solaris"_s, "b"_ba, u"BOOKING"_s);
    set.add(u"solaris"_s, "w"_ba);
    set.add(u"github"_s, "g"_ba);
    set.add(u"solaris"_s, "i"_ba, u"IDENTIFICATION"_s);
    QStringList found;
    for (const Secret &secret : set.candidates(u"solaris"_s, eventType))
        found.append(secret.label);
    QCOMPARE(found, labels);
}

namespace {

SecretSet sampleSet()
{
    SecretSet set;
    set.add(u"solaris"_s, "f82c389fb187274227186b5a58781978"_ba, u"BOOKING"_s);
    set.add(u"standard"_s, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba);
    set.add(u"hmac"_s, "geh\xc3\xabim:with:colons"_ba);
    HmacConfig config;
    config.name = u"mine"_s;
    config.header = "X-Sig"_ba;
    config.prefix = "sha512="_ba;
    config.encoding = DigestEncoding::Base64;
    config.algorithm = QCryptographicHash::Sha512;
    config.contentTemplate = u"{header:X-Ts}.{body}"_s;
    set.addHmacConfig(config);
    return set;
}

} // namespace

void TestSecretSet::saveAndLoad()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"config/sub/secrets.json"_s);
    const SecretSet saved = sampleSet();
    QCOMPARE(saved.saveFile(path), std::nullopt);
    SecretSet loaded;
    QCOMPARE(loaded.loadFile(path), std::nullopt);
    QCOMPARE(loaded.secrets(), saved.secrets());
    QCOMPARE(loaded.hmacConfigs(), saved.hmacConfigs());
}

void TestSecretSet::savedFileIsPrivate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"secrets.json"_s);
    QCOMPARE(sampleSet().saveFile(path), std::nullopt);
    struct stat info;
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
}

void TestSecretSet::saveOverExistingPublicFileTightensIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"secrets.json"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{}");
    }
    QVERIFY(QFile::setPermissions(path,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                      | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QCOMPARE(sampleSet().saveFile(path), std::nullopt);
    struct stat info;
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
}

void TestSecretSet::loadMerges()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"secrets.json"_s);
    QCOMPARE(sampleSet().saveFile(path), std::nullopt);
    SecretSet set;
    set.add(u"github"_s, "gh"_ba);
    set.add(u"solaris"_s, "f82c389fb187274227186b5a58781978"_ba, u"BOOKING"_s);
    QCOMPARE(set.loadFile(path), std::nullopt);
    QCOMPARE(set.size(), 4); // github + the file's three, the duplicate once
    QCOMPARE(set.hmacConfigs().size(), 1);
}

void TestSecretSet::loadErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");

    QTest::newRow("not json") << "{nope"_ba << u"byte offset 2"_s;
    QTest::newRow("array") << "[]"_ba << u"expected a JSON object"_s;
    QTest::newRow("wrong format") << R"({"format":"x","version":1})"_ba << u"/format"_s;
    QTest::newRow("wrong version")
        << R"({"format":"hookscope-secrets","version":2})"_ba << u"/version"_s;
    QTest::newRow("unknown scheme")
        << R"({"format":"hookscope-secrets","version":1,"secrets":[{"scheme":"a","secret":"b"}]})"_ba
        << u"/secrets/0/scheme"_s;
    QTest::newRow("bad event type")
        << R"({"format":"hookscope-secrets","version":1,"secrets":[{"scheme":"solaris","secret":"b"},{"scheme":"solaris","eventType":"booking","secret":"b"}]})"_ba
        << u"/secrets/1/eventType"_s;
    QTest::newRow("empty secret")
        << R"({"format":"hookscope-secrets","version":1,"secrets":[{"scheme":"github","secret":""}]})"_ba
        << u"/secrets/0/secret: the secret is empty"_s;
    QTest::newRow("secret not an object")
        << R"({"format":"hookscope-secrets","version":1,"secrets":[3]})"_ba
        << u"/secrets/0: expected an object"_s;
    QTest::newRow("bad hmac encoding")
        << R"({"format":"hookscope-secrets","version":1,"hmac":[{"header":"X","encoding":"b32"}]})"_ba
        << u"/hmac/0/encoding"_s;
}

void TestSecretSet::loadErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"secrets.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    SecretSet set;
    set.add(u"github"_s, "keep"_ba);
    const auto error = set.loadFile(path);
    QVERIFY(error.has_value());
    QVERIFY2(error->startsWith(path % u": "_s), qPrintable(*error));
    QVERIFY2(error->contains(message), qPrintable(*error));
    QCOMPARE(set.size(), 1);

    const auto missing = set.loadFile(dir.filePath(u"absent.json"_s));
    QVERIFY(missing.has_value());
    QVERIFY(missing->contains(u"absent.json"_s));
}

QTEST_GUILESS_MAIN(TestSecretSet)
#include "tst_secretset.moc"
