#include "jsondiff.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace {

using Pairs = std::vector<std::pair<int, int>>;

std::vector<int> childrenOf(const JsonDocument &document, int id)
{
    std::vector<int> ids;
    if (id < 0 || !document.isContainer(id))
        return ids;
    ids.reserve(size_t(document.node(id).count));
    for (int child = document.firstChild(id); child >= 0; child = document.nextSibling(child))
        ids.push_back(child);
    return ids;
}

std::string_view nameOf(const JsonDocument &document, int id)
{
    const QByteArrayView name = document.keyUtf8(id);
    return { name.data(), size_t(name.size()) };
}

Pairs byIndex(const std::vector<int> &left, const std::vector<int> &right)
{
    Pairs pairs(std::max(left.size(), right.size()), { -1, -1 });
    for (size_t i = 0; i < left.size(); ++i)
        pairs[i].first = left[i];
    for (size_t i = 0; i < right.size(); ++i)
        pairs[i].second = right[i];
    return pairs;
}

bool sameNames(const JsonDocument &leftDocument, const std::vector<int> &left,
               const JsonDocument &rightDocument, const std::vector<int> &right)
{
    if (left.size() != right.size())
        return false;
    for (size_t i = 0; i < left.size(); ++i) {
        if (nameOf(leftDocument, left[i]) != nameOf(rightDocument, right[i]))
            return false;
    }
    return true;
}

// The n-th member of a name on the left pairs with the n-th of that name on the right. Members
// only the right has are anchored after the left member their predecessor on the right pairs
// with (or at the front), so both senders' orders show through.
Pairs byName(const JsonDocument &leftDocument, const std::vector<int> &left,
             const JsonDocument &rightDocument, const std::vector<int> &right)
{
    if (sameNames(leftDocument, left, rightDocument, right))
        return byIndex(left, right); // the usual case: the same sender, the same members
    std::unordered_map<std::string_view, std::vector<size_t>> rightRows;
    for (size_t j = 0; j < right.size(); ++j)
        rightRows[nameOf(rightDocument, right[j])].push_back(j);
    std::unordered_map<std::string_view, size_t> seen;
    std::vector<int> partnerOfRight(right.size(), -1); // right row -> left row
    std::vector<int> partnerOfLeft(left.size(), -1); // left row -> right node
    for (size_t i = 0; i < left.size(); ++i) {
        const auto found = rightRows.find(nameOf(leftDocument, left[i]));
        if (found == rightRows.end())
            continue;
        const size_t occurrence = seen[found->first]++;
        if (occurrence < found->second.size()) {
            const size_t j = found->second[occurrence];
            partnerOfRight[j] = int(i);
            partnerOfLeft[i] = right[j];
        }
    }
    std::vector<std::vector<int>> after(left.size() + 1); // slot 0: the front; i + 1: after row i
    size_t slot = 0;
    for (size_t j = 0; j < right.size(); ++j) {
        if (partnerOfRight[j] >= 0)
            slot = size_t(partnerOfRight[j]) + 1;
        else
            after[slot].push_back(right[j]);
    }
    // Between two members both sides have, the left's own members (removed) come first, then
    // the right's (added), as a line diff shows a replaced stretch.
    Pairs pairs;
    pairs.reserve(left.size() + right.size());
    const auto flush = [&pairs](const std::vector<int> &added) {
        for (int r : added)
            pairs.emplace_back(-1, r);
    };
    const std::vector<int> *pending = &after[0];
    for (size_t i = 0; i < left.size(); ++i) {
        if (partnerOfLeft[i] >= 0) {
            flush(*pending);
            pending = &after[i + 1];
        }
        pairs.emplace_back(left[i], partnerOfLeft[i]);
    }
    flush(*pending);
    return pairs;
}

bool sameValue(const JsonDocument &left, int leftId, const JsonDocument &right, int rightId)
{
    if (left.raw(leftId) == right.raw(rightId))
        return true;
    switch (left.type(leftId)) {
    case JsonDocument::Type::Number:
        return left.number(leftId) == right.number(rightId); // exact, any length
    case JsonDocument::Type::String:
        return left.stringUtf8(leftId) == right.stringUtf8(rightId);
    case JsonDocument::Type::Bool:
        return left.boolean(leftId) == right.boolean(rightId);
    default:
        return true; // null
    }
}

// Walks the union of both trees depth-first with an explicit stack. A pointer is spelled out
// only for a difference, from the stack, so equal members cost no string work.
class Walker
{
public:
    Walker(const JsonDocument &left, const JsonDocument &right)
        : m_left(left)
        , m_right(right)
    { }

