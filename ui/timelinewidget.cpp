#include "timelinewidget.h"

#include <QContextMenuEvent>
#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>
#include <numeric>

using namespace Qt::StringLiterals;

namespace {
// What a chart shows before it is given a timeline.
const RateTimeline *noEvents()
{
    static const RateTimeline empty;
    return &empty;
}

constexpr int kMinBarPixels = 4;
constexpr int kMinTickPixels = 90;
constexpr int kLargestTypes = 7;
constexpr qint64 kMinSpanMs = 10 * RateTimeline::kSecondMs;
constexpr qint64 kWholeSessionMinSpanMs = 10 * RateTimeline::kSecondMs;

// 1, 2, 5, 10, 20, 50 …: a round top for the y axis.
quint32 roundUp(quint32 value)
{
    quint64 step = 1;
    while (true) {
        for (const quint64 factor : { 1, 2, 5 }) {
            if (step * factor >= value)
                return quint32(step * factor);
        }
        step *= 10;
    }
}

QColor typeColor(int index, bool dark)
{
    static const QList<QColor> colors { QColor(31, 119, 180), QColor(255, 127, 14),
                                        QColor(44, 160, 44),  QColor(148, 103, 189),
                                        QColor(140, 86, 75),  QColor(227, 119, 194),
                                        QColor(23, 190, 207) };
    const QColor color = colors.at(index % colors.size());
    return dark ? color.lighter(125) : color;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}
} // namespace

TimelineWidget::TimelineWidget(QWidget *parent)
    : QWidget(parent)
    , m_timeline(noEvents())
{
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(
        u"Drag to filter the table to a time range; click for one bar. Wheel zooms, "
        "Shift+wheel pans, double-click shows the whole session; keys: + - Left Right Home."_s);
    m_repaint.setSingleShot(true);
    m_repaint.setInterval(250); // live capture at thousands of events per second: 4 paints
    connect(&m_repaint, &QTimer::timeout, this, [this] {
        refreshView();
        update();
    });
}

QSize TimelineWidget::sizeHint() const
{
    return { 640, 120 };
}

QSize TimelineWidget::minimumSizeHint() const
{
    return { 200, 70 };
}

void TimelineWidget::timelineChanged()
{
    if (!m_repaint.isActive())
        m_repaint.start();
}

void TimelineWidget::setTimeline(const RateTimeline *timeline)
{
    m_timeline = timeline;
    timelineChanged();
}

void TimelineWidget::setSplitByType(bool on)
{
    if (on != m_timeline->splitByType())
        Q_EMIT splitByTypeRequested(on);
}

void TimelineWidget::showWholeSession()
{
    m_wholeSession = true;
    m_followTail = true;
    refreshView();
    update();
}

void TimelineWidget::setView(qint64 fromMs, qint64 toMs)
{
    m_viewFromMs = fromMs;
    m_viewToMs = std::max(toMs, fromMs + kMinSpanMs);
    m_wholeSession = false;
    m_followTail = m_viewToMs > m_timeline->lastMs();
    update();
}

void TimelineWidget::clearSelection()
{
    m_selectionFromMs = m_selectionToMs = 0;
    update();
}

void TimelineWidget::refreshView()
{
    if (m_timeline->isEmpty())
        return;
    if (m_wholeSession) {
        m_viewFromMs = m_timeline->firstMs();
        m_viewToMs = std::max(m_timeline->lastMs() + RateTimeline::kSecondMs,
                              m_viewFromMs + kWholeSessionMinSpanMs);
    } else if (m_followTail && m_timeline->lastMs() >= m_viewToMs) {
        const qint64 span = m_viewToMs - m_viewFromMs;
        m_viewToMs = m_timeline->lastMs() + binMs();
        m_viewFromMs = m_viewToMs - span;
    }
}

QRect TimelineWidget::plotRect() const
{
    const int labelWidth = fontMetrics().horizontalAdvance(u"00000"_s) + 8;
    const int labelHeight = fontMetrics().height() + 4;
    return rect().adjusted(labelWidth, legendHeight() + 2, -8, -labelHeight);
}

