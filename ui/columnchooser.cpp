#include "columnchooser.h"

#include <QHeaderView>
#include <QMenu>

using namespace Qt::StringLiterals;

ColumnChooser::ColumnChooser(QHeaderView *header)
    : QObject(header)
    , m_header(header)
{
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        QMenu *menu = createMenu();
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_header->viewport()->mapToGlobal(position));
    });
}

QMenu *ColumnChooser::createMenu() const
{
    auto *menu = new QMenu(m_header);
    QAbstractItemModel *model = m_header->model();
    const int shown = m_header->count() - m_header->hiddenSectionCount();
    for (int column = 0; column < m_header->count(); ++column) {
        const QString title = model->headerData(column, m_header->orientation()).toString();
        QAction *action = menu->addAction(title);
        action->setCheckable(true);
        action->setChecked(!m_header->isSectionHidden(column));
        action->setEnabled(m_header->isSectionHidden(column) || shown > 1);
        connect(action, &QAction::toggled, m_header, [header = m_header, column](bool on) {
            header->setSectionHidden(column, !on);
            if (on && header->sectionSize(column) < header->minimumSectionSize() * 2)
                header->resizeSection(column, header->defaultSectionSize());
        });
    }
    return menu;
}
