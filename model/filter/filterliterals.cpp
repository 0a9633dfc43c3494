#include "filterliterals.h"

#include "filterast.h"
#include "filterparser.h"
#include "filtervalue.h"

#include <cstring>

namespace {
// The UTF-8 bytes a literal appears as in a body, or nothing when a matching value could be
// spelled differently: numbers compare by value, objects and arrays by their compact form, and
// text that does not survive a UTF-8 round trip (lone surrogates, U+FFFD) by decoded content.
std::optional<QByteArray> rawSpelling(const QString &text, FilterField field)
{
    if (text.isEmpty() || FilterCompare::parseNumber(text)
        || text.contains(QChar::ReplacementCharacter))
        return std::nullopt;
    if (field == FilterField::Json && (text.startsWith(u'{') || text.startsWith(u'[')))
        return std::nullopt;
    QByteArray utf8 = text.toUtf8();
    if (QString::fromUtf8(utf8) != text)
        return std::nullopt;
    return utf8;
}

// The alternatives that show a term `field == literal` may hold.
std::optional<QList<QByteArray>> spellings(const FilterLiteral &literal, FilterField field)
{
    std::optional<QByteArray> raw = rawSpelling(literal.text, field);
    if (!raw)
        return std::nullopt;
    if (field == FilterField::Json) // "\u0066ailed" is "failed": any escape may spell the value
        return QList<QByteArray> { *raw, QByteArray("\\") };
    return QList<QByteArray> { *raw };
}

bool contains(QByteArrayView haystack, const QByteArray &needle)
{
    if (haystack.isEmpty()) // memmem must not get the null pointer of an empty body
        return needle.isEmpty();
#if defined(__GLIBC__)
    return memmem(haystack.data(), size_t(haystack.size()), needle.constData(),
                  size_t(needle.size()))
        != nullptr;
#else
    return haystack.indexOf(needle) >= 0;
#endif
}
} // namespace

FilterLiterals FilterLiterals::requiredBy(const QString &expression)
{
    FilterParser parser(expression);
    const std::unique_ptr<FilterNode> tree = parser.parse();
    FilterLiterals literals;
    if (tree && !parser.error()) {
        literals.m_clauses = required(*tree);
        literals.m_readsHeaders = readsHeaders(*tree);
    }
    return literals;
}

bool FilterLiterals::admits(QByteArrayView body) const
{
    for (const QList<QByteArray> &clause : m_clauses) {
        const bool holds = std::any_of(clause.cbegin(), clause.cend(),
                                       [body](const QByteArray &b) { return contains(body, b); });
        if (!holds)
            return false;
    }
    return true;
}

bool FilterLiterals::readsHeaders(const FilterNode &node)
{
    if (node.kind == FilterNode::Kind::Search
        || (node.kind == FilterNode::Kind::Compare && node.field == FilterField::Header))
        return true;
    return std::any_of(node.children.cbegin(), node.children.cend(),
                       [](const auto &child) { return readsHeaders(*child); });
}

FilterLiterals::Clauses FilterLiterals::required(const FilterNode &node)
{
    switch (node.kind) {
    case FilterNode::Kind::And:
        return requiredByAll(node);
    case FilterNode::Kind::Or:
        return requiredByAny(node);
    case FilterNode::Kind::Compare:
        return requiredByCompare(node);
    case FilterNode::Kind::Not: // !(json.a == "x") holds for bodies without "x": nothing required
    case FilterNode::Kind::Search: // also looks at the path, event type and headers
        break;
    }
    return {};
}

// a && b: what either requires.
FilterLiterals::Clauses FilterLiterals::requiredByAll(const FilterNode &node)
{
    Clauses clauses;
    for (const auto &child : node.children)
        clauses.append(required(*child));
    return clauses;
}

// a || b: one clause of each side, joined; nothing when a side requires nothing.
FilterLiterals::Clauses FilterLiterals::requiredByAny(const FilterNode &node)
{
    QList<QByteArray> joined;
    for (const auto &child : node.children) {
        const Clauses clauses = required(*child);
        if (clauses.isEmpty())
            return {};
        joined.append(clauses.first());
    }
    return { joined };
}

// A JSON path only resolves through members the body names, and a member name is a JSON string:
// `json.amount.value >= 10000` needs "amount" and "value" in the body, quotes included (or an
// escape). Except for !=, which holds when the path is missing.
FilterLiterals::Clauses FilterLiterals::requiredKeys(const FilterNode &node)
{
    Clauses clauses;
    if (node.field != FilterField::Json || node.op == FilterOp::Ne)
        return clauses;
    for (const JsonPathStep &step : node.jsonPath) {
        bool isIndex = false; // json.items.0 also indexes an array, where no name is spelled
        step.key.toULongLong(&isIndex);
        const QByteArray utf8 = step.key.toUtf8();
        if (step.kind == JsonPathStep::Kind::Key && !isIndex && QString::fromUtf8(utf8) == step.key)
            clauses.append({ '"' + utf8 + '"', QByteArray("\\") });
    }
    return clauses;
}

// The value's spellings first, the member names after: a || b keeps only each side's first
// clause, and the value is the more selective one.
FilterLiterals::Clauses FilterLiterals::requiredByCompare(const FilterNode &node)
{
    return requiredByValue(node) + requiredKeys(node);
}

FilterLiterals::Clauses FilterLiterals::requiredByValue(const FilterNode &node)
{
    if (node.field != FilterField::Json && node.field != FilterField::Body)
        return {};
    if (node.op == FilterOp::Eq) {
        const std::optional<QList<QByteArray>> alternatives = spellings(node.value, node.field);
        return alternatives ? Clauses { *alternatives } : Clauses();
    }
    if (node.op != FilterOp::In) // x in {a b} is x == a || x == b
        return {};
    QList<QByteArray> joined;
    for (const FilterLiteral &member : node.values) {
        const std::optional<QList<QByteArray>> alternatives = spellings(member, node.field);
        if (!alternatives)
            return {};
        joined.append(*alternatives);
    }
    return { joined };
}
