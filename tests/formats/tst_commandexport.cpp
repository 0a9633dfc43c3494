#include "formats/exporters.h"
#include "formats/exportwriter.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// One HTTP/1.1 request as it arrived on the socket.
struct Received
{
    QByteArray requestLine;
    QList<QByteArray> headerLines;
    QByteArray body;
};

// Accepts connections on 127.0.0.1 (port 0), reads one Content-Length request per connection,
// answers 200 and keeps what it read.
class LoopbackServer : public QObject
{
public:
    LoopbackServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); });
    }
    QString baseUrl() const { return u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()); }
    QList<Received> requests;

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::readyRead, this,
                             [this, socket] { read(socket); });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Received request;
        const QByteArray head = buffer.left(end);
        QList<QByteArray> lines;
        for (qsizetype at = 0; at <= head.size();) {
            const qsizetype next = head.indexOf("\r\n", at);
            lines.append(head.mid(at, (next < 0 ? head.size() : next) - at));
            at = next < 0 ? head.size() + 1 : next + 2;
        }
        request.requestLine = lines.first();
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray &line = lines[i];
            request.headerLines.append(line);
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        request.body = buffer.mid(end + 4, length);
        requests.append(request);
        m_buffers.remove(socket);
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray allBytes()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes += char(i);
    return bytes;
}

QByteArray randomBytes(qsizetype size, bool printable)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (char &c : bytes)
        c = printable ? char(0x20 + generator.bounded(0x5f)) : char(generator.bounded(256));
    return bytes;
}

const QByteArray hostileText =
    "'\"$(touch pwned1) `touch pwned2` ; touch pwned3 & | > pwned4 !! !$ \\ ${HOME} %s %n"_ba
    + "\n\r\t\x1b[31m\x03\x15\x7f";

Event makeEvent(const QByteArray &method, const QByteArray &target, HeaderList headers,
                const QByteArray &body)
{
    Event e;
    e.method = method;
    e.target = target;
    e.headers = { { "Host"_ba, "hooks.example"_ba } };
    e.headers += headers;
    if (!body.isEmpty())
        e.headers.append({ "Content-Length"_ba, QByteArray::number(body.size()) });
    e.headers.append({ "X-After-Length"_ba, "1"_ba });
    e.body = body;
    return e;
}

QList<QByteArray> headerLines(const HeaderList &headers)
{
    QList<QByteArray> lines;
    for (const auto &[name, value] : headers)
        lines.append(value.isEmpty() ? QByteArray(name + ':') : QByteArray(name + ": " + value));
    return lines;
}

// Runs COMMAND the way a user would: `bash -c`, or pasted into an interactive bash (history
// expansion on). Returns bash's stderr for diagnostics.
QByteArray runBash(const QByteArray &command, bool interactive, const QString &workDir)
{
    QProcess bash;
    bash.setWorkingDirectory(workDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HISTFILE"_s, u"/dev/null"_s);
    env.insert(u"HOME"_s, workDir);
    bash.setProcessEnvironment(env);
    if (interactive) {
        bash.start(u"bash"_s, { u"--norc"_s, u"--noprofile"_s, u"-i"_s });
        bash.write(command + "\nexit\n");
        bash.closeWriteChannel();
    } else {
        // A script file rather than `bash -c`: commands for big bodies exceed the kernel's
        // 128 KiB limit for one argument.
        QFile script(workDir + u"/../command.sh"_s);
        if (!script.open(QIODevice::WriteOnly) || script.write(command) != command.size())
            return "cannot write the script";
        script.close();
        bash.start(u"bash"_s, { u"--norc"_s, u"--noprofile"_s, script.fileName() });
        bash.closeWriteChannel();
    }
    // The server lives on this thread: keep the event loop turning while bash runs.
    if (!QTest::qWaitFor([&bash] { return bash.state() == QProcess::NotRunning; }, 30000)) {
        bash.kill();
        bash.waitForFinished();
        return "bash did not finish within 30 s";
    }
    return bash.readAllStandardError();
}

} // namespace

class TestCommandExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void curlIsExactAndSafe_data();
    void curlIsExactAndSafe();
    void curlEncodesUnsendableTargetBytes();
    void curlReplacesLineBreaksInHeaders();
    void curlSuppressesToolHeaders();
    void curlRedacts();
    void curlShape();
    void httpieIsExactAndSafe_data();
    void httpieIsExactAndSafe();
    void httpieShape();
    void requestBaseUrl_data();
    void requestBaseUrl();
    void commandsGoWhereTheRequestWent_data();
    void commandsGoWhereTheRequestWent();

private:
    QTemporaryDir m_dir; // holds the script; commands run in m_cwd, which must stay empty
    QString m_cwd;
};

void TestCommandExport::initTestCase()
{
    if (QStandardPaths::findExecutable(u"bash"_s).isEmpty()
        || QStandardPaths::findExecutable(u"curl"_s).isEmpty())
        QSKIP("bash and curl are needed to run the generated commands");
    QVERIFY(m_dir.isValid());
    m_cwd = m_dir.filePath(u"cwd"_s);
    QVERIFY(QDir().mkpath(m_cwd));
}

void TestCommandExport::curlIsExactAndSafe_data()
{
    QTest::addColumn<Event>("event");
    QTest::addColumn<bool>("interactive");
    const QList<QPair<const char *, Event>> cases {
        { "json",
          makeEvent("POST"_ba, "/hooks/identification"_ba,
                    { { "Content-Type"_ba, "application/json"_ba },
                      { "Solaris-Webhook-Signature"_ba, "sha256=00ff"_ba } },
                    R"({"id":"a","amount":{"value":100}})"_ba) },
        { "hostile body", makeEvent("POST"_ba, "/"_ba, {}, hostileText) },
        { "every byte value", makeEvent("POST"_ba, "/"_ba, {}, allBytes()) },
        { "at sign first", makeEvent("POST"_ba, "/"_ba, {}, "@/etc/passwd"_ba) },
        { "long printable line", makeEvent("POST"_ba, "/"_ba, {}, randomBytes(100000, true)) },
        { "large binary", makeEvent("PUT"_ba, "/"_ba, {}, randomBytes(300000, false)) },
        { "hostile headers",
          makeEvent("POST"_ba, "/"_ba,
                    { { "X-Shell"_ba, "$(touch pwned5) `touch pwned6` 'q' \"d\" !! \\ ;&|<>"_ba },
                      { "X-Bytes"_ba, "\xff\xfe\x80 M\xc3\xbcller\ttab"_ba },
                      { "X-Empty"_ba, ""_ba },
                      { "X-At"_ba, "@/etc/passwd"_ba },
                      { "X-Semicolon"_ba, ";"_ba },
                      { "x-lower"_ba, "v"_ba },
                      { "X-Dup"_ba, "1"_ba },
                      { "X-Dup"_ba, "2"_ba },
                      { "X-Token!#$%&'*+.^_`|~"_ba, "name with every token character"_ba },
                      { "X-Long"_ba, randomBytes(20000, true) } },
                    "x"_ba) },
        { "hostile method and path",
          makeEvent("`touch pwned7`$'!'"_ba,
                    "/h/$(touch${IFS}pwned8)/'q'/\"d\"/!!/..%2F?a=[1]&b={x}&c=`id`&d=;|\\"_ba, {},
                    "x"_ba) },
        { "delete without body", makeEvent("DELETE"_ba, "/item/1"_ba, {}, QByteArray()) },
        { "get",
          makeEvent("GET"_ba, "/health?x=1"_ba, { { "Accept"_ba, "*/*"_ba } }, QByteArray()) },
    };
    for (const auto &[name, event] : cases) {
        QTest::addRow("%s, bash script", name) << event << false;
        QTest::addRow("%s, pasted into bash -i", name) << event << true;
    }
}

