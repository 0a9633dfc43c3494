#pragma once

#include "filterast.h"
#include "filtererror.h"
#include "filterscanner.h"

#include <optional>

// Hand-written recursive descent over the filter grammar (see the project README, "Filter
// language"):
//   or      := and (("||" | "or") and)*
//   and     := unary (("&&" | "and") unary)*
//   unary   := ("!" | "not") unary | primary
//   primary := "(" or ")" | STRING | field [op value] | WORD
// Recursion is bounded by maxDepth, so "((((..." ten thousand deep is an error, not a crash.
class FilterParser
{
public:
    static constexpr int maxDepth = 256;

    explicit FilterParser(const QString &text);

    // The tree, or nullptr: for an empty expression (error() unset) or a syntax error.
    std::unique_ptr<FilterNode> parse();
    const std::optional<FilterError> &error() const { return m_error; }

    // The field a name denotes ("method", "JSON"), case-insensitively.
    static std::optional<FilterField> fieldForName(QStringView name);

private:
    using NodePtr = std::unique_ptr<FilterNode>;

    NodePtr parseOr();
    NodePtr parseAnd();
    NodePtr parseChain(FilterNode::Kind kind, QStringView symbol, QStringView word,
                       NodePtr (FilterParser::*operand)());
    NodePtr parseUnary();
    NodePtr parsePrimary();
    NodePtr parseGroup();
    NodePtr parseTerm();
    NodePtr parseSearch(FilterLiteral literal);
    NodePtr parseField(FilterField field, qsizetype start, QStringView name);
    bool parseHeaderName(FilterNode &node);
    bool parseJsonPath(FilterNode &node);
    bool parseJsonBracket(FilterNode &node);
    bool parseOperator(FilterNode &node);
    bool parseValue(FilterNode &node);
    bool parseSet(FilterNode &node);
    bool parseSetMember(FilterNode &node);
    bool enter(qsizetype position);
    NodePtr fail(qsizetype position, const QString &message);
    bool failed(qsizetype position, const QString &message);
    QString junkMessage(QStringView expected) const;

    QString m_text;
    FilterScanner m_scanner;
    std::optional<FilterError> m_error;
    QString m_lastOperator; // for "expected an expression after '&&'"
    int m_depth = 0;
};
