#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

// One event found in a schema document.
struct ImportedEvent
{
    QString eventType; // the event's name as the document gives it
    QString urlKey; // the webhook map key (OpenAPI), empty for JSON Schema files
    QString definition; // key into ImportedDocument::definitions; empty: the request has no body
    QString pointer; // where the event's schema sits in the source, for messages
    QString description; // the operation's (or JSON Schema's) description, for the Schemas dialog
    // The documented example payload (media type `example`/`examples`), Undefined when none.
    QJsonValue example { QJsonValue::Undefined };
    // Keywords its schema uses that Hookscope cannot enforce: "<JSON Pointer>: <keyword>".
    QStringList unenforced;
};

// A schema document reduced to plain draft-7 JSON Schema: every schema a $ref reaches becomes an
// entry of `definitions` and every $ref is rewritten to "#/definitions/<name>", so one
// self-contained root serves valijson and Hookscope's own schema walk alike.
struct ImportedDocument
{
    QJsonObject definitions;
    QList<ImportedEvent> events;
    QStringList errors; // "<source>: <JSON Pointer>: <reason>"
    QHash<QString, QString> definitionPointers; // definition name -> its JSON Pointer in the source
    // Keywords read but not enforced ("<source>: <JSON Pointer>: <reason>"): the file still loads.
    QStringList warnings;
    QString dialect; // "OpenAPI 3.1", "JSON Schema 2020-12", ... (SchemaImporter::dialectName)
    bool plainSchema = false; // a JSON Schema file, not OpenAPI: one event
};

// Reads OpenAPI 3.0/3.1 (top-level `webhooks` or `x-webhooks`) or a plain JSON Schema (draft 4 to
// 7, 2019-09 or 2020-12 by its `$schema`) and converts it: 3.0 `nullable` and boolean
// exclusiveMinimum/Maximum; 3.1, 2019-09 and 2020-12 `$ref` siblings, `prefixItems`,
// `dependentRequired`/`dependentSchemas` become their draft-7 equivalents, `propertyNames` with a
// `pattern` a patternProperties branch. Keywords that cannot be converted (unevaluatedProperties,
// $dynamicRef, ...) are reported as warnings with their pointer and listed on each event. `format`
// and `pattern` are renamed (formatKeyword, patternKeyword) because Hookscope checks them itself:
// valijson builds a std::regex per format check and knows three formats, and libstdc++'s std::regex
// recurses per character, so a long string (100 kB) overflows the stack; QRegularExpression (PCRE2)
// does not.
class SchemaImporter
{
public:
    static constexpr int maxSchemaDepth = 128;
    static inline const QString formatKeyword = QStringLiteral("x-hookscope-format");
    static inline const QString patternKeyword = QStringLiteral("x-hookscope-pattern");

    SchemaImporter(const QJsonValue &root, const QString &sourceLabel);
    // eventType: for JSON Schema files the event to file it under; for OpenAPI files, import only
    // that webhook. Empty: title or file name (JSON Schema), every webhook (OpenAPI).
    ImportedDocument importAll(const QString &eventType);

private:
    enum class Dialect { JsonSchema, JsonSchema201909, JsonSchema202012, OpenApi30, OpenApi31 };
    static QString dialectName(Dialect dialect);

    bool detectDialect();
    void importWebhooks(const QString &eventType);
    void importJsonSchema(const QString &eventType);
    std::optional<ImportedEvent> importWebhook(const QString &key, const QJsonValue &pathItem,
                                               const QString &pointer);
    QJsonValue mediaExample(const QString &schemaPointer) const;
    QString bodySchemaPointer(const QJsonObject &operation, const QString &operationPointer);
    std::optional<QJsonObject> followRef(const QJsonValue &value, QString &pointer);
    QString definitionFor(const QString &targetPointer, const QString &refSite, int depth);
    QJsonValue convertSchema(const QJsonValue &schema, const QString &pointer, int depth);
    QJsonObject convertObject(const QJsonObject &schema, const QString &pointer, int depth);
    QJsonValue convertKeyword(const QString &key, const QJsonValue &value, const QString &pointer,
                              int depth);
    QJsonObject convertMap(const QJsonObject &map, const QString &pointer, int depth,
                           bool keepArrays);
    QJsonValue convertRef(const QJsonValue &ref, const QString &pointer, int depth);
    static bool onlyAnnotatesRef(const QJsonObject &schema);
    void convertPattern(QJsonObject &out, const QJsonValue &pattern, const QString &pointer);
    QJsonObject convertPatternProperties(const QJsonObject &map, const QString &pointer, int depth);
    static std::optional<QString> patternPropertyProblem(const QString &pattern);
    static void convertOpenApi31(QJsonObject &out);
    bool refSiblingsApply() const;
    void convertPropertyNames(QJsonObject &out, const QString &pointer);
    void noteUnenforced(const QString &key, const QString &pointer);
    QStringList unenforcedFrom(const QString &definition) const;
    Dialect schemaDialect(const QJsonObject &root) const;
    void convertOpenApi30(QJsonObject &out, const QJsonObject &schema) const;
    void breakRefCycles();
    void addError(const QString &pointer, const QString &reason);
    QString fileBaseName() const;

    QJsonValue m_root;
    QString m_label;
    Dialect m_dialect = Dialect::JsonSchema;
    QHash<QString, QString> m_definitionByPointer;
    QHash<QString, QString> m_pointerByDefinition;
    QString m_currentDefinition; // the definition being converted, for unenforced keywords
    QHash<QString, QStringList> m_unenforcedByDefinition;
    QSet<QString> m_warnedPointers;
    ImportedDocument m_result;
};
