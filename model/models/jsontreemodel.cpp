#include "jsontreemodel.h"

#include "modelroles.h"

#include "json/jsonprettyprinter.h"

using namespace Qt::StringLiterals;

JsonTreeModel::JsonTreeModel(QObject *parent)
    : TreeModel(ColumnCount, parent)
{ }

void JsonTreeModel::setDocument(std::shared_ptr<const JsonDocument> document,
                                const Violations &violations)
{
    resetTree(std::move(document), violations);
}

void JsonTreeModel::setDocument(const QJsonDocument &document, const Violations &violations)
{
    std::shared_ptr<const JsonDocument> parsed;
    if (!document.isNull())
        parsed = std::make_shared<const JsonDocument>(
            JsonDocument::parse(document.toJson(QJsonDocument::Compact)));
    setDocument(std::move(parsed), violations);
}

void JsonTreeModel::clear()
{
    setDocument(std::shared_ptr<const JsonDocument>());
}

QString JsonTreeModel::valueText(const JsonDocument &document, int json)
{
    switch (document.type(json)) {
    case JsonDocument::Type::String:
        return document.string(json);
    case JsonDocument::Type::Array:
        return u"[%1]"_s.arg(document.node(json).count);
    case JsonDocument::Type::Object:
        return u"{%1}"_s.arg(document.node(json).count);
    default:
        return QString::fromUtf8(document.raw(json)); // numbers exactly as sent
    }
}

// A duplicate warning belongs to the repeated members, not to the first of them.
bool JsonTreeModel::appliesTo(const JsonTree::Node &node, const Violation &violation) const
{
    return violation.keyword != u"duplicate"_s
        || (node.json >= 0 && m_tree.document().has(node.json, JsonDocument::Duplicate));
}

int JsonTreeModel::severityAt(const JsonTree::Node &node) const
{
    if (node.kind == JsonTree::Kind::Range)
        return -1;
    int worst = -1;
    for (int i : m_tree.violationsAt(node.pointer)) {
        if (!appliesTo(node, m_tree.violations().at(i)))
            continue;
        const int severity = int(m_tree.violations().at(i).severity);
        worst = worst < 0 ? severity : std::min(worst, severity); // Error (0) outranks Warning
    }
    return worst;
}

QStringList JsonTreeModel::messageListAt(const JsonTree::Node &node) const
{
    if (node.kind == JsonTree::Kind::Range)
        return {};
    QStringList messages;
    for (int i : m_tree.violationsAt(node.pointer)) {
        if (appliesTo(node, m_tree.violations().at(i)))
            messages.append(m_tree.violations().at(i).message);
    }
    return messages;
}

QString JsonTreeModel::messagesAt(const JsonTree::Node &node) const
{
    return messageListAt(node).join(u"; "_s);
}

QVariant JsonTreeModel::displayData(const JsonTree::Node &node, int column) const
{
    switch (column) {
    case KeyColumn:
        return node.key;
    case ValueColumn:
        if (node.kind == JsonTree::Kind::Missing)
            return u"(missing)"_s;
        return node.kind == JsonTree::Kind::Range ? QString()
                                                  : valueText(m_tree.document(), node.json);
    case TypeColumn:
        if (node.kind == JsonTree::Kind::Missing)
            return u"missing"_s;
        return node.kind == JsonTree::Kind::Range ? u"range"_s
                                                  : m_tree.document().typeName(node.json);
    case MessageColumn:
        return messagesAt(node);
    case SchemaTypeColumn:
        return docAt(node).typeText();
    }
    return {};
}

const FieldDoc &JsonTreeModel::docAt(const JsonTree::Node &node) const
{
    static const FieldDoc none;
    return node.kind == JsonTree::Kind::Range ? none : m_docs.at(node.pointer);
}

