#include "commandrun.h"
#include "commands/validatecommand.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString kData = QStringLiteral(HOOKSCOPE_TEST_DATA);

QString seed(const QString &name)
{
    return kData + u"/seeds/"_s + name + u".json"_s;
}

CommandRun validate(const QStringList &args)
{
    return runCommand(runValidate, args);
}

} // namespace

class tst_ValidateCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seeds_data();
    void seeds();
    void identificationStatusEnum();
    void jsonShape();
    void forcedEventType();
    void forcedUnknownTypeIsUsageError();
    void schemaFileOverrides();
    void badSchemaFile_data();
    void badSchemaFile();
    void unreadableInput_data();
    void unreadableInput();
    void severalEventsInOneFile();
    void unknownTypeIsAViolation();
    void invalidJsonBody();
    void worstExitCodeWins();
    void folders();
    void usageErrors_data();
    void usageErrors();
    void help();
    void eventNamesTheOnePlainSchema_data();
    void eventNamesTheOnePlainSchema();
    void arrayFileIsOnePayload_data();
    void arrayFileIsOnePayload();
    void unenforcedKeywordsAreNamedOnStderr();
    void numbersJudgedExactly();
};

// Every seed is checked twice: classified from its body, and forced to the type its file name
// names. IDENTIFICATION's status "successful" is outside the catalog's enum.
void tst_ValidateCommand::seeds_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("exitCode");
    const QStringList names = QDir(kData + u"/seeds"_s).entryList({ u"*.json"_s }, QDir::Files);
    QVERIFY(names.size() >= 15);
    for (const QString &file : names) {
        const QString name = QFileInfo(file).completeBaseName();
        QTest::newRow(qPrintable(name)) << name << (name == u"IDENTIFICATION"_s ? 1 : 0);
    }
}

void tst_ValidateCommand::seeds()
{
    QFETCH(QString, name);
    QFETCH(int, exitCode);
    const CommandRun classified = validate({ u"--json"_s, seed(name) });
    QCOMPARE(classified.code, exitCode);
    const QList<QJsonObject> results = jsonLines(classified.out);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.at(0).value(u"eventType"_s).toString().remove(u'?'), name);
    QCOMPARE(results.at(0).value(u"valid"_s).toBool(), exitCode == 0);

    const CommandRun forced = validate({ u"--event"_s, name, seed(name) });
    QCOMPARE(forced.code, exitCode);
    QVERIFY(forced.out.startsWith((seed(name) + u": "_s + name).toUtf8()));
    QCOMPARE(forced.err, QByteArray());
}

void tst_ValidateCommand::identificationStatusEnum()
{
    const CommandRun run = validate({ seed(u"IDENTIFICATION"_s) });
    QCOMPARE(run.code, 1);
    const QStringList lines = QString::fromUtf8(run.out).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 2, run.out.constData());
    QVERIFY(lines.at(0).startsWith(seed(u"IDENTIFICATION"_s) + u": IDENTIFICATION"_s));
    QVERIFY(lines.at(0).endsWith(u" invalid"_s));
    QVERIFY2(std::any_of(lines.cbegin() + 1, lines.cend(),
                         [](const QString &l) { return l.startsWith(u"  /status enum "_s); }),
             run.out.constData());
}

void tst_ValidateCommand::jsonShape()
{
    const CommandRun run = validate({ u"--json"_s, seed(u"IDENTIFICATION"_s) });
    QCOMPARE(run.code, 1);
    const QList<QJsonObject> results = jsonLines(run.out);
    QCOMPARE(results.size(), 1);
    const QJsonObject result = results.at(0);
    QCOMPARE(result.value(u"file"_s).toString(), seed(u"IDENTIFICATION"_s));
    QCOMPARE(result.value(u"index"_s).toInt(), 1);
    QVERIFY(result.value(u"eventType"_s).toString().startsWith(u"IDENTIFICATION"_s));
    QVERIFY(!result.value(u"classifiedBy"_s).toString().isEmpty());
    QCOMPARE(result.value(u"valid"_s), QJsonValue(false));
    const QJsonArray violations = result.value(u"violations"_s).toArray();
    QVERIFY(!violations.isEmpty());
    bool statusEnum = false;
    for (const QJsonValue &v : violations) {
        const QJsonObject o = v.toObject();
        QCOMPARE(o.keys(),
                 (QStringList { u"keyword"_s, u"message"_s, u"pointer"_s, u"severity"_s }));
        statusEnum = statusEnum
            || (o.value(u"pointer"_s) == u"/status"_s && o.value(u"keyword"_s) == u"enum"_s
                && o.value(u"severity"_s) == u"error"_s);
    }
    QVERIFY(statusEnum);
}

