#include "commandrun.h"
#include "commands/sendcommand.h"
#include "loopbacktarget.h"
#include "signature/signatureverifier.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QByteArray kSecret = "s3cr3t-subscription-key"_ba;

// One request as the target read it: header lines and the exact body.
struct Request
{
    HeaderList headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
};

Request parseRequest(const QByteArray &raw)
{
    Request request;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = raw.left(end).split('\n');
    for (const QByteArray &line : lines.sliced(1)) {
        const qsizetype colon = line.indexOf(':');
        request.headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
    }
    request.body = raw.mid(end + 4);
    return request;
}

QByteArray answer(int status)
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: 7\r\n\r\nanswer!";
}

// Answers the statuses in turn, then the last one again (set as each request arrives, before
// the target answers it).
void answerInTurn(LoopbackTarget &target, const QList<int> &statuses)
{
    QObject::connect(&target, &LoopbackTarget::requestReceived, &target, [&target, statuses] {
        const qsizetype index = qMin(target.requests().size(), statuses.size()) - 1;
        target.setResponse(answer(statuses.at(index)));
    });
}

// The hex HMAC-SHA256 of body with key, computed by the real openssl.
QByteArray opensslHmac(const QByteArray &body, const QByteArray &key)
{
    QProcess openssl;
    openssl.start(u"openssl"_s, { u"dgst"_s, u"-sha256"_s, u"-hmac"_s, QString::fromLatin1(key) });
    openssl.write(body);
    openssl.closeWriteChannel();
    openssl.waitForFinished(10000);
    const QByteArray out = openssl.readAllStandardOutput().trimmed();
    return out.mid(out.lastIndexOf(' ') + 1);
}

CommandRun send(const QStringList &args, const QUrl &own = {})
{
    return runCommand([&own](const QStringList &a, QIODevice &out,
                             QIODevice &err) { return runSendWithCapture(a, out, err, own); },
                      args);
}

} // namespace

class tst_SendCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void retriesUntilAccepted();
    void endsAfterOneAttempt_data();
    void endsAfterOneAttempt();
    void silentTargetTimesOutAndIsRetried();
    void sendsFilesInOrderWithTheirBodies();
    void standardWebhooksKeepTheirId();
    void ownCaptureAddressTakesOneSend();
    void usageErrors_data();
    void usageErrors();
};

void tst_SendCommand::initTestCase()
{
    if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
        QSKIP("openssl (scripts/install-deps.sh) checks the signatures independently");
}

// 500, 500, 200: three attempts numbered 1-3, one Solaris-Webhook-Id, each signed over the
// exact body, checked by openssl and by Hookscope's verifier.
void tst_SendCommand::retriesUntilAccepted()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    answerInTurn(target, { 500, 500, 200 });
    const CommandRun run =
        send({ u"--to"_s, target.url(u"/hooks"_s).toString(), u"--event"_s, u"identification"_s,
               u"--secret"_s, u"solaris:"_s + QString::fromLatin1(kSecret), u"--retry"_s,
               u"10ms,20ms"_s, u"--json"_s });
    QVERIFY2(run.code == 0, run.err.constData());
    QVERIFY(!run.out.contains(kSecret) && !run.err.contains(kSecret));
    const QList<QJsonObject> lines = jsonLines(run.out);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(target.requests().size(), 3);
    SecretSet secrets;
    secrets.add(u"solaris"_s, kSecret);
    const SignatureVerifier verifier(secrets);
    QByteArray webhookId;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(lines.at(i).value(u"attempt"_s).toInt(), i + 1);
        QCOMPARE(lines.at(i).value(u"status"_s).toInt(), i < 2 ? 500 : 200);
        QCOMPARE(lines.at(i).value(u"answer"_s).toString(), u"answer!"_s);
        const Request request = parseRequest(target.requests().at(i));
        QVERIFY(request.body.startsWith('{'));
        QCOMPARE(request.header("Content-Type"), "application/json"_ba);
        QCOMPARE(request.header("Solaris-Webhook-Event-Type"), "IDENTIFICATION"_ba);
        QCOMPARE(request.header("Solaris-Webhook-Attempt"), QByteArray::number(i + 1));
        QVERIFY(!request.header("Solaris-Webhook-Subscription-Id").isEmpty());
        QCOMPARE(request.header("Solaris-Entity-Id"),
                 QJsonDocument::fromJson(request.body)[u"id"_s].toString().toUtf8());
        if (i == 0)
            webhookId = request.header("Solaris-Webhook-Id");
        QCOMPARE(request.header("Solaris-Webhook-Id"), webhookId);
        QCOMPARE(request.header("Solaris-Webhook-Signature"),
                 "sha256=" + opensslHmac(request.body, kSecret));
        Event event;
        event.headers = request.headers;
        event.body = request.body;
        QCOMPARE(
            verifier.verify(event, u"IDENTIFICATION"_s, QDateTime::currentSecsSinceEpoch()).state,
            SignatureState::Valid);
    }
    QVERIFY(!webhookId.isEmpty());
    QVERIFY(lines.at(0).value(u"outcome"_s).toString().startsWith(u"retrying in 10ms"_s));
    QCOMPARE(lines.at(2).value(u"outcome"_s).toString(), u"accepted"_s);
}

