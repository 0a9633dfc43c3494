#include "difftree.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

DiffTree::Members membersOfInherited(DiffKind kind)
{
    return kind == DiffKind::Added ? DiffTree::Members::RightOnly : DiffTree::Members::LeftOnly;
}

int memberCountOf(const JsonDocument &document, int id)
{
    return id >= 0 ? document.node(id).count : 0;
}

} // namespace

DiffTree::DiffTree()
{
    reset({});
}

void DiffTree::reset(EventDiff diff)
{
    m_diff = std::move(diff);
    m_entries = m_diff.differences();
    m_nodes.clear();
    Node root;
    root.populated = true;
    root.entryEnd = entryCount();
    m_nodes.push_back(std::move(root));
    if (!m_diff.requestRows.isEmpty())
        addSections();
}

void DiffTree::addSections()
{
    int cursor = 0;
    Node request { .type = NodeType::Section, .key = u"Request"_s, .populated = true };
    const int requestId = addNode(std::move(request));
    addRows(requestId, m_diff.requestRows, cursor);
    Node headers { .type = NodeType::Section, .key = u"Headers"_s, .populated = true };
    const int headersId = addNode(std::move(headers));
    addRows(headersId, m_diff.headerRows, cursor);
    addBody(0, cursor);
}

void DiffTree::addRows(int sectionId, const QList<DiffEntry> &rows, int &cursor)
{
    m_nodes[size_t(sectionId)].entryBegin = cursor;
    for (const DiffEntry &row : rows) {
        const bool differs = row.kind != DiffKind::Same;
        Node field { .parent = sectionId,
                     .type = NodeType::Field,
                     .kind = row.kind,
                     .isDifference = differs,
                     .key = row.pointer,
                     .token = row.pointer,
                     .left = row.left,
                     .right = row.right,
                     .entryBegin = cursor,
                     .entryEnd = cursor + (differs ? 1 : 0),
                     .populated = true };
        cursor = field.entryEnd;
        addNode(std::move(field));
    }
    Node &section = m_nodes[size_t(sectionId)];
    section.entryEnd = cursor;
    section.kind = section.entryEnd > section.entryBegin ? DiffKind::Changed : DiffKind::Same;
}

void DiffTree::addBody(int parentId, int cursor)
{
    Node body {
        .parent = parentId, .key = u"Body"_s, .entryBegin = cursor, .entryEnd = entryCount()
    };
    if (m_diff.bodyMode == EventDiff::BodyMode::Json) {
        body.type = NodeType::Json;
        body.leftJson = leftBody().isValid() ? 0 : -1;
        body.rightJson = rightBody().isValid() ? 0 : -1;
        classify(body);
    } else {
        body.type = NodeType::Body;
        body.populated = true;
        body.isDifference = body.entryEnd > body.entryBegin;
        body.kind = body.isDifference ? entry(body.entryBegin).kind : DiffKind::Same;
    }
    addNode(std::move(body));
}

int DiffTree::addNode(Node node)
{
    const int id = int(m_nodes.size());
    if (node.parent < 0)
        node.parent = 0;
    Node &parent = m_nodes[size_t(node.parent)];
    node.row = int(parent.children.size());
    parent.children.push_back(id);
    m_nodes.push_back(std::move(node));
    return id;
}

// Kind and member source of a node under a Union container, from its slice of differences.
void DiffTree::classify(Node &node) const
{
    const bool hasEntries = node.entryEnd > node.entryBegin;
    node.isDifference = hasEntries && entry(node.entryBegin).leftNode == node.leftJson
        && entry(node.entryBegin).rightNode == node.rightJson;
    node.kind = node.isDifference ? entry(node.entryBegin).kind
        : hasEntries              ? DiffKind::Changed
                                  : DiffKind::Same;
    if (!node.isDifference) {
        const bool container = node.leftJson >= 0 && leftBody().isContainer(node.leftJson);
        node.members = container ? Members::Union : Members::None;
        return;
    }
    switch (node.kind) {
    case DiffKind::Added:
        node.members = Members::RightOnly;
        break;
    case DiffKind::Removed:
        node.members = Members::LeftOnly;
        break;
    case DiffKind::TypeChanged:
        node.members = Members::Separately;
        break;
    default:
        node.members = Members::None;
    }
}

bool DiffTree::hasChildren(int id) const
{
    const Node &n = node(id);
    switch (n.type) {
    case NodeType::Root:
    case NodeType::Section:
        return !n.children.empty();
    case NodeType::Field:
    case NodeType::Body:
        return false;
    case NodeType::Range:
        return true;
    case NodeType::Json:
        break;
    }
    switch (n.members) {
    case Members::None:
        return false;
    case Members::LeftOnly:
        return memberCountOf(leftBody(), n.leftJson) > 0;
    case Members::RightOnly:
        return memberCountOf(rightBody(), n.rightJson) > 0;
    case Members::Union:
    case Members::Separately:
        return memberCountOf(leftBody(), n.leftJson) + memberCountOf(rightBody(), n.rightJson) > 0;
    }
    return false;
}

int DiffTree::childCount(int id)
{
    populate(id);
    return int(node(id).children.size());
}

int DiffTree::child(int id, int row)
{
    populate(id);
    const std::vector<int> &children = node(id).children;
    return row >= 0 && size_t(row) < children.size() ? children[size_t(row)] : -1;
}

