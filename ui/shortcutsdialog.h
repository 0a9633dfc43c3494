#pragma once

#include <QDialog>
#include <QKeySequence>

class QAction;
class QLineEdit;
class QMenuBar;
class QTreeWidget;

// One keyboard shortcut as Help ▸ Keyboard Shortcuts lists it.
struct ShortcutEntry
{
    QString menuPath; // "Edit ▸ Copy As", "" for an action in no menu
    QString text; // the action's text without mnemonic '&'
    QKeySequence shortcut; // the first one; `keys` names them all
    QString keys; // every shortcut of the action in the desktop's notation, ", "-separated
    QString where; // "Anywhere in the window" or the view that must have focus
};

// Help ▸ Keyboard Shortcuts: every action that has a shortcut, read from the window's actions
// when the dialog opens, so the list can never drift from the menus. A search field narrows it.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);

    // The actions with a shortcut, in the order given, each once.
    static QList<ShortcutEntry> entries(const QList<QAction *> &actions);
    // Every action of the menu bar's menus and their submenus, in menu order.
    static QList<QAction *> menuActions(const QMenuBar *menuBar);
    // "&Save && Quit" -> "Save & Quit"
    static QString withoutMnemonic(const QString &text);

    QTreeWidget *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }

private:
    void applySearch(const QString &text);

    QLineEdit *m_search; // owned through QObject parenting
    QTreeWidget *m_view; // owned through QObject parenting
};
