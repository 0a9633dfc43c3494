#pragma once

#include "timeline/ratetimeline.h"

#include <QTimer>
#include <QWidget>

// Events per second over the session as a bar chart, valid events below and invalid ones
// stacked above them in red (or one colour per event type, on demand). Paints only the bins it
// shows, read from RateTimeline's coarse levels when zoomed out, so a million events cost the
// same as a hundred.
//
// It shows the whole session until the user zooms (wheel, around the pointer; Shift+wheel pans;
// double-click shows everything again; with the keyboard: + and - zoom, Left and Right pan,
// Home shows everything). A view that reaches the newest event follows live capture. Dragging
// selects a time range and zooms to it, a click selects one bin: rangeSelected() says which,
// snapped to bin edges.
// A double-click shows the whole session and clears the range (its first click has selected a bin
// by then).
class TimelineWidget : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineWidget(QWidget *parent = nullptr);

    // Shows TIMELINE, counted elsewhere (SessionStats in the window; not owned, must outlive this).
    void setTimeline(const RateTimeline *timeline);
    const RateTimeline &timeline() const { return *m_timeline; }
    // Call after the timeline changed: the chart repaints soon, several changes at once.
    void timelineChanged();

    // Asks whoever counts the timeline to split it by type or not (splitByTypeRequested()).
    void setSplitByType(bool on);
    bool splitByType() const { return m_timeline->splitByType(); }
    void showWholeSession();
    void setView(qint64 fromMs, qint64 toMs);
    qint64 viewFromMs() const { return m_viewFromMs; }
    qint64 viewToMs() const { return m_viewToMs; }
    qint64 binMs() const;
    bool showsWholeSession() const { return m_wholeSession; }

    // The selected range, shown as a band until clearSelection(); empty when from == to.
    qint64 selectionFromMs() const { return m_selectionFromMs; }
    qint64 selectionToMs() const { return m_selectionToMs; }
    void clearSelection();

    QRect plotRect() const;
    // Where the legend is drawn: above plotRect(), never over the bars.
    QRect legendRect() const;
    int xOfTime(qint64 ms) const;
    qint64 timeAtX(int x) const;

    // Bar colours: valid events and invalid ones, readable on the palette's base.
    static QColor validColor(const QPalette &palette);
    static QColor invalidColor(const QPalette &palette);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void rangeSelected(qint64 fromMs, qint64 toMs);
    // Double-click: the whole session again, and no time range.
    void rangeCleared();
    void splitByTypeRequested(bool on);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Series
    {
        QString name;
        QColor color;
        std::vector<RateCount> bins;
    };

    void refreshView();
    void zoom(double factor, qint64 anchorMs);
    int binCount() const;
    qint64 firstBinMs() const;
    std::vector<Series> visibleSeries() const;
    std::vector<int> largestTypes(int count) const;
    void paintBars(QPainter &painter, const std::vector<Series> &series, quint32 maxTotal);
    void paintAxes(QPainter &painter, quint32 maxTotal);
    struct LegendEntry
    {
        QString name;
        QColor color;
        QRect rect;
    };
    QList<LegendEntry> legendLayout(const std::vector<Series> &series) const;
    int legendHeight() const;
    void paintLegend(QPainter &painter, const std::vector<Series> &series);
    void paintSelection(QPainter &painter);
    QString binToolTip(int x) const;
    static QString timeLabel(qint64 ms, qint64 stepMs);
    static QString durationText(qint64 ms);

    const RateTimeline *m_timeline; // not owned
    QTimer m_repaint;
    qint64 m_viewFromMs = 0;
    qint64 m_viewToMs = 0;
    bool m_wholeSession = true;
    bool m_followTail = true;
    qint64 m_selectionFromMs = 0;
    qint64 m_selectionToMs = 0;
    bool m_dragging = false;
    int m_dragStartX = 0;
    int m_dragEndX = 0;
};
