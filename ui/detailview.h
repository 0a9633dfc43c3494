#pragma once

#include "event/bodyinspector.h"
#include "event/deliveryresult.h"
#include "event/event.h"
#include "event/eventanalysis.h"
#include "schema/schemaregistry.h"

#include <QTabWidget>

class BodyView;
class FindBar;
class FieldOrderModel;
class JsonTreeModel;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QTreeView;
class QTreeWidget;

// The selected event, tab by tab: Fields (the JSON tree with the schema's verdicts), Headers,
// Raw (the exact body), Response (what Hookscope answered).
class DetailView : public QWidget
{
    Q_OBJECT
public:
    explicit DetailView(QWidget *parent = nullptr);

    void showEvent(const Event &event, const EventAnalysis &analysis);
    // The same for a body already inspected: a large body is parsed once, not once per tab.
    void showEvent(const Event &event, const EventAnalysis &analysis, const BodyInspection &body);
    // Where the Fields tree takes each field's documentation from (the analyser's registry).
    void setSchemas(const SchemaRegistry &schemas) { m_schemas = schemas; }
    void showDeliveries(const QList<DeliveryResult> &deliveries);
    QTreeWidget *deliveriesView() const { return m_deliveries; }
    void clear();

    JsonTreeModel *fieldsModel() const { return m_fieldsModel; }
    // Between fieldsModel() and fieldsView(): the order the tree shows (as sent, or by key).
    FieldOrderModel *fieldsOrder() const { return m_fieldsOrder; }
    QTreeView *fieldsView() const { return m_fieldsView; }
    QLabel *fieldDocView() const { return m_fieldDoc; }
    QTabWidget *tabs() const { return m_tabs; }
    QTreeWidget *headersView() const { return m_headers; }
    BodyView *rawView() const { return m_raw; }
    FindBar *findBar() const { return m_find; }
    // Ctrl+F inside the detail view: find text in the tab shown (Fields, Raw, Response).
    void startFind();
    // The next (or previous) match in the current tab; false when there is none.
    bool findInTab(const QString &text, bool backward);

Q_SIGNALS:
    void applyFilterRequested(const QString &expression);
    void prepareFilterRequested(const QString &expression);

private:
    QWidget *createFieldsTab();
    void expandTopLevel();
    void showFieldDoc(const QModelIndex &index);
    void showFieldsHeaderMenu(const QPoint &position);
    void toggleFieldOrder(int section);
    void showFieldMenu(const QPoint &position);
    void showHeaderMenu(const QPoint &position);
    void offerFilter(QMenu &menu, const QString &expression);
    void showHeaders(const HeaderList &headers);
    bool findInFields(const QString &text, bool backward, bool refine);
    static QString signatureText(const SignatureCheck &check);
    static QString loadedFromText(const Event &event);
    QString summaryText(const Event &event, const EventAnalysis &analysis) const;

    QLabel *m_summary; // owned through QObject parenting
    QTabWidget *m_tabs; // owned through QObject parenting
    JsonTreeModel *m_fieldsModel; // owned through QObject parenting
    FieldOrderModel *m_fieldsOrder; // owned through QObject parenting
    QTreeView *m_fieldsView; // owned through QObject parenting
    QLabel *m_fieldsNote; // owned through QObject parenting
    QLabel *m_fieldDoc; // owned through QObject parenting
    SchemaRegistry m_schemas;
    QTreeWidget *m_headers; // owned through QObject parenting
    BodyView *m_raw; // owned through QObject parenting
    BodyView *m_response; // owned through QObject parenting
    QPlainTextEdit *m_signature; // owned through QObject parenting
    QTreeWidget *m_deliveries; // owned through QObject parenting
    FindBar *m_find; // owned through QObject parenting
    QString m_lastFind; // typed further, a search starts at the last match, not after it
};
