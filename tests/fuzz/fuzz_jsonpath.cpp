// JsonPathReader against the reference it stands in for: whenever it reads a body itself, the
// values must be the ones QJsonDocument + FilterJsonPath::resolve give. The first byte picks the
// path, the rest is the body.
#include "fuzzinput.h"

#include "../filter/jsonpathcheck.h"
#include "filter/jsonpathreader.h"

#include <array>

using namespace Qt::StringLiterals;

namespace {
const std::array<const char16_t *, 16> kPaths = {
    u"",     u"a",      u"id",     u"[*]", u"[0]",   u"[-1]",    u"a.b",  u"a[*]",
    u"a[0]", u"[*].id", u"[*][*]", u"a.0", u"[1].a", u"a[-1].b", u"\"\"", u"data.amount.value",
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const JsonPathReader reader(
        JsonPathCheck::path(QString::fromUtf16(kPaths[input.byte() % kPaths.size()])));
    const QByteArray body = input.rest();
    const std::optional<QList<QJsonValue>> values = reader.read(body);
    if (!values)
        return 0;
    const QList<QJsonValue> expected = JsonPathCheck::reference(body, reader.path());
    fuzzCheck(JsonPathCheck::canonical(*values) == JsonPathCheck::canonical(expected),
              "JsonPathReader reads what QJsonDocument reads",
              JsonPathCheck::canonical(expected).join(u'|').toUtf8(),
              JsonPathCheck::canonical(*values).join(u'|').toUtf8());
    return 0;
}
