#include "typecountspanel.h"

#include "columnchooser.h"
#include "severitydelegate.h"
#include "timeline/typecountsmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

TypeCountsPanel::TypeCountsPanel(TypeCountsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_sorted(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_totals(new QLabel(this))
{
    m_sorted->setSourceModel(model);
    m_sorted->setSortRole(TypeCountsModel::SortRole);
    m_sorted->setDynamicSortFilter(true);
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(TypeCountsModel::EventsColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle); // IDENTIFICATION_… types differ at their ends
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(TypeCountsModel::TypeColumn,
                                                     QHeaderView::Stretch);
    // Counts get what their titles need; the type takes the rest, elided in the middle, so a
    // narrow dock still shows which type a row is. Errors waits in the header's chooser (each
    // row's tooltip counts them), so beside the table at 1200 px a long type shows whole.
    for (int column = TypeCountsModel::EventsColumn; column < TypeCountsModel::ColumnCount;
         ++column) {
        const QString title = model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        m_view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Interactive);
        m_view->horizontalHeader()->resizeSection(column,
                                                  fontMetrics().horizontalAdvance(title)
                                                      + 2 * fontMetrics().averageCharWidth()
                                                      + 12); // 12: the sort arrow
    }
    m_view->setColumnHidden(TypeCountsModel::ErrorsColumn, true);
    new ColumnChooser(m_view->horizontalHeader());
    auto *tint = new SeverityDelegate(m_view);
    m_view->setItemDelegateForColumn(TypeCountsModel::InvalidColumn, tint);
    m_view->setItemDelegateForColumn(TypeCountsModel::ErrorsColumn, tint);
    m_view->setToolTip(u"Click a type to filter the table to it."_s);
    connect(m_view, &QAbstractItemView::clicked, this, [this](const QModelIndex &index) {
        Q_EMIT typeActivated(index.data(TypeCountsModel::EventTypeRole).toString());
    });
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT typeActivated(index.data(TypeCountsModel::EventTypeRole).toString());
    });
    for (const auto signal :
         { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(model, signal, this, &TypeCountsPanel::updateTotals);
    connect(model, &QAbstractItemModel::dataChanged, this, &TypeCountsPanel::updateTotals);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_totals);
    updateTotals();
}

int TypeCountsPanel::viewRowOfType(const QString &eventType) const
{
    const int row = m_model->rowOfType(eventType);
    return row < 0 ? -1 : m_sorted->mapFromSource(m_model->index(row, 0)).row();
}

// Wide enough for a long Solaris type name (ACTIVATION_CHALLENGE_CREATION) and the counts shown.
QSize TypeCountsPanel::sizeHint() const
{
    int width = fontMetrics().horizontalAdvance(u"ACTIVATION_CHALLENGE_CREATION"_s)
        + 2 * fontMetrics().averageCharWidth() + 2 * m_view->frameWidth();
    for (int column = TypeCountsModel::EventsColumn; column < TypeCountsModel::ColumnCount;
         ++column) {
        if (!m_view->isColumnHidden(column))
            width += m_view->horizontalHeader()->sectionSize(column);
    }
    return { width, 300 };
}

void TypeCountsPanel::updateTotals()
{
    qint64 events = 0;
    qint64 invalid = 0;
    for (const TypeCounts::Tally &tally : m_model->counts().tallies()) {
        events += tally.events;
        invalid += tally.invalid;
    }
    const QLocale locale; // 1,000,000 or 1.000.000, as the status bar's count
    m_totals->setText(u"%1 types, %2 events, %3 invalid"_s.arg(
        locale.toString(m_model->rowCount()), locale.toString(events), locale.toString(invalid)));
}
