#pragma once

#include <QObject>

class QHeaderView;
class QMenu;

// Right-click on a table's header: a menu of its columns, each checked while shown, so a user
// adds the columns hidden at first (remote address, size, classification, content type,
// attempt) or hides others.
// The last shown column cannot be hidden. What is shown is the header's saveState().
class ColumnChooser : public QObject
{
    Q_OBJECT
public:
    explicit ColumnChooser(QHeaderView *header); // not owned; the chooser is its child

    // The menu as it would open now (the caller owns it).
    QMenu *createMenu() const;

private:
    QHeaderView *m_header; // not owned
};
