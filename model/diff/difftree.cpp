#include "difftree.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool isContainer(const QJsonValue &value)
{
    return value.isObject() || value.isArray();
}

int sideSize(const QJsonValue &value)
{
    if (value.isObject())
        return int(value.toObject().size());
    return value.isArray() ? int(value.toArray().size()) : 0;
}

// Does `pointer`, known to lie under a node whose pointer has `parentLength` characters, lie
// under (or at) that node's member `token`?
bool underToken(const QString &pointer, int parentLength, const QString &token)
{
    const qsizetype tokenEnd = parentLength + 1 + token.size();
    if (pointer.size() < tokenEnd || pointer.at(parentLength) != u'/')
        return false;
    if (QStringView(pointer).sliced(parentLength + 1, token.size()) != token)
        return false;
    return pointer.size() == tokenEnd || pointer.at(tokenEnd) == u'/';
}

DiffTree::Members membersOfInherited(DiffKind kind)
{
    return kind == DiffKind::Added ? DiffTree::Members::RightOnly : DiffTree::Members::LeftOnly;
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
        body.left = m_diff.leftBody;
        body.right = m_diff.rightBody;
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
    node.isDifference =
        hasEntries && entry(node.entryBegin).pointer.size() == qsizetype(node.pointerLength);
    node.kind = node.isDifference ? entry(node.entryBegin).kind
        : hasEntries              ? DiffKind::Changed
                                  : DiffKind::Same;
    if (!node.isDifference) {
        node.members = isContainer(node.left) ? Members::Union : Members::None;
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
        return sideSize(n.left) > 0;
    case Members::RightOnly:
        return sideSize(n.right) > 0;
    case Members::Union:
    case Members::Separately:
        return sideSize(n.left) + sideSize(n.right) > 0;
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
    if (container.members == Members::Union && container.left.isObject())
        container.unionKeys =
            JsonDiff::unionKeys(container.left.toObject(), container.right.toObject());
    const int count = memberCount(container);
    if (count > kGroupSize)
        addRangeGroups(id, count);
    else
        addMembers(id, id, 0, count);
}

int DiffTree::memberCount(const Node &container) const
{
    switch (container.members) {
    case Members::None:
        return 0;
    case Members::Union:
        if (container.left.isObject())
            return int(container.unionKeys.size());
        return std::max(sideSize(container.left), sideSize(container.right));
    case Members::LeftOnly:
        return sideSize(container.left);
    case Members::RightOnly:
        return sideSize(container.right);
    case Members::Separately:
        return sideSize(container.left) + sideSize(container.right);
    }
    return 0;
}

namespace {

// Member `index` of one side's container, as (key, token, value).
void sideMember(const QJsonValue &side, int index, QString &key, QString &token, QJsonValue &value)
{
    if (side.isObject()) {
        const QJsonObject object = side.toObject();
        const auto it = object.constBegin() + index;
        key = it.key();
        token = JsonDiff::escapeToken(key);
        value = it.value();
        return;
    }
    token = QString::number(index);
    key = u'[' + token + u']';
    value = side.toArray().at(index);
}

QJsonValue arrayMemberOrUndefined(const QJsonValue &side, int index)
{
    const QJsonArray array = side.toArray();
    return index < array.size() ? array.at(index) : QJsonValue(QJsonValue::Undefined);
}

} // namespace

DiffTree::Member DiffTree::memberAt(const Node &container, int index) const
{
    Member member;
    switch (container.members) {
    case Members::Union:
        if (container.left.isObject()) {
            member.key = container.unionKeys.at(index);
            member.token = JsonDiff::escapeToken(member.key);
            member.left = container.left.toObject().value(member.key);
            member.right = container.right.toObject().value(member.key);
        } else {
            member.token = QString::number(index);
            member.key = u'[' + member.token + u']';
            member.left = arrayMemberOrUndefined(container.left, index);
            member.right = arrayMemberOrUndefined(container.right, index);
        }
        break;
    case Members::LeftOnly:
        member.inheritedKind = DiffKind::Removed;
        sideMember(container.left, index, member.key, member.token, member.left);
        break;
    case Members::RightOnly:
        member.inheritedKind = DiffKind::Added;
        sideMember(container.right, index, member.key, member.token, member.right);
        break;
    case Members::Separately: {
        const int leftSize = sideSize(container.left);
        if (index < leftSize) {
            member.inheritedKind = DiffKind::Removed;
            sideMember(container.left, index, member.key, member.token, member.left);
        } else {
            member.inheritedKind = DiffKind::Added;
            sideMember(container.right, index - leftSize, member.key, member.token, member.right);
        }
        break;
    }
    case Members::None:
        break;
    }
    if (member.inheritedKind != DiffKind::Same) {
        // The absent side stays Undefined, as in DiffEntry.
        (member.inheritedKind == DiffKind::Added ? member.left : member.right) =
            QJsonValue(QJsonValue::Undefined);
    }
    return member;
}

int DiffTree::scanEntries(int cursor, int end, int parentLength, const QString &token) const
{
    while (cursor < end && underToken(entry(cursor).pointer, parentLength, token))
        ++cursor;
    return cursor;
}

void DiffTree::addRangeGroups(int id, int count)
{
    const Node &container = node(id);
    const bool isArray = (container.left.isArray() || container.right.isArray())
        && !(container.left.isObject() || container.right.isObject());
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
                cursor = scanEntries(cursor, owner.entryEnd, owner.pointerLength,
                                     memberAt(owner, i).token);
            group.entryEnd = cursor;
            group.kind = cursor > group.entryBegin ? DiffKind::Changed : DiffKind::Same;
        } else {
            group.entryBegin = group.entryEnd = owner.entryEnd;
            group.kind = memberAt(owner, begin).inheritedKind;
            group.inherited = true;
        }
        addNode(std::move(group));
    }
}

void DiffTree::addMembers(int id, int containerId, int begin, int end)
{
    int cursor = node(id).entryBegin;
    for (int i = begin; i < end; ++i) {
        const Node &owner = node(id);
        const Node &container = node(containerId);
        Member member = memberAt(container, i);
        Node child { .parent = id,
                     .type = NodeType::Json,
                     .key = std::move(member.key),
                     .token = std::move(member.token),
                     .left = std::move(member.left),
                     .right = std::move(member.right) };
        child.pointerLength = container.pointerLength + 1 + int(child.token.size());
        if (container.members == Members::Union) {
            child.entryBegin = cursor;
            if (cursor < owner.entryEnd)
                cursor = scanEntries(cursor, owner.entryEnd, container.pointerLength, child.token);
            child.entryEnd = cursor;
            classify(child);
        } else {
            child.entryBegin = child.entryEnd = owner.entryEnd;
            child.kind = member.inheritedKind;
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
