#include "severitydelegate.h"

#include "models/modelroles.h"

#include <QPainter>

QColor SeverityDelegate::tint(int severity, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    QColor color = severity == 0 ? QColor(220, 50, 47) : QColor(230, 160, 0);
    color.setAlpha(dark ? 110 : 70);
    return color;
}

void SeverityDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const QVariant severity = index.data(ModelRoles::SeverityRole);
    if (severity.isValid() && severity.toInt() >= 0)
        painter->fillRect(option.rect, tint(severity.toInt(), option.palette));
    QStyledItemDelegate::paint(painter, option, index);
}
