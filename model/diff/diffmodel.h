#pragma once

#include "difftree.h"
#include "models/modelroles.h"
#include "models/treemodel.h"

// Two events side by side: the union of both as one tree, each row marked Same, Added, Removed,
// Changed or TypeChanged. Three top-level rows (Section): "Request" (method and target),
// "Headers" (see alignHeaders()) and "Body": the JSON root when both bodies are JSON, else one
// row compared byte for byte. Same rows are kept for context. JSON rows read both bodies as sent
// (see diffJson): members aligned by name in the sender's order, duplicates as rows, values shown
// exactly as written; a value written differently (1.50 against 1.5) is no difference, but its
// Change cell says "same value, written differently".
//
// A row that is itself a difference has IsDifferenceRole true; its ancestors are Changed with
// DifferenceCountRole telling how many differences they hold; rows inside an added, removed or
// type-changed container inherit Added or Removed but are not counted. JSON members are created
// only when opened; big containers are split into range groups of DiffTree::kGroupSize.
class DiffModel : public TreeModel<DiffTree>
{
    Q_OBJECT
public:
    enum Column { FieldColumn, LeftColumn, RightColumn, ChangeColumn, ColumnCount };
    enum Role {
        PointerRole = ModelRoles::PointerRole, // QString: JSON Pointer, header name, or ""
        DiffKindRole = Qt::UserRole + 32, // int(DiffKind): drives the tint
        IsDifferenceRole, // bool: the row is one of the differenceCount() differences
        DifferenceCountRole, // int: differences in the row's subtree, itself included
        // What Copy Value gives: a JSON string's text, any other JSON value as sent (containers
        // re-indented, members in order, numbers untouched) as a QString; the text of a request
        // line or header row; a non-JSON body's bytes (QByteArray). Invalid where the side has
        // nothing.
        LeftValueRole,
        RightValueRole,
    };
    enum Section { RequestSection, HeadersSection, BodySection }; // the top-level rows

    explicit DiffModel(QObject *parent = nullptr);

    // Computes the diff here; for big bodies compute diffEvents() off the GUI thread and use
    // setDiff().
    void setEvents(const Event &left, const Event &right);
    void setDiff(EventDiff diff);
    void clear();
    const EventDiff &diff() const { return m_tree.diff(); }

    int differenceCount() const { return m_tree.entryCount(); }
    // The next difference after `from` in display order (depth first, as a tree view shows it
    // fully expanded), opening rows as needed. From an invalid index: the first. After the last
    // it wraps around to the first; invalid only when there are no differences.
    QModelIndex nextDifference(const QModelIndex &from) const;
    // The mirror image: from an invalid index, the last; before the first, wraps to the last.
    QModelIndex previousDifference(const QModelIndex &from) const;
    // Difference n (0-based, in display order), column 0; invalid if out of range.
    QModelIndex differenceIndex(int n) const;
    // The 0-based number of the difference shown by `index` ("3 of 7" is number 2), else -1.
    int differenceNumber(const QModelIndex &index) const;
    QModelIndex sectionIndex(Section section) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // How a value reads in a cell: a scalar's source text as sent (a string with its quotes and
    // escapes, a number's digits), containers as "{3}" / "[3]", cut to maxChars with " …"; empty
    // for json -1 (the side does not have it).
    static QString jsonText(const JsonDocument &document, int json, qsizetype maxChars = 300);

private:
    QString valueText(const DiffTree::Node &node, bool left, qsizetype maxChars) const;
    QVariant typedValue(const DiffTree::Node &node, bool left) const;
    static QVariant copyText(const JsonDocument &document, int json);
    QString changeText(const DiffTree::Node &node) const;
    QString bodyChangeText(const DiffTree::Node &node) const;
    QVariant toolTip(const DiffTree::Node &node, int id, int column) const;
};
