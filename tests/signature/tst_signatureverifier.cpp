#include "signature/signatureverifier.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;

// The cases come from tests/data/signature/verifier_vectors.json, written by
// generate_vectors.py next to it: every expected digest there is computed by Python's hmac module,
// independently of the code under test, and the published vectors are asserted to reproduce.
class TestSignatureVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void vectors_data();
    void vectors();
    void defaultTolerance();
    void unusableStandardSecret();
    void concurrentUse();
};

namespace {

QJsonArray loadCases()
{
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA "/signature/verifier_vectors.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(u"cases"_s).toArray();
}

Event eventFromJson(const QJsonObject &object)
{
    Event event;
    event.method = object.value(u"method"_s).toString().toLatin1();
    event.target = object.value(u"target"_s).toString().toLatin1();
    for (const QJsonValue &header : object.value(u"headers"_s).toArray()) {
        const QJsonArray pair = header.toArray();
        event.headers.append({ pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8() });
    }
    event.body = object.contains(u"bodyHex"_s)
        ? QByteArray::fromHex(object.value(u"bodyHex"_s).toString().toLatin1())
        : object.value(u"body"_s).toString().toUtf8();
    return event;
}

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

Event publishedStandardEvent()
{
    Event event;
    event.headers = { { "webhook-id"_ba, "msg_p5jXN8AQM9LWM0D4loKWxJek"_ba },
                      { "webhook-timestamp"_ba, "1614265330"_ba },
                      { "webhook-signature"_ba,
                        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="_ba } };
    event.body = R"({"test": 2432232314})"_ba;
    return event;
}

} // namespace

void TestSignatureVerifier::vectors_data()
{
    QTest::addColumn<QJsonObject>("vector");
    const QJsonArray cases = loadCases();
    QVERIFY2(cases.size() >= 60, "verifier_vectors.json missing or truncated");
    for (const QJsonValue &value : cases) {
        const QJsonObject object = value.toObject();
        QTest::newRow(qPrintable(object.value(u"name"_s).toString())) << object;
    }
}

void TestSignatureVerifier::vectors()
{
    QFETCH(QJsonObject, vector);
    auto parsed = SecretSet::parse(strings(vector.value(u"secrets"_s)));
    if (const auto *error = std::get_if<SecretSpecError>(&parsed))
        QFAIL(qPrintable(error->message()));
    SecretSet secrets = std::get<SecretSet>(parsed);
    for (const QString &spec : strings(vector.value(u"hmac"_s))) {
        auto config = HmacConfig::parse(spec);
        QVERIFY2(std::holds_alternative<HmacConfig>(config), qPrintable(spec));
        secrets.addHmacConfig(std::get<HmacConfig>(config));
    }
    const SignatureVerifier verifier(secrets, vector.value(u"tolerance"_s).toInteger(300));
    const SignatureCheck check =
        verifier.verify(eventFromJson(vector), vector.value(u"eventType"_s).toString(),
                        vector.value(u"now"_s).toInteger());

    const QJsonObject expect = vector.value(u"expect"_s).toObject();
    QCOMPARE(signatureStateName(check.state), expect.value(u"state"_s).toString());
    QCOMPARE(check.scheme, expect.value(u"scheme"_s).toString());
    QCOMPARE(check.header, expect.value(u"header"_s).toString());
    QCOMPARE(check.secretLabel, expect.value(u"label"_s).toString());
    for (const QString &part : strings(expect.value(u"detailContains"_s)))
        QVERIFY2(check.detail.contains(part), qPrintable(check.detail % u"\nlacks: "_s % part));
    for (const QString &secret : strings(vector.value(u"secrets"_s))) {
        const QString value = secret.section(u':', -1);
        if (value.size() >= 8)
            QVERIFY2(!check.detail.contains(value), "the detail shows a secret");
    }
}

void TestSignatureVerifier::defaultTolerance()
{
    SecretSet secrets;
    secrets.add(u"standard"_s, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba);
    const SignatureVerifier verifier(secrets);
    QCOMPARE(verifier.toleranceSecs(), 300);
    const Event event = publishedStandardEvent();
    QCOMPARE(verifier.verify(event, {}, 1614265330 + 300).state, SignatureState::Valid);
    QCOMPARE(verifier.verify(event, {}, 1614265330 + 301).state, SignatureState::Stale);
}

void TestSignatureVerifier::unusableStandardSecret()
{
    // add() does not validate (parse() does): a bad secret must be reported, not crash.
    SecretSet secrets;
    secrets.add(u"standard"_s, "not*base64"_ba);
    const SignatureCheck check =
        SignatureVerifier(secrets).verify(publishedStandardEvent(), {}, 1614265330);
    QCOMPARE(check.state, SignatureState::Invalid);
    QVERIFY2(check.detail.contains(u"standard #1: secret not usable"_s), qPrintable(check.detail));
}

void TestSignatureVerifier::concurrentUse()
{
    SecretSet secrets;
    secrets.add(u"standard"_s, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba);
    const SignatureVerifier verifier(secrets);
    const Event event = publishedStandardEvent();
    std::atomic<int> valid = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i)
                valid += verifier.verify(event, {}, 1614265330).state == SignatureState::Valid;
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(valid.load(), 800);
}

QTEST_GUILESS_MAIN(TestSignatureVerifier)
#include "tst_signatureverifier.moc"