void TestCommandExport::curlIsExactAndSafe()
{
    QFETCH(Event, event);
    QFETCH(bool, interactive);
    LoopbackServer server;
    const QString command = toCurl(event, server.baseUrl());
    for (const QChar c : command)
        QVERIFY2(c == u'\n' || (c >= u' ' && c <= u'~'), "only printable ASCII and newlines");
    const QByteArray stderrText = runBash(command.toLatin1(), interactive, m_cwd);
    if (!QTest::qWaitFor([&server] { return !server.requests.isEmpty(); }, 5000))
        qWarning("bash said: %s", stderrText.right(2000).constData());
    QCOMPARE(server.requests.size(), 1);
    const Received &received = server.requests.first();
    QCOMPARE(received.requestLine, event.method + ' ' + event.target + " HTTP/1.1");
    QCOMPARE(received.headerLines, headerLines(event.headers));
    QCOMPARE(received.body, event.body);
    QVERIFY2(QDir(m_cwd).entryList(QDir::Files).isEmpty(), stderrText.constData());
}

void TestCommandExport::curlEncodesUnsendableTargetBytes()
{
    LoopbackServer server;
    const Event event = makeEvent("GET"_ba, "/a b/\xc3\xbc#frag\x01"_ba, {}, QByteArray());
    runBash(toCurl(event, server.baseUrl() + u'/').toLatin1(), false, m_cwd);
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 1, 5000);
    QCOMPARE(server.requests.first().requestLine, "GET /a%20b/%C3%BC%23frag%01 HTTP/1.1"_ba);
}

void TestCommandExport::curlReplacesLineBreaksInHeaders()
{
    LoopbackServer server;
    Event event =
        makeEvent("POST"_ba, "/"_ba, { { "X-Evil"_ba, "a\r\nInjected: 1\n\0b"_ba } }, "x"_ba);
    event.headers.append({ "Content-Length"_ba, "999"_ba }); // wrong: curl's own length is used
    runBash(toCurl(event, server.baseUrl()).toLatin1(), false, m_cwd);
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 1, 5000);
    QCOMPARE(server.requests.first().headerLines,
             (QList<QByteArray> { "Host: hooks.example"_ba, "X-Evil: a  Injected: 1  b"_ba,
                                  "Content-Length: 1"_ba, "X-After-Length: 1"_ba }));
    QCOMPARE(server.requests.first().body, "x"_ba);
}

void TestCommandExport::curlSuppressesToolHeaders()
{
    // No Host, no Content-Length, no Content-Type: curl adds only what HTTP needs.
    LoopbackServer server;
    Event event;
    event.method = "POST"_ba;
    event.target = "/x"_ba;
    event.headers = { { "X-Only"_ba, "1"_ba } };
    event.body = randomBytes(5000, true);
    runBash(toCurl(event, server.baseUrl()).toLatin1(), false, m_cwd);
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 1, 5000);
    const QByteArray host = "Host: " + server.baseUrl().mid(7).toLatin1();
    QCOMPARE(server.requests.first().headerLines,
             (QList<QByteArray> { host, "X-Only: 1"_ba, "Content-Length: 5000"_ba }));
    QCOMPARE(server.requests.first().body, event.body);
}

void TestCommandExport::curlRedacts()
{
    LoopbackServer server;
    const Event event = makeEvent(
        "POST"_ba, "/"_ba,
        { { "Authorization"_ba, "Bearer secret"_ba }, { "webhook-signature"_ba, "v1,abc"_ba } },
        "{}"_ba);
    const QString command = toCurl(event, server.baseUrl(), true);
    QVERIFY(!command.contains(u"secret"_s));
    runBash(command.toLatin1(), false, m_cwd);
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 1, 5000);
    QVERIFY(server.requests.first().headerLines.contains("Authorization: [redacted]"_ba));
    QVERIFY(server.requests.first().headerLines.contains("webhook-signature: [redacted]"_ba));
}

