#pragma once

#include "filterast.h"
#include "filtererror.h"
#include "filterpredicates.h"

#include <optional>

// Turns a syntax tree into predicates, checking what only the field can tell: that status is
// compared with numbers, time with dates, signature with its states, and that regular
// expressions compile. Literals are converted here, once, never per row.
class FilterCompiler
{
public:
    // nullptr when the tree does not make sense; error() then says why and where.
    FilterPredicatePtr compile(const FilterNode &node);
    const std::optional<FilterError> &error() const { return m_error; }
    // Whether any term reads headers, the JSON body, the body text or searches.
    bool needsEvent() const { return m_needsEvent; }

private:
    FilterPredicatePtr compileGroup(const FilterNode &node);
    FilterPredicatePtr compileSet(const FilterNode &node);
    FilterPredicatePtr compileSearch(const FilterNode &node);
    FilterPredicatePtr compileField(const FilterNode &node, FilterOp op);
    FilterPredicatePtr compileText(const FilterNode &node, FilterOp op);
    FilterPredicatePtr compileNumber(const FilterNode &node, FilterOp op);
    FilterPredicatePtr compileTime(const FilterNode &node, FilterOp op);
    FilterPredicatePtr compileEnum(const FilterNode &node, FilterOp op);
    FilterPredicatePtr compileFlag(const FilterNode &node, FilterOp op);
    FilterPredicatePtr compileEventField(const FilterNode &node, FilterOp op);
    std::optional<FilterValue> prepareValue(const FilterNode &node, FilterOp op);
    bool allowOnly(const FilterNode &node, std::initializer_list<FilterOp> ops, const QString &why);
    FilterPredicatePtr fail(qsizetype position, const QString &message);

    std::optional<FilterError> m_error;
    bool m_needsEvent = false;
};
