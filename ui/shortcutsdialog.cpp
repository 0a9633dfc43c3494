#include "shortcutsdialog.h"

#include <QAbstractItemView>
#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTableView>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
enum Column { ActionColumn, ShortcutColumn, MenuColumn, WhereColumn };

// The menu an action sits in. Untitled menus (context menus, the menu bar's overflow popup)
// also hold actions, but name no place a user would look.
QMenu *menuOf(const QAction *action)
{
    for (QObject *object : action->associatedObjects()) {
        auto *menu = qobject_cast<QMenu *>(object);
        if (menu && !menu->title().isEmpty())
            return menu;
    }
    return nullptr;
}

bool isOnMenuBar(const QMenu *menu)
{
    const QList<QObject *> holders = menu->menuAction()->associatedObjects();
    return std::any_of(holders.cbegin(), holders.cend(),
                       [](QObject *holder) { return qobject_cast<QMenuBar *>(holder); });
}

// "Edit ▸ Copy As": the titles from the menu bar down to the action's menu.
QString menuPath(const QAction *action)
{
    QStringList titles;
    for (QMenu *menu = menuOf(action); menu && titles.size() < 16;
         menu = isOnMenuBar(menu) ? nullptr : menuOf(menu->menuAction()))
        titles.prepend(ShortcutsDialog::withoutMnemonic(menu->title()));
    return titles.join(u" ▸ "_s);
}

QString viewName(const QWidget *widget)
{
    if (!widget->accessibleName().isEmpty())
        return widget->accessibleName();
    if (qobject_cast<const QTableView *>(widget))
        return u"table"_s;
    if (qobject_cast<const QTreeView *>(widget))
        return u"tree"_s;
    return u"its view"_s;
}

// Table actions use Qt::WidgetShortcut so their keys (j, Delete) keep their meaning elsewhere;
// the list says so, or a user pressing j in the filter bar would think the shortcut is broken.
QString whereText(const QAction *action)
{
    if (action->shortcutContext() != Qt::WidgetShortcut
        && action->shortcutContext() != Qt::WidgetWithChildrenShortcut)
        return u"Anywhere in the window"_s;
    QStringList views;
    for (QObject *object : action->associatedObjects()) {
        auto *widget = qobject_cast<QWidget *>(object);
        if (widget && !qobject_cast<QMenu *>(widget) && !views.contains(viewName(widget)))
            views.append(viewName(widget));
    }
    return views.isEmpty() ? u"Nowhere (no view)"_s
                           : u"When the %1 has focus"_s.arg(views.join(u" or "_s));
}

QString keysText(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &sequence : action->shortcuts())
        keys.append(sequence.toString(QKeySequence::NativeText));
    return keys.join(u", "_s);
}
} // namespace

QString ShortcutsDialog::withoutMnemonic(const QString &text)
{
    QString plain;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'&' && i + 1 < text.size())
            ++i; // "&&" is a literal '&'; "&x" marks x
        plain.append(text.at(i));
    }
    return plain;
}

QList<ShortcutEntry> ShortcutsDialog::entries(const QList<QAction *> &actions)
{
    QList<ShortcutEntry> found;
    QSet<const QAction *> seen;
    for (const QAction *action : actions) {
        if (!action || action->shortcut().isEmpty() || seen.contains(action))
            continue;
        seen.insert(action);
        found.append({ menuPath(action), withoutMnemonic(action->text()), action->shortcut(),
                       keysText(action), whereText(action) });
    }
    return found;
}

QList<QAction *> ShortcutsDialog::menuActions(const QMenuBar *menuBar)
{
    QList<QAction *> all;
    QList<QAction *> pending = menuBar->actions();
    while (!pending.isEmpty()) {
        QAction *action = pending.takeFirst();
        all.append(action);
        if (const QMenu *menu = action->menu())
            pending = menu->actions() + pending; // depth first keeps menu order
    }
    return all;
}

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
    , m_search(new QLineEdit(this))
    , m_view(new QTreeWidget(this))
{
    setWindowTitle(u"Keyboard Shortcuts"_s);
    m_search->setPlaceholderText(u"Search actions and keys"_s);
    m_search->setClearButtonEnabled(true);
    m_view->setHeaderLabels({ u"Action"_s, u"Shortcut"_s, u"Menu"_s, u"Where"_s });
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    for (const ShortcutEntry &entry : entries(actions))
        m_view->addTopLevelItem(
            new QTreeWidgetItem({ entry.text, entry.keys, entry.menuPath, entry.where }));
    for (int column = ActionColumn; column <= MenuColumn; ++column)
        m_view->resizeColumnToContents(column);
    auto *note = new QLabel(
        u"In the table, the arrow keys, Page Up/Down, Home and End move between events too."_s,
        this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &ShortcutsDialog::applySearch);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(720, 480);
}

void ShortcutsDialog::applySearch(const QString &text)
{
    const QString needle = text.trimmed();
    for (int row = 0; row < m_view->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_view->topLevelItem(row);
        bool match = needle.isEmpty();
        for (int column = ActionColumn; column <= MenuColumn && !match; ++column)
            match = item->text(column).contains(needle, Qt::CaseInsensitive);
        item->setHidden(!match);
    }
}
