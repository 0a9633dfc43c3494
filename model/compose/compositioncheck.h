#pragma once

#include "analysis/analyzer.h"
#include "event/violation.h"
#include "schema/schemaregistry.h"

#include <QByteArray>
#include <QList>
#include <QString>

class JsonDocument;

// One problem of a composed body, on the line of the text it is about.
struct LineViolation
{
    int line = 1; // 1-based line of the body text
    Violation violation;

    friend bool operator==(const LineViolation &, const LineViolation &) = default;
};

// Checks a body being composed for an event type as the window checks a captured one (the
// Analyzer's judgement: broken JSON, the schema's violations, duplicate members), so Compose shows
// the Fields tab's own messages, and anchors each on a line of the text so an editor can mark it.
// Pure and cheap enough to run on every pause in typing.
class CompositionCheck
{
public:
    explicit CompositionCheck(SchemaRegistry registry);

    // Problems of BODY as an EVENT_TYPE event (unknown type: only the JSON's own), in line order.
    QList<LineViolation> check(const QString &eventType, const QByteArray &body) const;

    // The 1-based line the value at POINTER starts on (a member: its name's line). A pointer to
    // what is not there (a missing required member) gives the line of the nearest value that is.
    static int lineOf(const JsonDocument &document, const QString &pointer);
    // The 1-based line of byte OFFSET in TEXT.
    static int lineAt(const QByteArray &text, qint64 offset);

private:
    Analyzer m_analyzer;
};
