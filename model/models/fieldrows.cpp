#include "fieldrows.h"

#include "jsontreemodel.h"
#include "modelroles.h"

using namespace Qt::StringLiterals;

QList<FieldRow> FieldRows::collect(const QAbstractItemModel &model)
{
    QList<FieldRow> rows;
    collectInto(model, {}, 0, rows);
    return rows;
}

void FieldRows::collectInto(const QAbstractItemModel &model, const QModelIndex &parent, int depth,
                            QList<FieldRow> &out)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, JsonTreeModel::KeyColumn, parent);
        const QString type = index.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString();
        if (type == u"range"_s) {
            collectInto(model, index, depth, out);
            continue;
        }
        FieldRow field;
        field.pointer = index.data(ModelRoles::PointerRole).toString();
        field.key = index.data().toString();
        field.depth = depth;
        field.type = index.data(ModelRoles::JsonTypeRole).toString(); // integer for 1e2 too
        const bool scalar =
            field.type != u"object"_s && field.type != u"array"_s && field.type != u"missing"_s;
        if (scalar) {
            field.value = QJsonValue::fromVariant(index.data(ModelRoles::ValueRole));
            field.raw = index.data(ModelRoles::RawRole).toString();
        }
        field.severity = index.data(ModelRoles::SeverityRole).toInt();
        field.messages = index.data(ModelRoles::MessagesRole).toStringList();
        field.description = index.data(ModelRoles::DescriptionRole).toString();
        field.schemaType = index.data(ModelRoles::SchemaTypeRole).toString();
        out.append(field);
        collectInto(model, index, depth + 1, out);
    }
}
