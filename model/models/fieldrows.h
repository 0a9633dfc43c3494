#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

class QAbstractItemModel;
class QModelIndex;

// One row of the Fields tree as plain values, in the tree's order: what `hookscope inspect`
// prints. Read from the JsonTreeModel the window shows, so the terminal and the window agree.
struct FieldRow
{
    QString pointer;
    QString key;
    int depth = 0;
    QString type; // object array string number integer boolean null missing
    QJsonValue value { QJsonValue::Undefined }; // scalars only: Undefined for containers, missing
    QString raw; // scalars only: the exact source text (a string with its quotes and escapes)
    int severity = -1; // -1 none, else int(Severity)
    QStringList messages;
    QString description; // the schema's documentation, "" when none
    QString schemaType; // "string (date-time)", "enum", ...
};

class FieldRows
{
public:
    // Every node under the model's root, depth first; range groups of large arrays are opened
    // and stand for nothing themselves (their members are listed in order).
    static QList<FieldRow> collect(const QAbstractItemModel &model);

private:
    static void collectInto(const QAbstractItemModel &model, const QModelIndex &parent, int depth,
                            QList<FieldRow> &out);
};
