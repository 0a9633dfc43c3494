#pragma once

#include "diff/diffmodel.h"
#include "event/event.h"

#include <QDialog>
#include <QPersistentModelIndex>

class JobTracker;
struct EventComparison;
class QLabel;
class QPushButton;
class QTabWidget;
class QTreeView;

// Two events side by side: one tab per section of DiffModel (Body, Headers, Request), each a
// tree with the field, the left value, the right value and the change, rows tinted by kind.
// "Difference N of M" with Previous/Next (Shift+F7/F7) walks every difference in display order
// across the tabs. The diff is computed off the GUI thread, so the dialog opens at once even for
// 10 MB bodies.
class DiffDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DiffDialog(QWidget *parent = nullptr);

    // Compares in the background; compared() says when the result is shown.
    void compare(const Event &left, const Event &right);
    // Two stored events are being read and compared elsewhere (Session::compare()): says so
    // until showComparison() brings the result.
    void awaitComparison(qint64 leftSeq, qint64 rightSeq);
    void showComparison(const EventComparison &comparison);
    bool isComparing() const { return m_comparing; }

    void nextDifference();
    void previousDifference();
    void swapSides();
    // The difference selected now (0-based), or -1.
    int currentDifference() const;

    DiffModel *model() const { return m_model; }
    QTabWidget *tabs() const { return m_tabs; }
    QTreeView *view(DiffModel::Section section) const;
    QLabel *positionLabel() const { return m_position; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *previousButton() const { return m_previous; }

    // The background of a row of this kind: translucent over the palette's base, so text keeps
    // the palette's colour and stays readable on light and dark palettes.
    static QColor tint(DiffKind kind, const QPalette &palette);

Q_SIGNALS:
    void compared();

private:
    QTreeView *createView(const QString &title);
    QWidget *createNavigation();
    void beginComparing(const QString &left, const QString &right);
    void showDiff(EventDiff diff);
    void goTo(const QModelIndex &index);
    QModelIndex navigationStart() const;
    void updatePosition();
    void updateTabTitles();
    void showContextMenu(QTreeView *view, const QPoint &position);
    static QString describe(const Event &event);

    DiffModel *m_model; // owned through QObject parenting
    QLabel *m_sides; // owned through QObject parenting
    QLabel *m_position; // owned through QObject parenting
    QPushButton *m_previous; // owned through QObject parenting
    QPushButton *m_next; // owned through QObject parenting
    QPushButton *m_swap; // owned through QObject parenting
    QTabWidget *m_tabs; // owned through QObject parenting
    QList<QTreeView *> m_views; // indexed by DiffModel::Section
    QPersistentModelIndex m_current;
    Event m_left;
    Event m_right;
    // Delivers every result through the event loop, never inside compare(); a new comparison
    // (or one shown by showComparison()) drops the result of one still running.
    JobTracker *m_diff;
    bool m_comparing = false;
};
