#include "jsontree.h"

#include <QJsonArray>
#include <QJsonObject>

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
    reset(QJsonValue(), {});
}

QString JsonTree::escapePointerToken(const QString &key)
{
    QString token = key;
    return token.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
}

void JsonTree::reset(const QJsonValue &root, const Violations &violations)
{
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
    rootNode.value = root;
    m_nodes.push_back(rootNode);
}

const QList<int> &JsonTree::violationsAt(const QString &pointer) const
{
    static const QList<int> none;
    const auto found = m_violationsByPointer.constFind(pointer);
    return found == m_violationsByPointer.cend() ? none : *found;
}

int JsonTree::memberCount(const QJsonValue &value)
{
    if (value.isObject())
        return int(value.toObject().size());
    if (value.isArray())
        return int(value.toArray().size());
    return 0;
}

bool JsonTree::hasChildren(int id) const
{
    const Node &n = node(id);
    if (n.populated)
        return !n.children.empty();
    if (n.kind == Kind::Range)
        return true;
    return memberCount(n.value) > 0 || m_missingByParent.contains(n.pointer);
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
        addMembers(id, n.value, n.rangeBegin, n.rangeEnd);
        return;
    }
    const int count = memberCount(n.value);
    if (count > kGroupSize)
        addRangeGroups(id, count);
    else
        addMembers(id, n.value, 0, count);
    addMissingRequired(id);
}

void JsonTree::addRangeGroups(int id, int count)
{
    const Node &container = node(id);
    const QJsonValue value = container.value;
    const QString pointer = container.pointer;
    for (int begin = 0; begin < count; begin += kGroupSize) {
        Node group;
        group.parent = id;
        group.kind = Kind::Range;
        group.value = value;
        group.pointer = pointer;
        group.rangeBegin = begin;
        group.rangeEnd = std::min(count, begin + kGroupSize);
        group.key = u"[%1 … %2]"_s.arg(begin).arg(group.rangeEnd - 1);
        addNode(std::move(group));
    }
}

void JsonTree::addMembers(int id, const QJsonValue &container, int begin, int end)
{
    const QString base = node(id).pointer;
    if (container.isArray()) {
        const QJsonArray array = container.toArray();
        for (int i = begin; i < end; ++i) {
            Node member { .parent = id,
                          .key = u"[%1]"_s.arg(i),
                          .value = array.at(i),
                          .pointer = base + u'/' + QString::number(i) };
            addNode(std::move(member));
        }
        return;
    }
    const QJsonObject object = container.toObject();
    auto it = object.constBegin() + begin;
    for (int i = begin; i < end; ++i, ++it) {
        Node member { .parent = id,
                      .key = it.key(),
                      .value = it.value(),
                      .pointer = base + u'/' + escapePointerToken(it.key()) };
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