void tst_SendCommand::endsAfterOneAttempt_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("410") << 410 << u"Solaris would now cancel the subscription"_s;
    QTest::newRow("422") << 422 << u"the notification is rejected and not retried"_s;
}

void tst_SendCommand::endsAfterOneAttempt()
{
    QFETCH(int, status);
    QFETCH(QString, message);
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setResponse(answer(status));
    const CommandRun run = send({ u"--to"_s, target.url().toString(), u"--event"_s,
                                  u"ACCOUNT_BLOCK"_s, u"--retry"_s, u"10ms,10ms"_s });
    QCOMPARE(run.code, 1);
    QCOMPARE(target.requests().size(), 1);
    QCOMPARE(run.out.count('\n'), 1);
    QVERIFY2(run.out.contains(message.toUtf8()), run.out.constData());
    QVERIFY(run.out.contains(QByteArray("attempt 1: " + QByteArray::number(status))));
}

void tst_SendCommand::silentTargetTimesOutAndIsRetried()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setDelayMs(LoopbackTarget::never);
    const CommandRun run =
        send({ u"--to"_s, target.url().toString(), u"--event"_s, u"ACCOUNT_BLOCK"_s, u"--retry"_s,
               u"10ms"_s, u"--timeout"_s, u"300ms"_s, u"--json"_s });
    QCOMPARE(run.code, 1);
    const QList<QJsonObject> lines = jsonLines(run.out);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(target.requests().size(), 2);
    for (const QJsonObject &line : lines) {
        QVERIFY2(line.value(u"error"_s).toString().contains(u"timeout"_s),
                 qPrintable(line.value(u"error"_s).toString()));
        QVERIFY(line.value(u"status"_s).isNull());
    }
    QCOMPARE(lines.at(1).value(u"outcome"_s).toString(), u"gave up after 2 attempts"_s);
}

void tst_SendCommand::sendsFilesInOrderWithTheirBodies()
{
    QTemporaryDir dir;
    const QByteArray first = "{\"id\": \"a-1\",  \"status\": \"successful\"}"_ba; // spacing kept
    const QByteArray second = "{\"id\":\"b-2\",\"account_id\":\"x\"}"_ba;
    for (const auto &[name, body] : { std::pair { u"IDENTIFICATION.json"_s, first },
                                      std::pair { u"ACCOUNT_BLOCK.json"_s, second } }) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(body);
    }
    LoopbackTarget target;
    QVERIFY(target.listen());
    const CommandRun run =
        send({ u"--to"_s, target.url().toString(), u"--interval"_s, u"20ms"_s,
               dir.filePath(u"IDENTIFICATION.json"_s), dir.filePath(u"ACCOUNT_BLOCK.json"_s) });
    QVERIFY2(run.code == 0, run.err.constData());
    QCOMPARE(target.requests().size(), 2);
    QCOMPARE(parseRequest(target.requests().at(0)).body, first);
    QCOMPARE(parseRequest(target.requests().at(0)).header("Solaris-Webhook-Event-Type"),
             "IDENTIFICATION"_ba);
    QCOMPARE(parseRequest(target.requests().at(1)).body, second);
    QCOMPARE(parseRequest(target.requests().at(1)).header("Solaris-Entity-Id"), "b-2"_ba);
    QVERIFY(parseRequest(target.requests().at(0)).header("Solaris-Webhook-Signature").isNull());
}

