#pragma once

#include "jsontree.h"
#include "schema/fielddocs.h"
#include "treemodel.h"

#include <QJsonDocument>

// A JSON body as a tree: key, value, JSON type, and the schema's verdict on each field, in the
// order sent (a duplicate member is a row of its own). Values stay typed (ValueRole) and exact
// (RawRole: the source text); violations tint their field through SeverityRole; required
// members that are missing appear as placeholder rows where they belong.
class JsonTreeModel : public TreeModel<JsonTree>
{
    Q_OBJECT
public:
    enum Column {
        KeyColumn,
        ValueColumn,
        TypeColumn,
        MessageColumn,
        SchemaTypeColumn,
        ColumnCount
    };

    explicit JsonTreeModel(QObject *parent = nullptr);

    void setDocument(std::shared_ptr<const JsonDocument> document,
                     const Violations &violations = {});
    // A QJsonDocument has lost the order and the numbers already; for tests and older code.
    void setDocument(const QJsonDocument &document, const Violations &violations = {});
    void clear();
    // The event's field documentation, shown from the next setDocument() on (SchemaTypeColumn,
    // DescriptionRole, DocumentationRole, tooltips).
    void setFieldDocs(const FieldDocs &docs) { m_docs = docs; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The index of the node at a JSON Pointer, opening parents as needed; invalid if absent.
    QModelIndex indexOfPointer(const QString &pointer) const;

    static QString valueText(const JsonDocument &document, int json);

private:
    int childWithPointer(int id, const QString &pointer, const QString &token) const;
    QVariant displayData(const JsonTree::Node &node, int column) const;
    QVariant typedValue(const JsonTree::Node &node) const;
    bool appliesTo(const JsonTree::Node &node, const Violation &violation) const;
    int severityAt(const JsonTree::Node &node) const;
    QString messagesAt(const JsonTree::Node &node) const;
    QStringList messageListAt(const JsonTree::Node &node) const;
    const FieldDoc &docAt(const JsonTree::Node &node) const;
    QVariant docData(const JsonTree::Node &node, int role) const;

    FieldDocs m_docs;
};
