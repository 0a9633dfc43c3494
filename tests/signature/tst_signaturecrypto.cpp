#include "signature/signaturecrypto.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestSignatureCrypto : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void algorithmFromName_data();
    void algorithmFromName();
    void hmacVectors_data();
    void hmacVectors();
    void decodeHex_data();
    void decodeHex();
    void decodeBase64_data();
    void decodeBase64();
    void constantTimeEquals_data();
    void constantTimeEquals();
    void standardWebhooksKey_data();
    void standardWebhooksKey();
};

void TestSignatureCrypto::algorithmFromName_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<int>("algorithm"); // -1: unknown

    QTest::newRow("sha256") << "sha256"_ba << int(QCryptographicHash::Sha256);
    QTest::newRow("upper") << "SHA256"_ba << int(QCryptographicHash::Sha256);
    QTest::newRow("dashed") << "SHA-256"_ba << int(QCryptographicHash::Sha256);
    QTest::newRow("java mac name") << "HmacSHA256"_ba << int(QCryptographicHash::Sha256);
    QTest::newRow("hmac-sha1") << "hmac-sha1"_ba << int(QCryptographicHash::Sha1);
    QTest::newRow("sha512") << "Sha512"_ba << int(QCryptographicHash::Sha512);
    QTest::newRow("sha384") << "sha384"_ba << int(QCryptographicHash::Sha384);
    QTest::newRow("sha224") << "sha224"_ba << int(QCryptographicHash::Sha224);
    QTest::newRow("md5") << "MD5"_ba << int(QCryptographicHash::Md5);
    QTest::newRow("sha3-256") << "sha3-256"_ba << int(QCryptographicHash::Sha3_256);
    QTest::newRow("sha3_512") << "SHA3_512"_ba << int(QCryptographicHash::Sha3_512);
    QTest::newRow("unknown") << "sha257"_ba << -1;
    QTest::newRow("empty") << ""_ba << -1;
    QTest::newRow("hmac alone") << "hmac"_ba << -1;
    QTest::newRow("blake2") << "blake2b"_ba << -1;
}

void TestSignatureCrypto::algorithmFromName()
{
    QFETCH(QByteArray, name);
    QFETCH(int, algorithm);
    const auto found = SignatureCrypto::algorithmFromName(name);
    QCOMPARE(found.has_value(), algorithm >= 0);
    if (found)
        QCOMPARE(int(*found), algorithm);
}

// Published vectors: RFC 4231 test case 2 (SHA-224/256/384/512, key "Jefe"), RFC 2202 (SHA-1)
// and RFC 2104 (MD5) for the same key and data, and GitHub's documented example
// (docs.github.com, "Validating webhook deliveries"). Each re-checked with
// `printf '<data>' | openssl dgst -<alg> -hmac <key>` when this test was written.
void TestSignatureCrypto::hmacVectors_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("hex");

    const QByteArray jefe = "Jefe"_ba;
    const QByteArray want = "what do ya want for nothing?"_ba;
    QTest::newRow("rfc4231 sha256")
        << int(QCryptographicHash::Sha256) << jefe << want
        << "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"_ba;
    QTest::newRow("rfc4231 sha224")
        << int(QCryptographicHash::Sha224) << jefe << want
        << "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44"_ba;
    QTest::newRow("rfc4231 sha384") << int(QCryptographicHash::Sha384) << jefe << want
                                    << "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec373"
                                       "6322445e8e2240ca5e69e2c78b3239ecfab21649"_ba;
    QTest::newRow("rfc4231 sha512")
        << int(QCryptographicHash::Sha512) << jefe << want
        << "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a"
           "6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"_ba;
    QTest::newRow("rfc2202 sha1") << int(QCryptographicHash::Sha1) << jefe << want
                                  << "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"_ba;
    QTest::newRow("rfc2104 md5") << int(QCryptographicHash::Md5) << jefe << want
                                 << "750c783e6ab0b503eaa86e310a5db738"_ba;
    QTest::newRow("github docs")
        << int(QCryptographicHash::Sha256) << "It's a Secret to Everybody"_ba
        << "Hello, World!"_ba
        << "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"_ba;
}

