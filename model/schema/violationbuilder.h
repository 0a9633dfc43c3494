#pragma once

#include "event/violation.h"
#include "schemagraph.h"

class JsonDocument;

#include <QJsonValue>

#include <string>
#include <vector>

// A violation as valijson reports it: the path to the failing node and its fixed description.
struct RawSchemaError
{
    std::vector<std::string> context; // "<root>", "[field]", "[0]", ...
    std::string description;
};

// Turns valijson's findings into Violations a person understands: JSON Pointer, keyword and a
// message that names the field, its value and what the schema expected (read from the graph).
class ViolationBuilder
{
public:
    // document: the body as sent, when there is one, so that messages quote numbers as sent
    ViolationBuilder(const SchemaGraph &graph, int root, const QJsonValue &body,
                     const JsonDocument *document = nullptr);

    Violations fromValijson(const std::vector<RawSchemaError> &errors) const;
    Violation format(const QString &pointer, const QJsonValue &value, const QString &format) const;
    Violation pattern(const QString &pointer, const QJsonValue &value,
                      const QString &pattern) const;
    Violation undocumented(const QString &pointer, const QString &eventType) const;

    static QString pointerFromContext(const std::vector<std::string> &context);
    static QString fieldName(const QString &pointer);
    static QString describeValue(const QJsonValue &value);
    static QString describeTyped(const QJsonValue &value);
    static QString listValues(const QJsonArray &values);
    static QString listSource(const QString &source);

private:
    // keyword, or empty for valijson's "failed inside this child" wrappers that add nothing.
    static QString keywordOf(const std::string &description);
    Violation make(const QString &keyword, const QString &pointer,
                   const std::string &description) const;
    QString message(const QString &keyword, const QString &pointer,
                    const QString &description) const;
    QString expectation(const QString &keyword, const NodeSet &nodes) const;
    static QString tidied(const QString &description);
    QJsonValue valueAt(const QString &pointer) const;
    QString describeAt(const QString &pointer, const QJsonValue &value, bool typed) const;
    NodeSet nodesAt(const QString &pointer) const;

    const SchemaGraph &m_graph;
    int m_root;
    QJsonValue m_body;
    const JsonDocument *m_document; // not owned
};
