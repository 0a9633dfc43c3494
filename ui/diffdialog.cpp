#include "diffdialog.h"

#include "jobs/jobtracker.h"
#include "session/session.h"
#include "tints.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// Rows that are differences (or lie inside an added or removed container) get the full tint;
// containers that only hold differences get a faint one on their name, to lead the eye.
class DiffTintDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const auto kind = DiffKind(index.data(DiffModel::DiffKindRole).toInt());
        const bool difference = index.data(DiffModel::IsDifferenceRole).toBool();
        const int inside = index.data(DiffModel::DifferenceCountRole).toInt();
        if (kind != DiffKind::Same && (difference || inside == 0)) {
            painter->fillRect(option.rect, DiffDialog::tint(kind, option.palette));
        } else if (kind != DiffKind::Same && index.column() == DiffModel::FieldColumn) {
            QColor faint = DiffDialog::tint(kind, option.palette);
            faint.setAlpha(faint.alpha() / 3);
            painter->fillRect(option.rect, faint);
        }
        QStyledItemDelegate::paint(painter, option, index);
    }
};

// The model gives JSON values already as the text to copy (as sent, re-indented).
QString copyText(const QVariant &value)
{
    if (value.typeId() == QMetaType::QByteArray)
        return QString::fromUtf8(value.toByteArray());
    return value.toString();
}
} // namespace

DiffDialog::DiffDialog(QWidget *parent)
    : QDialog(parent)
    , m_model(new DiffModel(this))
    , m_sides(new QLabel(this))
    , m_position(new QLabel(this))
    , m_previous(new QPushButton(u"&Previous"_s, this))
    , m_next(new QPushButton(u"&Next"_s, this))
    , m_swap(new QPushButton(u"&Swap Sides"_s, this))
    , m_tabs(new QTabWidget(this))
    , m_diff(new JobTracker(this))
{
    setWindowTitle(u"Compare Events"_s);
    m_sides->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sides->setWordWrap(true);
    m_views = { createView(u"Request"_s), createView(u"Headers"_s), createView(u"Body"_s) };
    // Body first: that is what a user compares; the request line is least often different.
    m_tabs->addTab(m_views[DiffModel::BodySection], u"Body"_s);
    m_tabs->addTab(m_views[DiffModel::HeadersSection], u"Headers"_s);
    m_tabs->addTab(m_views[DiffModel::RequestSection], u"Request"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_sides);
    layout->addWidget(createNavigation());
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(1100, 700);
    updatePosition();
}

QTreeView *DiffDialog::createView(const QString &title)
{
    auto *view = new QTreeView(this);
    view->setObjectName(title);
    view->setModel(m_model);
    view->setUniformRowHeights(true);
    view->setItemDelegate(new DiffTintDelegate(view));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->header()->setSectionResizeMode(QHeaderView::Interactive);
    view->header()->resizeSection(DiffModel::FieldColumn, 260);
    view->header()->resizeSection(DiffModel::LeftColumn, 300);
    view->header()->resizeSection(DiffModel::RightColumn, 300);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this,
            [this, view](const QPoint &position) { showContextMenu(view, position); });
    connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) {
                if (!index.isValid())
                    return;
                m_current = index.siblingAtColumn(0);
                updatePosition();
            });
    return view;
}

QWidget *DiffDialog::createNavigation()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_previous->setToolTip(u"Previous difference (Shift+F7)"_s);
    m_next->setToolTip(u"Next difference (F7)"_s);
    m_swap->setToolTip(u"Show the right event on the left"_s);
    m_previous->setAutoDefault(false);
    m_next->setAutoDefault(false);
    m_swap->setAutoDefault(false);
    row->addWidget(m_previous);
    row->addWidget(m_next);
    row->addWidget(m_position, 1);
    row->addWidget(m_swap);
    connect(m_previous, &QPushButton::clicked, this, &DiffDialog::previousDifference);
    connect(m_next, &QPushButton::clicked, this, &DiffDialog::nextDifference);
    connect(m_swap, &QPushButton::clicked, this, &DiffDialog::swapSides);
    const auto shortcut = [this](const QKeySequence &keys, void (DiffDialog::*slot)()) {
        auto *action = new QAction(this);
        action->setShortcut(keys);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    shortcut(QKeySequence(Qt::Key_F7), &DiffDialog::nextDifference);
    shortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7), &DiffDialog::previousDifference);
    return bar;
}

QTreeView *DiffDialog::view(DiffModel::Section section) const
{
    return m_views.value(int(section));
}

QString DiffDialog::describe(const Event &event)
{
    // Events built by hand (tests, pasted text) may carry no receive time.
    const QString time = event.receivedAtMs > 0
        ? QDateTime::fromMSecsSinceEpoch(event.receivedAtMs).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s)
        : QString();
    return u"#%1  %2 %3  %4  (%5 bytes)"_s.arg(event.seq)
        .arg(QString::fromLatin1(event.method), QString::fromUtf8(event.target), time)
        .arg(event.body.size());
}

void DiffDialog::compare(const Event &left, const Event &right)
{
    m_left = left;
    m_right = right;
    beginComparing(describe(left), describe(right));
    m_diff->start([left, right](JobControl &) { return diffEvents(left, right); },
                  [this](EventDiff diff) { showDiff(std::move(diff)); });
}

void DiffDialog::awaitComparison(qint64 leftSeq, qint64 rightSeq)
{
    m_diff->cancel();
    beginComparing(u"#%1"_s.arg(leftSeq), u"#%1"_s.arg(rightSeq));
}

