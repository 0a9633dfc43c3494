#include "commandrun.h"
#include "commands/schemacommand.h"
#include "commands/validatecommand.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSchemaCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void table();
    void json();
    void unknownEvent();
};

void TestSchemaCommand::table()
{
    const CommandRun run = runCommand(runSchema, { u"identification-origination"_s });
    QCOMPARE(run.code, 0);
    const QStringList lines = QString::fromUtf8(run.out).split(u'\n');
    QVERIFY(
        lines.value(0).startsWith(u"IDENTIFICATION_ORIGINATION (identification_origination)"_s));
    QCOMPARE(lines.value(1), u"The status of an identification origination has changed."_s);
    const auto row = [&](const QString &field) {
        for (const QString &line : lines) {
            if (line.startsWith(field + u' '))
                return line.simplified();
        }
        return QString();
    };
    QCOMPARE(row(u"esigning_id"_s),
             u"esigning_id string or null optional The unique ID of the e-signing resource. "
             "Example: \"5ade4e499b299c299be2987ad597c42ecsig\""_s);
    QVERIFY(row(u"status"_s)
                .startsWith(u"status enum required The status of the identification "
                            "origination. Allowed: \"identification_trigger_pending\""_s));
}

// --json is a draft-7 schema that `validate --schema` accepts for the same event.
void TestSchemaCommand::json()
{
    const CommandRun run =
        runCommand(runSchema, { u"--json"_s, u"CONSUMER_FRONTING_APPLICATION"_s });
    QCOMPARE(run.code, 0);
    const QJsonObject schema = QJsonDocument::fromJson(run.out).object();
    QVERIFY(schema[u"$ref"_s].toString().startsWith(u"#/definitions/"_s));
    QVERIFY(!schema[u"definitions"_s].toObject().isEmpty());
    QTemporaryDir dir;
    QFile file(dir.filePath(u"CFA_COPY.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(run.out);
    file.close();
    const CommandRun validate = runCommand(
        runValidate,
        { u"--schema"_s, file.fileName(), u"--event"_s, u"CFA_COPY"_s,
          QStringLiteral(HOOKSCOPE_TEST_DATA "/seeds/CONSUMER_FRONTING_APPLICATION.json") });
    QVERIFY2(validate.code == 0, validate.err.constData());
    QVERIFY(run.out.contains("\"format\": \"float\""));
    QVERIFY(!run.out.contains("x-hookscope"));
}

void TestSchemaCommand::unknownEvent()
{
    const CommandRun run = runCommand(runSchema, { u"NOT_AN_EVENT"_s });
    QCOMPARE(run.code, 2);
    QVERIFY(run.err.contains("NOT_AN_EVENT"));
}

QTEST_GUILESS_MAIN(TestSchemaCommand)
#include "tst_schemacommand.moc"
