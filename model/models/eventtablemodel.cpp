#include "eventtablemodel.h"

#include "modelroles.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
int severityOf(const EventSummary &s)
{
    if (s.verdict() == Verdict::Invalid)
        return int(Severity::Error);
    return s.warningCount ? int(Severity::Warning) : -1;
}

// A forged or tampered signature is as wrong as a broken schema; a stale one only a warning.
int signatureSeverityOf(const EventSummary &s)
{
    if (s.signature == SignatureState::Invalid)
        return int(Severity::Error);
    return s.signature == SignatureState::Stale ? int(Severity::Warning) : -1;
}

QString sizeText(quint32 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}
} // namespace

EventTableModel::EventTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setInterval(50);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventTableModel::flush);
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags EventTableModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                           : Qt::NoItemFlags;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventSummary &summary = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(summary, index.column());
    case ModelRoles::SortRole:
        return sortData(summary, index.column());
    case ModelRoles::SeqRole:
        return summary.seq;
    case ModelRoles::SeverityRole:
        if (index.column() == SignatureColumn)
            return signatureSeverityOf(summary);
        return index.column() == ValidityColumn ? severityOf(summary) : -1;
    case Qt::TextAlignmentRole:
        if (index.column() == SeqColumn || index.column() == SizeColumn
            || index.column() == StatusColumn || index.column() == AttemptColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == EventTypeColumn && summary.classifiedBy != ClassifiedBy::None)
            return u"classified by %1"_s.arg(classifiedByName(summary.classifiedBy));
        return {};
    default:
        return {};
    }
}

QVariant EventTableModel::displayData(const EventSummary &s, int column) const
{
    switch (column) {
    case SeqColumn:
        return s.seq;
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(s.receivedAtMs).toString(u"HH:mm:ss.zzz"_s);
    case MethodColumn:
        return s.method;
    case PathColumn:
        return s.target;
    case EventTypeColumn:
        return s.eventType;
    case SizeColumn:
        return sizeText(s.bodySize);
    case StatusColumn:
        if (s.origin == Origin::Loaded && s.status == 0)
            return u"loaded"_s;
        return s.status ? QVariant(s.status) : QVariant();
    case ValidityColumn:
        return s.validityText();
    case SignatureColumn:
        return s.signature == SignatureState::NotChecked ? QString()
                                                         : signatureStateName(s.signature);
    case RemoteColumn:
        return s.remote;
    case ClassificationColumn:
        return s.classifiedBy == ClassifiedBy::None ? QString() : classifiedByName(s.classifiedBy);
    case ContentTypeColumn:
        return s.contentType;
    case AttemptColumn:
        return s.attempt ? QVariant(s.attempt) : QVariant();
    }
    return {};
}

QVariant EventTableModel::sortData(const EventSummary &s, int column) const
{
    switch (column) {
    case SeqColumn:
        return s.seq;
    case TimeColumn:
        return s.receivedAtMs;
    case SizeColumn:
        return s.bodySize;
    case StatusColumn:
        return s.status;
    case ValidityColumn:
        return s.errorCount * 65536 + s.warningCount;
    case SignatureColumn:
        return int(s.signature);
    case AttemptColumn:
        return s.attempt;
    default:
        return displayData(s, column);
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const QStringList titles { u"#"_s,      u"Time"_s,          u"Method"_s,
                                      u"Path"_s,   u"Event type"_s,    u"Size"_s,
                                      u"Status"_s, u"Validity"_s,      u"Signature"_s,
                                      u"Remote"_s, u"Classified by"_s, u"Content type"_s,
                                      u"Attempt"_s };
    return titles.value(section);
}

EventSummary EventTableModel::interned(EventSummary s)
{
    s.method = m_strings.intern(s.method);
    s.eventType = m_strings.intern(s.eventType);
    s.remote = m_strings.intern(s.remote);
    s.contentType = m_strings.intern(s.contentType);
    return s;
}

void EventTableModel::enqueue(const QList<EventSummary> &summaries)
{
    for (const EventSummary &summary : summaries)
        m_pending.append(interned(summary));
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void EventTableModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    const int first = int(m_rows.size());
    const int count = int(m_pending.size());
    beginInsertRows({}, first, first + count - 1);
    m_rows.insert(m_rows.end(), std::make_move_iterator(m_pending.begin()),
                  std::make_move_iterator(m_pending.end()));
    m_pending.clear();
    endInsertRows();
    Q_EMIT rowsAppended(count);
}

void EventTableModel::replaceAll(std::vector<EventSummary> summaries)
{
    beginResetModel();
    m_pending.clear();
    m_rows = std::move(summaries);
    endResetModel();
}

void EventTableModel::clear()
{
    replaceAll({});
}

int EventTableModel::rowOfSeq(qint64 seq) const
{
    const auto it =
        std::lower_bound(m_rows.cbegin(), m_rows.cend(), seq,
                         [](const EventSummary &s, qint64 value) { return s.seq < value; });
    return it != m_rows.cend() && it->seq == seq ? int(it - m_rows.cbegin()) : -1;
}

void EventTableModel::removeSeqs(const QList<qint64> &seqs)
{
    // Removing a scattered selection row by row costs O(n) per row; one compaction and one
    // layout change costs O(n) for all of them (Fiddler's 80 s deletions are the warning).
    QList<qint64> sorted = seqs;
    std::sort(sorted.begin(), sorted.end());
    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QList<qint64> beforeSeqs;
    for (const QModelIndex &index : before)
        beforeSeqs.append(m_rows[size_t(index.row())].seq);
    std::erase_if(m_rows, [&sorted](const EventSummary &s) {
        return std::binary_search(sorted.cbegin(), sorted.cend(), s.seq);
    });
    QModelIndexList after;
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int row = rowOfSeq(beforeSeqs.at(i));
        after.append(row < 0 ? QModelIndex() : index(row, before.at(i).column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
}

void EventTableModel::updateSummaries(const QList<EventSummary> &summaries)
{
    int first = rowCount(), last = -1;
    for (const EventSummary &summary : summaries) {
        const int row = rowOfSeq(summary.seq);
        if (row < 0)
            continue;
        m_rows[size_t(row)] = interned(summary);
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}