void DiffDialog::showComparison(const EventComparison &comparison)
{
    m_diff->cancel();
    m_left = comparison.left;
    m_right = comparison.right;
    m_sides->setText(u"Left: %1\nRight: %2"_s.arg(describe(m_left), describe(m_right)));
    showDiff(comparison.diff);
}

void DiffDialog::beginComparing(const QString &left, const QString &right)
{
    m_comparing = true;
    m_current = QPersistentModelIndex();
    m_sides->setText(u"Left: %1\nRight: %2"_s.arg(left, right));
    m_position->setText(u"Comparing…"_s);
    m_previous->setEnabled(false);
    m_next->setEnabled(false);
    m_swap->setEnabled(false);
}

void DiffDialog::showDiff(EventDiff diff)
{
    m_model->setDiff(std::move(diff));
    m_comparing = false;
    m_swap->setEnabled(true);
    for (int section = 0; section < m_views.size(); ++section) {
        QTreeView *view = m_views.at(section);
        view->setRootIndex(m_model->sectionIndex(DiffModel::Section(section)));
        // The body's root (the JSON document) opens at once: its members are what differ.
        if (section == DiffModel::BodySection)
            view->expand(m_model->index(0, 0, view->rootIndex()));
    }
    updateTabTitles();
    // Start at the body's first difference when it has one; headers nearly always differ
    // (signatures, lengths) and are seldom what the user came for.
    const QModelIndex body = m_model->sectionIndex(DiffModel::BodySection);
    const QModelIndex first = body.data(DiffModel::DifferenceCountRole).toInt() > 0
        ? m_model->nextDifference(body)
        : m_model->nextDifference({});
    if (first.isValid())
        goTo(first);
    else
        m_tabs->setCurrentWidget(m_views[DiffModel::BodySection]);
    updatePosition();
    Q_EMIT compared();
}

void DiffDialog::updateTabTitles()
{
    static const QStringList titles { u"Request"_s, u"Headers"_s, u"Body"_s };
    for (int section = 0; section < m_views.size(); ++section) {
        const int count = m_model->sectionIndex(DiffModel::Section(section))
                              .data(DiffModel::DifferenceCountRole)
                              .toInt();
        const QString title =
            count > 0 ? u"%1 (%2)"_s.arg(titles.at(section)).arg(count) : titles.at(section);
        m_tabs->setTabText(m_tabs->indexOf(m_views.at(section)), title);
    }
}

// Where Next and Previous count from: the row the user selected in the tab shown, else that
// tab's section (so Next goes to the tab's first difference), else the last difference visited.
QModelIndex DiffDialog::navigationStart() const
{
    auto *view = qobject_cast<QTreeView *>(m_tabs->currentWidget());
    if (view && view->currentIndex().isValid())
        return view->currentIndex().siblingAtColumn(0);
    if (view)
        return view->rootIndex();
    return m_current;
}

void DiffDialog::nextDifference()
{
    if (!m_comparing)
        goTo(m_model->nextDifference(navigationStart()));
}

void DiffDialog::previousDifference()
{
    if (!m_comparing)
        goTo(m_model->previousDifference(navigationStart()));
}

void DiffDialog::swapSides()
{
    if (!m_comparing)
        compare(Event(m_right), Event(m_left));
}

void DiffDialog::goTo(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    QModelIndex section = index;
    while (section.parent().isValid())
        section = section.parent();
    QTreeView *view = m_views.value(section.row());
    if (!view)
        return;
    m_tabs->setCurrentWidget(view);
    for (QModelIndex parent = index.parent(); parent.isValid() && parent != section;
         parent = parent.parent())
        view->expand(parent);
    view->setCurrentIndex(index);
    view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_current = index;
    updatePosition();
}

int DiffDialog::currentDifference() const
{
    return m_current.isValid() ? m_model->differenceNumber(m_current) : -1;
}

void DiffDialog::updatePosition()
{
    const int count = m_model->differenceCount();
    m_previous->setEnabled(!m_comparing && count > 0);
    m_next->setEnabled(!m_comparing && count > 0);
    if (m_comparing)
        return;
    const int number = currentDifference();
    if (count == 0)
        m_position->setText(u"No differences"_s);
    else if (number >= 0)
        m_position->setText(u"Difference %1 of %2"_s.arg(number + 1).arg(count));
    else
        m_position->setText(count == 1 ? u"1 difference"_s : u"%1 differences"_s.arg(count));
}

void DiffDialog::showContextMenu(QTreeView *view, const QPoint &position)
{
    const QModelIndex index = view->indexAt(position).siblingAtColumn(0);
    if (!index.isValid())
        return;
    QMenu menu(this);
    const auto copy = [&menu](const QString &title, const QString &text) {
        QAction *action =
            menu.addAction(title, [text] { QApplication::clipboard()->setText(text); });
        action->setEnabled(!text.isEmpty());
    };
    copy(u"Copy &Left Value"_s, copyText(index.data(DiffModel::LeftValueRole)));
    copy(u"Copy &Right Value"_s, copyText(index.data(DiffModel::RightValueRole)));
    copy(u"Copy &Pointer"_s, index.data(DiffModel::PointerRole).toString());
    menu.exec(view->viewport()->mapToGlobal(position));
}

QColor DiffDialog::tint(DiffKind kind, const QPalette &palette)
{
    switch (kind) {
    case DiffKind::Same:
        return Qt::transparent;
    case DiffKind::Added:
        return Tints::background(Tints::Kind::Added, palette);
    case DiffKind::Removed:
        return Tints::background(Tints::Kind::Removed, palette);
    case DiffKind::Changed:
        return Tints::background(Tints::Kind::Changed, palette);
    case DiffKind::TypeChanged:
        return Tints::background(Tints::Kind::TypeChanged, palette);
    }
    return Qt::transparent;
}
