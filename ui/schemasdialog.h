#pragma once

#include "schema/schemaregistry.h"

#include <QDialog>

class KnownEventsModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

// Schemas ▸ Known Events: every event type Hookscope knows, with its description, source (the
// bundled catalog or an imported file), URL key and its documented fields as a tree; a search box
// filters events and fields. "Filter to This Type" (or a double click) asks the window to filter
// the event table to the selected type; "Copy Example Payload" copies the documented example.
class SchemasDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SchemasDialog(const SchemaRegistry &registry, QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    QLineEdit *search() const { return m_search; }
    QLabel *details() const { return m_details; }
    QPushButton *copyExampleButton() const { return m_copyExample; }
    QPushButton *filterButton() const { return m_filter; }
    // The event type of the current row ("" when none).
    QString currentEventType() const;
    // The documented example of TYPE as indented JSON, "" when the catalog gives none.
    QString exampleText(const QString &eventType) const;

Q_SIGNALS:
    void filterToTypeRequested(const QString &eventType);

private:
    void showCurrent();
    void copyExample();
    void filterToType();
    QString eventDetails(const QString &eventType) const;

    SchemaRegistry m_registry;
    KnownEventsModel *m_model; // owned through QObject parenting
    QSortFilterProxyModel *m_proxy; // owned through QObject parenting
    QLineEdit *m_search; // owned through QObject parenting
    QTreeView *m_tree; // owned through QObject parenting
    QLabel *m_details; // owned through QObject parenting
    QPushButton *m_filter; // owned through QObject parenting
    QPushButton *m_copyExample; // owned through QObject parenting
};
