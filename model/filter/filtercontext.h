#pragma once

#include "event/event.h"
#include "event/eventsummary.h"
#include "jsonpathreader.h"
#include "json/jsondocument.h"

#include <QJsonValue>
#include <QString>

#include <optional>

// What one evaluation looks at. Lives on the stack for one matches() call: derived forms of the
// body (parsed JSON, decoded text) are made at most once per call, however many terms use them,
// and never when no term does, so summary-only filters allocate nothing.
class FilterContext
{
public:
    FilterContext(const EventSummary &summary, const Event *event)
        : m_summary(summary)
        , m_event(event)
    { }

    const EventSummary &summary() const { return m_summary; }
    const Event *event() const { return m_event; } // not owned; may be null
    // The body as sent, parsed once per call however many terms need it; nullptr when there is
    // no event or the body is not JSON.
    const JsonDocument *document();
    // What the reader's path reaches, read straight from the bytes; nullopt when the reader
    // cannot be certain (then document() answers) or the body was parsed already.
    std::optional<QList<QJsonValue>> readValues(const JsonPathReader &reader);
    // The body decoded as UTF-8 (invalid sequences become U+FFFD).
    QStringView bodyText();
    // Set by the first `matches` that ran out of its budget; the filter's verdict is then
    // "undecided" rather than a silent false.
    QString *undecidedReason() { return &m_undecided; }
    bool isUndecided() const { return !m_undecided.isEmpty(); }

private:
    const EventSummary &m_summary;
    const Event *m_event; // not owned; may be null
    std::optional<JsonDocument> m_document; // invalid once parsing failed
    std::optional<QString> m_bodyText;
    QString m_undecided;
};
