#pragma once

#include <QStyledItemDelegate>

// Tints a cell by its SeverityRole (error red, warning amber) in colours derived from the view's
// palette (see Tints), so they read well on light and dark palettes alike and follow a palette
// change at once. The colour is chosen here; what is wrong is model data.
class SeverityDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The background for int(Severity) `severity` on `palette`.
    static QColor tint(int severity, const QPalette &palette);

protected:
    // Sets the tint as the item's background, so the style paints it under the text and under
    // the selection highlight like any BackgroundRole brush.
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
