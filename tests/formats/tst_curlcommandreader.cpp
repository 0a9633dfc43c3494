#include "formats/curlcommandreader.h"
#include "formats/exporters.h"
#include "formats/importer.h"
#include "formats/shellwords.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Event makeEvent(const QByteArray &method, HeaderList headers, const QByteArray &body)
{
    Event e;
    e.method = method;
    e.target = "/hooks/x?a=[1]&b='q'&c=$(id)"_ba;
    e.headers = { { "Host"_ba, "hooks.example:8080"_ba } };
    e.headers += headers;
    if (!body.isEmpty())
        e.headers.append({ "Content-Length"_ba, QByteArray::number(body.size()) });
    e.body = body;
    return e;
}

QStringList reasons(const ImportBatch &batch)
{
    QStringList out;
    for (const ImportError &e : batch.errors)
        out.append(u"%1: %2"_s.arg(e.line).arg(e.reason));
    return out;
}

} // namespace

class TestCurlCommandReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shellWords_data();
    void shellWords();
    void shellPrintf_data();
    void shellPrintf();
    void roundTrip_data();
    void roundTrip();
    void browserCommand();
    void curlDefaults();
    void severalCommands();
    void errors_data();
    void errors();
    void randomTextNeverHangs();
};

void TestCurlCommandReader::shellWords_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<QByteArray>>("words"); // "|" and ";" stand for the operators
    QTest::newRow("quotes") << R"(a 'b c' "d\"e\$f" $'g\x41\n\'' h\ i)"_ba
                            << QList<QByteArray> { "a", "b c", "d\"e$f", "gA\n'", "h i" };
    QTest::newRow("continuation and comment")
        << "a \\\n  b # c d\ne"_ba << QList<QByteArray> { "a", "b", ";", "e" };
    QTest::newRow("operators") << "x|y && z;w"_ba
                               << QList<QByteArray> { "x", "|", "y", ";", "z", ";", "w" };
    QTest::newRow("no expansion") << "$(touch x) `id` $HOME"_ba
                                  << QList<QByteArray> { "$(touch", "x)", "`id`", "$HOME" };
    QTest::newRow("adjacent quotes") << R"('it'\''s'"")"_ba << QList<QByteArray> { "it's" };
    QTest::newRow("unicode escape")
        << R"($'\u00fc\U0001F600')"_ba << QList<QByteArray> { "\xc3\xbc\xf0\x9f\x98\x80"_ba };
}

void TestCurlCommandReader::shellWords()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<QByteArray>, words);
    QString error;
    qint64 line = 0;
    const auto tokens = ShellWords::split(text, &error, &line);
    QVERIFY2(tokens, qPrintable(error));
    QList<QByteArray> actual;
    for (const ShellWords::Token &token : *tokens)
        actual.append(token.kind == ShellWords::Token::Word       ? token.text
                          : token.kind == ShellWords::Token::Pipe ? "|"_ba
                                                                  : ";"_ba);
    QCOMPARE(actual, words);
}

void TestCurlCommandReader::shellPrintf_data()
{
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<QList<QByteArray>>("args");
    QTest::addColumn<QByteArray>("output");
    QTest::newRow("octal") << R"(\000\0471\101%%)"_ba << QList<QByteArray>()
                           << QByteArray("\0'1A%", 5);
    QTest::newRow("escapes") << R"(a\tb\n\\)"_ba << QList<QByteArray>() << "a\tb\n\\"_ba;
    QTest::newRow("%s") << "<%s>"_ba << QList<QByteArray> { "x\\n" } << "<x\\n>"_ba;
}

void TestCurlCommandReader::shellPrintf()
{
    QFETCH(QByteArray, format);
    QFETCH(QList<QByteArray>, args);
    QFETCH(QByteArray, output);
    QCOMPARE(ShellWords::printf(format, args), output);
}

