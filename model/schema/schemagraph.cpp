#include "schemagraph.h"

#include "exactnumbers.h"
#include "schemaimporter.h"
#include "stdregexcost.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
const QString definitionsPrefix = u"#/definitions/"_s;
constexpr int maxCountDepth = 16;
constexpr qsizetype maxCheapEnum = 256; // longer enums are priced per body value

void addUnique(NodeSet &set, int index)
{
    if (index >= 0 && !set.contains(index)) {
        set.append(index);
    }
}
} // namespace

SchemaGraph::SchemaGraph(const QJsonObject &definitions)
{
    for (auto it = definitions.begin(); it != definitions.end(); ++it) {
        m_definitions.insert(it.key(), int(m_nodes.size()));
        m_nodes.append(SchemaNode());
    }
    for (auto it = definitions.begin(); it != definitions.end(); ++it) {
        if (it.value().isObject()) {
            compileInto(m_definitions.value(it.key()), it.value().toObject(), 0);
        } else {
            m_nodes[m_definitions.value(it.key())].rejectsAll = it.value() == QJsonValue(false);
        }
    }
    computeFanOut();
}

int SchemaGraph::compile(const QJsonValue &schema, int depth)
{
    const int index = int(m_nodes.size());
    m_nodes.append(SchemaNode());
    if (schema.isObject()) {
        compileInto(index, schema.toObject(), depth + 1);
    }
    m_nodes[index].rejectsAll = schema == QJsonValue(false);
    return index;
}

QList<int> SchemaGraph::compileList(const QJsonValue &array, int depth)
{
    QList<int> indices;
    for (const QJsonValue &item : array.toArray()) {
        indices.append(compile(item, depth));
    }
    return indices;
}

// Schema depth is bounded by the importer (SchemaImporter::maxSchemaDepth), so recursion is safe.
void SchemaGraph::compileInto(int index, const QJsonObject &schema, int depth)
{
    SchemaNode node;
    if (schema.contains(u"$ref"_s)) {
        node.ref = m_definitions.value(
            schema.value(u"$ref"_s).toString().mid(definitionsPrefix.size()), -1);
    }
    compileMembers(node, schema, depth);
    compileItems(node, schema, depth);
    node.allOf = compileList(schema.value(u"allOf"_s), depth);
    node.anyOf = compileList(schema.value(u"anyOf"_s), depth);
    node.oneOf = compileList(schema.value(u"oneOf"_s), depth);
    compileApplicators(node, schema, depth);
    node.format = schema.value(SchemaImporter::formatKeyword).toString();
    node.hasPattern = schema.contains(SchemaImporter::patternKeyword);
    if (node.hasPattern) {
        node.pattern = BoundedRegex(schema.value(SchemaImporter::patternKeyword).toString(), false);
    }
    const QJsonValue type = schema.value(u"type"_s);
    for (const QJsonValue &t : type.isArray() ? type.toArray() : QJsonArray { type }) {
        if (t.isString()) {
            node.types.append(t.toString());
        }
    }
    node.hasEnum = schema.value(u"enum"_s).isArray();
    node.enumValues = schema.value(u"enum"_s).toArray();
    node.hasConst = schema.contains(u"const"_s);
    node.constValue = schema.value(u"const"_s);
    for (const QJsonValue &name : schema.value(u"required"_s).toArray()) {
        node.required.append(name.toString());
    }
    node.title = schema.value(u"title"_s).toString();
    node.description = schema.value(u"description"_s).toString();
    node.example = schema.value(u"examples"_s).isArray() ? schema.value(u"examples"_s)[0]
        : schema.contains(u"example"_s)                  ? schema.value(u"example"_s)
                                                         : schema.value(u"default"_s);
    node.examples = schema.value(u"examples"_s).isArray() ? schema.value(u"examples"_s).toArray()
        : schema.contains(u"example"_s) ? QJsonArray { schema.value(u"example"_s) }
                                        : QJsonArray();
    node.defaultValue = schema.value(u"default"_s);
    node.deprecated = schema.value(u"deprecated"_s).toBool();
    node.enumSource = schema.value(ExactNumbers::annotationKey(u"enum")).toString();
    node.constSource = schema.value(ExactNumbers::annotationKey(u"const")).toString();
    m_nodes[index] = std::move(node);
}

