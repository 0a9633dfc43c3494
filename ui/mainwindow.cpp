#include "mainwindow.h"

#include "analysis/analyzer.h"
#include "capture/captureservice.h"
#include "detailview.h"
#include "filterbar.h"
#include "models/eventfiltermodel.h"
#include "models/eventtablemodel.h"
#include "models/modelroles.h"
#include "severitydelegate.h"

#include <QApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QtConcurrent>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(CaptureService *capture, QWidget *parent)
    : QMainWindow(parent)
    , m_capture(capture)
    , m_model(new EventTableModel(this))
    , m_proxy(new EventFilterModel(this))
    , m_filterBar(new FilterBar(this))
    , m_table(new QTableView(this))
    , m_detail(new DetailView(this))
    , m_listening(new QLabel(this))
    , m_count(new QLabel(this))
    , m_rate(new QLabel(this))
{
    setWindowTitle(u"Hookscope — %1"_s.arg(QFileInfo(capture->sessionPath()).fileName()));
    m_reader.open(capture->sessionPath());
    m_proxy->setSourceModel(m_model);
    m_proxy->setSessionPath(capture->sessionPath());
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EventTableModel::SeqColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setItemDelegateForColumn(EventTableModel::ValidityColumn,
                                      new SeverityDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QList<int> widths { 60, 100, 70, 320, 240, 80, 60, 130, 90 };
    for (int column = 0; column < widths.size(); ++column)
        m_table->setColumnWidth(column, widths.at(column));
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_filterBar);
    topLayout->addWidget(m_table, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    setCentralWidget(splitter);
    createMenus();
    createStatusBar();
    connect(capture, &CaptureService::stored, this, &MainWindow::addBatch);
    connect(m_model, &EventTableModel::rowsAppended, this, &MainWindow::updateStatus);
    connect(m_filterBar, &FilterBar::filterChanged, m_proxy, &EventFilterModel::setFilter);
    connect(m_proxy, &EventFilterModel::scanProgress, m_filterBar, &FilterBar::setProgress);
    connect(m_proxy, &EventFilterModel::scanFinished, m_filterBar,
            [this] { m_filterBar->setProgress(-1); });
    connect(m_detail, &DetailView::applyFilterRequested, m_filterBar, &FilterBar::apply);
    connect(m_detail, &DetailView::prepareFilterRequested, m_filterBar, &FilterBar::prepare);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelected);
    resize(1200, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(u"&File"_s);
    file->addAction(u"&Quit"_s, QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu *view = menuBar()->addMenu(u"&View"_s);
    view->addAction(u"&Filter…"_s, QKeySequence::Find, this, [this] {
        m_filterBar->lineEdit()->setFocus();
        m_filterBar->lineEdit()->selectAll();
    });
}

void MainWindow::createStatusBar()
{
    m_listening->setText(u"Listening on %1/"_s.arg(m_capture->listenUrl()));
    m_listening->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_listening, 1);
    statusBar()->addPermanentWidget(m_count);
    statusBar()->addPermanentWidget(m_rate);
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &MainWindow::updateStatus);
    timer->start(1000);
    updateStatus();
}

void MainWindow::loadExistingEvents()
{
    const QString path = m_capture->sessionPath();
    auto load = [path] {
        std::vector<EventSummary> summaries;
        SessionStore store;
        if (!store.open(path))
            store.forEachSummary([&summaries](EventSummary &&s) {
                summaries.push_back(std::move(s));
                return true;
            });
        return summaries;
    };
    QtConcurrent::run(load).then(this, [this](std::vector<EventSummary> older) {
        // Live events may have arrived meanwhile; they are newer than anything on file.
        m_model->flush();
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (older.empty() || m_model->summaryAt(row).seq > older.back().seq)
                older.push_back(m_model->summaryAt(row));
        }
        m_model->replaceAll(std::move(older));
        updateStatus();
    });
}

void MainWindow::addBatch(const CapturedBatch &batch)
{
    QList<EventSummary> summaries;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (qsizetype i = 0; i < batch.events.size(); ++i) {
        const EventSummary summary = EventSummary::from(batch.events.at(i), batch.analyses.at(i));
        m_proxy->noteEvent(batch.events.at(i), summary);
        summaries.append(summary);
        m_recentArrivals.push_back(now);
        if (!summary.eventType.isEmpty() && !m_seenTypes.contains(summary.eventType)) {
            m_seenTypes.insert(summary.eventType);
            m_filterBar->setEventTypes(m_seenTypes.values());
        }
    }
    m_model->enqueue(summaries);
}

void MainWindow::updateStatus()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (!m_recentArrivals.empty() && m_recentArrivals.front() < now - 5000)
        m_recentArrivals.pop_front();
    m_count->setText(u"%1 events"_s.arg(m_model->rowCount() + m_model->pendingCount()));
    m_rate->setText(u"%1/s"_s.arg(double(m_recentArrivals.size()) / 5.0, 0, 'f', 1));
}

void MainWindow::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return m_detail->clear();
    const qint64 seq = current.data(ModelRoles::SeqRole).toLongLong();
    const std::optional<Event> event = m_reader.load(seq);
    if (!event)
        return m_detail->clear();
    // One event is cheap to analyse again, and this gives the full violation list, which the
    // table does not keep.
    m_detail->showEvent(*event, m_capture->analyzer()->analyze(*event));
}
