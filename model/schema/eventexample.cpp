#include "eventexample.h"

#include "compiledschema.h"
#include "schemaregistry.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Below this depth only required members are built, so recursive schemas end.
constexpr int optionalMembersDepth = 6;
constexpr int maxDepth = 32;

// Builds a value that satisfies a schema graph node by construction: const, a documented
// example, the first enum value, else a value of the first non-null type (strings in the
// declared format). Objects get every documented and required member; arrays one item.
class ExampleBuilder
{
public:
    explicit ExampleBuilder(const SchemaGraph &graph)
        : m_graph(graph)
    { }

    // A value for every schema in STARTS at once (a member may be described by several).
    QJsonValue build(const QList<int> &starts, int depth = 0) const
    {
        QList<int> nodes;
        for (int start : starts)
            collect(start, nodes, 0);
        for (int index : nodes) {
            const SchemaNode &n = m_graph.node(index);
            if (n.hasConst)
                return n.constValue;
        }
        for (int index : nodes) {
            const SchemaNode &n = m_graph.node(index);
            if (n.hasEnum && !n.enumValues.isEmpty())
                return n.enumValues.first();
        }
        for (int index : nodes) {
            if (!m_graph.node(index).example.isUndefined())
                return m_graph.node(index).example;
        }
        const QString type = typeOf(nodes);
        if (type == u"object"_s)
            return depth >= maxDepth ? QJsonObject() : object(nodes, depth);
        if (type == u"array"_s)
            return depth >= maxDepth ? QJsonArray() : array(nodes, depth);
        if (type == u"integer"_s || type == u"number"_s)
            return 1;
        if (type == u"boolean"_s)
            return true;
        if (type == u"null"_s)
            return QJsonValue::Null;
        return string(nodes);
    }

private:
    // The node, what it refers to, its allOf branches and the first anyOf/oneOf branch.
    void collect(int index, QList<int> &out, int depth) const
    {
        if (index < 0 || depth > maxDepth || out.contains(index))
            return;
        out.append(index);
        const SchemaNode &n = m_graph.node(index);
        collect(n.ref, out, depth + 1);
        for (int branch : n.allOf)
            collect(branch, out, depth + 1);
        if (!n.anyOf.isEmpty())
            collect(n.anyOf.first(), out, depth + 1);
        if (!n.oneOf.isEmpty())
            collect(n.oneOf.first(), out, depth + 1);
    }

    QString typeOf(const QList<int> &nodes) const
    {
        for (int index : nodes) {
            for (const QString &type : m_graph.node(index).types) {
                if (type != u"null"_s)
                    return type;
            }
        }
        for (int index : nodes) {
            const SchemaNode &n = m_graph.node(index);
            if (!n.properties.isEmpty() || !n.required.isEmpty())
                return u"object"_s;
            if (n.items >= 0 || !n.tupleItems.isEmpty())
                return u"array"_s;
            if (n.types.contains(u"null"_s))
                return u"null"_s;
        }
        return u"string"_s;
    }

    QJsonObject object(const QList<int> &nodes, int depth) const
    {
        QHash<QString, QList<int>> members; // name -> every schema node describing it
        QStringList required;
        for (int index : nodes) {
            const SchemaNode &n = m_graph.node(index);
            required += n.required;
            for (auto it = n.properties.begin(); it != n.properties.end(); ++it)
                members[it.key()].append(it.value());
        }
        QJsonObject object;
        for (const QString &name : required)
            object.insert(name, build(members.value(name), depth + 1));
        if (depth >= optionalMembersDepth)
            return object;
        for (auto it = members.begin(); it != members.end(); ++it) {
            if (!object.contains(it.key()))
                object.insert(it.key(), build(it.value(), depth + 1));
        }
        return object;
    }

    QJsonArray array(const QList<int> &nodes, int depth) const
    {
        for (int index : nodes) {
            const SchemaNode &n = m_graph.node(index);
            if (!n.tupleItems.isEmpty()) {
                QJsonArray items;
                for (int item : n.tupleItems)
                    items.append(build({ item }, depth + 1));
                return items;
            }
            if (n.items >= 0)
                return QJsonArray { build({ n.items }, depth + 1) };
        }
        return {};
    }

    QString string(const QList<int> &nodes) const
    {
        static const QHash<QString, QString> byFormat {
            { u"date-time"_s, u"2024-05-01T12:00:00Z"_s },
            { u"date"_s, u"2024-05-01"_s },
            { u"time"_s, u"12:00:00Z"_s },
            { u"email"_s, u"someone@example.com"_s },
            { u"hostname"_s, u"example.com"_s },
            { u"ipv4"_s, u"192.0.2.1"_s },
            { u"ipv6"_s, u"2001:db8::1"_s },
            { u"uri"_s, u"https://example.com/"_s },
            { u"uuid"_s, u"3f1c0e5b-6a2d-4c1e-9b7a-1d2e3f4a5b6c"_s },
            { u"json-pointer"_s, u"/example"_s },
            { u"regex"_s, u"^example$"_s },
        };
        for (int index : nodes) {
            const QString &format = m_graph.node(index).format;
            if (byFormat.contains(format))
                return byFormat.value(format);
        }
        return u"example"_s;
    }

    const SchemaGraph &m_graph;
};

Violations errorsOnly(Violations violations)
{
    violations.removeIf([](const Violation &v) { return v.severity != Severity::Error; });
    return violations;
}

} // namespace

EventExample exampleFor(const SchemaRegistry &registry, const QString &eventType)
{
    EventExample example;
    example.eventType = registry.canonicalEventType(eventType);
    const auto schema = registry.schema(example.eventType);
    if (!schema)
        return EventExample {};
    if (!schema->hasBody())
        return example; // e.g. WEBHOOK-SUBSCRIPTION: no body to build
    const QJsonValue documented = registry.example(example.eventType);
    if (!documented.isUndefined()
        && errorsOnly(registry.validate(example.eventType, documented)).isEmpty()) {
        example.payload = documented;
        example.documented = true;
        return example;
    }
    example.payload = ExampleBuilder(schema->graph()).build({ schema->root() });
    example.violations = errorsOnly(registry.validate(example.eventType, example.payload));
    return example;
}
