#include "typecountsmodel.h"

using namespace Qt::StringLiterals;

TypeCountsModel::TypeCountsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString TypeCountsModel::unknownTypeText()
{
    return u"(unknown type)"_s;
}

int TypeCountsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_counts.tallies().size());
}

int TypeCountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags TypeCountsModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                           : Qt::NoItemFlags;
}

QVariant TypeCountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const QStringList titles { u"Event type"_s, u"Events"_s, u"Invalid"_s, u"Errors"_s };
    return section >= 0 && section < ColumnCount ? QVariant(titles.at(section)) : QVariant();
}

QVariant TypeCountsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const TypeCounts::Tally &tally = m_counts.tallies().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(tally, index.column());
    case SortRole:
        return sortValue(tally, index.column());
    case EventTypeRole:
        return tally.name();
    case Qt::ToolTipRole:
        return toolTip(tally);
    case Qt::TextAlignmentRole:
        return index.column() == TypeColumn ? QVariant()
                                            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case SeverityRole: {
        const bool bad = (index.column() == InvalidColumn || index.column() == ErrorsColumn)
            && tally.invalid > 0;
        return bad ? 0 : -1; // 0: Severity::Error
    }
    }
    return {};
}

QVariant TypeCountsModel::display(const TypeCounts::Tally &tally, int column) const
{
    switch (column) {
    case TypeColumn:
        return tally.eventType.isEmpty() ? unknownTypeText() : tally.name();
    case EventsColumn:
        return tally.events;
    case InvalidColumn:
        return tally.invalid;
    case ErrorsColumn:
        return tally.errors;
    }
    return {};
}

QVariant TypeCountsModel::sortValue(const TypeCounts::Tally &tally, int column) const
{
    return column == TypeColumn ? QVariant(tally.eventType) : display(tally, column);
}

QString TypeCountsModel::toolTip(const TypeCounts::Tally &tally) const
{
    const QString name = tally.eventType.isEmpty() ? unknownTypeText() : tally.name();
    const QString inferred = tally.mixed()
        ? u"; %1 of them inferred (%2?)"_s.arg(tally.inferred).arg(tally.eventType)
        : QString();
    return u"%1: %2 events, %3 invalid (%4 schema errors, %5 warnings in all)%6"_s.arg(name)
        .arg(tally.events)
        .arg(tally.invalid)
        .arg(tally.errors)
        .arg(tally.warnings)
        .arg(inferred);
}

void TypeCountsModel::add(const TypeCounts &more)
{
    int firstChanged = rowCount();
    int lastChanged = -1;
    QList<TypeCounts::Tally> added;
    for (const TypeCounts::Tally &tally : more.tallies()) {
        const int row = rowOfType(tally.eventType);
        if (row < 0) {
            added.append(tally);
            continue;
        }
        m_counts.add(tally);
        firstChanged = std::min(firstChanged, row);
        lastChanged = std::max(lastChanged, row);
    }
    if (lastChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    appendTallies(added);
}

void TypeCountsModel::appendTallies(const QList<TypeCounts::Tally> &tallies)
{
    if (tallies.isEmpty())
        return;
    beginInsertRows({}, rowCount(), rowCount() + int(tallies.size()) - 1);
    for (const TypeCounts::Tally &tally : tallies)
        m_counts.add(tally);
    endInsertRows();
}

void TypeCountsModel::setCounts(const TypeCounts &counts)
{
    removeMissing(counts);
    // The rows left keep their places and take their new values; new types are appended.
    TypeCounts kept;
    QList<TypeCounts::Tally> added;
    for (const TypeCounts::Tally &old : m_counts.tallies())
        kept.add(counts.tallies().at(counts.indexOf(old.eventType)));
    for (const TypeCounts::Tally &tally : counts.tallies()) {
        if (kept.indexOf(tally.eventType) < 0)
            added.append(tally);
    }
    const bool changed = kept.tallies() != m_counts.tallies();
    m_counts = kept;
    if (changed)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    appendTallies(added);
}

// Types that no longer have events leave the panel, one removal per row, from the bottom up.
void TypeCountsModel::removeMissing(const TypeCounts &counts)
{
    for (int row = rowCount() - 1; row >= 0; --row) {
        if (counts.indexOf(m_counts.tallies().at(row).eventType) >= 0)
            continue;
        beginRemoveRows({}, row, row);
        m_counts.removeAt(row);
        endRemoveRows();
    }
}
