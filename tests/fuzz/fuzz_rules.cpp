// The response rule loader (--rules FILE, the Rules dialog, saved rules): any JSON. Either the
// rules are refused with a message, or every answer they can give is HTTP a client can frame:
// a final status, no body on 204 or 304, header lines that stay one line with token names, and
// no Content-Length or Transfer-Encoding of their own. Then each rule answers an event.
#include "fuzzinput.h"

#include "http/httpsyntax.h"
#include "rules/responserules.h"

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto loaded = ResponseRules::fromJson(bytes, u"fuzz.json"_s);
    if (const auto *error = std::get_if<QString>(&loaded)) {
        fuzzCheck(error->startsWith(u"fuzz.json: "_s), "errors name the file", {}, error->toUtf8());
        return 0;
    }
    const ResponseRules &rules = std::get<ResponseRules>(loaded);
    for (const ResponseRule &rule : rules.rules()) {
        const Response &response = rule.response;
        fuzzCheck(response.status >= 200 && response.status <= 599, "a final status", {},
                  QByteArray::number(response.status));
        fuzzCheck(response.body.isEmpty() || (response.status != 204 && response.status != 304),
                  "no body on 204 or 304", {}, response.body);
        fuzzCheck(HttpSyntax::headersProblem(response.headers).isEmpty(), "header lines", {},
                  HttpSyntax::headersProblem(response.headers).toUtf8());
        for (const auto &[name, value] : response.headers) {
            fuzzCheck(name.compare("Content-Length", Qt::CaseInsensitive) != 0
                          && name.compare("Transfer-Encoding", Qt::CaseInsensitive) != 0,
                      "no framing header of the rule's own", {}, name);
        }
    }
    Event event;
    event.method = "POST"_ba;
    event.target = "/hooks/identification"_ba;
    event.body = R"({"status":"failed"})"_ba;
    rules.responseFor(event, EventAnalysis());
    return 0;
}