void TestCommandExport::curlShape()
{
    Event event;
    event.method = "POST"_ba;
    event.target = "/hooks/x"_ba;
    event.headers = { { "Content-Type"_ba, "application/json"_ba } };
    event.body = R"({"it's":1})"_ba;
    QCOMPARE(toCurl(event, u"http://127.0.0.1:8080"_s),
             u"curl -q --globoff --path-as-is -X 'POST' 'http://127.0.0.1:8080/hooks/x' \\\n"
             "  -H 'Content-Type: application/json' \\\n"
             "  -H 'Accept:' -H 'User-Agent:' \\\n"
             "  --data-binary '{\"it'\\''s\":1}'"_s);
}

// What HTTPie 3.2.1 sends for event, as each command's comment says: Accept-Encoding and
// User-Agent added when absent, its own Content-Length first, its default headers next, then the
// event's other header lines in order ("Name: " for an empty value, non-UTF-8 values left out).
QList<QByteArray> httpieHeaderLines(const Event &event)
{
    const QList<QByteArray> defaults { "User-Agent", "Accept-Encoding", "Accept", "Connection",
                                       "Content-Type" };
    QList<QByteArray> lines;
    if (!event.hasHeader("Accept-Encoding"))
        lines.append("Accept-Encoding: identity"_ba);
    if (!event.body.isEmpty())
        lines.append("Content-Length: " + QByteArray::number(event.body.size()));
    for (const QByteArray &name : defaults) {
        if (event.hasHeader(name))
            lines.append(name + ": " + event.headerValue(name));
    }
    for (const auto &[name, value] : event.headers) {
        const bool isDefault = std::any_of(defaults.begin(), defaults.end(), [&](const auto &d) {
            return d.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (!isDefault && name.compare("Content-Length", Qt::CaseInsensitive) != 0
            && value.isValidUtf8())
            lines.append(name + ": " + value);
    }
    if (!event.hasHeader("User-Agent"))
        lines.append("User-Agent: python-urllib3/"_ba); // the version follows
    return lines;
}

void TestCommandExport::httpieIsExactAndSafe_data()
{
    QTest::addColumn<Event>("event");
    QTest::addColumn<QByteArray>("comment");
    QTest::addColumn<QByteArray>("sentTarget"); // null: the event's own
    const QByteArray added = "# HTTPie adds Accept-Encoding: identity; adds User-Agent: "
                             "python-urllib3/...; sends its own Content-Length first"_ba;
    QTest::newRow("json") << makeEvent("POST"_ba, "/hooks/identification"_ba,
                                       { { "Content-Type"_ba, "application/json"_ba },
                                         { "Solaris-Webhook-Signature"_ba, "sha256=00ff"_ba } },
                                       R"({"id":"a","amount":{"value":100}})"_ba)
                          << added + "; sends Content-Type before the other headers."
                          << QByteArray();
    QTest::newRow("hostile body") << makeEvent("POST"_ba, "/"_ba, {}, hostileText) << added + '.'
                                  << QByteArray();
    QTest::newRow("every byte value")
        << makeEvent("POST"_ba, "/"_ba, {}, allBytes()) << added + '.' << QByteArray();
    QTest::newRow("at sign first")
        << makeEvent("POST"_ba, "/"_ba, {}, "@/etc/passwd"_ba) << added + '.' << QByteArray();
    QTest::newRow("large binary") << makeEvent("PUT"_ba, "/"_ba, {}, randomBytes(300000, false))
                                  << added + '.' << QByteArray();
    QTest::newRow("hostile headers and path")
        << makeEvent("POST"_ba, "/h/$(touch$IFS'pwned')/;&!*/../x"_ba,
                     { { "X-Shell"_ba, "`touch pwned` !! 'q' $(touch pwned2) ;&|<>"_ba },
                       { "X-Json"_ba, "=1"_ba },
                       { "X-File"_ba, "@/etc/passwd"_ba },
                       { "X-Utf8"_ba, "M\xc3\xbcller\ttab"_ba },
                       { "X-Bytes"_ba, "\xff\xfe\x80"_ba },
                       { "x-lower"_ba, "v"_ba },
                       { "X-Dup"_ba, "1"_ba },
                       { "X-Dup"_ba, "2"_ba },
                       { "User-Agent"_ba, "Solaris"_ba },
                       { "Accept-Encoding"_ba, "gzip"_ba } },
                     hostileText + QByteArray("\0end", 4))
        << "# HTTPie sends its own Content-Length first; sends User-Agent, Accept-Encoding before "
           "the other headers.\n"
           "# HTTPie cannot send header X-Bytes: its value is not UTF-8; left out."_ba
        << QByteArray();
    QTest::newRow("a target HTTPie re-encodes") << makeEvent(
        "POST"_ba, "/h/{x}?q=%7e&r=%2F"_ba, { { "Content-Type"_ba, "text/plain"_ba } }, "x"_ba)
                                                << added
            + "; sends Content-Type before the other headers; percent-encodes { } | \\ ^ ` \" < > "
              "in the target and decodes %XX of letters, digits and - . _ ~ in its query."
                                                << "/h/%7Bx%7D?q=~&r=%2F"_ba;
    QTest::newRow("no body") << makeEvent("GET"_ba, "/health?x=1"_ba, {}, QByteArray())
                             << "# HTTPie adds Accept-Encoding: identity; adds User-Agent: "
                                "python-urllib3/...."_ba
                             << QByteArray();
}

void TestCommandExport::httpieIsExactAndSafe()
{
    QFETCH(Event, event);
    QFETCH(QByteArray, comment);
    QFETCH(QByteArray, sentTarget);
    if (QStandardPaths::findExecutable(u"http"_s).isEmpty())
        QSKIP("HTTPie (Debian package httpie, scripts/install-deps.sh) is needed");
    LoopbackServer server;
    const QString command = toHttpie(event, server.baseUrl());
    QVERIFY2(command.startsWith(QString::fromLatin1(comment + '\n')),
             qPrintable(command.left(400)));
    const QByteArray stderrText = runBash(command.toLatin1(), true, m_cwd);
    if (!QTest::qWaitFor([&server] { return !server.requests.isEmpty(); }, 10000))
        qWarning("bash said: %s", stderrText.right(2000).constData());
    QCOMPARE(server.requests.size(), 1);
    const Received &received = server.requests.first();
    QCOMPARE(received.requestLine,
             event.method + ' ' + (sentTarget.isNull() ? event.target : sentTarget) + " HTTP/1.1");
    QList<QByteArray> lines = received.headerLines;
    QVERIFY(!lines.isEmpty());
    if (lines.last().startsWith("User-Agent: python-urllib3/"))
        lines.last() = "User-Agent: python-urllib3/"_ba;
    QCOMPARE(lines, httpieHeaderLines(event));
    QCOMPARE(received.body, event.body);
    QVERIFY2(QDir(m_cwd).entryList(QDir::Files).isEmpty(), stderrText.constData());
}

void TestCommandExport::httpieShape()
{
    // A method that looks like an option stays the method; empty items switch HTTPie's own
    // headers off.
    Event event = makeEvent("--download"_ba, "/"_ba, { { "X-Empty"_ba, ""_ba } }, QByteArray());
    QCOMPARE(toHttpie(event, u"http://127.0.0.1:1"_s),
             u"# HTTPie adds Accept-Encoding: identity; adds User-Agent: python-urllib3/...; sends "
             "an empty value as \"Name: \".\n"
             "http --ignore-stdin --path-as-is -- '--download' 'http://127.0.0.1:1/' \\\n"
             "  'Host:hooks.example' \\\n  'X-Empty;' \\\n  'X-After-Length:1' \\\n"
             "  'Accept:' \\\n  'Accept-Encoding:' \\\n  'Connection:' \\\n  'User-Agent:'"_s);
}

void TestCommandExport::requestBaseUrl_data()
{
    QTest::addColumn<QByteArray>("host"); // null: no Host header
    QTest::addColumn<QString>("expected");
    const QString fallback = u"http://127.0.0.1:8080"_s;
    QTest::newRow("host and port") << "127.0.0.1:9001"_ba << u"http://127.0.0.1:9001"_s;
    QTest::newRow("name") << "hooks.example"_ba << u"http://hooks.example"_s;
    QTest::newRow("IPv6") << "[::1]:9002"_ba << u"http://[::1]:9002"_s;
    QTest::newRow("no Host") << QByteArray() << fallback;
    QTest::newRow("empty Host") << " "_ba << fallback;
    QTest::newRow("a path in Host") << "evil.example/x"_ba << fallback;
    QTest::newRow("credentials in Host") << "user:pw@evil.example"_ba << fallback;
    QTest::newRow("a space in Host") << "a b"_ba << fallback;
    QTest::newRow("not UTF-8") << "\xff"_ba << fallback;
}

void TestCommandExport::requestBaseUrl()
{
    QFETCH(QByteArray, host);
    QFETCH(QString, expected);
    Event event = makeEvent("POST"_ba, "/"_ba, {}, "x"_ba);
    event.headers.removeFirst();
    if (!host.isNull())
        event.headers.prepend({ "Host"_ba, host });
    QCOMPARE(::requestBaseUrl(event, u"http://127.0.0.1:8080"_s), expected);
}

void TestCommandExport::commandsGoWhereTheRequestWent_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addColumn<QString>("tool");
    QTest::newRow("curl") << ExportFormat::Curl << u"curl"_s;
    QTest::newRow("HTTPie") << ExportFormat::Httpie << u"http"_s;
}

// Copied and exported commands send to the Host the request named, like a browser's "Copy as
// cURL"; a base URL overrides; an event without a Host keeps the default.
void TestCommandExport::commandsGoWhereTheRequestWent()
{
    QFETCH(ExportFormat, format);
    QFETCH(QString, tool);
    if (QStandardPaths::findExecutable(tool).isEmpty())
        QSKIP("the tool is not installed (scripts/install-deps.sh)");
    LoopbackServer server;
    const QByteArray host = server.baseUrl().mid(7).toLatin1(); // "127.0.0.1:PORT"
    Event event = makeEvent("POST"_ba, "/hooks/x?a=1"_ba, {}, R"({"id":"1"})"_ba);
    event.headers.first().second = host;
    const QByteArray command = exportEvent(format, event, {}, ExportOptions {});
    QVERIFY2(command.contains(QByteArray("'http://" + host + "/hooks/x?a=1'")),
             command.constData());
    runBash(command, false, m_cwd);
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 1, 10000);
    QCOMPARE(server.requests.first().requestLine, "POST /hooks/x?a=1 HTTP/1.1"_ba);
    QVERIFY(server.requests.first().headerLines.contains("Host: " + host));
    QCOMPARE(server.requests.first().body, event.body);

    // --base-url (or the window's field) wins; the Host header is still the event's.
    event.headers.first().second = "hooks.example"_ba;
    runBash(exportEvent(format, event, {}, ExportOptions { server.baseUrl() }), false, m_cwd);
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 2, 10000);
    QVERIFY(server.requests.last().headerLines.contains("Host: hooks.example"_ba));

    event.headers.removeFirst();
    QVERIFY(exportEvent(format, event, {}, ExportOptions {}).contains("'http://127.0.0.1:8080/"));
}

QTEST_GUILESS_MAIN(TestCommandExport)
#include "tst_commandexport.moc"