qint64 TimelineWidget::binMs() const
{
    return RateTimeline::binWidthFor(m_viewToMs - m_viewFromMs,
                                     std::max(1, plotRect().width() / kMinBarPixels));
}

qint64 TimelineWidget::firstBinMs() const
{
    return RateTimeline::alignDown(m_viewFromMs, binMs());
}

int TimelineWidget::binCount() const
{
    const qint64 bin = binMs();
    return int((m_viewToMs - firstBinMs() + bin - 1) / bin);
}

int TimelineWidget::xOfTime(qint64 ms) const
{
    const QRect plot = plotRect();
    const double span = double(std::max<qint64>(1, m_viewToMs - m_viewFromMs));
    return plot.left() + int(std::lround(double(ms - m_viewFromMs) * plot.width() / span));
}

qint64 TimelineWidget::timeAtX(int x) const
{
    const QRect plot = plotRect();
    const double span = double(m_viewToMs - m_viewFromMs);
    return m_viewFromMs + qint64(std::llround(double(x - plot.left()) * span / plot.width()));
}

QColor TimelineWidget::validColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(96, 156, 230) : QColor(62, 124, 196);
}

QColor TimelineWidget::invalidColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(240, 96, 86) : QColor(214, 48, 44);
}

// The event types with the most events, as indexes into RateTimeline::types().
std::vector<int> TimelineWidget::largestTypes(int count) const
{
    std::vector<int> types(size_t(m_timeline->types().size()));
    std::iota(types.begin(), types.end(), 0);
    std::stable_sort(types.begin(), types.end(), [this](int a, int b) {
        return m_timeline->typeTotal(a).total() > m_timeline->typeTotal(b).total();
    });
    types.resize(std::min(types.size(), size_t(count)));
    return types;
}

std::vector<TimelineWidget::Series> TimelineWidget::visibleSeries() const
{
    const std::vector<RateCount> all = m_timeline->bins(firstBinMs(), binMs(), binCount());
    if (!m_timeline->splitByType()) {
        Series valid { u"valid"_s, validColor(palette()), std::vector<RateCount>(all.size()) };
        Series invalid { u"invalid"_s, invalidColor(palette()),
                         std::vector<RateCount>(all.size()) };
        Series unchecked { u"no schema"_s, palette().color(QPalette::Mid),
                           std::vector<RateCount>(all.size()) };
        for (size_t i = 0; i < all.size(); ++i) {
            valid.bins[i].valid = all[i].valid;
            invalid.bins[i].invalid = all[i].invalid;
            unchecked.bins[i].unchecked = all[i].unchecked;
        }
        return { valid, invalid, unchecked };
    }
    std::vector<Series> series;
    std::vector<RateCount> rest = all;
    int colorIndex = 0;
    for (const int type : largestTypes(kLargestTypes)) {
        const QString name = m_timeline->types().at(type);
        Series one { name.isEmpty() ? u"(unknown type)"_s : name,
                     typeColor(colorIndex++, isDark(palette())),
                     m_timeline->typeBins(type, firstBinMs(), binMs(), binCount()) };
        for (size_t i = 0; i < rest.size(); ++i) {
            rest[i].valid -= one.bins[i].valid;
            rest[i].invalid -= one.bins[i].invalid;
            rest[i].unchecked -= one.bins[i].unchecked;
        }
        series.push_back(std::move(one));
    }
    if (m_timeline->types().size() > kLargestTypes)
        series.push_back({ u"other types"_s, palette().color(QPalette::Mid), rest });
    return series;
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    refreshView(); // the newest events, even before the coalescing timer fires
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    if (m_timeline->isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter,
                         u"Events per second appear here as they arrive."_s);
        return;
    }
    const std::vector<Series> series = visibleSeries();
    quint32 maxTotal = 1;
    for (int i = 0; i < binCount(); ++i) {
        quint32 total = 0;
        for (const Series &one : series)
            total += one.bins[size_t(i)].total();
        maxTotal = std::max(maxTotal, total);
    }
    maxTotal = roundUp(maxTotal);
    paintSelection(painter);
    paintBars(painter, series, maxTotal);
    paintAxes(painter, maxTotal);
    paintLegend(painter, series);
}