void SchemaGraph::compileMembers(SchemaNode &node, const QJsonObject &schema, int depth)
{
    const QJsonObject properties = schema.value(u"properties"_s).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const int child = compile(it.value(), depth);
        node.properties.insert(it.key(), child);
        node.propertiesUtf8.insert(it.key().toUtf8(), child);
    }
    const QJsonObject patterns = schema.value(u"patternProperties"_s).toObject();
    m_usesPatternProperties = m_usesPatternProperties || !patterns.isEmpty();
    for (auto it = patterns.begin(); it != patterns.end(); ++it) {
        node.patternProperties.append({ BoundedRegex(it.key(), false), compile(it.value(), depth),
                                        StdRegexCost::degree(it.key()) });
    }
    const QJsonValue additional = schema.value(u"additionalProperties"_s);
    node.closed = additional == QJsonValue(false);
    if (additional.isObject() || additional == QJsonValue(true)) {
        node.additionalProperties = compile(additional, depth);
    }
}

void SchemaGraph::compileItems(SchemaNode &node, const QJsonObject &schema, int depth)
{
    const QJsonValue items = schema.value(u"items"_s);
    if (items.isArray()) {
        node.tupleItems = compileList(items, depth);
        if (schema.contains(u"additionalItems"_s)) {
            node.additionalItems = compile(schema.value(u"additionalItems"_s), depth);
        }
    } else if (!items.isUndefined()) {
        node.items = compile(items, depth);
    }
}

void SchemaGraph::expand(NodeSet &set) const
{
    for (qsizetype i = 0; i < set.size(); ++i) {
        const SchemaNode &n = m_nodes.at(set.at(i));
        addUnique(set, n.ref);
        for (const QList<int> *branches : { &n.allOf, &n.anyOf, &n.oneOf }) {
            for (int branch : *branches) {
                addUnique(set, branch);
            }
        }
    }
}

void SchemaGraph::expandCertain(NodeSet &set) const
{
    for (qsizetype i = 0; i < set.size(); ++i) {
        const SchemaNode &n = m_nodes.at(set.at(i));
        addUnique(set, n.ref);
        for (int branch : n.allOf) {
            addUnique(set, branch);
        }
    }
}

NodeSet SchemaGraph::forMember(const NodeSet &set, const QString &key, bool *documented,
                               Expansion expansion) const
{
    NodeSet children;
    bool found = false;
    for (int index : set) {
        const SchemaNode &n = m_nodes.at(index);
        if (const auto it = n.properties.constFind(key); it != n.properties.cend()) {
            addUnique(children, *it);
            found = true;
            continue;
        }
        bool matchedPattern = false;
        for (const PatternProperty &pattern : n.patternProperties) {
            // Undecided (out of budget) counts as a match: valijson gives the verdict anyway.
            if (pattern.regex.match(key).outcome != BoundedRegex::Outcome::NoMatch) {
                addUnique(children, pattern.node);
                matchedPattern = true;
            }
        }
        if (!matchedPattern && n.additionalProperties >= 0) {
            addUnique(children, n.additionalProperties);
        }
        found = found || matchedPattern || n.additionalProperties >= 0;
    }
    if (documented) {
        *documented = found;
    }
    expansion == Expansion::Certain ? expandCertain(children) : expand(children);
    return children;
}

NodeSet SchemaGraph::forMember(const NodeSet &set, QByteArrayView key, bool *documented) const
{
    const QByteArray name = QByteArray::fromRawData(key.data(), key.size());
    bool needsPatterns = false;
    for (int index : set) {
        const SchemaNode &n = m_nodes.at(index);
        if (!n.patternProperties.isEmpty() && !n.propertiesUtf8.contains(name)) {
            needsPatterns = true;
            break;
        }
    }
    if (needsPatterns)
        return forMember(set, QString::fromUtf8(key), documented);
    NodeSet children;
    bool found = false;
    for (int index : set) {
        const SchemaNode &n = m_nodes.at(index);
        if (const auto it = n.propertiesUtf8.constFind(name); it != n.propertiesUtf8.cend()) {
            addUnique(children, *it);
            found = true;
        } else if (n.additionalProperties >= 0) {
            addUnique(children, n.additionalProperties);
            found = true;
        }
    }
    if (documented) {
        *documented = found;
    }
    expand(children);
    return children;
}

NodeSet SchemaGraph::forItem(const NodeSet &set, qsizetype index, Expansion expansion) const
{
    NodeSet children;
    for (int nodeIndex : set) {
        const SchemaNode &n = m_nodes.at(nodeIndex);
        if (n.items >= 0) {
            addUnique(children, n.items);
        } else if (index < n.tupleItems.size()) {
            addUnique(children, n.tupleItems.at(index));
        } else {
            addUnique(children, n.additionalItems);
        }
    }
    expansion == Expansion::Certain ? expandCertain(children) : expand(children);
    return children;
}

