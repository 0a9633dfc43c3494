#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

// One schema object, reduced to what Hookscope reads itself (documented fields, formats, enums
// and types for messages). Subschemas and $ref targets are indices into the owning graph.
struct SchemaNode
{
    QHash<QString, int> properties;
    QList<QPair<QRegularExpression, int>> patternProperties;
    int additionalProperties = -1; // node, -1 when absent
    bool closed = false; // additionalProperties: false
    int items = -1;
    QList<int> tupleItems;
    int additionalItems = -1;
    QList<int> allOf;
    QList<int> anyOf;
    QList<int> oneOf;
    int ref = -1;
    QString format;
    QRegularExpression pattern; // valid only when hasPattern
    bool hasPattern = false;
    QStringList types;
    QJsonArray enumValues;
    bool hasEnum = false;
    QJsonValue constValue;
    bool hasConst = false;
    QStringList required;
    bool rejectsAll = false; // the boolean schema `false`
    QString title;
    QString description;
    QJsonArray examples; // `examples`, or OpenAPI's `example` as one
    QJsonValue defaultValue { QJsonValue::Undefined }; // Undefined when absent
    bool deprecated = false;
};

using NodeSet = QVarLengthArray<int, 8>;

// The schemas of one imported document as a graph (cycles are plain back-edges), built once and
// then only read, so any number of threads may walk it at once.
class SchemaGraph
{
public:
    explicit SchemaGraph(const QJsonObject &definitions);

    int definitionNode(const QString &name) const { return m_definitions.value(name, -1); }
    const SchemaNode &node(int index) const { return m_nodes.at(index); }

    // Adds every node that applies to the same value: $ref targets and allOf/anyOf/oneOf branches
    // (all branches: a field documented in any alternative counts as documented).
    void expand(NodeSet &set) const;
    // The expanded nodes that apply to member `key` of an object; `documented` tells whether
    // any node declares it (by name, pattern or an additionalProperties schema).
    NodeSet forMember(const NodeSet &set, const QString &key, bool *documented = nullptr) const;
    NodeSet forItem(const NodeSet &set, qsizetype index) const;
    // True when some node lists its members, so an unlisted member is worth a warning.
    bool describesMembers(const NodeSet &set) const;
    NodeSet nodesAt(int root, const QStringList &tokens) const;
    int fieldCount(int root) const;
    bool usesPatternProperties() const { return m_usesPatternProperties; }
    QSet<QString> memberNames(int root) const;
    QSet<QString> requiredNames(int root) const;

private:
    int compile(const QJsonValue &schema, int depth);
    void compileInto(int index, const QJsonObject &schema, int depth);
    void compileMembers(SchemaNode &node, const QJsonObject &schema, int depth);
    void compileItems(SchemaNode &node, const QJsonObject &schema, int depth);
    QList<int> compileList(const QJsonValue &array, int depth);
    int countFields(const NodeSet &set, QSet<int> &visiting, int depth) const;

    QList<SchemaNode> m_nodes;
    QHash<QString, int> m_definitions;
    bool m_usesPatternProperties = false;
};
