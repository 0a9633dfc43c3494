#pragma once

#include <QList>
#include <QString>

#include <memory>
#include <vector>

// The syntax tree the parser builds and the compiler turns into a predicate. Plain data: every
// node keeps the offsets it came from, so the compiler can report errors where the user typed.

enum class FilterField : quint8 {
    Method,
    Path,
    Target,
    Query,
    Event,
    Remote,
    Status,
    Size,
    Seq,
    Errors,
    Warnings,
    Time,
    Valid,
    Invalid,
    Signature,
    Kind,
    Origin,
    Header,
    Json,
    Body,
};

// None means the field stands alone: a presence test ("header[X]", "json.a.b", "valid").
// In is set membership: `status in {410 422}` means status == 410 || status == 422.
enum class FilterOp : quint8 { None, Eq, Ne, Lt, Le, Gt, Ge, Contains, Matches, In };

struct FilterLiteral
{
    QString text;
    qsizetype position = 0; // offset of the literal's first character (the quote, if quoted)
    qsizetype length = 0; // characters in the source, quotes included
    bool quoted = false;
    bool verbatim = true; // quoted without escapes: source offsets map 1:1 onto text
};

struct JsonPathStep
{
    enum class Kind : quint8 { Key, Index, Any };
    Kind kind = Kind::Key;
    QString key; // Key: the member name; also used for Index on objects ("0")
    qsizetype index = 0; // Index: negative counts from the end
};

struct FilterNode
{
    enum class Kind : quint8 { And, Or, Not, Compare, Search };

    Kind kind = Kind::Compare;
    qsizetype position = 0;
    std::vector<std::unique_ptr<FilterNode>> children; // And, Or (two or more), Not (one)

    // Compare
    FilterField field = FilterField::Method;
    QString fieldText; // as typed, for messages
    QString headerName; // Header
    QList<JsonPathStep> jsonPath; // Json
    FilterOp op = FilterOp::None;
    qsizetype opPosition = 0;
    QString opText;
    FilterLiteral value; // Compare with an operator; Search: the searched text
    std::vector<FilterLiteral> values; // In: the members of the set
};
