// Export round trips: a fuzzed event written as a Hookscope fixture, an NDJSON line and a HAR
// log, each read back by the importer, must give the same request. Fixtures and NDJSON keep
// every byte of any event; HAR keeps them for events it can express (the URL is rebuilt from the
// Host header and the target, pseudo-headers are skipped), so its input is brought into that
// domain first.
#include "fuzzinput.h"

#include "formats/exporters.h"
#include "formats/importer.h"

using namespace Qt::StringLiterals;

namespace {

Event readBack(const QByteArray &bytes, const QString &label)
{
    const ImportBatch batch = PayloadImporter::importBytes(bytes, label);
    fuzzCheck(batch.errors.isEmpty() && batch.events.size() == 1, "one event reads back",
              label.toUtf8(), bytes);
    return batch.events.first();
}

void compare(const Event &out, const Event &in, const char *format)
{
    fuzzCheck(in.method == out.method, format, out.method, in.method);
    fuzzCheck(in.target == out.target, format, out.target, in.target);
    fuzzCheck(in.headers == out.headers, format, "headers", {});
    fuzzCheck(in.body == out.body, format, out.body, in.body);
    fuzzCheck(in.receivedAtMs == out.receivedAtMs, format, "receivedAt", {});
}

Event harExpressible(Event e)
{
    QByteArray method;
    for (char c : std::as_const(e.method))
        if (c > ' ' && c < 0x7f)
            method += c;
    e.method = method.isEmpty() ? "POST"_ba : method;
    QByteArray target = e.target.startsWith('/') ? QByteArray() : "/"_ba;
    for (char c : std::as_const(e.target))
        if (c > ' ' && c < 0x7f && c != '#')
            target += c;
    e.target = target;
    HeaderList headers;
    for (const auto &header : std::as_const(e.headers))
        if (!header.first.startsWith(':') && header.first.compare("host", Qt::CaseInsensitive) != 0)
            headers.append(header);
    e.headers = headers;
    return e;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    Event event = input.event();
    // A fixture names a method and a target (they may hold any bytes, but not none).
    if (event.method.isEmpty())
        event.method = "POST"_ba;
    if (event.target.isEmpty())
        event.target = "/"_ba;
    compare(event, readBack(toFixtureJson(event, u"BOOKING"_s), u"fuzz.json"_s), "fixture");
    compare(event, readBack(toNdjsonLine(event, EventAnalysis()), u"fuzz.ndjson"_s), "ndjson");
    const Event har = harExpressible(event);
    const Event loaded = readBack(toHarLog({ har }), u"fuzz.har"_s);
    compare(har, loaded, "har");
    fuzzCheck(loaded.response.status == har.response.status, "har response status");
    return 0;
}