void tst_SendCommand::standardWebhooksKeepTheirId()
{
    const QByteArray secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba;
    LoopbackTarget target;
    QVERIFY(target.listen());
    answerInTurn(target, { 503, 204 });
    const CommandRun run =
        send({ u"--to"_s, target.url().toString(), u"--event"_s, u"ACCOUNT_BLOCK"_s, u"--secret"_s,
               u"standard:"_s + QString::fromLatin1(secret), u"--retry"_s, u"10ms"_s, u"--header"_s,
               u"X-Extra: 1"_s });
    QVERIFY2(run.code == 0, run.err.constData());
    QVERIFY(!run.out.contains(secret) && !run.err.contains(secret));
    QCOMPARE(target.requests().size(), 2);
    SecretSet secrets;
    secrets.add(u"standard"_s, secret);
    const SignatureVerifier verifier(secrets);
    const Request a = parseRequest(target.requests().at(0));
    const Request b = parseRequest(target.requests().at(1));
    QVERIFY(a.header("webhook-id").startsWith("msg_"));
    QCOMPARE(b.header("webhook-id"), a.header("webhook-id"));
    QCOMPARE(b.header("X-Extra"), "1"_ba);
    Event event;
    event.headers = b.headers;
    event.body = b.body;
    QCOMPARE(verifier.verify(event, u"ACCOUNT_BLOCK"_s, QDateTime::currentSecsSinceEpoch()).state,
             SignatureState::Valid);
}

// No retry storm into Hookscope itself: one event, one attempt.
void tst_SendCommand::ownCaptureAddressTakesOneSend()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    target.setResponse(answer(500));
    const QUrl own(u"http://127.0.0.1:%1"_s.arg(target.port()));
    CommandRun run = send({ u"--to"_s, u"http://localhost:%1/x"_s.arg(target.port()), u"--event"_s,
                            u"ACCOUNT_BLOCK"_s, u"--retry"_s, u"10ms,10ms"_s },
                          own);
    QCOMPARE(run.code, 1);
    QCOMPARE(target.requests().size(), 1);
    QVERIFY(run.err.contains("own capture address: one attempt, no retries"));
    QTemporaryDir dir;
    QFile file(dir.filePath(u"ACCOUNT_BLOCK.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{}");
    file.close();
    run = send({ u"--to"_s, own.toString(), file.fileName(), file.fileName() }, own);
    QCOMPARE(run.code, 2);
    QCOMPARE(target.requests().size(), 1);
}

void tst_SendCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no target") << QStringList { u"--event"_s, u"ACCOUNT_BLOCK"_s }
                               << "--to URL is required"_ba;
    QTest::newRow("not http") << QStringList { u"--to"_s, u"ftp://x/"_s, u"--event"_s, u"A"_s }
                              << "is not an http:// or https:// URL"_ba;
    QTest::newRow("nothing to send")
        << QStringList { u"--to"_s, u"http://127.0.0.1:1/"_s } << "give --event TYPE"_ba;
    QTest::newRow("unknown event")
        << QStringList { u"--to"_s, u"http://127.0.0.1:1/"_s, u"--event"_s, u"NOPE"_s }
        << "no schema for event type \"NOPE\""_ba;
    QTest::newRow("bad retry") << QStringList { u"--to"_s,    u"http://127.0.0.1:1/"_s,
                                                u"--event"_s, u"ACCOUNT_BLOCK"_s,
                                                u"--retry"_s, u"1s,soon"_s }
                               << "--retry:"_ba;
    QTest::newRow("bad secret, not echoed")
        << QStringList { u"--to"_s,     u"http://127.0.0.1:1/"_s,
                         u"--event"_s,  u"ACCOUNT_BLOCK"_s,
                         u"--secret"_s, u"nosuchscheme:topsecretvalue"_s }
        << "--secret"_ba;
}

void tst_SendCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    const CommandRun run = send(args);
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(message), run.err.constData());
    QVERIFY(!run.err.contains("topsecretvalue"));
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(tst_SendCommand)
#include "tst_sendcommand.moc"