void TestCurlCommandReader::roundTrip_data()
{
    QTest::addColumn<Event>("event");
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all += char(i);
    QTest::newRow("json") << makeEvent("POST"_ba,
                                       { { "Content-Type"_ba, "application/json"_ba },
                                         { "Solaris-Webhook-Signature"_ba, "sha256=ab"_ba } },
                                       R"({"it's":"$(id) `x` !!"})"_ba);
    QTest::newRow("every byte") << makeEvent("PUT"_ba, {}, all);
    QTest::newRow("big binary") << makeEvent("POST"_ba, {}, all.repeated(60));
    QTest::newRow("at sign") << makeEvent("POST"_ba, {}, "@/etc/passwd"_ba);
    QTest::newRow("headers") << makeEvent("DELETE"_ba,
                                          { { "X-Empty"_ba, ""_ba },
                                            { "X-Dup"_ba, "1"_ba },
                                            { "x-dup"_ba, "2"_ba },
                                            { "X-Bytes"_ba, "\xff\x01 M\xc3\xbcller"_ba },
                                            { "Accept"_ba, "*/*"_ba } },
                                          QByteArray());
    QTest::newRow("odd method") << makeEvent("`id`$'!'"_ba, {}, "x"_ba);
}

void TestCurlCommandReader::roundTrip()
{
    QFETCH(Event, event);
    const QString command = toCurl(event, u"http://127.0.0.1:8080"_s);
    const ImportBatch batch = PayloadImporter::importBytes(command.toLatin1(), u"pasted"_s);
    QCOMPARE(reasons(batch), QStringList());
    QCOMPARE(batch.events.size(), 1);
    const Event &in = batch.events.first();
    QCOMPARE(in.method, event.method);
    QCOMPARE(in.target, event.target);
    QCOMPARE(in.headers, event.headers);
    QCOMPARE(in.body, event.body);
    QCOMPARE(in.origin, Origin::Loaded);
}

void TestCurlCommandReader::browserCommand()
{
    // As Chrome's "Copy as cURL (bash)" writes it.
    const QByteArray command = "curl 'https://api.example.com:8443/v1/hooks?x=1' \\\n"
                               "  -H 'accept: */*' \\\n"
                               "  -H 'content-type: application/json' \\\n"
                               "  --data-raw $'{\"name\":\"O\\'Brien\",\"n\":\"\\u00fc\"}' \\\n"
                               "  --compressed"_ba;
    const ImportBatch batch = PayloadImporter::importBytes(command, u"clipboard"_s);
    QCOMPARE(reasons(batch), QStringList());
    QCOMPARE(batch.events.size(), 1);
    const Event &e = batch.events.first();
    QCOMPARE(e.method, "POST"_ba);
    QCOMPARE(e.target, "/v1/hooks?x=1"_ba);
    QCOMPARE(e.body, "{\"name\":\"O'Brien\",\"n\":\"\xc3\xbc\"}"_ba);
    QCOMPARE(e.headers,
             (HeaderList { { "Host"_ba, "api.example.com:8443"_ba },
                           { "accept"_ba, "*/*"_ba },
                           { "content-type"_ba, "application/json"_ba },
                           { "Content-Length"_ba, "27"_ba } }));
}

void TestCurlCommandReader::curlDefaults()
{
    const ImportBatch batch = PayloadImporter::importBytes(
        "curl -sS -u user:pw -A agent -d a=1 -d b=2 http://user@h/p"_ba, u"c"_s);
    QCOMPARE(reasons(batch), QStringList());
    const Event &e = batch.events.first();
    QCOMPARE(e.method, "POST"_ba);
    QCOMPARE(e.body, "a=1&b=2"_ba);
    QCOMPARE(e.headers,
             (HeaderList { { "Host"_ba, "h"_ba },
                           { "Authorization"_ba, "Basic dXNlcjpwdw=="_ba },
                           { "User-Agent"_ba, "agent"_ba },
                           { "Content-Length"_ba, "7"_ba },
                           { "Content-Type"_ba, "application/x-www-form-urlencoded"_ba } }));
    const ImportBatch head = PayloadImporter::importBytes("curl -I 'h:1/x'"_ba, u"c"_s);
    QCOMPARE(head.events.first().method, "HEAD"_ba);
    QCOMPARE(head.events.first().headers, (HeaderList { { "Host"_ba, "h:1"_ba } }));
}

void TestCurlCommandReader::severalCommands()
{
    const QList<Event> events { makeEvent("POST"_ba, {}, "a"_ba),
                                makeEvent("POST"_ba, {}, QByteArray("\0b", 2)),
                                makeEvent("GET"_ba, {}, QByteArray()) };
    QByteArray text;
    for (const Event &e : events)
        text += toCurl(e, u"http://127.0.0.1:1"_s).toLatin1() + "\n\n";
    const ImportBatch batch = PayloadImporter::importBytes(text, u"export.sh"_s);
    QCOMPARE(reasons(batch), QStringList());
    QCOMPARE(batch.events.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(batch.events[i].body, events[i].body);
}

void TestCurlCommandReader::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("errors");
    QTest::addColumn<int>("loaded");
    QTest::newRow("unterminated quote")
        << "\ncurl 'http://h/\n -d x"_ba
        << QStringList { u"2: curl command: unterminated single quote starting on line 2"_s } << 0;
    QTest::newRow("bad commands skipped, good kept")
        << "curl --frobnicate http://h/\ncurl -d @secrets.txt http://h/\ncurl -s\n"
           "printf 'x' | wget http://h/\ncurl http://h/ok\ncurl -d @- http://h/"_ba
        << QStringList { u"1: curl command: unsupported curl option --frobnicate"_s,
                         u"2: curl command: -d @secrets.txt reads a file; paste the body instead"_s,
                         u"3: curl command: the command has no URL"_s,
                         u"4: curl command: expected a curl command, found \"wget\""_s,
                         u"6: curl command: -d @- reads the body from a pipe, but nothing is piped in"_s }
        << 1;
    QTest::newRow("printf not piped")
        << "printf 'x'; curl http://h/"_ba
        << QStringList { u"1: curl command: printf's output is not piped into curl"_s } << 1;
    QTest::newRow("open group")
        << "{ printf 'x'\n"_ba
        << QStringList { u"1: curl command: the { printf ...; } group is not closed"_s } << 0;
}

void TestCurlCommandReader::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, errors);
    QFETCH(int, loaded);
    const ImportBatch batch = PayloadImporter::importBytes(text, u"c"_s);
    QCOMPARE(reasons(batch), errors);
    QCOMPARE(batch.events.size(), loaded);
}

void TestCurlCommandReader::randomTextNeverHangs()
{
    QRandomGenerator generator(11);
    const QByteArray alphabet = "curl printf -H -d @- $'\"\\{}|;&\n x:y/"_ba;
    for (int round = 0; round < 5000; ++round) {
        QByteArray text = round % 2 ? "curl "_ba : "{ printf "_ba;
        const int size = generator.bounded(1, 60);
        for (int i = 0; i < size; ++i)
            text += alphabet.at(generator.bounded(int(alphabet.size())));
        for (const CurlCommandReader::Parsed &parsed : CurlCommandReader::read(text))
            QVERIFY(parsed.event.has_value() != !parsed.error.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestCurlCommandReader)
#include "tst_curlcommandreader.moc"
