#pragma once

#include "schema/fielddoc.h"

#include <QAbstractItemModel>

#include <vector>

class SchemaRegistry;

// Every event type a registry knows, each with its documented fields as a tree (Schemas ▸ Known
// Events): name, type, required, description, source and URL key. Built once from a registry;
// rows never change afterwards (a new registry makes a new model).
class KnownEventsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, RequiredColumn, DescriptionColumn, ColumnCount };

    explicit KnownEventsModel(const SchemaRegistry &registry, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // The row of an event type (its canonical name), invalid when unknown.
    QModelIndex indexOfEvent(const QString &eventType) const;

private:
    struct Node
    {
        int parent = -1; // -1: a top-level event row
        int row = 0;
        QString eventType;
        bool isEvent = false;
        DocumentedField field; // for field rows
        QString urlKey, source, description; // for event rows
        std::vector<int> children;
    };

    void addEvent(const SchemaRegistry &registry, const QString &eventType);
    int addNode(Node node);
    QVariant eventData(const Node &node, int column) const;
    QVariant fieldData(const Node &node, int column) const;
    const std::vector<int> &childrenOf(const QModelIndex &parent) const;

    std::vector<Node> m_nodes;
    std::vector<int> m_events; // top-level rows
};
