#pragma once

#include <QDialog>

class QTreeWidget;
class SchemaRegistry;

// Lists every event type Hookscope knows: its URL key, where its schema came from (the bundled
// Solaris catalog or an imported file), how many fields it documents, and what triggers it.
class SchemasDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SchemasDialog(const SchemaRegistry &registry, QWidget *parent = nullptr);
    QTreeWidget *list() const { return m_list; }

private:
    QTreeWidget *m_list; // owned through QObject parenting
};
