#pragma once

#include "eventdiff.h"

#include <vector>

// The nodes behind DiffModel: the union of both events' trees in a flat vector with parent
// indexes, so parent() and row are O(1). JSON members are created only when their container is
// first opened, and containers with more than kGroupSize members are split into range groups.
//
// Every node knows the slice [entryBegin, entryEnd) of the differences (in display order) that
// lie in its subtree, entryBegin being the number of differences shown above it. A container's
// slice is split among its children by one scan that asks whether each difference's node lies in
// the child's subtree (an id range of the JsonDocument, so duplicate members, which share a
// pointer, stay apart), so opening a node costs its member count, and finding the node of
// difference k costs one binary search per level. Members come in JsonDiff::memberPairs order,
// the order diffJson() reports differences in.
class DiffTree
{
public:
    static constexpr int kGroupSize = 1000;

    enum class NodeType : quint8 { Root, Section, Field, Body, Json, Range };
    // Where a container's children come from.
    enum class Members : quint8 {
        None,
        Union, // both sides, same container type: member by member
        LeftOnly, // removed (or inside something removed): the left side's members
        RightOnly, // added: the right side's members
        Separately, // type changed: the left's members as removed, then the right's as added
    };

    struct Node
    {
        int parent = -1;
        int row = 0;
        NodeType type = NodeType::Root;
        DiffKind kind = DiffKind::Same;
        Members members = Members::None;
        bool isDifference = false; // the node is difference number entryBegin
        bool inherited = false; // kind comes from an added/removed/type-changed ancestor
        QString key {}; // shown name: section title, header name, member name, "[3]", "[0 … 999]"
        QString token {}; // JSON members: RFC 6901 reference token
        QJsonValue left {}; // Field rows (request line, headers): the texts
        QJsonValue right {};
        int leftJson = -1; // Json rows: the node in diff().leftBody, -1 where the side has none
        int rightJson = -1;
        int pointerLength = 0; // JSON nodes: length of the node's JSON Pointer
        int entryBegin = 0;
        int entryEnd = 0;
        int rangeBegin = 0; // range groups: members [rangeBegin, rangeEnd) of the parent
        int rangeEnd = 0;
        bool populated = false;
        std::vector<std::pair<int, int>> memberPairs {}; // opened containers: JsonDiff::memberPairs
        std::vector<int> children {};
    };

    DiffTree();
    void reset(EventDiff diff);

    const EventDiff &diff() const { return m_diff; }
    const JsonDocument &leftBody() const { return *m_diff.leftBody; }
    const JsonDocument &rightBody() const { return *m_diff.rightBody; }
    const Node &node(int id) const { return m_nodes[size_t(id)]; }
    int childCount(int id); // populates on first call
    int child(int id, int row); // populates on first call
    bool hasChildren(int id) const; // without populating
    int entryCount() const { return int(m_entries.size()); }
    const DiffEntry &entry(int k) const { return m_entries.at(k); }
    // The node showing difference k, opening its ancestors; -1 if out of range.
    int nodeOfEntry(int k);
    // The JSON Pointer of a body node, the header name of a header row, "" otherwise.
    QString pointer(int id) const;
    qsizetype nodeCount() const { return qsizetype(m_nodes.size()); }

private:
    void addSections();
    void addRows(int sectionId, const QList<DiffEntry> &rows, int &cursor);
    void addBody(int sectionId, int cursor);
    void populate(int id);
    void addRangeGroups(int id, int count);
    void addMembers(int id, int containerId, int begin, int end);
    void nameMember(Node &member) const;
    bool inSubtree(const DiffEntry &entry, int leftJson, int rightJson) const;
    int scanEntries(int cursor, int end, std::pair<int, int> member) const;
    void classify(Node &node) const;
    int addNode(Node node);

    EventDiff m_diff;
    QList<DiffEntry> m_entries; // every difference, in display order
    std::vector<Node> m_nodes;
};
