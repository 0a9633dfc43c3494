// curl export round trip: a fuzzed event -> toCurl -> CurlCommandReader -> the same request.
// Method, target and body always come back byte for byte. Headers come back exactly when they
// are in the domain curl can send unchanged (README "What curl does that cannot be undone"), so
// the input's headers are first brought into that domain.
#include "fuzzinput.h"

#include "formats/exporters.h"
#include "formats/importer.h"

using namespace Qt::StringLiterals;

namespace {

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

QByteArray tokenOnly(const QByteArray &bytes)
{
    QByteArray out;
    for (char c : bytes)
        if (isTokenChar(c))
            out += c;
    return out;
}

// Header values as a recipient sees them: no CR, LF or NUL, no surrounding whitespace.
QByteArray sendableValue(QByteArray value)
{
    for (char &c : value)
        if (c == '\r' || c == '\n' || c == '\0')
            c = ' ';
    return value.trimmed();
}

bool curlOwns(const QByteArray &name)
{
    for (const char *own : { "host", "content-length", "transfer-encoding", "expect" })
        if (name.compare(own, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QByteArray headerText(const HeaderList &headers)
{
    QByteArray out;
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\n";
    return out;
}

Event sendable(Event e)
{
    e.method = tokenOnly(e.method);
    if (e.method.isEmpty())
        e.method = "POST"_ba;
    QByteArray target = e.target.startsWith('/') ? QByteArray() : "/"_ba;
    for (char c : std::as_const(e.target))
        if (c > ' ' && c < 0x7f && c != '#')
            target += c;
    e.target = target;
    // curl sends Host first and Content-Length after the custom headers; the event says so too.
    HeaderList headers { { "Host"_ba, "127.0.0.1:8080"_ba } };
    for (const auto &[name, value] : std::as_const(e.headers))
        if (!tokenOnly(name).isEmpty() && !curlOwns(tokenOnly(name)))
            headers.append({ tokenOnly(name), sendableValue(value) });
    if (!e.body.isEmpty())
        headers.append({ "Content-Length"_ba, QByteArray::number(e.body.size()) });
    e.headers = headers;
    return e;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const Event event = sendable(input.event());
    const QString command = toCurl(event, u"http://127.0.0.1:8080"_s);
    const QByteArray bytes = command.toLatin1();
    fuzzCheck(QString::fromLatin1(bytes) == command, "the command is Latin-1 (in fact ASCII)");
    const ImportBatch batch = PayloadImporter::importBytes(bytes, u"pasted"_s);
    fuzzCheck(batch.errors.isEmpty() && batch.events.size() == 1, "one command reads back", {},
              bytes);
    const Event &in = batch.events.first();
    fuzzCheck(in.method == event.method, "method", event.method, in.method);
    fuzzCheck(in.target == event.target, "target", event.target, in.target);
    fuzzCheck(in.body == event.body, "body", event.body, in.body);
    fuzzCheck(in.headers == event.headers, "headers", headerText(event.headers),
              headerText(in.headers));
    return 0;
}
