#pragma once

#include <QAbstractItemModel>

#include <utility>

// The tree-walking half of every tree model (JsonTreeModel, DiffModel): index(), parent(),
// rowCount(), hasChildren() and flags() over a node tree kept in a flat vector, so a model
// built on it writes only data() and headerData().
//
// Tree addresses its nodes by int id, 0 being the invisible root, and provides:
//   node(id).parent, node(id).row  O(1), so parent() is a lookup, never a search
//   childCount(id), child(id, row) may create the children on first call (lazy trees)
//   hasChildren(id) const          must not create them (views ask it of every row)
//   reset(...)                     new contents
// A model index holds its node id as internalId.
//
// Not a Q_OBJECT itself (moc does not read templates); the model deriving from it is.
template<typename Tree> class TreeModel : public QAbstractItemModel
{
public:
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override
    {
        if (column < 0 || column >= m_columnCount || (parent.isValid() && parent.column() != 0))
            return {};
        const int id = m_tree.child(nodeId(parent), row);
        return id < 0 ? QModelIndex() : createIndex(row, column, quintptr(id));
    }

    QModelIndex parent(const QModelIndex &child) const override
    {
        return child.isValid() ? indexOfNode(m_tree.node(nodeId(child)).parent) : QModelIndex();
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        if (parent.isValid() && parent.column() != 0)
            return 0;
        return m_tree.childCount(nodeId(parent));
    }

    int columnCount(const QModelIndex & = {}) const override { return m_columnCount; }

    bool hasChildren(const QModelIndex &parent = {}) const override
    {
        if (parent.isValid() && parent.column() != 0)
            return false;
        return m_tree.hasChildren(nodeId(parent));
    }

    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        if (!index.isValid())
            return Qt::NoItemFlags;
        Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
        if (!m_tree.hasChildren(nodeId(index)))
            flags |= Qt::ItemNeverHasChildren; // views skip the branch indicator and the check
        return flags;
    }

protected:
    TreeModel(int columnCount, QObject *parent)
        : QAbstractItemModel(parent)
        , m_columnCount(columnCount)
    { }

    int nodeId(const QModelIndex &index) const
    {
        return index.isValid() ? int(index.internalId()) : 0;
    }

    // Column 0 of a node; invalid for the root.
    QModelIndex indexOfNode(int id) const
    {
        return id <= 0 ? QModelIndex() : createIndex(m_tree.node(id).row, 0, quintptr(id));
    }

    // New contents, as one model reset (the only structural signal: lazy population is silent).
    template<typename... Args> void resetTree(Args &&...args)
    {
        beginResetModel();
        m_tree.reset(std::forward<Args>(args)...);
        endResetModel();
    }

    // Mutable: creating children on demand is not a change a view can see.
    mutable Tree m_tree;

private:
    int m_columnCount;
};
