#pragma once

#include "models/modelroles.h"
#include "typecounts.h"

#include <QAbstractTableModel>

// Event type → how many events, how many invalid, how many schema errors: the per-type panel.
// Rows are only appended (a new type) or updated in place (one dataChanged per update); a
// recount that drops types removes just those rows. The model is never reset after
// construction, so a view keeps its selection and sort while events stream in.
class TypeCountsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TypeColumn, EventsColumn, InvalidColumn, ErrorsColumn, ColumnCount };
    enum Role {
        SortRole = ModelRoles::SortRole, // typed: QString type, qint64 counts
        SeverityRole = ModelRoles::SeverityRole, // Error on the Invalid and Errors cells when > 0
        EventTypeRole = Qt::UserRole + 48, // QString: the raw type, "" for unknown
    };

    explicit TypeCountsModel(QObject *parent = nullptr);

    // Adds a batch of newly arrived events.
    void add(const TypeCounts &more);
    // Replaces everything with a full recount (events deleted or re-checked).
    void setCounts(const TypeCounts &counts);
    const TypeCounts &counts() const { return m_counts; }
    int rowOfType(const QString &eventType) const { return int(m_counts.indexOf(eventType)); }
    // How an unknown type reads in the panel.
    static QString unknownTypeText();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    QVariant display(const TypeCounts::Tally &tally, int column) const;
    QVariant sortValue(const TypeCounts::Tally &tally, int column) const;
    QString toolTip(const TypeCounts::Tally &tally) const;
    void appendTallies(const QList<TypeCounts::Tally> &tallies);
    void removeMissing(const TypeCounts &counts);

    TypeCounts m_counts;
};