void DiffTree::populate(int id)
{
    if (node(id).populated)
        return;
    m_nodes[size_t(id)].populated = true;
    if (node(id).type == NodeType::Range) {
        addMembers(id, node(id).parent, node(id).rangeBegin, node(id).rangeEnd);
        return;
    }
    Node &container = m_nodes[size_t(id)];
    // LeftOnly and RightOnly pass -1 for the other side; Separately has two container types:
    // memberPairs then lists the left's members, then the right's.
    const bool left = container.members != Members::RightOnly;
    const bool right = container.members != Members::LeftOnly;
    if (container.members != Members::None)
        container.memberPairs =
            JsonDiff::memberPairs(leftBody(), left ? container.leftJson : -1, rightBody(),
                                  right ? container.rightJson : -1);
    const int count = int(container.memberPairs.size());
    if (count > kGroupSize)
        addRangeGroups(id, count);
    else
        addMembers(id, id, 0, count);
}

bool DiffTree::inSubtree(const DiffEntry &e, int leftJson, int rightJson) const
{
    if (leftJson >= 0 && e.leftNode >= leftJson && e.leftNode < leftBody().node(leftJson).end)
        return true;
    return rightJson >= 0 && e.rightNode >= rightJson
        && e.rightNode < rightBody().node(rightJson).end;
}

int DiffTree::scanEntries(int cursor, int end, std::pair<int, int> member) const
{
    while (cursor < end && inSubtree(entry(cursor), member.first, member.second))
        ++cursor;
    return cursor;
}

void DiffTree::addRangeGroups(int id, int count)
{
    const Node &container = node(id);
    const bool isArray = (container.leftJson >= 0 ? leftBody().type(container.leftJson)
                                                  : rightBody().type(container.rightJson))
        == JsonDocument::Type::Array;
    const QString pattern = isArray ? u"[%1 … %2]"_s : u"{%1 … %2}"_s;
    int cursor = container.entryBegin;
    for (int begin = 0; begin < count; begin += kGroupSize) {
        const Node &owner = node(id); // addNode() may move the nodes: look again each time
        const int end = std::min(count, begin + kGroupSize);
        Node group { .parent = id,
                     .type = NodeType::Range,
                     .key = pattern.arg(begin).arg(end - 1),
                     .pointerLength = owner.pointerLength,
                     .rangeBegin = begin,
                     .rangeEnd = end };
        if (owner.members == Members::Union) {
            group.entryBegin = cursor;
            for (int i = begin; i < end && cursor < owner.entryEnd; ++i)
                cursor = scanEntries(cursor, owner.entryEnd, owner.memberPairs[size_t(i)]);
            group.entryEnd = cursor;
            group.kind = cursor > group.entryBegin ? DiffKind::Changed : DiffKind::Same;
        } else {
            group.entryBegin = group.entryEnd = owner.entryEnd;
            group.kind =
                owner.memberPairs[size_t(begin)].first >= 0 ? DiffKind::Removed : DiffKind::Added;
            group.inherited = true;
        }
        addNode(std::move(group));
    }
}

// A member's shown name and reference token: its name, or "[n]" for its index in its array.
void DiffTree::nameMember(Node &member) const
{
    const bool onLeft = member.leftJson >= 0;
    const JsonDocument &document = onLeft ? leftBody() : rightBody();
    const int json = onLeft ? member.leftJson : member.rightJson;
    if (document.isMember(json)) {
        member.key = document.key(json);
        member.token = JsonDiff::escapeToken(member.key);
    } else {
        member.token = QString::number(document.node(json).row);
        member.key = u'[' + member.token + u']';
    }
}

void DiffTree::addMembers(int id, int containerId, int begin, int end)
{
    int cursor = node(id).entryBegin;
    for (int i = begin; i < end; ++i) {
        const Node &owner = node(id);
        const Node &container = node(containerId);
        const std::pair<int, int> pair = container.memberPairs[size_t(i)];
        Node child {
            .parent = id, .type = NodeType::Json, .leftJson = pair.first, .rightJson = pair.second
        };
        nameMember(child);
        child.pointerLength = container.pointerLength + 1 + int(child.token.size());
        if (container.members == Members::Union) {
            child.entryBegin = cursor;
            if (cursor < owner.entryEnd)
                cursor = scanEntries(cursor, owner.entryEnd, pair);
            child.entryEnd = cursor;
            classify(child);
        } else {
            child.entryBegin = child.entryEnd = owner.entryEnd;
            child.kind = pair.first >= 0 ? DiffKind::Removed : DiffKind::Added;
            child.inherited = true;
            child.members = membersOfInherited(child.kind);
        }
        addNode(std::move(child));
    }
}

int DiffTree::nodeOfEntry(int k)
{
    if (k < 0 || k >= entryCount())
        return -1;
    int id = 0;
    for (;;) {
        populate(id);
        const std::vector<int> &children = node(id).children;
        const auto it = std::partition_point(children.cbegin(), children.cend(),
                                             [&](int c) { return node(c).entryEnd <= k; });
        if (it == children.cend() || node(*it).entryBegin > k)
            return -1; // cannot happen while the slices are consistent; never loop forever
        if (node(*it).isDifference && node(*it).entryBegin == k)
            return *it;
        id = *it;
    }
}

QString DiffTree::pointer(int id) const
{
    const Node &start = node(id);
    if (start.type == NodeType::Field)
        return start.token;
    if (start.type != NodeType::Json)
        return {};
    QStringList tokens;
    for (int at = id; node(at).type == NodeType::Json || node(at).type == NodeType::Range;
         at = node(at).parent) {
        if (node(at).type == NodeType::Json && node(at).pointerLength > 0)
            tokens.prepend(node(at).token);
    }
    QString pointer;
    pointer.reserve(start.pointerLength);
    for (const QString &token : std::as_const(tokens))
        pointer += u'/' + token;
    return pointer;
}
