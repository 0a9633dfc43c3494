#pragma once

#include "event/violation.h"
#include "json/jsondocument.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

// The nodes behind JsonTreeModel: a flat vector with parent indexes, so parent() and row are
// O(1). Children are created only when a node is first opened, and containers with more than
// kGroupSize members are split into range groups ("[0 … 999]"), so a million-element array
// costs a thousand nodes until someone opens a group. Rows come from a JsonDocument, so they
// are in the order sent, a duplicate member is a row of its own, and scalars keep their text.
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
        int json = -1; // the JsonDocument node shown (for a range group: its container)
        QString pointer; // RFC 6901; for a range group, its container's pointer
        int rangeBegin = 0; // for a range group: the members it holds
        int rangeEnd = 0;
        bool populated = false;
        std::vector<int> children;
    };

    JsonTree();
    // document may be null or invalid: an empty tree.
    void reset(std::shared_ptr<const JsonDocument> document, const Violations &violations);
    const JsonDocument &document() const { return *m_document; }

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
    void addMembers(int id, int container, int begin, int end);
    void addRangeGroups(int id, int memberCount);
    void addMissingRequired(int id);
    int addNode(Node node);
    int memberCount(int json) const;
    bool isScalarRoot(int id) const;

    std::shared_ptr<const JsonDocument> m_document;
    std::vector<Node> m_nodes;
    Violations m_violations;
    QHash<QString, QList<int>> m_violationsByPointer;
    QHash<QString, QStringList> m_missingByParent; // pointer -> names of missing required members
};