void tst_ValidateCommand::forcedEventType()
{
    // The IDENTIFICATION payload forced to another type breaks that type's schema instead.
    const CommandRun run =
        validate({ u"--json"_s, u"--event"_s, u"identification"_s, seed(u"IDENTIFICATION"_s) });
    QCOMPARE(run.code, 1);
    const QJsonObject result = jsonLines(run.out).value(0);
    QCOMPARE(result.value(u"classifiedBy"_s).toString(), u"forced"_s);
    QCOMPARE(result.value(u"eventType"_s).toString(), u"IDENTIFICATION"_s);

    const CommandRun other =
        validate({ u"--json"_s, u"--event"_s, u"ACCOUNT_SNAPSHOT"_s, seed(u"IDENTIFICATION"_s) });
    const QJsonObject otherResult = jsonLines(other.out).value(0);
    QCOMPARE(otherResult.value(u"eventType"_s).toString(), u"ACCOUNT_SNAPSHOT"_s);
    QCOMPARE(otherResult.value(u"classifiedBy"_s).toString(), u"forced"_s);
    QVERIFY(otherResult.value(u"violations"_s).toArray()
            != jsonLines(run.out).value(0).value(u"violations"_s).toArray());
}

void tst_ValidateCommand::forcedUnknownTypeIsUsageError()
{
    const CommandRun run =
        validate({ u"--event"_s, u"NO_SUCH_EVENT"_s, seed(u"IDENTIFICATION"_s) });
    QCOMPARE(run.code, 2);
    QVERIFY(run.err.contains("NO_SUCH_EVENT"));
    QCOMPARE(run.out, QByteArray());
}

// The user's IDENTIFICATION schema allows "successful": the same seed passes with it.
void tst_ValidateCommand::schemaFileOverrides()
{
    const QStringList args { u"--event"_s, u"IDENTIFICATION"_s, seed(u"IDENTIFICATION"_s) };
    QCOMPARE(validate(args).code, 1);
    const CommandRun run = validate(
        QStringList { u"--schema"_s, kData + u"/commands/identification.schema.json"_s } + args);
    QCOMPARE(run.code, 0);
    QCOMPARE(run.out, (seed(u"IDENTIFICATION"_s) + u": IDENTIFICATION valid\n"_s).toUtf8());
}

void tst_ValidateCommand::badSchemaFile_data()
{
    QTest::addColumn<QString>("schema");
    QTest::newRow("not YAML") << kData + u"/commands/broken-schema.yaml"_s;
    QTest::newRow("missing") << kData + u"/commands/no-such-schema.yaml"_s;
    QTest::newRow("a payload, not a schema") << kData + u"/commands/mixed/02-lines.ndjson"_s;
}

void tst_ValidateCommand::badSchemaFile()
{
    QFETCH(QString, schema);
    const CommandRun run = validate({ u"--schema"_s, schema, seed(u"ACCOUNT_SNAPSHOT"_s) });
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(schema.toUtf8()), run.err.constData());
    QCOMPARE(run.out, QByteArray());
}

void tst_ValidateCommand::unreadableInput_data()
{
    QTest::addColumn<QByteArray>("bytes"); // empty name: the file does not exist
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("missing") << QByteArray() << "cannot open"_ba;
    QTest::newRow("empty") << "\n"_ba
                           << "empty"_ba;
    QTest::newRow("not JSON") << "hello there"_ba
                              << "not JSON"_ba;
    QTest::newRow("broken JSON") << "{\"a\": \n"_ba
                                 << "invalid JSON"_ba;
}

