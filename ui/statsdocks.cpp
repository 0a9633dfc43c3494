#include "statsdocks.h"

#include "filterbar.h"
#include "session/sessionstats.h"
#include "timeline/timelinefilter.h"
#include "timeline/typecountsmodel.h"
#include "timelinewidget.h"
#include "typecountspanel.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QTimer>

using namespace Qt::StringLiterals;

StatsDocks::StatsDocks(SessionStats *stats, FilterBar *filterBar, QMainWindow *window)
    : QObject(window)
    , m_stats(stats)
    , m_filterBar(filterBar)
    , m_timeline(new TimelineWidget(window))
    , m_timelineDock(new QDockWidget(u"Timeline"_s, window))
    , m_typesDock(new QDockWidget(u"Event Types"_s, window))
    , m_typesPanel(new TypeCountsPanel(stats->typeCounts(), window))
{
    m_timeline->setTimeline(&stats->timeline());
    createDocks(window);
    connectParts();
}

TypeCountsModel *StatsDocks::typeCountsModel() const
{
    return m_stats->typeCounts();
}

// Object names, not titles, are what QMainWindow::saveState() remembers the docks by.
void StatsDocks::createDocks(QMainWindow *window)
{
    m_timelineDock->setObjectName(u"timelineDock"_s);
    m_timelineDock->setWidget(m_timeline);
    m_timelineDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                                | QDockWidget::DockWidgetFloatable);
    window->addDockWidget(Qt::TopDockWidgetArea, m_timelineDock);
    m_typesDock->setObjectName(u"typesDock"_s);
    m_typesDock->setWidget(m_typesPanel);
    window->addDockWidget(Qt::RightDockWidgetArea, m_typesDock);
    window->installEventFilter(this);
}

// At a first launch, once the window has its size (before, QMainWindow would fit the dock into
// its initial 640 px): a long type shows whole, and the table keeps its first columns at
// 1200 px. A saved window state keeps the width the user gave the dock.
bool StatsDocks::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Show && m_sizeTypesDock) {
        m_sizeTypesDock = false;
        auto *window = static_cast<QMainWindow *>(watched);
        QTimer::singleShot(0, this, [this, window] {
            window->resizeDocks({ m_typesDock }, { m_typesPanel->sizeHint().width() },
                                Qt::Horizontal);
        });
    }
    return QObject::eventFilter(watched, event);
}

void StatsDocks::connectParts()
{
    // The chart asks; the session's stats count again, and the chart shows what they counted.
    connect(m_timeline, &TimelineWidget::splitByTypeRequested, m_stats,
            &SessionStats::setSplitByType);
    connect(m_stats, &SessionStats::splitByTypeChanged, m_timeline, qOverload<>(&QWidget::update));
    connect(m_stats, &SessionStats::timelineChanged, m_timeline, &TimelineWidget::timelineChanged);
    connect(m_timeline, &TimelineWidget::rangeSelected, this, &StatsDocks::applyTimeRange);
    connect(m_timeline, &TimelineWidget::rangeCleared, this, &StatsDocks::clearTimeRange);
    connect(m_typesPanel, &TypeCountsPanel::typeActivated, this, &StatsDocks::applyEventType);
    connect(m_filterBar, &FilterBar::filterChanged, this, &StatsDocks::forgetStaleTerms);
}

void StatsDocks::addMenuActions(QMenu *view)
{
    view->addSeparator();
    QAction *timeline = m_timelineDock->toggleViewAction();
    timeline->setText(u"&Timeline"_s);
    timeline->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    view->addAction(timeline);
    QAction *types = m_typesDock->toggleViewAction();
    types->setText(u"Event &Types"_s);
    types->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y));
    view->addAction(types);
    QAction *split = view->addAction(u"Timeline &Split by Event Type"_s);
    split->setCheckable(true);
    connect(split, &QAction::toggled, m_timeline, &TimelineWidget::setSplitByType);
    connect(m_stats, &SessionStats::splitByTypeChanged, split, &QAction::setChecked);
    view->addAction(u"Timeline: Show &Whole Session"_s, m_timeline,
                    &TimelineWidget::showWholeSession);
}

// Which docks show and where is the window's saveState(); the split is the chart's own.
void StatsDocks::saveSettings(QSettings &settings) const
{
    settings.setValue(u"timeline/splitByType"_s, m_timeline->splitByType());
}

void StatsDocks::restoreSettings(const QSettings &settings)
{
    m_timeline->setSplitByType(settings.value(u"timeline/splitByType"_s, false).toBool());
    m_sizeTypesDock = !settings.contains(u"window/state"_s);
}

void StatsDocks::applyTimeRange(qint64 fromMs, qint64 toMs)
{
    const QString term = TimelineFilter::timeRange(fromMs, toMs);
    const QString text = TimelineFilter::combine(m_filterBar->lineEdit()->text(), m_timeTerm, term);
    m_timeTerm = term; // before apply(): forgetStaleTerms() runs inside it
    m_filterBar->apply(text);
}

// The whole session again: the range goes from the filter, whatever else the user has stays.
void StatsDocks::clearTimeRange()
{
    const QString text = TimelineFilter::without(m_filterBar->lineEdit()->text(), m_timeTerm);
    m_timeTerm.clear();
    m_filterBar->apply(text);
}

void StatsDocks::applyEventType(const QString &eventType)
{
    // A type some events say and others only had inferred is one row: its click shows both.
    const qsizetype row = m_stats->typeCounts()->counts().indexOf(eventType);
    const bool mixed = row >= 0 && m_stats->typeCounts()->counts().tallies().at(row).mixed();
    const QString term = mixed ? TimelineFilter::eventType(TypeCounts::keyOf(eventType), true)
                               : TimelineFilter::eventType(eventType);
    const QString text =
        TimelineFilter::withEventType(m_filterBar->lineEdit()->text(), m_timeTerm, term);
    m_typeTerm = term;
    m_filterBar->apply(text);
}

// The user edited a term away: the next range or type is joined to what is there, and the
// timeline stops showing a band that no longer filters anything.
void StatsDocks::forgetStaleTerms()
{
    const QString text = m_filterBar->lineEdit()->text();
    if (!m_timeTerm.isEmpty() && !text.contains(m_timeTerm)) {
        m_timeTerm.clear();
        m_timeline->clearSelection();
    }
    if (!m_typeTerm.isEmpty() && !text.contains(m_typeTerm))
        m_typeTerm.clear();
}