void TestSignatureCrypto::hmacVectors()
{
    QFETCH(int, algorithm);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, hex);
    QCOMPARE(SignatureCrypto::hmac(QCryptographicHash::Algorithm(algorithm), key, data).toHex(),
             hex);
}

void TestSignatureCrypto::decodeHex_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("lower") << "00ff10"_ba << true << "\x00\xff\x10"_ba;
    QTest::newRow("upper") << "ABCDEF"_ba << true << "\xab\xcd\xef"_ba;
    QTest::newRow("empty") << ""_ba << true << ""_ba;
    QTest::newRow("odd length") << "abc"_ba << false << ""_ba;
    QTest::newRow("junk char") << "zz"_ba << false << ""_ba;
    QTest::newRow("space inside") << "ab cd"_ba << false << ""_ba;
    QTest::newRow("0x prefix") << "0xab"_ba << false << ""_ba;
}

void TestSignatureCrypto::decodeHex()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(QByteArray, bytes);
    const auto decoded = SignatureCrypto::decodeHex(text);
    QCOMPARE(decoded.has_value(), ok);
    if (ok)
        QCOMPARE(*decoded, bytes);
}

void TestSignatureCrypto::decodeBase64_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("padded") << "aGk="_ba << true << "hi"_ba;
    QTest::newRow("plain") << "aGV5"_ba << true << "hey"_ba;
    QTest::newRow("invalid char") << "a*Gk"_ba << false << ""_ba;
    QTest::newRow("hex is not base64 junk") << "abcd"_ba << true << QByteArray::fromHex("69b71d");
    QTest::newRow("data after padding") << "aGk=aGk="_ba << false << ""_ba;
}

void TestSignatureCrypto::decodeBase64()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(QByteArray, bytes);
    const auto decoded = SignatureCrypto::decodeBase64(text);
    QCOMPARE(decoded.has_value(), ok);
    if (ok)
        QCOMPARE(*decoded, bytes);
}

void TestSignatureCrypto::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");

    QTest::newRow("same") << "abc"_ba
                          << "abc"_ba << true;
    QTest::newRow("both empty") << ""_ba
                                << ""_ba << true;
    QTest::newRow("last byte") << "abc"_ba
                               << "abd"_ba << false;
    QTest::newRow("first byte") << "abc"_ba
                                << "xbc"_ba << false;
    QTest::newRow("prefix") << "abc"_ba
                            << "abcd"_ba << false;
    QTest::newRow("empty vs one") << ""_ba
                                  << "a"_ba << false;
    QTest::newRow("zero padding") << "ab"_ba
                                  << "ab\0"_ba << false;
}

void TestSignatureCrypto::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(SignatureCrypto::constantTimeEquals(a, b), equal);
    QCOMPARE(SignatureCrypto::constantTimeEquals(b, a), equal);
}

void TestSignatureCrypto::standardWebhooksKey_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("keyHex");

    // The Standard Webhooks/Svix example secret; key bytes from python3 base64.b64decode.
    QTest::newRow("whsec") << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba << true
                           << "31f290f6bf06298aab4f08d43c3f082cf648a362da2da4b0"_ba;
    QTest::newRow("no prefix") << "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba << true
                               << "31f290f6bf06298aab4f08d43c3f082cf648a362da2da4b0"_ba;
    QTest::newRow("not base64") << "whsec_not*base64"_ba << false << ""_ba;
    QTest::newRow("empty key") << "whsec_"_ba << false << ""_ba;
}

void TestSignatureCrypto::standardWebhooksKey()
{
    QFETCH(QByteArray, secret);
    QFETCH(bool, ok);
    QFETCH(QByteArray, keyHex);
    const auto key = SignatureCrypto::standardWebhooksKey(secret);
    QCOMPARE(key.has_value(), ok);
    if (ok)
        QCOMPARE(key->toHex(), keyHex);
}

QTEST_GUILESS_MAIN(TestSignatureCrypto)
#include "tst_signaturecrypto.moc"
