#include "severitydelegate.h"

#include "event/violation.h"
#include "models/modelroles.h"
#include "tints.h"

QColor SeverityDelegate::tint(int severity, const QPalette &palette)
{
    const auto kind = severity == int(Severity::Error) ? Tints::Kind::Error : Tints::Kind::Warning;
    return Tints::background(kind, palette);
}

void SeverityDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant severity = index.data(ModelRoles::SeverityRole);
    if (severity.isValid() && severity.toInt() >= 0)
        option->backgroundBrush = tint(severity.toInt(), option->palette);
}