QVariant JsonTreeModel::docData(const JsonTree::Node &node, int role) const
{
    const FieldDoc &doc = docAt(node);
    const QJsonValue current = node.kind == JsonTree::Kind::Value
        ? QJsonValue::fromVariant(typedValue(node))
        : QJsonValue(QJsonValue::Undefined);
    switch (role) {
    case ModelRoles::DescriptionRole:
        return doc.description;
    case ModelRoles::SchemaTypeRole:
        return doc.typeText();
    case Qt::ToolTipRole: {
        const QString messages = messagesAt(node);
        const QString text = doc.text(current);
        const QString joined = messages.isEmpty() || text.isEmpty()
            ? QString(messages + text)
            : QString(messages + u"\n\n"_s + text);
        return joined.isEmpty() ? QVariant() : QVariant(joined);
    }
    }
    return doc.text(current);
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const JsonTree::Node &node = m_tree.node(nodeId(index));
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, index.column());
    case Qt::ToolTipRole:
    case ModelRoles::DescriptionRole:
    case ModelRoles::DocumentationRole:
    case ModelRoles::SchemaTypeRole:
        return docData(node, role);
    case ModelRoles::ValueRole:
        return typedValue(node);
    case ModelRoles::RawRole:
        if (node.kind != JsonTree::Kind::Value || m_tree.document().isContainer(node.json))
            return {};
        return QString::fromUtf8(m_tree.document().raw(node.json));
    case ModelRoles::JsonTextRole:
        if (node.kind != JsonTree::Kind::Value)
            return {};
        return QString::fromUtf8(JsonPrettyPrinter::print(m_tree.document(), node.json));
    case ModelRoles::JsonTypeRole:
        if (node.kind == JsonTree::Kind::Range)
            return {};
        return node.kind == JsonTree::Kind::Missing ? u"missing"_s
                                                    : m_tree.document().typeName(node.json);
    case ModelRoles::SeverityRole:
        return severityAt(node);
    case ModelRoles::MessagesRole:
        return messageListAt(node);
    case ModelRoles::PointerRole:
        return node.pointer;
    }
    return {};
}

// Typed as Qt reads JSON (an integer as qlonglong when it fits, else a double; containers as
// QVariantMap/List); RawRole has the exact text.
QVariant JsonTreeModel::typedValue(const JsonTree::Node &node) const
{
    if (node.kind != JsonTree::Kind::Value)
        return {};
    const JsonDocument &document = m_tree.document();
    if (document.type(node.json) == JsonDocument::Type::Number) {
        const JsonNumber number = document.number(node.json);
        if (const std::optional<qint64> integer = number.toInt64())
            return *integer;
        return number.toDouble();
    }
    return document.toQJsonValue(node.json).toVariant();
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const QStringList titles { u"Field"_s, u"Value"_s, u"Type"_s, u"Schema"_s,
                                      u"Schema type"_s };
    return titles.value(section);
}

int JsonTreeModel::childWithPointer(int id, const QString &pointer, const QString &token) const
{
    const int count = m_tree.childCount(id);
    for (int row = 0; row < count; ++row) {
        const int candidate = m_tree.child(id, row);
        const JsonTree::Node &node = m_tree.node(candidate);
        if (node.kind != JsonTree::Kind::Range) {
            if (node.pointer == pointer)
                return candidate;
            continue;
        }
        bool isIndex = false;
        const int arrayIndex = token.toInt(&isIndex);
        if (m_tree.document().type(node.json) == JsonDocument::Type::Array
            && (!isIndex || arrayIndex < node.rangeBegin || arrayIndex >= node.rangeEnd))
            continue;
        const int found = childWithPointer(candidate, pointer, token);
        if (found >= 0)
            return found;
    }
    return -1;
}

QModelIndex JsonTreeModel::indexOfPointer(const QString &pointer) const
{
    int id = 0;
    const QStringList tokens = pointer.split(u'/', Qt::SkipEmptyParts);
    for (const QString &token : tokens) {
        const QString wanted = m_tree.node(id).pointer + u'/' + token;
        // childWithPointer looks inside range groups, so id is always a real member.
        id = childWithPointer(id, wanted, token);
        if (id < 0)
            return {};
    }
    return indexOfNode(id);
}
