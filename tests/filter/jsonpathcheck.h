#pragma once

// Shared by tst_jsonpathreader and fuzz_jsonpath: what a path reaches in a body the reference
// way (JsonDocument, as FilterContext parses it, then FilterJsonPath::resolve), and a form of
// a list of values that compares as a multiset (JsonPathReader may give [*] over an object's
// members in another order).
#include "filter/filtercontext.h"
#include "filter/filterjsonpath.h"

#include <QJsonDocument>
#include <QStringList>

#include <algorithm>
#include <cstring>

namespace JsonPathCheck {

inline QList<QJsonValue> fromDocument(FilterContext &context, const QList<JsonPathStep> &path)
{
    QList<QJsonValue> out;
    if (const JsonDocument *document = context.document()) {
        for (int id : FilterJsonPath::resolve(*document, path))
            out.append(document->toQJsonValue(id));
    }
    return out;
}

inline QList<QJsonValue> reference(const QByteArray &body, const QList<JsonPathStep> &path)
{
    Event event;
    event.body = body;
    const EventSummary summary;
    FilterContext context(summary, &event);
    return fromDocument(context, path);
}

// What a filter term sees: the reader's values when it answers, else the document's.
inline QList<QJsonValue> contextValues(FilterContext &context, const JsonPathReader &reader)
{
    if (std::optional<QList<QJsonValue>> values = context.readValues(reader))
        return *values;
    return fromDocument(context, reader.path());
}

inline QStringList canonical(const QList<QJsonValue> &values)
{
    QStringList out;
    for (const QJsonValue &value : values) {
        const bool negativeZero =
            value.isDouble() && value.toDouble() == 0 && std::signbit(value.toDouble());
        out.append(QString::number(int(value.type())) + u':'
                   + (value.isDouble() ? QString::number(value.toDouble(), 'g', 17)
                                       : FilterJsonPath::text(value))
                   + (negativeZero ? QStringLiteral("-0") : QString()));
    }
    std::sort(out.begin(), out.end());
    return out;
}

// A path in a small notation: `a.b[0][*][-1]`, and a step `"a.b"` in quotes for names with dots.
inline QList<JsonPathStep> path(const QString &text)
{
    QList<JsonPathStep> steps;
    qsizetype at = 0;
    while (at < text.size()) {
        JsonPathStep step;
        if (text.at(at) == u'.') {
            ++at;
            continue;
        }
        if (text.at(at) == u'[') {
            const qsizetype close = text.indexOf(u']', at);
            const QString inside = text.mid(at + 1, close - at - 1);
            at = close + 1;
            if (inside == u"*") {
                step.kind = JsonPathStep::Kind::Any;
            } else {
                step.kind = JsonPathStep::Kind::Index;
                step.index = inside.toLongLong();
                step.key = inside;
            }
        } else if (text.at(at) == u'"') {
            const qsizetype close = text.indexOf(u'"', at + 1);
            step.key = text.mid(at + 1, close - at - 1);
            at = close + 1;
        } else {
            qsizetype end = at;
            while (end < text.size() && text.at(end) != u'.' && text.at(end) != u'[')
                ++end;
            step.key = text.mid(at, end - at);
            at = end;
        }
        steps.append(step);
    }
    return steps;
}

} // namespace JsonPathCheck