bool SchemaGraph::describesMembers(const NodeSet &set) const
{
    for (int index : set) {
        const SchemaNode &n = m_nodes.at(index);
        if (n.additionalProperties >= 0) {
            return false; // any member is allowed and described by that schema
        }
    }
    for (int index : set) {
        const SchemaNode &n = m_nodes.at(index);
        if (!n.properties.isEmpty() || !n.patternProperties.isEmpty() || n.closed) {
            return true;
        }
    }
    return false;
}

NodeSet SchemaGraph::nodesAt(int root, const QStringList &tokens) const
{
    NodeSet set;
    set.append(root);
    expand(set);
    for (const QString &token : tokens) {
        bool isIndex = false;
        const int index = token.toInt(&isIndex);
        NodeSet next = forMember(set, token);
        if (isIndex) {
            for (int child : forItem(set, index)) {
                addUnique(next, child);
            }
        }
        set = next;
    }
    return set;
}

QSet<QString> SchemaGraph::memberNames(int root) const
{
    NodeSet set;
    set.append(root);
    expand(set);
    QSet<QString> names;
    for (int index : set) {
        for (auto it = m_nodes.at(index).properties.begin();
             it != m_nodes.at(index).properties.end(); ++it) {
            names.insert(it.key());
        }
    }
    return names;
}

QSet<QString> SchemaGraph::requiredNames(int root) const
{
    NodeSet set;
    set.append(root);
    expand(set);
    QSet<QString> names;
    for (int index : set) {
        if (m_nodes.at(index).oneOf.isEmpty() && m_nodes.at(index).anyOf.isEmpty()) {
            for (const QString &name : m_nodes.at(index).required) {
                names.insert(name);
            }
        }
    }
    return names;
}

int SchemaGraph::fieldCount(int root) const
{
    NodeSet set;
    set.append(root);
    expand(set);
    QSet<int> visiting;
    return countFields(set, visiting, 0);
}

// Documented fields, nested ones included; a recursive schema counts each level once.
int SchemaGraph::countFields(const NodeSet &set, QSet<int> &visiting, int depth) const
{
    if (depth > maxCountDepth) {
        return 0;
    }
    QSet<QString> names;
    for (int index : set) {
        for (auto it = m_nodes.at(index).properties.begin();
             it != m_nodes.at(index).properties.end(); ++it) {
            names.insert(it.key());
        }
    }
    int count = 0;
    for (const QString &name : names) {
        NodeSet children = forMember(set, name);
        NodeSet fresh;
        for (int child : children) {
            if (!visiting.contains(child)) {
                fresh.append(child);
            }
        }
        for (int child : fresh) {
            visiting.insert(child);
        }
        NodeSet itemNodes = forItem(fresh, 0);
        for (int item : itemNodes) {
            addUnique(fresh, item);
        }
        count += 1 + countFields(fresh, visiting, depth + 1);
        for (int child : fresh) {
            visiting.remove(child);
        }
    }
    return count;
}

void SchemaGraph::compileApplicators(SchemaNode &node, const QJsonObject &schema, int depth)
{
    for (const QString &key : { u"not"_s, u"if"_s, u"then"_s, u"else"_s }) {
        if (schema.contains(key)) {
            node.conditional.append(compile(schema.value(key), depth));
        }
    }
    const QJsonObject dependencies = schema.value(u"dependencies"_s).toObject();
    for (auto it = dependencies.begin(); it != dependencies.end(); ++it) {
        if (!it.value().isArray()) {
            node.conditional.append(compile(it.value(), depth));
        }
    }
    if (schema.contains(u"contains"_s)) {
        node.contains = compile(schema.value(u"contains"_s), depth);
    }
    if (schema.contains(u"propertyNames"_s)) {
        node.propertyNames = compile(schema.value(u"propertyNames"_s), depth);
    }
    node.uniqueItems = schema.value(u"uniqueItems"_s).toBool();
}

QList<int> SchemaGraph::sameValueChildren(int index) const
{
    const SchemaNode &n = m_nodes.at(index);
    QList<int> children = n.allOf + n.anyOf + n.oneOf + n.conditional;
    if (n.ref >= 0) {
        children.append(n.ref);
    }
    return children;
}

// Subschemas for the values one level down (members, items, keys).
QList<int> SchemaGraph::stepChildren(int index) const
{
    const SchemaNode &n = m_nodes.at(index);
    QList<int> children = n.properties.values() + n.tupleItems;
    for (const PatternProperty &pattern : n.patternProperties) {
        children.append(pattern.node);
    }
    for (int child :
         { n.additionalProperties, n.items, n.additionalItems, n.contains, n.propertyNames }) {
        if (child >= 0) {
            children.append(child);
        }
    }
    return children;
}

