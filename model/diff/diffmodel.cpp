#include "diffmodel.h"

#include "json/jsonprettyprinter.h"

#include <QVariant>

using namespace Qt::StringLiterals;

namespace {

QString cut(const QString &text, qsizetype maxChars)
{
    return text.size() > maxChars ? text.first(maxChars) + u" …"_s : text;
}

QString countText(int count)
{
    return count == 1 ? u"1 difference"_s : u"%1 differences"_s.arg(count);
}

} // namespace

DiffModel::DiffModel(QObject *parent)
    : TreeModel(ColumnCount, parent)
{ }

void DiffModel::setEvents(const Event &left, const Event &right)
{
    setDiff(diffEvents(left, right));
}

void DiffModel::setDiff(EventDiff diff)
{
    resetTree(std::move(diff));
}

void DiffModel::clear()
{
    setDiff({});
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    const auto side = [](const QString &title, qint64 seq) {
        return seq > 0 ? u"%1 (#%2)"_s.arg(title).arg(seq) : title;
    };
    switch (section) {
    case FieldColumn:
        return u"Field"_s;
    case LeftColumn:
        return side(u"Left"_s, diff().leftSeq);
    case RightColumn:
        return side(u"Right"_s, diff().rightSeq);
    case ChangeColumn:
        return u"Change"_s;
    }
    return {};
}

QVariant DiffModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int id = nodeId(index);
    const DiffTree::Node &node = m_tree.node(id);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FieldColumn:
            return node.key;
        case LeftColumn:
        case RightColumn:
            return valueText(node, index.column() == LeftColumn, 300);
        case ChangeColumn:
            return changeText(node);
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(node, id, index.column());
    case DiffKindRole:
        return int(node.kind);
    case IsDifferenceRole:
        return node.isDifference;
    case DifferenceCountRole:
        return node.entryEnd - node.entryBegin;
    case LeftValueRole:
    case RightValueRole:
        return typedValue(node, role == LeftValueRole);
    case PointerRole:
        return m_tree.pointer(id);
    }
    return {};
}

QString DiffModel::valueText(const DiffTree::Node &node, bool left, qsizetype maxChars) const
{
    switch (node.type) {
    case DiffTree::NodeType::Field:
        return cut((left ? node.left : node.right).toString(), maxChars);
    case DiffTree::NodeType::Json:
        return left ? jsonText(m_tree.leftBody(), node.leftJson, maxChars)
                    : jsonText(m_tree.rightBody(), node.rightJson, maxChars);
    case DiffTree::NodeType::Body:
        return left ? bodyPreview(diff().leftBytes, diff().leftKind, maxChars)
                    : bodyPreview(diff().rightBytes, diff().rightKind, maxChars);
    default:
        return {};
    }
}

QVariant DiffModel::typedValue(const DiffTree::Node &node, bool left) const
{
    const QJsonValue &value = left ? node.left : node.right;
    switch (node.type) {
    case DiffTree::NodeType::Field:
        return value.isUndefined() ? QVariant() : QVariant(value.toString());
    case DiffTree::NodeType::Json:
        return left ? copyText(m_tree.leftBody(), node.leftJson)
                    : copyText(m_tree.rightBody(), node.rightJson);
    case DiffTree::NodeType::Body:
        return left ? diff().leftBytes : diff().rightBytes;
    default:
        return {};
    }
}

QVariant DiffModel::toolTip(const DiffTree::Node &node, int id, int column) const
{
    if (column == LeftColumn || column == RightColumn) {
        const QString full = valueText(node, column == LeftColumn, 4000);
        return full.isEmpty() ? QVariant() : QVariant(full);
    }
    const QString pointer = m_tree.pointer(id);
    return pointer.isEmpty() ? QVariant() : QVariant(pointer);
}

