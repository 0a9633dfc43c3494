#pragma once

#include "event/violation.h"
#include "fielddoc.h"
#include "schemagraph.h"
#include "json/jsondocument.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

class ViolationBuilder;

namespace valijson {
class Schema;
}

// One event's schema, compiled once (valijson's Schema plus Hookscope's graph) and then only
// read: validate() is const and safe to call from any number of threads at once.
class CompiledSchema
{
public:
    // Bodies nested deeper are refused with one "depth" violation rather than walked: valijson
    // and the field walk both recurse per level.
    static constexpr int maxBodyDepth = 256;
    // Longer keys are refused when the schema has patternProperties (see longKey()).
    static constexpr int maxPatternKeyLength = 4096;

    struct Result
    {
        std::shared_ptr<const CompiledSchema> schema;
        QString error; // valijson's reason when it cannot compile the schema
    };

    // definition empty: the event carries no body (the WEBHOOK-SUBSCRIPTION check).
    static Result compile(const QString &eventType, const std::shared_ptr<const SchemaGraph> &graph,
                          const QJsonObject &definitions, const QString &definition);

    CompiledSchema(const QString &eventType, const std::shared_ptr<const SchemaGraph> &graph,
                   int root, std::shared_ptr<const valijson::Schema> schema);
    ~CompiledSchema();

    // The body as sent: valijson reads it through JsonDocumentAdapter, so any integer-valued
    // number is an integer and messages quote numbers as sent.
    Violations validate(const JsonDocument &body) const;
    // A QJsonValue (lossy: Qt has already turned numbers into doubles); for older callers.
    Violations validate(const QJsonValue &body) const;
    bool hasBody() const { return m_schema != nullptr; }
    const SchemaGraph &graph() const { return *m_graph; }
    int root() const { return m_root; }
    int fieldCount() const { return m_fieldCount; }
    // The documentation of the field at POINTER (RFC 6901) of an instance; see SchemaDocs.
    FieldDoc fieldDoc(const QString &pointer) const;
    DocumentedFields documentedFields() const;
    // The draft-7 schema valijson runs: {"$ref": "#/definitions/X", "definitions": {...}}.
    const QJsonObject &document() const { return m_document; }
    const QSet<QString> &memberNames() const { return m_memberNames; }
    const QSet<QString> &requiredNames() const { return m_requiredNames; }

private:
    Violations validateWithoutBody(const QJsonValue &body) const;
    Violations schemaErrors(const QJsonValue &body) const;
    void walk(const QJsonValue &value, const NodeSet &nodes, const QString &pointer, int depth,
              Violations &out) const;
    void checkString(const QJsonValue &value, const NodeSet &nodes, const QString &pointer,
                     Violations &out) const;
    void walkObject(const QJsonObject &object, const NodeSet &nodes, const QString &pointer,
                    int depth, Violations &out) const;
    std::optional<QString> rejectedAt(const QJsonValue &value, const NodeSet &nodes,
                                      const QString &pointer, int depth) const;
    Violations schemaErrors(const JsonDocument &body) const;
    void walk(const JsonDocument &body, int id, const NodeSet &nodes, Violations &out) const;
    void checkString(const JsonDocument &body, int id, const NodeSet &nodes, Violations &out) const;
    void walkObject(const JsonDocument &body, int id, const NodeSet &nodes, Violations &out) const;
    std::optional<Violation> refused(const JsonDocument &body) const;
    static std::optional<QString> tooDeep(const JsonDocument &body);
    static std::optional<QString> longKey(const JsonDocument &body);
    static std::optional<QString> tooDeep(const QJsonValue &body);
    static std::optional<QString> longKey(const QJsonValue &body);
    Violation undecided(const QString &pointer, const QString &why) const;
    std::optional<Violation> stringViolation(const SchemaNode &node,
                                             const ViolationBuilder &builder,
                                             const QJsonValue &value, const QString &text,
                                             const QString &pointer) const;

    QString m_eventType;
    std::shared_ptr<const SchemaGraph> m_graph;
    int m_root = -1;
    std::shared_ptr<const valijson::Schema> m_schema;
    bool m_needsBudget = false; // see ValidationBudget
    int m_fieldCount = 0;
    QSet<QString> m_memberNames;
    QSet<QString> m_requiredNames;
    QJsonObject m_document; // shares the document's definitions with every event of the file
};
