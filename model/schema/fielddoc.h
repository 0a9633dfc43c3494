#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// What a schema says about one field of an instance: the documentation a user reads beside the
// value (description, type, format, allowed values, example, required or optional, deprecated).
// Built by CompiledSchema::fieldDoc() from every schema that applies to the field.
struct FieldDoc
{
    bool hasSchema = false; // the event has a schema at all
    bool documented = false; // some schema declares this member or item
    bool required = false;
    bool deprecated = false;
    QString title;
    QString description;
    QStringList types; // JSON Schema types as declared; "null" when it may be null
    QString format;
    QJsonArray enumValues; // `enum`, or `const` as one value
    bool hasEnum = false;
    QJsonArray examples; // `examples`, or OpenAPI's single `example`
    QJsonValue defaultValue { QJsonValue::Undefined }; // Undefined when there is none

    bool nullable() const { return types.contains(QStringLiteral("null")); }
    // "string (date-time)", "string or null", "enum", "integer"; "" when the schema gives no type.
    QString typeText() const;
    // The documentation as lines of plain text, for tooltips and the documentation pane:
    // CURRENT marks the allowed value the field holds (Undefined: none, e.g. a missing member).
    QString text(const QJsonValue &current = QJsonValue(QJsonValue::Undefined)) const;
    static QString jsonText(const QJsonValue &value);
};

// One documented field of a schema, for listings (hookscope schema, the Known Events browser).
struct DocumentedField
{
    QString pointer; // "/amount/value"; array items as "/list/0"
    QString key; // member name, "[items]" for an array's items
    int depth = 0; // 0 for top-level members
    FieldDoc doc;
};
using DocumentedFields = QList<DocumentedField>;
