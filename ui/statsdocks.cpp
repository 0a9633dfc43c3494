#include "statsdocks.h"

#include "filterbar.h"
#include "jobs/jobtracker.h"
#include "models/eventtablemodel.h"
#include "timeline/timelinefilter.h"
#include "timeline/typecountsmodel.h"
#include "timelinewidget.h"
#include "typecountspanel.h"

#include <QAction>
#include <QDockWidget>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>

using namespace Qt::StringLiterals;

struct StatsDocks::Sample
{
    QString eventType; // shared with the model's string pool, not copied
    qint64 receivedAtMs = 0;
    quint16 errorCount = 0;
    quint16 warningCount = 0;
    BodyKind bodyKind = BodyKind::Empty; // with schemaChecked: the verdict, as appended rows count
    bool schemaChecked = false;
};

void StatsDocks::Counts::add(const EventSummary &summary)
{
    timeline.add(summary);
    types.add(summary);
}

StatsDocks::StatsDocks(EventTableModel *model, FilterBar *filterBar, QMainWindow *window)
    : QObject(window)
    , m_model(model)
    , m_filterBar(filterBar)
    , m_timeline(new TimelineWidget(window))
    , m_timelineDock(new QDockWidget(u"Timeline"_s, window))
    , m_typesDock(new QDockWidget(u"Event Types"_s, window))
    , m_typeCounts(new TypeCountsModel)
    , m_typesPanel(new TypeCountsPanel(m_typeCounts, window))
    , m_recount(new JobTracker(this)) // a recount still running has nobody left to show to
{
    m_typeCounts->setParent(m_typesPanel);
    m_recountTimer.setSingleShot(true);
    m_recountTimer.setInterval(200);
    createDocks(window);
    connectParts();
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
    // Narrow enough to leave the table its first columns at 1200 px; long types are elided.
    window->resizeDocks({ m_typesDock }, { m_typesPanel->fontMetrics().averageCharWidth() * 54 },
                        Qt::Horizontal);
}

void StatsDocks::connectParts()
{
    connect(&m_recountTimer, &QTimer::timeout, this, &StatsDocks::recount);
    // The per-type series are kept only while split, so turning it on needs every event again;
    // counted at once, so the chart never shows the split without its counts.
    connect(m_timeline, &TimelineWidget::splitByTypeChanged, this, &StatsDocks::recountHere);
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
    connect(m_timeline, &TimelineWidget::splitByTypeChanged, split, &QAction::setChecked);
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
}

// Rows just appended: counted into the timeline and the type panel as one batch each.
void StatsDocks::countRows(int first, int last)
{
    TypeCounts batch;
    for (int row = first; row <= last; ++row) {
        const EventSummary &summary = m_model->summaryAt(row);
        m_timeline->timeline().add(summary);
        batch.add(summary);
    }
    m_typeCounts->add(batch);
    m_timeline->timelineChanged();
}

void StatsDocks::recountSoon()
{
    invalidateRecount();
    m_recountTimer.start();
}

// Rows changed under a running recount's copy: its counts would be wrong.
void StatsDocks::invalidateRecount()
{
    m_recount->cancel();
}

// Everything counted again: after a reopened session, deletions or a re-check changed rows.
// Only the copy is made here; the counting, a tenth of a second per million events, is not.
void StatsDocks::recount()
{
    m_recountTimer.stop();
    std::vector<Sample> samples = snapshot();
    const int rows = int(samples.size());
    // Starting supersedes a running recount: only the newest copy's counts are shown.
    m_recount->start([samples = std::move(samples), split = m_timeline->splitByType()](
                         JobControl &job) { return countSamples(job, samples, split); },
                     [this, rows](Counts counts) { showCounts(std::move(counts), rows); });
}

bool StatsDocks::isRecounting() const
{
    return m_recountTimer.isActive() || m_recount->isRunning();
}

void StatsDocks::recountHere()
{
    m_recountTimer.stop();
    invalidateRecount();
    Counts counts;
    counts.timeline.setSplitByType(m_timeline->splitByType());
    for (int row = 0; row < m_model->rowCount(); ++row)
        counts.add(m_model->summaryAt(row));
    showCounts(std::move(counts), m_model->rowCount());
}

std::vector<StatsDocks::Sample> StatsDocks::snapshot() const
{
    std::vector<Sample> samples;
    samples.reserve(size_t(m_model->rowCount()));
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const EventSummary &s = m_model->summaryAt(row);
        samples.push_back({ s.eventType, s.receivedAtMs, s.errorCount, s.warningCount, s.bodyKind,
                            s.schemaChecked });
    }
    return samples;
}

// On a worker thread: values in, value out.
// A cancelled count stops early; the tracker drops what it returns.
StatsDocks::Counts StatsDocks::countSamples(const JobControl &job,
                                            const std::vector<Sample> &samples, bool splitByType)
{
    Counts counts;
    counts.timeline.setSplitByType(splitByType);
    EventSummary summary; // counted through the same calls as appended rows
    for (size_t i = 0; i < samples.size(); ++i) {
        if (i % 16'384 == 0 && job.isCancelled())
            break;
        summary.eventType = samples[i].eventType;
        summary.receivedAtMs = samples[i].receivedAtMs;
        summary.errorCount = samples[i].errorCount;
        summary.warningCount = samples[i].warningCount;
        summary.bodyKind = samples[i].bodyKind;
        summary.schemaChecked = samples[i].schemaChecked;
        counts.add(summary);
    }
    return counts;
}

// Rows appended after the copy was made were counted into the figures these replace, so they
// are counted again on top of them, once.
void StatsDocks::showCounts(Counts counts, int rowsCounted)
{
    for (int row = rowsCounted; row < m_model->rowCount(); ++row)
        counts.add(m_model->summaryAt(row));
    m_timeline->timeline() = std::move(counts.timeline);
    m_typeCounts->setCounts(counts.types);
    m_timeline->timelineChanged();
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
    const QString term = TimelineFilter::eventType(eventType);
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