// Post-order over the same-value DAG, without recursion: ref chains can be long.
void SchemaGraph::computeFanOut()
{
    m_fanOut.fill(0, m_nodes.size()); // 0: not computed yet
    m_rank.fill(0, m_nodes.size());
    int next = 0;
    QList<bool> onStack(m_nodes.size(), false);
    for (int start = 0; start < m_nodes.size(); ++start) {
        QList<int> stack { start };
        while (!stack.isEmpty()) {
            const int index = stack.last();
            if (m_fanOut.at(index) > 0) {
                stack.removeLast();
                continue;
            }
            bool ready = true;
            onStack[index] = true;
            for (int child : sameValueChildren(index)) {
                if (m_fanOut.at(child) == 0 && !onStack.at(child)) {
                    stack.append(child);
                    ready = false;
                } else if (m_fanOut.at(child) == 0) {
                    m_fanOut[child] = fanOutCap; // a cycle RefCycles does not know (dependencies)
                }
            }
            if (!ready) {
                continue;
            }
            qint64 total = 1;
            for (int child : sameValueChildren(index)) {
                total = std::min(fanOutCap, total + m_fanOut.at(child));
            }
            m_fanOut[index] = total;
            m_rank[index] = next++;
            onStack[index] = false;
            stack.removeLast();
        }
    }
}

QList<int> SchemaGraph::reachableFrom(int root) const
{
    QList<int> order { root };
    QSet<int> seen { root };
    for (qsizetype i = 0; i < order.size(); ++i) {
        for (int child : sameValueChildren(order.at(i)) + stepChildren(order.at(i))) {
            if (!seen.contains(child)) {
                seen.insert(child);
                order.append(child);
            }
        }
    }
    return order;
}

QString SchemaGraph::definitionOver(int root, qint64 limit) const
{
    if (root < 0) {
        return {};
    }
    const QList<int> reachable = reachableFrom(root);
    const QSet<int> reached(reachable.begin(), reachable.end());
    QString found;
    qint64 smallest = fanOutCap + 1;
    for (auto it = m_definitions.begin(); it != m_definitions.end(); ++it) {
        const qint64 fan = m_fanOut.at(*it);
        if (fan > limit && reached.contains(*it)
            && (fan < smallest || (fan == smallest && it.key() < found))) {
            smallest = fan;
            found = it.key();
        }
    }
    const bool inlineOver = std::any_of(reachable.begin(), reachable.end(),
                                        [&](int index) { return m_fanOut.at(index) > limit; });
    if (found.isEmpty() && inlineOver) {
        found = m_definitions.key(root); // an inline allOf/anyOf/oneOf: the event's own schema
    }
    return found;
}

bool SchemaGraph::needsBudget(int root) const
{
    if (root < 0) {
        return false;
    }
    for (int index : reachableFrom(root)) {
        const SchemaNode &n = m_nodes.at(index);
        if (!n.patternProperties.isEmpty() || n.uniqueItems || n.propertyNames >= 0
            || n.enumValues.size() > maxCheapEnum) {
            return true;
        }
    }
    QHash<int, qint64> memo;
    QSet<int> onPath;
    return worstWeight(root, memo, onPath, 0) > 64;
}

// The largest product of fan-outs along a path of member/item steps; recursion through a node
// that fans out grows without bound (fanOutCap).
qint64 SchemaGraph::worstWeight(int index, QHash<int, qint64> &memo, QSet<int> &onPath,
                                int depth) const
{
    if (const auto it = memo.constFind(index); it != memo.cend()) {
        return *it;
    }
    if (onPath.contains(index) || depth > 512) {
        // Recursion: bounded by the body's depth only while nothing on the way fans out.
        const bool fans = std::any_of(onPath.begin(), onPath.end(),
                                      [this](int node) { return m_fanOut.at(node) > 1; });
        return fans || depth > 512 ? fanOutCap : 1;
    }
    onPath.insert(index);
    NodeSet closure;
    closure.append(index);
    QList<int> below;
    for (qsizetype i = 0; i < closure.size(); ++i) {
        for (int child : sameValueChildren(closure.at(i))) {
            addUnique(closure, child);
        }
        below += stepChildren(closure.at(i));
    }
    qint64 worst = 1;
    for (int child : below) {
        worst = std::max(worst, worstWeight(child, memo, onPath, depth + 1));
    }
    onPath.remove(index);
    const double product = double(m_fanOut.at(index)) * double(worst);
    const qint64 result = product >= double(fanOutCap) ? fanOutCap : qint64(product);
    memo.insert(index, result);
    return result;
}
