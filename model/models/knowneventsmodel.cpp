#include "knowneventsmodel.h"

#include "modelroles.h"
#include "schema/schemaregistry.h"

using namespace Qt::StringLiterals;

KnownEventsModel::KnownEventsModel(const SchemaRegistry &registry, QObject *parent)
    : QAbstractItemModel(parent)
{
    for (const QString &eventType : registry.eventTypes())
        addEvent(registry, eventType);
}

int KnownEventsModel::addNode(Node node)
{
    std::vector<int> &siblings = node.parent < 0 ? m_events : m_nodes[size_t(node.parent)].children;
    node.row = int(siblings.size());
    const int id = int(m_nodes.size());
    siblings.push_back(id);
    m_nodes.push_back(std::move(node));
    return id;
}

// Fields come depth first with their depth, so the latest node of each depth is the parent of
// the next one a level deeper.
void KnownEventsModel::addEvent(const SchemaRegistry &registry, const QString &eventType)
{
    Node event;
    event.eventType = eventType;
    event.isEvent = true;
    event.urlKey = registry.urlKey(eventType);
    event.source = registry.sourceOf(eventType);
    event.description = registry.description(eventType);
    std::vector<int> parents { addNode(std::move(event)) };
    for (const DocumentedField &field : registry.documentedFields(eventType)) {
        parents.resize(size_t(field.depth) + 1);
        Node node;
        node.parent = parents.back();
        node.eventType = eventType;
        node.field = field;
        parents.push_back(addNode(std::move(node)));
    }
}

const std::vector<int> &KnownEventsModel::childrenOf(const QModelIndex &parent) const
{
    return parent.isValid() ? m_nodes[size_t(parent.internalId())].children : m_events;
}

QModelIndex KnownEventsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    const std::vector<int> &children = childrenOf(parent);
    if (row < 0 || size_t(row) >= children.size())
        return {};
    return createIndex(row, column, quintptr(children[size_t(row)]));
}

QModelIndex KnownEventsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int parentId = m_nodes[size_t(child.internalId())].parent;
    if (parentId < 0)
        return {};
    return createIndex(m_nodes[size_t(parentId)].row, 0, quintptr(parentId));
}

int KnownEventsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(childrenOf(parent).size());
}

int KnownEventsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags KnownEventsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_nodes[size_t(index.internalId())].children.empty())
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QVariant KnownEventsModel::eventData(const Node &node, int column) const
{
    switch (column) {
    case NameColumn:
        return node.eventType;
    case TypeColumn:
        return node.urlKey;
    case RequiredColumn:
        return QString();
    case DescriptionColumn:
        return node.description;
    }
    return {};
}

QVariant KnownEventsModel::fieldData(const Node &node, int column) const
{
    switch (column) {
    case NameColumn:
        return node.field.key;
    case TypeColumn:
        return node.field.doc.typeText();
    case RequiredColumn:
        return node.field.doc.required ? u"required"_s : u"optional"_s;
    case DescriptionColumn:
        return node.field.doc.description;
    }
    return {};
}

QVariant KnownEventsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &node = m_nodes[size_t(index.internalId())];
    switch (role) {
    case Qt::DisplayRole:
        return node.isEvent ? eventData(node, index.column()) : fieldData(node, index.column());
    case Qt::ToolTipRole:
        return node.isEvent
            ? u"%1\nURL key: %2\nSource: %3"_s.arg(node.description, node.urlKey, node.source)
            : node.field.doc.text();
    case ModelRoles::EventTypeRole:
        return node.eventType;
    case ModelRoles::PointerRole:
        return node.isEvent ? QVariant() : QVariant(node.field.pointer);
    case ModelRoles::DocumentationRole:
        return node.isEvent ? node.description : node.field.doc.text();
    case ModelRoles::SchemaTypeRole:
        return node.isEvent ? QVariant() : QVariant(node.field.doc.typeText());
    case ModelRoles::DescriptionRole:
        return node.isEvent ? node.description : node.field.doc.description;
    }
    return {};
}

QVariant KnownEventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const QStringList titles { u"Event or field"_s, u"URL key or type"_s, u"Required"_s,
                                      u"Description"_s };
    return titles.value(section);
}

QModelIndex KnownEventsModel::indexOfEvent(const QString &eventType) const
{
    for (int id : m_events) {
        if (m_nodes[size_t(id)].eventType == eventType)
            return createIndex(m_nodes[size_t(id)].row, 0, quintptr(id));
    }
    return {};
}
