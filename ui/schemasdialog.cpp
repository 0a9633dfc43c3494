#include "schemasdialog.h"

#include "schema/schemaregistry.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SchemasDialog::SchemasDialog(const SchemaRegistry &registry, QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget(this))
{
    setWindowTitle(u"Schemas"_s);
    m_list->setHeaderLabels({ u"Event type"_s, u"URL key"_s, u"Fields"_s, u"Source"_s,
                              u"Sent when"_s, u"Not enforced"_s });
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSortingEnabled(true);
    QList<QTreeWidgetItem *> items;
    for (const QString &type : registry.eventTypes()) {
        auto *item = new QTreeWidgetItem({ type, registry.urlKey(type),
                                           QString::number(registry.fieldCount(type)),
                                           registry.sourceOf(type), registry.description(type),
                                           registry.unenforced(type).join(u", "_s) });
        item->setData(2, Qt::DisplayRole, registry.fieldCount(type));
        item->setToolTip(4, registry.description(type));
        // Keywords of the schema's dialect that validation cannot check, with their pointers.
        item->setToolTip(5, registry.unenforced(type).join(u'\n'));
        items.append(item);
    }
    m_list->addTopLevelItems(items);
    m_list->sortByColumn(0, Qt::AscendingOrder);
    for (int column = 0; column < 4; ++column)
        m_list->resizeColumnToContents(column);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(980, 560);
}
