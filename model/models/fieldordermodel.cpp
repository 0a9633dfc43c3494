#include "fieldordermodel.h"

namespace {
bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// The run of digits, or of other characters, that starts at AT.
QStringView runAt(QStringView text, qsizetype at)
{
    const bool digits = isDigit(text[at]);
    qsizetype end = at;
    while (end < text.size() && isDigit(text[end]) == digits)
        ++end;
    return text.sliced(at, end - at);
}

int compareRuns(QStringView x, QStringView y)
{
    if (!isDigit(x.front()) || !isDigit(y.front()))
        return x.compare(y, Qt::CaseInsensitive);
    while (x.size() > 1 && x.front() == u'0')
        x = x.sliced(1);
    while (y.size() > 1 && y.front() == u'0')
        y = y.sliced(1);
    return x.size() != y.size() ? (x.size() < y.size() ? -1 : 1) : x.compare(y);
}

// Runs of digits by their value, the rest case-insensitively: "item2" < "item10", "[2]" < "[10]".
// Written out rather than QCollator's numeric mode, which the C locale ignores.
int naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        const QStringView x = runAt(a, i);
        const QStringView y = runAt(b, j);
        if (const int order = compareRuns(x, y); order != 0)
            return order;
        i += x.size();
        j += y.size();
    }
    return int(i < a.size()) - int(j < b.size());
}
} // namespace

FieldOrderModel::FieldOrderModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{ }

void FieldOrderModel::setOrder(Order order)
{
    m_order = order;
    // Column -1 gives back the source's order.
    sort(order == Order::ByKey ? 0 : -1, Qt::AscendingOrder);
}

void FieldOrderModel::toggleOrder()
{
    setOrder(m_order == Order::AsSent ? Order::ByKey : Order::AsSent);
}

bool FieldOrderModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int byKey = naturalCompare(left.siblingAtColumn(0).data().toString(),
                                     right.siblingAtColumn(0).data().toString());
    return byKey != 0 ? byKey < 0 : left.row() < right.row();
}
