#include "signature/signatureverifier.h"
#include "signature/signer.h"

#include <QTest>

using namespace Qt::StringLiterals;

// Expected digests were computed with python3's hmac module (and the Solaris and GitHub ones
// re-checked with `openssl dgst -<alg> -hmac <secret>`) when this test was written; the Standard
// Webhooks row is the published Svix/Standard Webhooks reference vector.
class TestSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goldenHeaders_data();
    void goldenHeaders();
    void freshStandardId();
    void errors_data();
    void errors();
    void roundTrip_data();
    void roundTrip();
    void withHeadersReplaces_data();
    void withHeadersReplaces();
};

namespace {

const QByteArray solarisBody =
    R"({"id":"4f3c5e8a1b2c4d6e8f0a1b2c3d4e5f60cidt","status":"successful"})"_ba;

Event makeEvent(const QByteArray &body, const HeaderList &headers = {})
{
    Event event;
    event.method = "POST"_ba;
    event.target = "/hooks"_ba;
    event.body = body;
    event.headers = headers;
    return event;
}

} // namespace

void TestSigner::goldenHeaders_data()
{
    QTest::addColumn<Event>("event");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<HeaderList>("expected");

    const QByteArray solarisSecret = "f82c389fb187274227186b5a58781978"_ba;
    QTest::newRow("solaris")
        << makeEvent(solarisBody) << u"solaris"_s << solarisSecret << qint64(0)
        << HeaderList { { "Solaris-Webhook-Signature"_ba,
                          "sha256=376a86fce8dab4106666465b81178d5c9b8a214960c62b51170c1f5d100e1"
                          "19d"_ba } };
    QTest::newRow("solaris keeps the event's algorithm")
        << makeEvent(solarisBody, { { "solaris-webhook-signature"_ba, "sha512=00"_ba } })
        << u"solaris"_s << solarisSecret << qint64(0)
        << HeaderList {
               { "Solaris-Webhook-Signature"_ba,
                 "sha512=6db7929461a868f2fcb46630c7fb9fab86301f0b17ca673b8f16621b5b1bc"
                 "10d0a109ab09757b1a0d71a7c12c93435d54415f9a0abb32feaff04bd8f5850e1d0"_ba }
           };
    QTest::newRow("github documented example")
        << makeEvent("Hello, World!"_ba) << u"github"_s << "It's a Secret to Everybody"_ba
        << qint64(0)
        << HeaderList { { "X-Hub-Signature-256"_ba,
                          "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e"
                          "17"_ba },
                        { "X-Hub-Signature"_ba,
                          "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59"_ba } };
    QTest::newRow("stripe")
        << makeEvent(solarisBody) << u"stripe"_s
        << "whsec_test_stripe_secret_4eC39HqLyjWDarjtT1zdp7dc"_ba << qint64(1700000000)
        << HeaderList { { "Stripe-Signature"_ba,
                          "t=1700000000,v1=02ba1e4e9ee97dd2d478222cabf9937238a4fd27999a651413d2"
                          "00fccf27154a"_ba } };
    QTest::newRow("standard published vector, id kept")
        << makeEvent(R"({"test": 2432232314})"_ba,
                     { { "webhook-id"_ba, "msg_p5jXN8AQM9LWM0D4loKWxJek"_ba },
                       { "webhook-timestamp"_ba, "1"_ba } })
        << u"standard"_s << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba << qint64(1614265330)
        << HeaderList { { "webhook-id"_ba, "msg_p5jXN8AQM9LWM0D4loKWxJek"_ba },
                        { "webhook-timestamp"_ba, "1614265330"_ba },
                        { "webhook-signature"_ba,
                          "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="_ba } };
    QTest::newRow("svix names kept")
        << makeEvent(R"({"test": 2432232314})"_ba,
                     { { "svix-id"_ba, "msg_p5jXN8AQM9LWM0D4loKWxJek"_ba } })
        << u"svix"_s << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba << qint64(1614265330)
        << HeaderList { { "svix-id"_ba, "msg_p5jXN8AQM9LWM0D4loKWxJek"_ba },
                        { "svix-timestamp"_ba, "1614265330"_ba },
                        { "svix-signature"_ba,
                          "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="_ba } };
    QTest::newRow("hmac preset by header")
        << makeEvent(solarisBody, { { "X-Shopify-Hmac-Sha256"_ba, "old"_ba } }) << u"hmac"_s
        << "shpss_0123456789abcdef"_ba << qint64(0)
        << HeaderList { { "X-Shopify-Hmac-Sha256"_ba,
                          "Uo3Apqa861dvwQSLwp3rJVGNKk+FqSF/U8L9fUeJgLs="_ba } };
}

void TestSigner::goldenHeaders()
{
    QFETCH(Event, event);
    QFETCH(QString, scheme);
    QFETCH(QByteArray, secret);
    QFETCH(qint64, now);
    QFETCH(HeaderList, expected);
    const SigningResult result = signatureHeaders(event, scheme, secret, now);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.headers, expected);
}