QString DiffModel::changeText(const DiffTree::Node &node) const
{
    const int count = node.entryEnd - node.entryBegin;
    switch (node.type) {
    case DiffTree::NodeType::Root:
    case DiffTree::NodeType::Section:
        return count > 0 ? countText(count) : u"identical"_s;
    case DiffTree::NodeType::Body:
        return bodyChangeText(node);
    default:
        break;
    }
    if (node.isDifference && node.kind == DiffKind::TypeChanged
        && node.type == DiffTree::NodeType::Json)
        return u"type changed: %1 → %2"_s.arg(m_tree.leftBody().typeName(node.leftJson),
                                              m_tree.rightBody().typeName(node.rightJson));
    if (node.isDifference || node.inherited)
        return diffKindName(node.kind);
    if (node.type == DiffTree::NodeType::Json
        && JsonDiff::sameButWrittenDifferently(m_tree.leftBody(), node.leftJson, m_tree.rightBody(),
                                               node.rightJson))
        return u"same value, written differently"_s;
    if (count > 0)
        return countText(count);
    if (node.type == DiffTree::NodeType::Json && node.pointerLength == 0)
        return bodyChangeText(node);
    return {};
}

// The Body row: what kind of content each side holds, and where the bytes first differ.
QString DiffModel::bodyChangeText(const DiffTree::Node &node) const
{
    const EventDiff &d = diff();
    if (d.firstDifferentByte < 0)
        return u"identical"_s;
    if (d.bodyMode == EventDiff::BodyMode::Json)
        return u"same JSON, different bytes (spacing, member order or how values are written)"_s;
    const QString sizes =
        u"%1 → %2 bytes, first difference at byte %3 (line %4)"_s.arg(d.leftBytes.size())
            .arg(d.rightBytes.size())
            .arg(d.firstDifferentByte)
            .arg(d.firstDifferentLine());
    if (node.kind == DiffKind::TypeChanged)
        return bodyKindName(d.leftKind) + u" → "_s + bodyKindName(d.rightKind) + u"; "_s + sizes;
    return u"changed: "_s + sizes;
}

QString DiffModel::jsonText(const JsonDocument &document, int json, qsizetype maxChars)
{
    if (json < 0)
        return {};
    switch (document.type(json)) {
    case JsonDocument::Type::Array:
        return u"[%1]"_s.arg(document.node(json).count);
    case JsonDocument::Type::Object:
        return u"{%1}"_s.arg(document.node(json).count);
    default:
        // As sent: a number's digits, a string's quotes and escapes, so "1" and 1 never look alike.
        return cut(QString::fromUtf8(
                       document.raw(json).first(std::min(document.raw(json).size(), maxChars * 4))),
                   maxChars);
    }
}

QVariant DiffModel::copyText(const JsonDocument &document, int json)
{
    if (json < 0)
        return {};
    if (document.type(json) == JsonDocument::Type::String)
        return document.string(json);
    return QString::fromUtf8(JsonPrettyPrinter::print(document, json));
}

QModelIndex DiffModel::differenceIndex(int n) const
{
    return indexOfNode(m_tree.nodeOfEntry(n));
}

int DiffModel::differenceNumber(const QModelIndex &index) const
{
    const DiffTree::Node &node = m_tree.node(nodeId(index));
    return index.isValid() && node.isDifference ? node.entryBegin : -1;
}

QModelIndex DiffModel::nextDifference(const QModelIndex &from) const
{
    const int count = differenceCount();
    if (count == 0)
        return {};
    if (!from.isValid())
        return differenceIndex(0);
    // Differences above or at a row are entryBegin (+1 if the row is one), those below follow.
    const DiffTree::Node &node = m_tree.node(nodeId(from));
    const int next = node.entryBegin + (node.isDifference ? 1 : 0);
    return differenceIndex(next < count ? next : 0);
}

QModelIndex DiffModel::previousDifference(const QModelIndex &from) const
{
    const int count = differenceCount();
    if (count == 0)
        return {};
    const int previous = from.isValid() ? m_tree.node(nodeId(from)).entryBegin - 1 : -1;
    return differenceIndex(previous >= 0 ? previous : count - 1);
}

QModelIndex DiffModel::sectionIndex(Section section) const
{
    return index(int(section), 0);
}
