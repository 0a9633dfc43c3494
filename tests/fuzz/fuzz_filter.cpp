// The filter language: compile any text; when it compiles, evaluate it against an event whose
// body comes from the input too. The first line is the expression, the rest the body.
#include "fuzzinput.h"

#include "event/bodyinspector.h"
#include "event/eventsummary.h"
#include "filter/filter.h"

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = bytes.indexOf('\n');
    const QByteArray expression = newline < 0 ? bytes : bytes.left(newline);
    const QString text = QString::fromUtf8(expression);
    const auto compiled = Filter::compile(text);
    if (const auto *error = std::get_if<FilterError>(&compiled)) {
        fuzzCheck(error->position >= 0 && error->position <= text.size(),
                  "error position inside the expression", expression);
        return 0;
    }
    Event event;
    event.seq = 7;
    event.method = "POST"_ba;
    event.target = "/hooks/identification?x=1"_ba;
    event.headers = { { "Content-Type"_ba, "application/json"_ba },
                      { "Solaris-Webhook-Attempt"_ba, "2"_ba } };
    event.body = newline < 0 ? QByteArray() : bytes.mid(newline + 1);
    event.remote = u"127.0.0.1:5000"_s;
    EventAnalysis analysis;
    const BodyInspection inspection = BodyInspector::inspect(event);
    analysis.bodyKind = inspection.kind;
    analysis.eventType = u"IDENTIFICATION"_s;
    const EventSummary summary = EventSummary::from(event, analysis);
    const Filter &filter = std::get<Filter>(compiled);
    filter.matches(summary, &event);
    if (!filter.needsEvent())
        filter.matches(summary);
    return 0;
}