void TimelineWidget::paintBars(QPainter &painter, const std::vector<Series> &series,
                               quint32 maxTotal)
{
    const QRect plot = plotRect();
    const qint64 bin = binMs();
    const qint64 first = firstBinMs();
    painter.save();
    painter.setClipRect(plot);
    for (int i = 0; i < binCount(); ++i) {
        const int x0 = xOfTime(first + i * bin);
        const int x1 = xOfTime(first + (i + 1) * bin);
        const int width = std::max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0));
        double y = plot.bottom() + 1;
        for (const Series &one : series) {
            const quint32 count = one.bins[size_t(i)].total();
            if (count == 0)
                continue;
            // At least one pixel: a single event among thousands must still show.
            const double height = std::max(1.0, double(count) * plot.height() / maxTotal);
            painter.fillRect(QRectF(x0, y - height, width, height), one.color);
            y -= height;
        }
    }
    painter.restore();
}

void TimelineWidget::paintAxes(QPainter &painter, quint32 maxTotal)
{
    const QRect plot = plotRect();
    QColor axis = palette().color(QPalette::Text);
    axis.setAlpha(110);
    painter.setPen(axis);
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.setPen(palette().color(QPalette::Text));
    const int labelWidth = plot.left() - 6;
    painter.drawText(QRect(0, plot.top(), labelWidth, fontMetrics().height()),
                     Qt::AlignRight | Qt::AlignTop, QString::number(maxTotal));
    painter.drawText(
        QRect(0, plot.bottom() - fontMetrics().height(), labelWidth, fontMetrics().height()),
        Qt::AlignRight | Qt::AlignBottom, u"0"_s);
    painter.drawText(
        QRect(plot.left() + 4, plot.top() - legendHeight(), plot.width(), fontMetrics().height()),
        Qt::AlignLeft | Qt::AlignTop, u"events per %1"_s.arg(durationText(binMs())));
    const qint64 step = RateTimeline::binWidthFor(m_viewToMs - m_viewFromMs,
                                                  std::max(1, plot.width() / kMinTickPixels));
    for (qint64 tick = RateTimeline::alignDown(m_viewFromMs, step) + step; tick < m_viewToMs;
         tick += step) {
        const int x = xOfTime(tick);
        painter.setPen(axis);
        painter.drawLine(x, plot.bottom(), x, plot.bottom() + 3);
        painter.setPen(palette().color(QPalette::Text));
        const QString label = timeLabel(tick, step);
        const int half = fontMetrics().horizontalAdvance(label) / 2;
        if (x + half > width())
            break; // a label cut at the edge reads as another time
        painter.drawText(QRect(x - half, plot.bottom() + 3, 2 * half + 2, fontMetrics().height()),
                         Qt::AlignCenter, label);
    }
}

// Right-aligned, largest series first; long type names are elided, and entries that would run
// into the axis title are left out (the tooltip names every type of a bar).
// In the strip above the bars, so it never hides the newest (rightmost) ones.
QList<TimelineWidget::LegendEntry>
TimelineWidget::legendLayout(const std::vector<Series> &series) const
{
    const QRect plot = plotRect();
    const int box = fontMetrics().height() - 4;
    const int gap = 12;
    const int available = plot.width() - 16
        - fontMetrics().horizontalAdvance(u"events per %1"_s.arg(durationText(binMs())));
    QList<LegendEntry> shown;
    int needed = -gap;
    for (const Series &one : series) {
        const QString name = fontMetrics().elidedText(one.name, Qt::ElideMiddle, 180);
        const int width = box + 4 + fontMetrics().horizontalAdvance(name) + gap;
        if (needed + width > available)
            break;
        shown.append({ name, one.color, {} });
        needed += width;
    }
    int x = plot.right() - 4 - needed;
    const int top = plot.top() - legendHeight();
    for (LegendEntry &entry : shown) {
        const int width = box + 4 + fontMetrics().horizontalAdvance(entry.name) + 2;
        entry.rect = QRect(x, top, width, fontMetrics().height());
        x += width - 2 + gap;
    }
    return shown;
}

