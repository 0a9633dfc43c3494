#include "exactnumbercheck.h"

#include "jsonpointer.h"
#include "violationbuilder.h"
#include "json/jsondocument.h"

using namespace Qt::StringLiterals;

namespace {
// Digits only, at most 15 of them: a double holds it exactly. Most body numbers are this.
bool plainlySafe(QByteArrayView raw)
{
    if (raw.size() > 15)
        return false;
    for (char c : raw) {
        if ((c < '0' || c > '9') && c != '-')
            return false;
    }
    return true;
}

bool isSafe(const JsonDocument &body, int id)
{
    return plainlySafe(body.raw(id)) || body.number(id).isSafeDouble();
}

// What valijson would print after "expected ", with the schema's number as written.
QString expectation(const QString &keyword, const QString &text)
{
    if (keyword == u"minimum"_s)
        return u"number greater than or equal to "_s + text;
    if (keyword == u"maximum"_s)
        return u"number less than or equal to "_s + text;
    if (keyword == u"exclusiveMinimum"_s)
        return u"number greater than "_s + text;
    if (keyword == u"exclusiveMaximum"_s)
        return u"number less than "_s + text;
    return u"a multiple of "_s + text;
}

bool holds(const QString &keyword, const JsonNumber &value, const JsonNumber &bound)
{
    if (keyword == u"multipleOf"_s)
        return value.isMultipleOf(bound);
    const int order = value.compare(bound);
    if (keyword == u"minimum"_s)
        return order >= 0;
    if (keyword == u"maximum"_s)
        return order <= 0;
    if (keyword == u"exclusiveMinimum"_s)
        return order > 0;
    return order < 0; // exclusiveMaximum
}

// A keyword's values as a person reads them: numbers as the schema wrote them.
QString listed(const NumberChoice &choice, const SchemaNode &node)
{
    const QJsonArray values =
        choice.keyword == u"enum"_s ? node.enumValues : QJsonArray { node.constValue };
    QStringList shown;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QString text = choice.texts.value(i);
        shown.append(!text.isEmpty()               ? text
                         : values.at(i).isString() ? values.at(i).toString()
                                                   : ViolationBuilder::describeValue(values.at(i)));
    }
    return choice.keyword == u"enum"_s ? u"one of: "_s + shown.join(u", "_s) : shown.value(0);
}
} // namespace

ExactNumberCheck::ExactNumberCheck(const SchemaGraph &graph, int root)
    : m_graph(graph)
    , m_root(root)
{ }

QString ExactNumberCheck::decidedKey(const QString &pointer, const QString &keyword)
{
    return pointer + u' ' + keyword;
}

bool ExactNumberCheck::isNeeded(const JsonDocument &body) const
{
    if (m_graph.needsExactNumbers())
        return true;
    for (int id = 0; id < body.nodeCount(); ++id) {
        if (body.type(id) == JsonDocument::Type::Number && !isSafe(body, id))
            return true;
    }
    return false;
}

ExactNumberCheck::Result ExactNumberCheck::run(const JsonDocument &body) const
{
    Result out;
    NodeSet nodes;
    nodes.append(m_root);
    m_graph.expandCertain(nodes);
    walk(body, 0, nodes, QString(), out);
    return out;
}

void ExactNumberCheck::walk(const JsonDocument &body, int id, const NodeSet &nodes,
                            const QString &pointer, Result &out) const
{
    if (nodes.isEmpty())
        return;
    switch (body.type(id)) {
    case JsonDocument::Type::Number:
        for (int index : nodes)
            checkNumber(body, id, m_graph.node(index), pointer, out);
        break;
    case JsonDocument::Type::Object:
        for (int child = body.firstChild(id); child >= 0; child = body.nextSibling(child)) {
            const QString key = body.key(child);
            walk(body, child,
                 m_graph.forMember(nodes, key, nullptr, SchemaGraph::Expansion::Certain),
                 JsonPointer::append(pointer, key), out);
        }
        break;
    case JsonDocument::Type::Array:
        for (int child = body.firstChild(id), i = 0; child >= 0;
             child = body.nextSibling(child), ++i)
            walk(body, child, m_graph.forItem(nodes, i, SchemaGraph::Expansion::Certain),
                 JsonPointer::append(pointer, i), out);
        break;
    default:
        break;
    }
}

void ExactNumberCheck::checkNumber(const JsonDocument &body, int id, const SchemaNode &node,
                                   const QString &pointer, Result &out) const
{
    if (node.numberBounds.isEmpty() && node.numberChoices.isEmpty())
        return;
    const bool safe = isSafe(body, id);
    const JsonNumber value = body.number(id);
    const QString sent = QString::fromLatin1(body.raw(id));
    const QString field = ViolationBuilder::fieldName(pointer);
    for (const NumberBound &bound : node.numberBounds) {
        const bool fractional = bound.keyword == u"multipleOf"_s && !bound.value.isInteger();
        if (safe && !fractional && bound.value.isSafeDouble())
            continue; // valijson's doubles are exact here
        out.decided.insert(decidedKey(pointer, bound.keyword));
        if (!holds(bound.keyword, value, bound.value))
            out.violations.append({ pointer, bound.keyword, Severity::Error,
                                    u"%1 is %2; expected %3"_s.arg(
                                        field, sent, expectation(bound.keyword, bound.text)) });
    }
    for (const NumberChoice &choice : node.numberChoices) {
        if (safe && !choice.lossy)
            continue;
        out.decided.insert(decidedKey(pointer, choice.keyword));
        const bool found = std::any_of(choice.values.cbegin(), choice.values.cend(),
                                       [&value](const JsonNumber &n) { return n == value; });
        if (!found)
            out.violations.append(
                { pointer, choice.keyword, Severity::Error,
                  u"%1 is %2; expected %3"_s.arg(field, sent, listed(choice, node)) });
    }
}
