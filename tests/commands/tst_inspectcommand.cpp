#include "commandrun.h"
#include "commands/importcommand.h"
#include "commands/inspectcommand.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString kData = QStringLiteral(HOOKSCOPE_TEST_DATA);

QString seed(const QString &name)
{
    return kData + u"/seeds/"_s + name + u".json"_s;
}

QJsonObject rowAt(const QJsonObject &event, const QString &pointer)
{
    for (const QJsonValue &row : event[u"fields"_s].toArray()) {
        if (row[u"pointer"_s].toString() == pointer)
            return row.toObject();
    }
    return {};
}
} // namespace

class TestInspectCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonRowsFollowTheTree();
    void violationsAndMissingMembers();
    void textShowsRequestSignatureAndDocs();
    void signatureWithSecret();
    void session();
    void usageErrors_data();
    void usageErrors();
};

void TestInspectCommand::jsonRowsFollowTheTree()
{
    const CommandRun run =
        runCommand(runInspect, { u"--json"_s, seed(u"ACQUIRER_TOPUP_DECLINED"_s) });
    QCOMPARE(run.code, 0);
    const QList<QJsonObject> events = jsonLines(run.out);
    QCOMPARE(events.size(), 1);
    const QJsonObject event = events.constFirst();
    QStringList keys = event.keys();
    keys.sort();
    QCOMPARE(keys,
             (QStringList { u"classifiedBy"_s, u"eventType"_s, u"fields"_s, u"file"_s, u"index"_s,
                            u"seq"_s, u"signature"_s, u"valid"_s }));
    // The seed file is named after its type, which is what a user who names files so means.
    QCOMPARE(event[u"eventType"_s].toString(), u"ACQUIRER_TOPUP_DECLINED"_s);
    QCOMPARE(event[u"classifiedBy"_s].toString(), u"file name"_s);
    QCOMPARE(event[u"valid"_s], QJsonValue(true));
    QCOMPARE(event[u"index"_s].toInt(), 1);
    QCOMPARE(event[u"signature"_s].toString(), u"unsigned"_s);
    // Depth first: /amount is followed by its members before the next top-level member.
    QStringList pointers;
    for (const QJsonValue &row : event[u"fields"_s].toArray())
        pointers.append(row[u"pointer"_s].toString());
    const qsizetype amount = pointers.indexOf(u"/amount"_s);
    QVERIFY(amount >= 0);
    QVERIFY(pointers.value(amount + 1).startsWith(u"/amount/"_s));
    QVERIFY(pointers.value(amount + 2).startsWith(u"/amount/"_s));
    const QJsonObject amountRow = rowAt(event, u"/amount"_s);
    QCOMPARE(amountRow[u"type"_s].toString(), u"object"_s);
    QVERIFY(amountRow[u"raw"_s].isNull());
    const QJsonObject status = rowAt(event, u"/status"_s);
    QCOMPARE(status[u"type"_s].toString(), u"string"_s);
    QCOMPARE(status[u"raw"_s].toString(), u"\"ACCEPTED\""_s);
    QCOMPARE(status[u"description"_s].toString(), u"The current status of the Top-Up."_s);
    QVERIFY(status[u"severity"_s].isNull());
    QCOMPARE(status[u"messages"_s].toArray().size(), 0);
    QCOMPARE(rowAt(event, u"/amount/value"_s)[u"type"_s].toString(), u"integer"_s);
    QCOMPARE(rowAt(event, u"/amount/value"_s)[u"raw"_s].toString(), u"10000"_s);
}

void TestInspectCommand::violationsAndMissingMembers()
{
    QTemporaryDir dir;
    const QString file = writeFile(dir, u"origination.json"_s,
                                   R"({"status":"esign_pending","esigning_id":7,"extra":true})"_ba);
    const CommandRun run = runCommand(
        runInspect, { u"--json"_s, u"--event"_s, u"identification_origination"_s, file });
    QCOMPARE(run.code, 1);
    const QJsonObject event = jsonLines(run.out).value(0);
    QCOMPARE(event[u"valid"_s], QJsonValue(false));
    QCOMPARE(event[u"classifiedBy"_s].toString(), u"forced"_s);
    const QJsonObject missing = rowAt(event, u"/identification_origination_id"_s);
    QCOMPARE(missing[u"type"_s].toString(), u"missing"_s);
    QVERIFY(missing[u"raw"_s].isNull());
    QCOMPARE(missing[u"severity"_s].toString(), u"error"_s);
    QVERIFY(
        missing[u"description"_s].toString().startsWith(u"The unique ID of an identification"_s));
    const QJsonObject wrongType = rowAt(event, u"/esigning_id"_s);
    QCOMPARE(wrongType[u"severity"_s].toString(), u"error"_s);
    QCOMPARE(wrongType[u"raw"_s].toString(), u"7"_s);
    QVERIFY(!wrongType[u"messages"_s].toArray().isEmpty());
    const QJsonObject extra = rowAt(event, u"/extra"_s);
    QCOMPARE(extra[u"severity"_s].toString(), u"warning"_s);
    QVERIFY(extra[u"description"_s].isNull());
    QCOMPARE(extra[u"type"_s].toString(), u"boolean"_s);
}

