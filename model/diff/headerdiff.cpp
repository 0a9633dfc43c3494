#include "headerdiff.h"

#include <QHash>

#include <algorithm>

namespace {

// All occurrences of one header name on both sides, in the order they were sent.
struct NameGroup
{
    QList<qsizetype> left; // indexes into the left HeaderList
    QList<qsizetype> right;
};

void collect(const HeaderList &headers, bool isLeft, QList<NameGroup> &groups,
             QHash<QByteArray, qsizetype> &groupOfName)
{
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const QByteArray name = headers.at(i).first.toLower();
        auto it = groupOfName.constFind(name);
        if (it == groupOfName.constEnd()) {
            it = groupOfName.insert(name, groups.size());
            groups.append(NameGroup());
        }
        NameGroup &group = groups[*it];
        (isLeft ? group.left : group.right).append(i);
    }
}

QJsonValue valueAt(const HeaderList &headers, const QList<qsizetype> &occurrences, qsizetype n)
{
    if (n >= occurrences.size())
        return QJsonValue(QJsonValue::Undefined);
    return QString::fromUtf8(headers.at(occurrences.at(n)).second);
}

DiffEntry alignOccurrence(const HeaderList &left, const HeaderList &right, const NameGroup &group,
                          qsizetype n)
{
    const bool onLeft = n < group.left.size();
    const QByteArray &name =
        onLeft ? left.at(group.left.at(n)).first : right.at(group.right.at(n)).first;
    DiffEntry entry { QString::fromUtf8(name), DiffKind::Same, valueAt(left, group.left, n),
                      valueAt(right, group.right, n) };
    if (!onLeft)
        entry.kind = DiffKind::Added;
    else if (n >= group.right.size())
        entry.kind = DiffKind::Removed;
    else if (left.at(group.left.at(n)).second != right.at(group.right.at(n)).second)
        entry.kind = DiffKind::Changed;
    return entry;
}

} // namespace

QList<DiffEntry> alignHeaders(const HeaderList &left, const HeaderList &right)
{
    QList<NameGroup> groups;
    QHash<QByteArray, qsizetype> groupOfName;
    collect(left, true, groups, groupOfName);
    collect(right, false, groups, groupOfName);
    QList<DiffEntry> rows;
    for (const NameGroup &group : std::as_const(groups)) {
        const qsizetype count = std::max(group.left.size(), group.right.size());
        for (qsizetype n = 0; n < count; ++n)
            rows.append(alignOccurrence(left, right, group, n));
    }
    return rows;
}

QList<DiffEntry> diffHeaders(const HeaderList &left, const HeaderList &right)
{
    QList<DiffEntry> rows = alignHeaders(left, right);
    rows.removeIf([](const DiffEntry &row) { return row.kind == DiffKind::Same; });
    return rows;
}