void TestSigner::freshStandardId()
{
    const Event event = makeEvent("{}"_ba);
    const QByteArray secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba;
    const SigningResult first = signatureHeaders(event, u"standard"_s, secret, 1000);
    const SigningResult second = signatureHeaders(event, u"standard"_s, secret, 1000);
    QVERIFY(first.ok());
    QCOMPARE(first.headers.size(), 3);
    QCOMPARE(first.headers.at(0).first, "webhook-id"_ba);
    const QByteArray id = first.headers.at(0).second;
    QVERIFY2(id.startsWith("msg_") && id.size() == 36, id.constData());
    QVERIFY(id != second.headers.at(0).second);
}

void TestSigner::errors_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("error");

    QTest::newRow("unknown scheme") << u"shopify"_s << "s"_ba << u"unknown scheme"_s;
    QTest::newRow("empty secret") << u"github"_s << ""_ba << u"the secret is empty"_s;
    QTest::newRow("standard not base64") << u"standard"_s << "whsec_***"_ba << u"base64"_s;
    QTest::newRow("hmac without preset header") << u"hmac"_s << "s"_ba << u"no header"_s;
}

void TestSigner::errors()
{
    QFETCH(QString, scheme);
    QFETCH(QByteArray, secret);
    QFETCH(QString, error);
    const SigningResult result = signatureHeaders(makeEvent("{}"_ba), scheme, secret, 0);
    QVERIFY(!result.ok());
    QVERIFY(result.headers.isEmpty());
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
}

void TestSigner::roundTrip_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("hmacSpec");

    QTest::newRow("solaris") << u"solaris"_s << "f82c389fb187274227186b5a58781978"_ba << QString();
    QTest::newRow("standard") << u"standard"_s << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba
                              << QString();
    QTest::newRow("stripe") << u"stripe"_s << "whsec_abc"_ba << QString();
    QTest::newRow("github") << u"github"_s << "gh-secret"_ba << QString();
    QTest::newRow("hmac custom") << u"hmac"_s << "k"_ba
                                 << u"header=X-Mac;prefix=v=;encoding=base64;algorithm=sha384;"
                                    "template={header:X-Ts}.{method}.{body}"_s;
}

void TestSigner::roundTrip()
{
    QFETCH(QString, scheme);
    QFETCH(QByteArray, secret);
    QFETCH(QString, hmacSpec);
    const qint64 now = 1700000000;
    Event event = makeEvent(solarisBody, { { "X-Ts"_ba, "T1"_ba } });
    SecretSet secrets;
    secrets.add(scheme, "some-other-secret"_ba);
    secrets.add(scheme, secret);
    SigningResult signature;
    if (hmacSpec.isEmpty()) {
        signature = signatureHeaders(event, scheme, secret, now);
    } else {
        const HmacConfig config = std::get<HmacConfig>(HmacConfig::parse(hmacSpec));
        secrets.addHmacConfig(config);
        signature = signatureHeaders(event, config, secret);
    }
    QVERIFY2(signature.ok(), qPrintable(signature.error));
    event.headers = withHeaders(event.headers, signature.headers);
    const SignatureCheck check = SignatureVerifier(secrets).verify(event, {}, now + 10);
    QVERIFY2(check.state == SignatureState::Valid, qPrintable(check.detail));
    QCOMPARE(check.scheme, scheme);
    QCOMPARE(check.secretLabel, scheme % u" #2"_s);

    event.body.append(' ');
    QCOMPARE(SignatureVerifier(secrets).verify(event, {}, now + 10).state, SignatureState::Invalid);
}

void TestSigner::withHeadersReplaces_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<HeaderList>("replacements");
    QTest::addColumn<HeaderList>("expected");

    const HeaderList base { { "Host"_ba, "h"_ba },
                            { "stripe-signature"_ba, "old1"_ba },
                            { "Content-Type"_ba, "application/json"_ba },
                            { "Stripe-Signature"_ba, "old2"_ba } };
    QTest::newRow("replaced in place, duplicate dropped")
        << base << HeaderList { { "Stripe-Signature"_ba, "new"_ba } }
        << HeaderList { { "Host"_ba, "h"_ba },
                        { "Stripe-Signature"_ba, "new"_ba },
                        { "Content-Type"_ba, "application/json"_ba } };
    QTest::newRow("appended when absent")
        << base << HeaderList { { "X-Hub-Signature-256"_ba, "sha256=1"_ba } }
        << HeaderList(base) + HeaderList { { "X-Hub-Signature-256"_ba, "sha256=1"_ba } };
    QTest::newRow("nothing to replace") << base << HeaderList {} << base;
}

void TestSigner::withHeadersReplaces()
{
    QFETCH(HeaderList, headers);
    QFETCH(HeaderList, replacements);
    QFETCH(HeaderList, expected);
    QCOMPARE(::withHeaders(headers, replacements), expected);
}

QTEST_GUILESS_MAIN(TestSigner)
#include "tst_signer.moc"
