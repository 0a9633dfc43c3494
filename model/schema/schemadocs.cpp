#include "schemadocs.h"

#include "jsonpointer.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
void takeFirst(QString &into, const QString &value)
{
    if (into.isEmpty())
        into = value;
}
} // namespace

FieldDoc SchemaDocs::merge(const SchemaGraph &graph, const NodeSet &nodes)
{
    FieldDoc doc;
    doc.hasSchema = true;
    doc.documented = !nodes.isEmpty();
    for (int index : nodes) {
        const SchemaNode &n = graph.node(index);
        takeFirst(doc.title, n.title);
        takeFirst(doc.description, n.description);
        takeFirst(doc.format, n.format);
        if (doc.types.isEmpty())
            doc.types = n.types;
        if (!doc.hasEnum && (n.hasEnum || n.hasConst)) {
            doc.hasEnum = true;
            doc.enumValues = n.hasEnum ? n.enumValues : QJsonArray { n.constValue };
        }
        if (doc.examples.isEmpty())
            doc.examples = n.examples;
        if (doc.defaultValue.isUndefined())
            doc.defaultValue = n.defaultValue;
        doc.deprecated = doc.deprecated || n.deprecated;
    }
    return doc;
}

bool SchemaDocs::isRequired(const SchemaGraph &graph, const NodeSet &nodes, const QString &key)
{
    return std::any_of(nodes.begin(), nodes.end(),
                       [&](int index) { return graph.node(index).required.contains(key); });
}

FieldDoc SchemaDocs::at(const SchemaGraph &graph, int root, const QString &pointer)
{
    const std::optional<QStringList> tokens = JsonPointer::split(pointer);
    if (root < 0 || !tokens) {
        FieldDoc none;
        none.hasSchema = root >= 0;
        return none;
    }
    if (tokens->isEmpty()) {
        NodeSet set { root };
        graph.expand(set);
        return merge(graph, set);
    }
    const NodeSet parent = graph.nodesAt(root, tokens->mid(0, tokens->size() - 1));
    const QString &key = tokens->constLast();
    bool documented = false;
    NodeSet nodes = graph.forMember(parent, key, &documented);
    bool isIndex = false;
    const int index = key.toInt(&isIndex);
    if (isIndex) {
        for (int item : graph.forItem(parent, index)) {
            if (!nodes.contains(item))
                nodes.append(item);
        }
    }
    FieldDoc doc = merge(graph, nodes);
    doc.documented = documented || (isIndex && !nodes.isEmpty());
    doc.required = isRequired(graph, parent, key);
    return doc;
}

DocumentedFields SchemaDocs::list(const SchemaGraph &graph, int root)
{
    DocumentedFields out;
    if (root < 0)
        return out;
    NodeSet set { root };
    graph.expand(set);
    QSet<int> visiting;
    listInto(graph, set, {}, 0, visiting, out);
    return out;
}

// Members of every applicable schema, by name; then an array's items under "[items]".
void SchemaDocs::listInto(const SchemaGraph &graph, const NodeSet &nodes, const QString &pointer,
                          int depth, QSet<int> &visiting, DocumentedFields &out)
{
    if (depth > maxListDepth)
        return;
    QStringList names;
    for (int index : nodes) {
        for (auto it = graph.node(index).properties.begin();
             it != graph.node(index).properties.end(); ++it) {
            if (!names.contains(it.key()))
                names.append(it.key());
        }
    }
    std::sort(names.begin(), names.end());
    const auto descend = [&](const NodeSet &children, const QString &childPointer) {
        NodeSet fresh;
        for (int child : children) {
            if (!visiting.contains(child))
                fresh.append(child);
        }
        for (int child : fresh)
            visiting.insert(child);
        listInto(graph, fresh, childPointer, depth + 1, visiting, out);
        for (int child : fresh)
            visiting.remove(child);
    };
    for (const QString &name : names) {
        const NodeSet children = graph.forMember(nodes, name);
        FieldDoc doc = merge(graph, children);
        doc.required = isRequired(graph, nodes, name);
        const QString childPointer = JsonPointer::append(pointer, name);
        out.append({ childPointer, name, depth, doc });
        descend(children, childPointer);
    }
    const NodeSet items = graph.forItem(nodes, 0);
    if (!items.isEmpty() && !nodes.isEmpty()) {
        const QString itemPointer = JsonPointer::append(pointer, qsizetype(0));
        out.append({ itemPointer, u"[items]"_s, depth, merge(graph, items) });
        descend(items, itemPointer);
    }
}
