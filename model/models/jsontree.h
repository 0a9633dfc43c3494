#pragma once

#include "event/violation.h"

#include <QHash>
#include <QJsonValue>
#include <QString>

#include <vector>

// The nodes behind JsonTreeModel: a flat vector with parent indexes, so parent() and row are
// O(1). Children are created only when a node is first opened, and containers with more than
// kGroupSize members are split into range groups ("[0 … 999]"), so a million-element array
// costs a thousand nodes until someone opens a group.
class JsonTree
{
public:
    static constexpr int kGroupSize = 1000;

    enum class Kind : quint8 { Value, Range, Missing };

    struct Node
    {
        int parent = -1;
        int row = 0;
        Kind kind = Kind::Value;
        QString key; // member name, "[n]" for array elements, "[a … b]" for range groups
        QJsonValue value;
        QString pointer; // RFC 6901; for a range group, its container's pointer
        int rangeBegin = 0; // for a range group: the members it holds
        int rangeEnd = 0;
        bool populated = false;
        std::vector<int> children;
    };

    JsonTree();
    void reset(const QJsonValue &root, const Violations &violations);

    const Node &node(int id) const { return m_nodes[size_t(id)]; }
    int childCount(int id); // populates on first call
    int child(int id, int row); // populates on first call
    bool hasChildren(int id) const; // without populating
    const QList<int> &violationsAt(const QString &pointer) const;
    const Violations &violations() const { return m_violations; }
    qsizetype nodeCount() const { return qsizetype(m_nodes.size()); }

    static QString escapePointerToken(const QString &key);

private:
    void populate(int id);
    void addMembers(int id, const QJsonValue &container, int begin, int end);
    void addRangeGroups(int id, int memberCount);
    void addMissingRequired(int id);
    int addNode(Node node);
    static int memberCount(const QJsonValue &value);

    std::vector<Node> m_nodes;
    Violations m_violations;
    QHash<QString, QList<int>> m_violationsByPointer;
    QHash<QString, QStringList> m_missingByParent; // pointer -> names of missing required members
};