void tst_ValidateCommand::unreadableInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, reason);
    QTemporaryDir dir;
    const QString file =
        bytes.isEmpty() ? dir.filePath(u"missing.json"_s) : writeFile(dir, u"input.json"_s, bytes);
    const CommandRun run = validate({ file, seed(u"ACCOUNT_SNAPSHOT"_s) });
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(file.toUtf8()) && run.err.contains(reason), run.err.constData());
    QVERIFY(run.out.contains("ACCOUNT_SNAPSHOT")); // the other file is still checked
}

// An NDJSON file: one report per event, each with the file name and its position.
void tst_ValidateCommand::severalEventsInOneFile()
{
    QFile identification(seed(u"IDENTIFICATION"_s)), snapshot(seed(u"ACCOUNT_SNAPSHOT"_s));
    QVERIFY(identification.open(QIODevice::ReadOnly) && snapshot.open(QIODevice::ReadOnly));
    const QByteArray lines =
        QJsonDocument::fromJson(snapshot.readAll()).toJson(QJsonDocument::Compact) + '\n'
        + QJsonDocument::fromJson(identification.readAll()).toJson(QJsonDocument::Compact) + '\n';
    QTemporaryDir dir;
    const QString file = writeFile(dir, u"two.ndjson"_s, lines);
    const CommandRun run = validate({ u"--json"_s, file });
    QCOMPARE(run.code, 1);
    const QList<QJsonObject> results = jsonLines(run.out);
    QCOMPARE(results.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(results.at(i).value(u"file"_s).toString(), file);
        QCOMPARE(results.at(i).value(u"index"_s).toInt(), i + 1);
    }
    QCOMPARE(results.at(0).value(u"valid"_s).toBool(), true);
    QCOMPARE(results.at(1).value(u"valid"_s).toBool(), false);

    const CommandRun text = validate({ file });
    QVERIFY(text.out.startsWith((file + u" #1: ACCOUNT_SNAPSHOT"_s).toUtf8()));
    QVERIFY(text.out.contains((file + u" #2: IDENTIFICATION"_s).toUtf8()));
}

void tst_ValidateCommand::unknownTypeIsAViolation()
{
    QTemporaryDir dir;
    const QString file = writeFile(dir, u"odd.json"_s, R"({"zzz": 1, "qqq": [true]})"_ba);
    const CommandRun run = validate({ u"--json"_s, file });
    QCOMPARE(run.code, 1);
    const QJsonObject result = jsonLines(run.out).value(0);
    QCOMPARE(result.value(u"eventType"_s), QJsonValue());
    QCOMPARE(result.value(u"classifiedBy"_s).toString(), u"none"_s);
    QCOMPARE(result.value(u"violations"_s).toArray().at(0).toObject().value(u"keyword"_s),
             u"eventType"_s);
    const CommandRun text = validate({ file });
    QVERIFY2(text.out.contains("(unknown event type) invalid"), text.out.constData());
    QVERIFY(text.out.contains("  (root) eventType "));
}

// A fixture whose body is not JSON: reported with its byte offset, not as a crash or a pass.
void tst_ValidateCommand::invalidJsonBody()
{
    QTemporaryDir dir;
    const QString file = writeFile(
        dir, u"fixture.json"_s,
        R"({"hookscope": 1, "method": "POST", "target": "/hooks/identification", "body": "{\"id\": "})"_ba);
    const CommandRun run = validate({ u"--json"_s, file });
    QCOMPARE(run.code, 1);
    const QJsonObject result = jsonLines(run.out).value(0);
    QCOMPARE(result.value(u"eventType"_s).toString(), u"IDENTIFICATION"_s);
    QCOMPARE(result.value(u"classifiedBy"_s).toString(), u"path"_s);
    const QJsonObject violation = result.value(u"violations"_s).toArray().at(0).toObject();
    QCOMPARE(violation.value(u"keyword"_s).toString(), u"json"_s);
    QVERIFY(violation.value(u"message"_s).toString().contains(u"byte offset"_s));
}

