#pragma once

#include "regex/boundedregex.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

// A patternProperties entry. valijson matches it with std::regex, which backtracks without a step
// limit: its cost on a key of n characters grows like n^(degree + 1), or 2^n when a repetition
// is repeated (degree StdRegexCost::exponential); CompiledSchema budgets validation with it.
struct PatternProperty
{
    BoundedRegex regex;
    int node = -1;
    int degree = 0;
};

// One schema object, reduced to what Hookscope reads itself (documented fields, formats, enums
// and types for messages). Subschemas and $ref targets are indices into the owning graph.
struct SchemaNode
{
    QHash<QString, int> properties;
    QHash<QByteArray, int> propertiesUtf8; // the same, by UTF-8 name (bodies hold UTF-8)
    QList<PatternProperty> patternProperties;
    int additionalProperties = -1; // node, -1 when absent
    bool closed = false; // additionalProperties: false
    int items = -1;
    QList<int> tupleItems;
    int additionalItems = -1;
    QList<int> allOf;
    QList<int> anyOf;
    QList<int> oneOf;
    // not/if/then/else and `dependencies` schemas: valijson applies them to the same value; only
    // the cost estimate reads them.
    QList<int> conditional;
    int contains = -1;
    int propertyNames = -1;
    bool uniqueItems = false;
    int ref = -1;
    QString format;
    BoundedRegex pattern; // valid only when hasPattern
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
    QJsonValue example; // the first of `examples`, else `example`, else `default` (may be absent)
    QJsonArray examples; // `examples`, or OpenAPI's `example` as one
    QJsonValue defaultValue { QJsonValue::Undefined }; // Undefined when absent
    bool deprecated = false;
    // enum's and const's values as the schema wrote them, where a double does not hold a
    // number in them (DocumentReader's annotation; empty otherwise): messages quote these.
    QString enumSource;
    QString constSource;
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
    // Certain: expanded by $ref and allOf only, the schemas that apply to the value for sure.
    enum class Expansion { AllBranches, Certain };
    NodeSet forMember(const NodeSet &set, const QString &key, bool *documented = nullptr,
                      Expansion expansion = Expansion::AllBranches) const;
    // The same for a member name in UTF-8, as a JsonDocument holds it: no QString is made
    // unless a patternProperties regex has to read the name.
    NodeSet forMember(const NodeSet &set, QByteArrayView key, bool *documented = nullptr) const;
    NodeSet forItem(const NodeSet &set, qsizetype index,
                    Expansion expansion = Expansion::AllBranches) const;
    void expandCertain(NodeSet &set) const;
    // True when some node lists its members, so an unlisted member is worth a warning.
    bool describesMembers(const NodeSet &set) const;
    NodeSet nodesAt(int root, const QStringList &tokens) const;
    int fieldCount(int root) const;
    bool usesPatternProperties() const { return m_usesPatternProperties; }
    // Subschemas valijson applies to the same value as `index`: $ref, allOf/anyOf/oneOf and the
    // `conditional` ones. A DAG: RefCycles and computeFanOut() refuse cycles.
    QList<int> sameValueChildren(int index) const;

    // How many schemas valijson applies to one value that meets `index` (itself, its $ref,
    // allOf/anyOf/oneOf and not/if/then/else branches, counted along every path: a diamond
    // counts twice). Saturates at fanOutCap.
    static constexpr qint64 fanOutCap = qint64(1) << 40;
    qint64 fanOut(int index) const { return m_fanOut.at(index); }
    // A parent's rank is above every same-value child's: an order for weight propagation.
    int rank(int index) const { return m_rank.at(index); }
    // The definition reachable from `root` whose fan-out is the smallest above `limit` (where
    // the branching crosses it), or an empty name when none is.
    QString definitionOver(int root, qint64 limit) const;
    // False when validating from `root` costs at most a small constant per body value: no
    // patternProperties, propertyNames, uniqueItems or enum over 256 values, and the fan-outs
    // along any path multiply to <= 64.
    bool needsBudget(int root) const;
    QSet<QString> memberNames(int root) const;
    QSet<QString> requiredNames(int root) const;

private:
    int compile(const QJsonValue &schema, int depth);
    void compileInto(int index, const QJsonObject &schema, int depth);
    void compileMembers(SchemaNode &node, const QJsonObject &schema, int depth);
    void compileItems(SchemaNode &node, const QJsonObject &schema, int depth);
    QList<int> compileList(const QJsonValue &array, int depth);
    int countFields(const NodeSet &set, QSet<int> &visiting, int depth) const;
    void compileApplicators(SchemaNode &node, const QJsonObject &schema, int depth);
    QList<int> stepChildren(int index) const;
    QList<int> reachableFrom(int root) const;
    void computeFanOut();
    qint64 worstWeight(int index, QHash<int, qint64> &memo, QSet<int> &onPath, int depth) const;

    QList<SchemaNode> m_nodes;
    QHash<QString, int> m_definitions;
    bool m_usesPatternProperties = false;
    QList<qint64> m_fanOut;
    QList<int> m_rank;
};
