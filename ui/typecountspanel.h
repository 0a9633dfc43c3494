#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;
class TypeCountsModel;

// The per-type side panel: each event type with how many events arrived, how many failed their
// schema and how many errors they had, sortable; clicking a type filters the table to it.
class TypeCountsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TypeCountsPanel(TypeCountsModel *model, QWidget *parent = nullptr); // model not owned

    QTableView *view() const { return m_view; }
    QLabel *totals() const { return m_totals; }
    // The view's row of a type (the panel sorts), or -1.
    int viewRowOfType(const QString &eventType) const;
    QSize sizeHint() const override;

Q_SIGNALS:
    void typeActivated(const QString &eventType); // "" for events of unknown type

private:
    void updateTotals();

    TypeCountsModel *m_model; // not owned
    QSortFilterProxyModel *m_sorted; // owned through QObject parenting
    QTableView *m_view; // owned through QObject parenting
    QLabel *m_totals; // owned through QObject parenting
};