    QList<DiffEntry> run()
    {
        visit(m_left.isValid() ? 0 : -1, m_right.isValid() ? 0 : -1);
        while (!m_stack.empty())
            step();
        return std::move(m_entries);
    }

private:
    struct Frame
    {
        Pairs members;
        size_t next = 0;
        bool object = false;
    };

    void visit(int left, int right)
    {
        const DiffKind kind = JsonDiff::shallowKind(m_left, left, m_right, right);
        if (kind != DiffKind::Same) {
            m_entries.append(DiffEntry { pointer(), kind, {}, {}, left, right });
            return;
        }
        if (left >= 0 && m_left.isContainer(left)) {
            m_stack.push_back(Frame { JsonDiff::memberPairs(m_left, left, m_right, right), 0,
                                      m_left.type(left) == JsonDocument::Type::Object });
        }
    }

    void step()
    {
        Frame &frame = m_stack.back();
        if (frame.next == frame.members.size()) {
            m_stack.pop_back();
            return;
        }
        // visit() may grow m_stack and so invalidate `frame`: take the pair first.
        const auto [left, right] = frame.members[frame.next++];
        visit(left, right);
    }

    QString pointer() const
    {
        QString path;
        for (const Frame &frame : m_stack) {
            path += u'/';
            const auto [left, right] = frame.members[frame.next - 1];
            path += frame.object
                ? JsonDiff::escapeToken(left >= 0 ? m_left.key(left) : m_right.key(right))
                : QString::number(frame.next - 1);
        }
        return path;
    }

    const JsonDocument &m_left;
    const JsonDocument &m_right;
    std::vector<Frame> m_stack;
    QList<DiffEntry> m_entries;
};

} // namespace

QList<DiffEntry> diffJson(const JsonDocument &left, const JsonDocument &right)
{
    return Walker(left, right).run();
}

QString diffKindName(DiffKind kind)
{
    switch (kind) {
    case DiffKind::Same:
        return u"same"_s;
    case DiffKind::Added:
        return u"added"_s;
    case DiffKind::Removed:
        return u"removed"_s;
    case DiffKind::Changed:
        return u"changed"_s;
    case DiffKind::TypeChanged:
        return u"type changed"_s;
    }
    return {};
}

namespace JsonDiff {

std::vector<std::pair<int, int>> memberPairs(const JsonDocument &left, int leftId,
                                             const JsonDocument &right, int rightId)
{
    const std::vector<int> leftMembers = childrenOf(left, leftId);
    const std::vector<int> rightMembers = childrenOf(right, rightId);
    const bool bothContainers = leftId >= 0 && rightId >= 0 && left.isContainer(leftId)
        && left.type(leftId) == right.type(rightId);
    if (bothContainers && left.type(leftId) == JsonDocument::Type::Object)
        return byName(left, leftMembers, right, rightMembers);
    if (bothContainers)
        return byIndex(leftMembers, rightMembers);
    // Different types (or one side only): the left's members as removed, then the right's.
    Pairs pairs;
    pairs.reserve(leftMembers.size() + rightMembers.size());
    for (int id : leftMembers)
        pairs.emplace_back(id, -1);
    for (int id : rightMembers)
        pairs.emplace_back(-1, id);
    return pairs;
}

DiffKind shallowKind(const JsonDocument &left, int leftId, const JsonDocument &right, int rightId)
{
    if (leftId < 0 || rightId < 0) {
        if (leftId == rightId)
            return DiffKind::Same;
        return leftId < 0 ? DiffKind::Added : DiffKind::Removed;
    }
    if (left.type(leftId) != right.type(rightId))
        return DiffKind::TypeChanged;
    if (left.isContainer(leftId))
        return DiffKind::Same;
    return sameValue(left, leftId, right, rightId) ? DiffKind::Same : DiffKind::Changed;
}

bool sameButWrittenDifferently(const JsonDocument &left, int leftId, const JsonDocument &right,
                               int rightId)
{
    return leftId >= 0 && rightId >= 0 && !left.isContainer(leftId)
        && shallowKind(left, leftId, right, rightId) == DiffKind::Same
        && left.raw(leftId) != right.raw(rightId);
}

QString escapeToken(const QString &key)
{
    const auto special = [](QChar c) {
        return c == u'~' || c == u'/';
    };
    if (std::none_of(key.cbegin(), key.cend(), special))
        return key;
    QString token = key;
    return token.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
}

} // namespace JsonDiff
