#include "jsontree.h"

using namespace Qt::StringLiterals;

namespace {
QString parentPointer(const QString &pointer)
{
    const qsizetype slash = pointer.lastIndexOf(u'/');
    return slash <= 0 ? QString() : pointer.left(slash);
}

QString lastToken(const QString &pointer)
{
    QString token = pointer.mid(pointer.lastIndexOf(u'/') + 1);
    return token.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
}
} // namespace

JsonTree::JsonTree()
{
    reset(nullptr, {});
}

QString JsonTree::escapePointerToken(const QString &key)
{
    QString token = key;
    return token.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
}

void JsonTree::reset(std::shared_ptr<const JsonDocument> document, const Violations &violations)
{
    static const auto empty = std::make_shared<const JsonDocument>();
    m_document = document ? std::move(document) : empty;
    m_nodes.clear();
    m_violations = violations;
    m_violationsByPointer.clear();
    m_missingByParent.clear();
    for (int i = 0; i < violations.size(); ++i) {
        const Violation &v = violations.at(i);
        m_violationsByPointer[v.pointer].append(i);
        if (v.keyword == u"required"_s && !v.pointer.isEmpty())
            m_missingByParent[parentPointer(v.pointer)].append(lastToken(v.pointer));
    }
    Node rootNode;
    rootNode.json = m_document->isValid() ? 0 : -1;
    m_nodes.push_back(rootNode);
}

const QList<int> &JsonTree::violationsAt(const QString &pointer) const
{
    static const QList<int> none;
    const auto found = m_violationsByPointer.constFind(pointer);
    return found == m_violationsByPointer.cend() ? none : *found;
}

bool JsonTree::isScalarRoot(int id) const
{
    return id == 0 && node(0).json == 0 && !m_document->isContainer(0);
}

int JsonTree::memberCount(int json) const
{
    return json >= 0 ? m_document->node(json).count : 0;
}

bool JsonTree::hasChildren(int id) const
{
    const Node &n = node(id);
    if (n.populated)
        return !n.children.empty();
    if (n.kind == Kind::Range)
        return true;
    return memberCount(n.json) > 0 || m_missingByParent.contains(n.pointer) || isScalarRoot(id);
}

int JsonTree::childCount(int id)
{
    populate(id);
    return int(node(id).children.size());
}

int JsonTree::child(int id, int row)
{
    populate(id);
    const auto &children = node(id).children;
    return row >= 0 && size_t(row) < children.size() ? children[size_t(row)] : -1;
}

int JsonTree::addNode(Node n)
{
    Node &parentNode = m_nodes[size_t(n.parent)];
    n.row = int(parentNode.children.size());
    const int id = int(m_nodes.size());
    parentNode.children.push_back(id);
    m_nodes.push_back(std::move(n));
    return id;
}

void JsonTree::populate(int id)
{
    if (m_nodes[size_t(id)].populated)
        return;
    m_nodes[size_t(id)].populated = true;
    const Node n = m_nodes[size_t(id)];
    if (n.kind == Kind::Range) {
        addMembers(id, n.json, n.rangeBegin, n.rangeEnd);
        return;
    }
    if (isScalarRoot(id)) {
        // A bare scalar body (42, "x", null) is one row, the body itself.
        addNode(Node { .parent = 0, .key = u"(body)"_s, .json = 0 });
        return;
    }
    const int count = memberCount(n.json);
    if (count > kGroupSize)
        addRangeGroups(id, count);
    else if (count > 0)
        addMembers(id, n.json, 0, count);
    addMissingRequired(id);
}

void JsonTree::addRangeGroups(int id, int count)
{
    const Node &container = node(id);
    const int json = container.json;
    const QString pointer = container.pointer;
    for (int begin = 0; begin < count; begin += kGroupSize) {
        Node group;
        group.parent = id;
        group.kind = Kind::Range;
        group.json = json;
        group.pointer = pointer;
        group.rangeBegin = begin;
        group.rangeEnd = std::min(count, begin + kGroupSize);
        group.key = u"[%1 … %2]"_s.arg(begin).arg(group.rangeEnd - 1);
        addNode(std::move(group));
    }
}

// Members in document order; duplicates share a pointer, as the JSON Pointer of either would.
void JsonTree::addMembers(int id, int container, int begin, int end)
{
    const QString base = node(id).pointer;
    const JsonDocument &document = *m_document;
    const bool object = document.type(container) == JsonDocument::Type::Object;
    int child = document.firstChild(container);
    for (int i = 0; i < begin; ++i)
        child = document.nextSibling(child);
    for (int i = begin; i < end && child >= 0; ++i, child = document.nextSibling(child)) {
        Node member { .parent = id, .json = child };
        if (object) {
            member.key = document.key(child);
            member.pointer = base + u'/' + escapePointerToken(member.key);
        } else {
            member.key = u"[%1]"_s.arg(i);
            member.pointer = base + u'/' + QString::number(i);
        }
        addNode(std::move(member));
    }
}

void JsonTree::addMissingRequired(int id)
{
    const QString pointer = node(id).pointer;
    for (const QString &name : m_missingByParent.value(pointer)) {
        Node missing { .parent = id,
                       .kind = Kind::Missing,
                       .key = name,
                       .pointer = pointer + u'/' + escapePointerToken(name) };
        addNode(std::move(missing));
    }
}