QRect TimelineWidget::legendRect() const
{
    QRect all;
    for (const LegendEntry &entry : legendLayout(visibleSeries()))
        all = all.united(entry.rect);
    return all;
}

int TimelineWidget::legendHeight() const
{
    return fontMetrics().height() + 2;
}

void TimelineWidget::paintLegend(QPainter &painter, const std::vector<Series> &series)
{
    const int box = fontMetrics().height() - 4;
    painter.setPen(palette().color(QPalette::Text));
    for (const LegendEntry &entry : legendLayout(series)) {
        painter.fillRect(QRect(entry.rect.left(), entry.rect.top() + 2, box, box), entry.color);
        painter.drawText(entry.rect.adjusted(box + 4, 0, 0, 0), Qt::AlignLeft, entry.name);
    }
}

void TimelineWidget::paintSelection(QPainter &painter)
{
    const QRect plot = plotRect();
    QColor band = palette().color(QPalette::Highlight);
    band.setAlpha(60);
    if (m_dragging) {
        const int left = std::min(m_dragStartX, m_dragEndX);
        const int right = std::max(m_dragStartX, m_dragEndX);
        painter.fillRect(QRect(left, plot.top(), right - left + 1, plot.height()), band);
    } else if (m_selectionToMs > m_selectionFromMs) {
        const int left = std::max(plot.left(), xOfTime(m_selectionFromMs));
        const int right = std::min(plot.right(), xOfTime(m_selectionToMs));
        if (right >= left)
            painter.fillRect(QRect(left, plot.top(), right - left + 1, plot.height()), band);
    }
}

QString TimelineWidget::timeLabel(qint64 ms, qint64 stepMs)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms);
    if (stepMs < RateTimeline::kMinuteMs)
        return time.toString(u"HH:mm:ss"_s);
    if (stepMs < RateTimeline::kDayMs)
        return time.toString(u"HH:mm"_s);
    return time.toString(u"yyyy-MM-dd"_s);
}

QString TimelineWidget::durationText(qint64 ms)
{
    if (ms == RateTimeline::kSecondMs)
        return u"second"_s;
    if (ms < RateTimeline::kMinuteMs)
        return u"%1 s"_s.arg(ms / RateTimeline::kSecondMs);
    if (ms < RateTimeline::kHourMs)
        return u"%1 min"_s.arg(ms / RateTimeline::kMinuteMs);
    if (ms < RateTimeline::kDayMs)
        return u"%1 h"_s.arg(ms / RateTimeline::kHourMs);
    return u"%1 d"_s.arg(ms / RateTimeline::kDayMs);
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_timeline->isEmpty())
        return QWidget::mousePressEvent(event);
    m_dragging = true;
    m_dragStartX = m_dragEndX = event->position().toPoint().x();
    update();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return QWidget::mouseMoveEvent(event);
    m_dragEndX = event->position().toPoint().x();
    update();
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    m_dragging = false;
    m_dragEndX = event->position().toPoint().x();
    const qint64 bin = binMs();
    const int left = std::min(m_dragStartX, m_dragEndX);
    const int right = std::max(m_dragStartX, m_dragEndX);
    // A click (or a wobble of a few pixels) selects the bar under the pointer.
    const bool click = right - left < kMinBarPixels;
    m_selectionFromMs = RateTimeline::alignDown(timeAtX(left), bin);
    m_selectionToMs = RateTimeline::alignDown(timeAtX(click ? left : right), bin) + bin;
    // A dragged range is also looked at closely: the view zooms to it, with a little room
    // either side so its edges show. A click selects a bar and keeps the view.
    if (!click) {
        const qint64 room = (m_selectionToMs - m_selectionFromMs) / 20;
        setView(m_selectionFromMs - room, m_selectionToMs + room);
    }
    update();
    Q_EMIT rangeSelected(m_selectionFromMs, m_selectionToMs);
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = false;
    showWholeSession();
    clearSelection();
    Q_EMIT rangeCleared();
}