void tst_ValidateCommand::worstExitCodeWins()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(u"missing.json"_s);
    QCOMPARE(validate({ seed(u"ACCOUNT_SNAPSHOT"_s), seed(u"IDENTIFICATION"_s) }).code, 1);
    QCOMPARE(validate({ seed(u"IDENTIFICATION"_s), missing }).code, 2);
    QCOMPARE(validate({ missing, seed(u"ACCOUNT_SNAPSHOT"_s) }).code, 2);
}

// A folder is validated file by file; one without payload files is a usage error.
void tst_ValidateCommand::folders()
{
    const CommandRun run = validate({ u"--json"_s, kData + u"/seeds"_s });
    QCOMPARE(run.code, 1);
    const QList<QJsonObject> results = jsonLines(run.out);
    QCOMPARE(results.size(), 15);
    QCOMPARE(std::count_if(results.cbegin(), results.cend(),
                           [](const QJsonObject &o) { return !o.value(u"valid"_s).toBool(); }),
             1);
    QCOMPARE(results.at(0).value(u"file"_s).toString(),
             kData + u"/seeds/ACCOUNT_OPENING_REQUEST.json"_s);

    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(u"empty"_s));
    const CommandRun empty = validate({ dir.filePath(u"empty"_s), seed(u"ACCOUNT_SNAPSHOT"_s) });
    QCOMPARE(empty.code, 2);
    QVERIFY(empty.err.contains(dir.filePath(u"empty"_s).toUtf8()));
    QVERIFY(empty.out.contains("ACCOUNT_SNAPSHOT valid"));
}

void tst_ValidateCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no file") << QStringList {};
    QTest::newRow("only options") << QStringList { u"--json"_s };
    QTest::newRow("unknown option") << QStringList { u"--frobnicate"_s, seed(u"IDENTIFICATION"_s) };
    QTest::newRow("--event without value")
        << QStringList { seed(u"IDENTIFICATION"_s), u"--event"_s };
}

void tst_ValidateCommand::usageErrors()
{
    QFETCH(QStringList, args);
    const CommandRun run = validate(args);
    QCOMPARE(run.code, 2);
    QVERIFY(run.err.startsWith("hookscope validate: "));
    QCOMPARE(run.out, QByteArray());
}

void tst_ValidateCommand::help()
{
    const CommandRun run = validate({ u"--help"_s });
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.startsWith("Usage: hookscope validate "));
    QVERIFY(run.out.contains("--schema <FILE>"));
    QVERIFY(run.out.contains("--event <TYPE>"));
    QCOMPARE(run.err, QByteArray());
}

void tst_ValidateCommand::eventNamesTheOnePlainSchema_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("event");
    QTest::newRow("title and file name say nothing") << u"schema.json"_s << u"MY_EVENT"_s;
    QTest::newRow("file named after another event") << u"ACCOUNT_SNAPSHOT.json"_s << u"MY_EVENT"_s;
    QTest::newRow("an event of the bundled catalog") << u"mine.json"_s << u"IDENTIFICATION"_s;
}

// model/schema/README.md: one plain JSON Schema is filed under --event NAME, whatever its title
// or file name; `validate` used to say "no schema for event type" unless NAME matched them.
void tst_ValidateCommand::eventNamesTheOnePlainSchema()
{
    QFETCH(QString, fileName);
    QFETCH(QString, event);
    QTemporaryDir dir;
    const QString schema = writeFile(
        dir, fileName,
        R"({"title": "Something else entirely", "type": "object", "required": ["needle"]})"_ba);
    const QString good = writeFile(dir, u"good.json"_s, R"({"needle": 1})"_ba);
    const QString bad = writeFile(dir, u"bad.json"_s, R"({"status": "successful"})"_ba);
    const CommandRun passed = validate({ u"--schema"_s, schema, u"--event"_s, event, good });
    QVERIFY2(passed.code == 0, passed.err.constData());
    QCOMPARE(passed.out, (good + u": "_s + event + u" valid\n"_s).toUtf8());
    const CommandRun failed =
        validate({ u"--json"_s, u"--schema"_s, schema, u"--event"_s, event, bad });
    QCOMPARE(failed.code, 1);
    const QJsonObject result = jsonLines(failed.out).value(0);
    QCOMPARE(result.value(u"eventType"_s).toString(), event);
    QCOMPARE(result.value(u"violations"_s).toArray().at(0)[u"keyword"_s].toString(), u"required"_s);
}

