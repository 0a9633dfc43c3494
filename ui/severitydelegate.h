#pragma once

#include <QStyledItemDelegate>

// Tints a cell by its SeverityRole (error red, warning amber), in colours that read well on
// both light and dark palettes. The colour is chosen here; what is wrong is model data.
class SeverityDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    static QColor tint(int severity, const QPalette &palette);
};