void TimelineWidget::wheelEvent(QWheelEvent *event)
{
    if (m_timeline->isEmpty())
        return;
    const QPoint delta = event->angleDelta();
    const double steps = double(delta.y() != 0 ? delta.y() : delta.x()) / 120.0;
    const qint64 span = m_viewToMs - m_viewFromMs;
    if (event->modifiers() & Qt::ShiftModifier || delta.y() == 0) {
        const qint64 shift = qint64(-steps * double(span) / 10.0);
        setView(m_viewFromMs + shift, m_viewToMs + shift);
        return;
    }
    zoom(std::pow(0.8, steps), timeAtX(int(event->position().x())));
}

void TimelineWidget::zoom(double factor, qint64 anchorMs)
{
    const qint64 from = anchorMs - qint64(double(anchorMs - m_viewFromMs) * factor);
    const qint64 to = anchorMs + qint64(double(m_viewToMs - anchorMs) * factor);
    const qint64 whole = m_timeline->lastMs() - m_timeline->firstMs();
    if (factor > 1 && to - from > whole * 12 / 10)
        return showWholeSession();
    setView(from, to);
}

void TimelineWidget::keyPressEvent(QKeyEvent *event)
{
    if (m_timeline->isEmpty())
        return QWidget::keyPressEvent(event);
    const qint64 span = m_viewToMs - m_viewFromMs;
    const qint64 middle = m_viewFromMs + span / 2;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        return zoom(0.5, middle);
    case Qt::Key_Minus:
        return zoom(2.0, middle);
    case Qt::Key_Left:
        return setView(m_viewFromMs - span / 5, m_viewToMs - span / 5);
    case Qt::Key_Right:
        return setView(m_viewFromMs + span / 5, m_viewToMs + span / 5);
    case Qt::Key_Home:
        return showWholeSession();
    default:
        QWidget::keyPressEvent(event);
    }
}

void TimelineWidget::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *split = menu.addAction(u"&Split by Event Type"_s);
    split->setCheckable(true);
    split->setChecked(splitByType());
    connect(split, &QAction::toggled, this, &TimelineWidget::setSplitByType);
    menu.addAction(u"Show &Whole Session"_s, this, &TimelineWidget::showWholeSession);
    menu.exec(event->globalPos());
}

bool TimelineWidget::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip || m_timeline->isEmpty())
        return QWidget::event(event);
    auto *help = static_cast<QHelpEvent *>(event);
    if (plotRect().contains(help->pos()))
        QToolTip::showText(help->globalPos(), binToolTip(help->pos().x()), this);
    else
        QToolTip::showText(help->globalPos(), toolTip(), this);
    return true;
}

QString TimelineWidget::binToolTip(int x) const
{
    const qint64 bin = binMs();
    const qint64 from = RateTimeline::alignDown(timeAtX(x), bin);
    const RateCount count = m_timeline->bins(from, bin, 1).front();
    QString text = u"%1 – %2\n%3 events: %4 valid, %5 invalid, %6 no schema"_s
                       .arg(QDateTime::fromMSecsSinceEpoch(from).toString(u"yyyy-MM-dd HH:mm:ss"_s),
                            QDateTime::fromMSecsSinceEpoch(from + bin).toString(u"HH:mm:ss"_s))
                       .arg(count.total())
                       .arg(count.valid)
                       .arg(count.invalid)
                       .arg(count.unchecked);
    if (!m_timeline->splitByType())
        return text;
    for (const int type : largestTypes(kLargestTypes)) {
        const RateCount one = m_timeline->typeBins(type, from, bin, 1).front();
        if (one.total() > 0)
            text += u"\n%1: %2"_s.arg(m_timeline->types().at(type)).arg(one.total());
    }
    return text;
}