void tst_ValidateCommand::arrayFileIsOnePayload_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<bool>("split");
    QTest::addColumn<int>("results");
    QTest::addColumn<int>("code");
    const QByteArray array = "[{\"a\": 1}, {\"a\": 2}]"_ba;
    QTest::newRow("array as one payload")
        << array << R"({"type": "array", "maxItems": 2})"_ba << false << 1 << 0;
    QTest::newRow("array split") << array << R"({"type": "object", "required": ["a"]})"_ba << true
                                 << 2 << 0;
    QTest::newRow("array is not an object")
        << array << R"({"type": "object"})"_ba << false << 1 << 1;
    QTest::newRow("empty array") << "[]"_ba
                                 << R"({"type": "array"})"_ba << false << 1 << 0;
    QTest::newRow("scalar") << "42"_ba
                            << R"({"type": "integer"})"_ba << false << 1 << 0;
    QTest::newRow("scalar of the wrong type") << "\"x\""_ba
                                              << R"({"type": "integer"})"_ba << false << 1 << 1;
}

void tst_ValidateCommand::arrayFileIsOnePayload()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, schema);
    QFETCH(bool, split);
    QFETCH(int, results);
    QFETCH(int, code);
    QTemporaryDir dir;
    QStringList args { u"--json"_s,  u"--schema"_s, writeFile(dir, u"s.json"_s, schema),
                       u"--event"_s, u"T"_s,        writeFile(dir, u"payload.json"_s, bytes) };
    if (split)
        args.prepend(u"--split"_s);
    const CommandRun run = validate(args);
    QCOMPARE(jsonLines(run.out).size(), results);
    QVERIFY2(run.code == code, QByteArray(run.out + run.err).constData());
}

// A 2020-12 keyword Hookscope cannot enforce is named on stderr; the schema still loads.
void tst_ValidateCommand::unenforcedKeywordsAreNamedOnStderr()
{
    QTemporaryDir dir;
    const QString schema =
        writeFile(dir, u"closed.json"_s,
                  R"({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "unevaluatedProperties": false})"_ba);
    const CommandRun run = validate({ u"--schema"_s, schema, u"--event"_s, u"T"_s,
                                      writeFile(dir, u"p.json"_s, R"({"x": 1})"_ba) });
    QCOMPARE(run.code, 0);
    const QString warning = u"hookscope validate: warning: "_s + schema
        + u": /unevaluatedProperties: unevaluatedProperties"_s;
    QVERIFY2(run.err.contains(warning.toUtf8()), run.err.constData());
    QVERIFY2(run.out.contains("unenforced"), run.out.constData());
}

// Issue 14 item 3 on the command line: a 20-digit maximum and the number quoted as sent.
void tst_ValidateCommand::numbersJudgedExactly()
{
    QTemporaryDir dir;
    const QString schema = writeFile(
        dir, u"s.json"_s,
        R"({"type": "object", "properties": {"id": {"maximum": 12345678901234567889}}})"_ba);
    const QString above = writeFile(dir, u"above.json"_s, R"({"id": 12345678901234567890})"_ba);
    const QString equal = writeFile(dir, u"equal.json"_s, R"({"id": 12345678901234567889})"_ba);
    const CommandRun failed =
        validate({ u"--json"_s, u"--schema"_s, schema, u"--event"_s, u"T"_s, above });
    QVERIFY2(failed.code == 1, failed.err.constData());
    const QJsonObject violation =
        jsonLines(failed.out).value(0).value(u"violations"_s).toArray().at(0).toObject();
    QCOMPARE(violation.value(u"keyword"_s).toString(), u"maximum"_s);
    QCOMPARE(violation.value(u"message"_s).toString(),
             u"`id` is 12345678901234567890; expected number less than or equal to "
             "12345678901234567889"_s);
    const CommandRun passed = validate({ u"--schema"_s, schema, u"--event"_s, u"T"_s, equal });
    QVERIFY2(passed.code == 0, passed.out.constData());
}

QTEST_GUILESS_MAIN(tst_ValidateCommand)
#include "tst_validatecommand.moc"
