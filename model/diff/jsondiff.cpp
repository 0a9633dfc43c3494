#include "jsondiff.h"

#include "event/jsontype.h"

#include <QCborArray>
#include <QCborMap>
#include <QJsonArray>
#include <QVariant>

#include <algorithm>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// The walk runs on QCborValue, which shares a parsed QJsonDocument's storage: keys and strings
// are compared in place, where QJsonValue would allocate a QString for every key and string.
QJsonValue::Type jsonType(const QCborValue &value)
{
    if (value.isMap())
        return QJsonValue::Object;
    if (value.isArray())
        return QJsonValue::Array;
    if (value.isString())
        return QJsonValue::String;
    if (value.isInteger() || value.isDouble())
        return QJsonValue::Double;
    if (value.isBool())
        return QJsonValue::Bool;
    return value.isNull() ? QJsonValue::Null : QJsonValue::Undefined;
}

bool sameScalar(const QCborValue &left, const QCborValue &right, QJsonValue::Type type)
{
    switch (type) {
    case QJsonValue::Double:
        // As QJsonValue: 1 equals 1.0, and integers compare exactly beyond 2^53.
        if (left.isInteger() && right.isInteger())
            return left.toInteger() == right.toInteger();
        return left.toDouble() == right.toDouble();
    case QJsonValue::Bool:
        return left.isTrue() == right.isTrue();
    case QJsonValue::String:
        return left == right;
    default:
        return true; // null
    }
}

// The kind of the pair itself; Same for two maps or two arrays (their members decide).
DiffKind shallowKind(const QCborValue &left, const QCborValue &right)
{
    const QJsonValue::Type leftType = jsonType(left);
    const QJsonValue::Type rightType = jsonType(right);
    if (leftType == QJsonValue::Undefined || rightType == QJsonValue::Undefined) {
        if (leftType == rightType)
            return DiffKind::Same;
        return leftType == QJsonValue::Undefined ? DiffKind::Added : DiffKind::Removed;
    }
    if (leftType != rightType)
        return DiffKind::TypeChanged;
    if (leftType == QJsonValue::Object || leftType == QJsonValue::Array)
        return DiffKind::Same;
    return sameScalar(left, right, leftType) ? DiffKind::Same : DiffKind::Changed;
}

QJsonValue toJson(const QCborValue &value)
{
    return value.isUndefined() ? QJsonValue(QJsonValue::Undefined) : value.toJsonValue();
}

// Both sides' members of two objects, merged in key order. QJsonObject keeps its keys sorted by
// UTF-16 code unit, as QString's operator< compares, so one pass pairs them up; only keys that
// differ are turned into QStrings to be ordered. unionKeys() and the walker both go through
// here, so DiffTree and diffJson() agree on the order.
class MemberMerge
{
public:
    MemberMerge(const QCborMap &left, const QCborMap &right)
        : m_left(left)
        , m_right(right)
    { }

    bool atEnd() const { return m_leftAt == m_left.size() && m_rightAt == m_right.size(); }

    // The next member: its name and its value on each side (Undefined where absent).
    QCborValue next(QCborValue &left, QCborValue &right)
    {
        const bool hasLeft = m_leftAt < m_left.size();
        const bool hasRight = m_rightAt < m_right.size();
        const QCborValue leftKey =
            hasLeft ? QCborValue((m_left.constBegin() + m_leftAt).key()) : QCborValue();
        const QCborValue rightKey =
            hasRight ? QCborValue((m_right.constBegin() + m_rightAt).key()) : QCborValue();
        bool takeLeft = hasLeft;
        bool takeRight = hasRight;
        if (hasLeft && hasRight && leftKey != rightKey) {
            takeLeft = leftKey.toString() < rightKey.toString();
            takeRight = !takeLeft;
        }
        left = takeLeft ? QCborValue((m_left.constBegin() + m_leftAt++).value()) : QCborValue();
        right = takeRight ? QCborValue((m_right.constBegin() + m_rightAt++).value()) : QCborValue();
        return takeLeft ? leftKey : rightKey;
    }

private:
    // Positions, not iterators: an iterator points at its map, and frames move.
    QCborMap m_left;
    QCborMap m_right;
    qsizetype m_leftAt = 0;
    qsizetype m_rightAt = 0;
};

// One container pair being walked: both objects (merged) or both arrays (by index), and the
// member being looked at, from which the pointer of a difference is built.
struct Frame
{
    std::optional<MemberMerge> members;
    QCborArray leftArray;
    QCborArray rightArray;
    qsizetype next = 0;
    qsizetype count = 0;
    QCborValue key; // objects: the current member's name
};

QCborValue arrayMember(const QCborArray &array, qsizetype index)
{
    return index < array.size() ? array.at(index) : QCborValue();
}

// Walks the union of both trees depth-first with an explicit stack. A pointer is spelled out
// only for a difference, from the stack, so equal members cost no string work.
class Walker
{
public:
    QList<DiffEntry> run(const QJsonValue &left, const QJsonValue &right)
    {
        visit(toCbor(left), toCbor(right));
        while (!m_stack.empty())
            step();
        return std::move(m_entries);
    }

private:
    static QCborValue toCbor(const QJsonValue &value)
    {
        return value.isUndefined() ? QCborValue() : QCborValue::fromJsonValue(value);
    }

    void visit(const QCborValue &left, const QCborValue &right)
    {
        const DiffKind kind = shallowKind(left, right);
        if (kind != DiffKind::Same) {
            m_entries.append(DiffEntry { pointer(), kind, toJson(left), toJson(right) });
            return;
        }
        if (left.isMap()) {
            m_stack.emplace_back().members.emplace(left.toMap(), right.toMap());
        } else if (left.isArray()) {
            Frame &frame = m_stack.emplace_back();
            frame.leftArray = left.toArray();
            frame.rightArray = right.toArray();
            frame.count = std::max(frame.leftArray.size(), frame.rightArray.size());
        }
    }

    void step()
    {
        Frame &frame = m_stack.back();
        const bool done = frame.members ? frame.members->atEnd() : frame.next == frame.count;
        if (done) {
            m_stack.pop_back();
            return;
        }
        // visit() may grow m_stack and so invalidate `frame`: take the values first.
        QCborValue left;
        QCborValue right;
        if (frame.members) {
            frame.key = frame.members->next(left, right);
        } else {
            left = arrayMember(frame.leftArray, frame.next);
            right = arrayMember(frame.rightArray, frame.next);
            ++frame.next;
        }
        visit(left, right);
    }

    QString pointer() const
    {
        QString path;
        for (const Frame &frame : m_stack) {
            path += u'/';
            path += frame.members ? JsonDiff::escapeToken(frame.key.toString())
                                  : QString::number(frame.next - 1);
        }
        return path;
    }

    std::vector<Frame> m_stack;
    QList<DiffEntry> m_entries;
};

} // namespace

QList<DiffEntry> diffJson(const QJsonValue &left, const QJsonValue &right)
{
    return Walker().run(left, right);
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

QStringList unionKeys(const QJsonObject &left, const QJsonObject &right)
{
    QStringList keys;
    keys.reserve(std::max(left.size(), right.size()));
    MemberMerge merge(QCborMap::fromJsonObject(left), QCborMap::fromJsonObject(right));
    QCborValue leftValue;
    QCborValue rightValue;
    while (!merge.atEnd())
        keys.append(merge.next(leftValue, rightValue).toString());
    return keys;
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
