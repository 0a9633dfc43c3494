#include "compositioncheck.h"

#include "event/bodyinspector.h"
#include "json/jsondocument.h"

#include <algorithm>

using namespace Qt::StringLiterals;

CompositionCheck::CompositionCheck(SchemaRegistry registry)
    : m_analyzer(std::move(registry))
{ }

QList<LineViolation> CompositionCheck::check(const QString &eventType, const QByteArray &body) const
{
    Event event;
    event.method = "POST";
    event.headers = { { "Content-Type", "application/json" } };
    event.body = body;
    const QString type = m_analyzer.schemas().canonicalEventType(eventType);
    const EventAnalysis analysis = m_analyzer.analyzeAs(event, type);
    const BodyInspection inspection = BodyInspector::inspectDocument(body, "application/json");
    QList<LineViolation> lines;
    for (const Violation &violation : analysis.violations) {
        int line = 1;
        if (analysis.parseErrorOffset >= 0 && violation.keyword == u"json"_s)
            line = lineAt(body, analysis.parseErrorOffset);
        else if (inspection.document)
            line = lineOf(*inspection.document, violation.pointer);
        lines.append({ line, violation });
    }
    std::stable_sort(
        lines.begin(), lines.end(),
        [](const LineViolation &a, const LineViolation &b) { return a.line < b.line; });
    return lines;
}

int CompositionCheck::lineOf(const JsonDocument &document, const QString &pointer)
{
    if (!document.isValid())
        return 1;
    QString at = pointer;
    int id = document.resolve(at);
    while (id < 0 && !at.isEmpty()) {
        at.truncate(qMax(0, int(at.lastIndexOf(u'/'))));
        id = document.resolve(at);
    }
    if (id < 0)
        return 1;
    const JsonDocument::Node &node = document.node(id);
    return lineAt(document.source(), document.isMember(id) ? node.keyBegin : node.begin);
}

int CompositionCheck::lineAt(const QByteArray &text, qint64 offset)
{
    const qint64 end = qBound(qint64(0), offset, qint64(text.size()));
    return 1 + int(QByteArrayView(text).first(end).count('\n'));
}
