#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

struct FilterNode;

// Byte strings a body must contain for a filter to match it: lets a scan over a session skip
// the rows that cannot match before it decodes or parses anything. Derived from the expression
// and sound by construction: it may admit a body the filter then refuses, never the reverse.
//
// Only terms whose raw literal must appear in the body give a requirement: json.PATH == "text"
// (a JSON string equal to it is spelled that way in the body unless the body uses an escape, so
// a backslash admits a body too) and body == "text". Every json.PATH term except != also needs
// the path's member names, as JSON strings ("amount"): a missing path matches nothing. Values
// that are numbers (1e3 == 1000), case-insensitive `contains`, `matches`, negations, headers and
// bare-word searches require nothing more.
class FilterLiterals
{
public:
    FilterLiterals() = default; // requires nothing: admits every body

    // The requirement of an expression that Filter::compile accepted; nothing for any other.
    static FilterLiterals requiredBy(const QString &expression);

    bool isEmpty() const { return m_clauses.isEmpty(); }
    // False only when no event with this body can match the filter.
    bool admits(QByteArrayView body) const;
    // Every clause must hold; a clause holds when the body contains one of its byte strings.
    const QList<QList<QByteArray>> &clauses() const { return m_clauses; }
    // Whether a term reads request headers (header[NAME], bare-word searches): a scan that
    // reads only bodies serves the filter when this is false.
    bool readsHeaders() const { return m_readsHeaders; }

private:
    using Clauses = QList<QList<QByteArray>>;
    static Clauses required(const FilterNode &node);
    static Clauses requiredByAll(const FilterNode &node);
    static Clauses requiredByAny(const FilterNode &node);
    static Clauses requiredByCompare(const FilterNode &node);
    static Clauses requiredByValue(const FilterNode &node);
    static Clauses requiredKeys(const FilterNode &node);
    static bool readsHeaders(const FilterNode &node);

    Clauses m_clauses;
    bool m_readsHeaders = true; // until the expression says otherwise
};
