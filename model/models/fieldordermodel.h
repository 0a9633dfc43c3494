#pragma once

#include <QSortFilterProxyModel>

// The Fields tree's order: as sent (the default, the source's own order), or by key. Keys
// compare as people read them, numbers by value ("item2" before "item10"), so array elements
// ("[2]", "[10]") and range groups keep their order; members with the same key (duplicates)
// stay in the order sent. Only the order changes: every row keeps its data (pointer, value).
class FieldOrderModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class Order { AsSent, ByKey };

    explicit FieldOrderModel(QObject *parent = nullptr);

    Order order() const { return m_order; }
    void setOrder(Order order);
    // As sent -> by key -> as sent (a header click).
    void toggleOrder();

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    Order m_order = Order::AsSent;
};