void TestInspectCommand::textShowsRequestSignatureAndDocs()
{
    const CommandRun run = runCommand(runInspect, { seed(u"IDENTIFICATION"_s) });
    QCOMPARE(run.code, 1); // its own example's status is outside its enum
    const QString text = QString::fromUtf8(run.out);
    QVERIFY2(text.contains(u"POST / HTTP/1.1"_s), qPrintable(text));
    QVERIFY(text.contains(u"signature: unsigned"_s));
    QVERIFY(text.contains(u"event: IDENTIFICATION"_s));
    QVERIFY(text.contains(u"status = \"successful\"  string [schema: enum]  error: "_s));
    QVERIFY(text.contains(u"-- ID of the person identification."_s));
}

void TestInspectCommand::signatureWithSecret()
{
    QFile seedFile(seed(u"IDENTIFICATION_SESSION"_s));
    QVERIFY(seedFile.open(QIODevice::ReadOnly));
    const QByteArray body = seedFile.readAll();
    const QByteArray hmac =
        QMessageAuthenticationCode::hash(body, "s3cret", QCryptographicHash::Sha256).toHex();
    const QByteArray request = "POST /hooks/identification_session HTTP/1.1\r\n"
                               "Content-Type: application/json\r\n"
                               "Solaris-Webhook-Event-Type: IDENTIFICATION_SESSION\r\n"
                               "Solaris-Webhook-Signature: sha256="
        + hmac + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    QTemporaryDir dir;
    const QString file = writeFile(dir, u"signed.http"_s, request);
    const CommandRun good =
        runCommand(runInspect, { u"--json"_s, u"--secret"_s, u"solaris:s3cret"_s, file });
    QCOMPARE(good.code, 0);
    QCOMPARE(jsonLines(good.out).value(0)[u"signature"_s].toString(), u"valid"_s);
    QCOMPARE(jsonLines(good.out).value(0)[u"classifiedBy"_s].toString(), u"header"_s);
    const CommandRun bad =
        runCommand(runInspect, { u"--json"_s, u"--secret"_s, u"solaris:other"_s, file });
    QCOMPARE(jsonLines(bad.out).value(0)[u"signature"_s].toString(), u"invalid"_s);
}

void TestInspectCommand::session()
{
    QTemporaryDir dir;
    const QString session = dir.filePath(u"s.hookscope"_s);
    const CommandRun import = runCommand(runImport,
                                         { u"--session"_s, session, seed(u"BENEFICIAL_OWNER"_s),
                                           seed(u"CASH_OPERATION_STATUS_CHANGED"_s) });
    QCOMPARE(import.code, 0);
    const CommandRun run = runCommand(runInspect,
                                      { u"--session"_s, session, u"--filter"_s,
                                        u"event contains \"BENEFICIAL_OWNER\""_s, u"--json"_s });
    QCOMPARE(run.code, 0);
    const QList<QJsonObject> events = jsonLines(run.out);
    QCOMPARE(events.size(), 1);
    QVERIFY(events.constFirst()[u"eventType"_s].toString().startsWith(u"BENEFICIAL_OWNER"_s));
    QCOMPARE(events.constFirst()[u"file"_s].toString(), session);
    QVERIFY(events.constFirst()[u"seq"_s].toInteger() > 0);
    QCOMPARE(rowAt(events.constFirst(), u"/voting_share"_s)[u"description"_s].toString(),
             u"The beneficial owner's voting share. Expressed as a double-digit percentile "
             "(e.g., 75% would be expressed as 75)."_s);
}

void TestInspectCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("nothing") << QStringList() << u"give FILE... or --session FILE"_s;
    QTest::newRow("both") << QStringList { u"--session"_s, u"x"_s, u"y.json"_s }
                          << u"give FILE... or --session FILE"_s;
    QTest::newRow("filter without session")
        << QStringList { u"--filter"_s, u"valid"_s, u"y.json"_s } << u"--filter needs --session"_s;
    QTest::newRow("unknown event")
        << QStringList { u"--event"_s, u"NOPE"_s, u"y.json"_s } << u"no schema for event type"_s;
    QTest::newRow("bad secret") << QStringList { u"--secret"_s, u"nope"_s, u"y.json"_s }
                                << u"--secret"_s;
    QTest::newRow("missing file") << QStringList { u"/nonexistent/x.json"_s } << u"x.json"_s;
}

void TestInspectCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const CommandRun run = runCommand(runInspect, args);
    QCOMPARE(run.code, 2);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
}

QTEST_GUILESS_MAIN(TestInspectCommand)
#include "tst_inspectcommand.moc"
