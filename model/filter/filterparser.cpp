#include "filterparser.h"

#include "event/nearestname.h"

using namespace Qt::StringLiterals;

namespace {
struct FieldName
{
    QStringView name;
    FilterField field;
};

constexpr FieldName fieldNames[] = {
    { u"method", FilterField::Method },
    { u"path", FilterField::Path },
    { u"target", FilterField::Target },
    { u"query", FilterField::Query },
    { u"event", FilterField::Event },
    { u"remote", FilterField::Remote },
    { u"status", FilterField::Status },
    { u"size", FilterField::Size },
    { u"seq", FilterField::Seq },
    { u"errors", FilterField::Errors },
    { u"warnings", FilterField::Warnings },
    { u"time", FilterField::Time },
    { u"valid", FilterField::Valid },
    { u"invalid", FilterField::Invalid },
    { u"signature", FilterField::Signature },
    { u"kind", FilterField::Kind },
    { u"origin", FilterField::Origin },
    { u"header", FilterField::Header },
    { u"json", FilterField::Json },
    { u"body", FilterField::Body },
};

struct OperatorToken
{
    QStringView text;
    FilterOp op;
    bool keyword;
};

// Longest first, so "<=" is not read as "<" followed by "=".
constexpr OperatorToken operatorTokens[] = {
    { u"==", FilterOp::Eq, false },
    { u"!=", FilterOp::Ne, false },
    { u"<=", FilterOp::Le, false },
    { u">=", FilterOp::Ge, false },
    { u"<", FilterOp::Lt, false },
    { u">", FilterOp::Gt, false },
    { u"contains", FilterOp::Contains, true },
    { u"matches", FilterOp::Matches, true },
    { u"in", FilterOp::In, true },
};

QString quoted(QStringView text)
{
    return u"'"_s + text.toString() + u"'"_s;
}

// "jsn.a" meant "json.a", "evnt" meant "event": the field a misspelt word is closest to, with
// the path that followed it; empty when no field is close.
QString meantField(const QString &word)
{
    qsizetype end = 0;
    while (end < word.size() && word.at(end) != u'.' && word.at(end) != u'[')
        ++end;
    QStringList names;
    for (const FieldName &entry : fieldNames)
        names.append(entry.name.toString());
    const QString field = nearestName(QStringView(word).left(end), names);
    return field.isEmpty() ? QString() : field + word.mid(end);
}

QString describeChar(QChar c)
{
    return c.isNull() ? u"the end"_s : quoted(QStringView(&c, 1));
}
} // namespace

FilterParser::FilterParser(const QString &text)
    : m_text(text)
    , m_scanner(m_text)
{ }

std::optional<FilterField> FilterParser::fieldForName(QStringView name)
{
    for (const FieldName &entry : fieldNames) {
        if (entry.name.compare(name, Qt::CaseInsensitive) == 0)
            return entry.field;
    }
    return std::nullopt;
}

std::unique_ptr<FilterNode> FilterParser::parse()
{
    m_scanner.skipSpace();
    if (m_scanner.atEnd())
        return nullptr;
    NodePtr root = parseOr();
    if (!root)
        return nullptr;
    m_scanner.skipSpace();
    if (m_scanner.peek() == u')')
        return fail(m_scanner.position(), u"unexpected ')' without a matching '('"_s);
    if (!m_scanner.atEnd())
        return fail(m_scanner.position(), junkMessage(u"the end of the expression"));
    return root;
}

QString FilterParser::junkMessage(QStringView expected) const
{
    const qsizetype at = m_scanner.position();
    QStringView rest = QStringView(m_text).mid(at, 12);
    return u"expected '&&', '||' or %1, found '%2'"_s.arg(expected, rest);
}

FilterParser::NodePtr FilterParser::fail(qsizetype position, const QString &message)
{
    if (!m_error)
        m_error = FilterError { position, message };
    return nullptr;
}

bool FilterParser::failed(qsizetype position, const QString &message)
{
    fail(position, message);
    return false;
}

FilterParser::NodePtr FilterParser::parseOr()
{
    return parseChain(FilterNode::Kind::Or, u"||", u"or", &FilterParser::parseAnd);
}

FilterParser::NodePtr FilterParser::parseAnd()
{
    return parseChain(FilterNode::Kind::And, u"&&", u"and", &FilterParser::parseUnary);
}

// operand (symbol|word operand)*, as one n-ary node: a chain of a million terms costs no stack.
FilterParser::NodePtr FilterParser::parseChain(FilterNode::Kind kind, QStringView symbol,
                                               QStringView word, NodePtr (FilterParser::*operand)())
{
    NodePtr first = (this->*operand)();
    if (!first)
        return nullptr;
    auto node = std::make_unique<FilterNode>();
    node->kind = kind;
    node->position = first->position;
    node->children.push_back(std::move(first));
    for (;;) {
        m_scanner.skipSpace();
        if (m_scanner.tryConsume(symbol))
            m_lastOperator = symbol.toString();
        else if (m_scanner.tryConsumeKeyword(word))
            m_lastOperator = word.toString();
        else
            break;
        NodePtr next = (this->*operand)();
        if (!next)
            return nullptr;
        node->children.push_back(std::move(next));
    }
    if (node->children.size() == 1)
        return std::move(node->children.front());
    return node;
}

bool FilterParser::enter(qsizetype position)
{
    if (++m_depth <= maxDepth)
        return true;
    return failed(position, u"expression nested deeper than %1 levels"_s.arg(maxDepth));
}

FilterParser::NodePtr FilterParser::parseUnary()
{
    m_scanner.skipSpace();
    const qsizetype start = m_scanner.position();
    const bool bang = m_scanner.peek() == u'!' && m_scanner.peek(1) != u'=';
    if (bang)
        m_scanner.tryConsume(u"!");
    if (!bang && !m_scanner.tryConsumeKeyword(u"not"))
        return parsePrimary();
    m_lastOperator = bang ? u"!"_s : u"not"_s;
    if (!enter(start))
        return nullptr;
    NodePtr child = parseUnary();
    --m_depth;
    if (!child)
        return nullptr;
    auto node = std::make_unique<FilterNode>();
    node->kind = FilterNode::Kind::Not;
    node->position = start;
    node->children.push_back(std::move(child));
    return node;
}

FilterParser::NodePtr FilterParser::parsePrimary()
{
    m_scanner.skipSpace();
    const qsizetype start = m_scanner.position();
    const QString after =
        m_lastOperator.isEmpty() ? QString() : u" after "_s + quoted(m_lastOperator);
    if (m_scanner.atEnd())
        return fail(start, u"expected an expression"_s + after);
    if (m_scanner.peek() == u'(')
        return parseGroup();
    if (m_scanner.atQuote()) {
        QString error;
        std::optional<FilterLiteral> literal = m_scanner.readString(&error);
        if (!literal)
            return fail(m_scanner.position(), error);
        return parseSearch(*literal);
    }
    if (!FilterScanner::isBareWordChar(m_scanner.peek())) {
        return fail(start,
                    u"expected a field, a search word or '('%1, found %2"_s.arg(
                        after, describeChar(m_scanner.peek())));
    }
    return parseTerm();
}

FilterParser::NodePtr FilterParser::parseGroup()
{
    const qsizetype open = m_scanner.position();
    if (!enter(open))
        return nullptr;
    m_scanner.tryConsume(u"(");
    m_lastOperator = u"("_s;
    NodePtr inner = parseOr();
    if (!inner)
        return nullptr;
    m_scanner.skipSpace();
    if (m_scanner.atEnd()) {
        return fail(m_scanner.position(),
                    u"expected ')' to close the '(' opened at %1"_s.arg(open));
    }
    if (!m_scanner.tryConsume(u")"))
        return fail(m_scanner.position(), junkMessage(u"')'"));
    --m_depth;
    return inner;
}

// A word is a field when it names one and is followed by what that field allows; any other word
// is a search term. A search term followed by a comparison is a misspelt field, said as such.
FilterParser::NodePtr FilterParser::parseTerm()
{
    const qsizetype start = m_scanner.position();
    const QStringView name = m_scanner.readIdentifier();
    if (const std::optional<FilterField> field = fieldForName(name)) {
        const QChar next = m_scanner.peek();
        const bool opensPath = (*field == FilterField::Json && (next == u'.' || next == u'['))
            || (*field == FilterField::Header && next == u'[');
        if (opensPath || FilterScanner::isWordBoundary(next))
            return parseField(*field, start, name);
    }
    m_scanner.setPosition(start);
    FilterLiteral literal;
    literal.position = start;
    literal.text = m_scanner.readBareWord().toString();
    literal.length = literal.text.size();
    if (literal.text.compare(u"and", Qt::CaseInsensitive) == 0
        || literal.text.compare(u"or", Qt::CaseInsensitive) == 0) {
        return fail(start, u"expected an expression before '%1'"_s.arg(literal.text));
    }
    return parseSearch(literal);
}

FilterParser::NodePtr FilterParser::parseSearch(FilterLiteral literal)
{
    const qsizetype end = m_scanner.position();
    m_scanner.skipSpace();
    for (const OperatorToken &token : operatorTokens) {
        const bool found = token.keyword ? m_scanner.tryConsumeKeyword(token.text)
                                         : m_scanner.tryConsume(token.text);
        if (found) {
            if (const QString meant = meantField(literal.text); !meant.isEmpty())
                return fail(literal.position,
                            u"unknown field %1; did you mean %2?"_s.arg(quoted(literal.text),
                                                                        quoted(meant)));
            return fail(literal.position,
                        u"unknown field %1: expected a field name such as method, path, "
                        "status, event, header[NAME] or json.PATH before %2"_s.arg(
                            quoted(literal.text), quoted(token.text)));
        }
    }
    m_scanner.setPosition(end);
    auto node = std::make_unique<FilterNode>();
    node->kind = FilterNode::Kind::Search;
    node->position = literal.position;
    node->value = std::move(literal);
    return node;
}

FilterParser::NodePtr FilterParser::parseField(FilterField field, qsizetype start, QStringView name)
{
    auto node = std::make_unique<FilterNode>();
    node->kind = FilterNode::Kind::Compare;
    node->position = start;
    node->field = field;
    node->fieldText = name.toString().toLower();
    if (field == FilterField::Header && !parseHeaderName(*node))
        return nullptr;
    if (field == FilterField::Json && !parseJsonPath(*node))
        return nullptr;
    if (!parseOperator(*node))
        return nullptr;
    if (node->op != FilterOp::None && !parseValue(*node))
        return nullptr;
    return node;
}

bool FilterParser::parseHeaderName(FilterNode &node)
{
    if (!m_scanner.tryConsume(u"["))
        return failed(m_scanner.position(), u"expected '[' and a header name after 'header'"_s);
    m_scanner.skipSpace();
    if (m_scanner.atQuote()) {
        QString error;
        std::optional<FilterLiteral> literal = m_scanner.readString(&error);
        if (!literal)
            return failed(m_scanner.position(), error);
        node.headerName = literal->text;
    } else {
        node.headerName = m_scanner.readKeyWord().toString();
    }
    if (node.headerName.isEmpty())
        return failed(m_scanner.position(), u"expected a header name after 'header['"_s);
    m_scanner.skipSpace();
    if (!m_scanner.tryConsume(u"]"))
        return failed(m_scanner.position(), u"expected ']' after the header name"_s);
    node.fieldText = u"header[%1]"_s.arg(node.headerName);
    return true;
}

bool FilterParser::parseJsonPath(FilterNode &node)
{
    for (;;) {
        if (m_scanner.tryConsume(u".")) {
            const QStringView key = m_scanner.readKeyWord();
            if (key.isEmpty())
                return failed(m_scanner.position(), u"expected a key after '.' in the json path"_s);
            // .* is [*], as people write it from other path languages; a member named "*" is
            // ["*"].
            node.jsonPath.append(key == u"*"
                                     ? JsonPathStep { JsonPathStep::Kind::Any, {}, 0 }
                                     : JsonPathStep { JsonPathStep::Kind::Key, key.toString(), 0 });
        } else if (m_scanner.peek() == u'[') {
            if (!parseJsonBracket(node))
                return false;
        } else {
            break;
        }
    }
    if (!FilterScanner::isWordBoundary(m_scanner.peek())) {
        return failed(m_scanner.position(),
                      u"expected '.', '[' or an operator in the json path, found %1"_s.arg(
                          describeChar(m_scanner.peek())));
    }
    return true;
}

// [n] indexes an array (negative from the end), [*] takes every element or member,
// ["any key"] reaches keys that are not plain words.
bool FilterParser::parseJsonBracket(FilterNode &node)
{
    m_scanner.tryConsume(u"[");
    m_scanner.skipSpace();
    JsonPathStep step;
    const qsizetype at = m_scanner.position();
    if (m_scanner.atQuote()) {
        QString error;
        std::optional<FilterLiteral> literal = m_scanner.readString(&error);
        if (!literal)
            return failed(m_scanner.position(), error);
        step.key = literal->text;
    } else if (m_scanner.tryConsume(u"*")) {
        step.kind = JsonPathStep::Kind::Any;
    } else {
        const QStringView word = m_scanner.readKeyWord();
        bool ok = false;
        step.index = word.toLongLong(&ok);
        if (!ok) {
            return failed(at,
                          u"expected an array index, '*' or a quoted key after '[' in the "
                          "json path"_s);
        }
        step.kind = JsonPathStep::Kind::Index;
        step.key = word.toString();
    }
    m_scanner.skipSpace();
    if (!m_scanner.tryConsume(u"]"))
        return failed(m_scanner.position(), u"expected ']' in the json path"_s);
    node.jsonPath.append(step);
    return true;
}

bool FilterParser::parseOperator(FilterNode &node)
{
    const qsizetype end = m_scanner.position();
    m_scanner.skipSpace();
    const qsizetype at = m_scanner.position();
    for (const OperatorToken &token : operatorTokens) {
        const bool found = token.keyword ? m_scanner.tryConsumeKeyword(token.text)
                                         : m_scanner.tryConsume(token.text);
        if (found) {
            node.op = token.op;
            node.opPosition = at;
            node.opText = token.text.toString();
            return true;
        }
    }
    if (m_scanner.peek() == u'=')
        return failed(at, u"expected '==' to compare, found '='"_s);
    m_scanner.setPosition(end);
    return true;
}

bool FilterParser::parseValue(FilterNode &node)
{
    if (node.op == FilterOp::In)
        return parseSet(node);
    m_scanner.skipSpace();
    const qsizetype at = m_scanner.position();
    if (m_scanner.atQuote()) {
        QString error;
        std::optional<FilterLiteral> literal = m_scanner.readString(&error);
        if (!literal)
            return failed(m_scanner.position(), error);
        node.value = *literal;
        return true;
    }
    const QStringView word = m_scanner.readBareWord();
    if (word.isEmpty())
        return failed(at, u"expected a value after %1"_s.arg(quoted(node.opText)));
    node.value.text = word.toString();
    node.value.position = at;
    node.value.length = word.size();
    return true;
}

// {a b c} or {a, b, c}: members are quoted strings or words.
bool FilterParser::parseSet(FilterNode &node)
{
    m_scanner.skipSpace();
    const qsizetype open = m_scanner.position();
    if (!m_scanner.tryConsume(u"{"))
        return failed(open, u"expected '{' and a set of values after 'in'"_s);
    for (;;) {
        m_scanner.skipSpace();
        if (m_scanner.tryConsume(u"}"))
            break;
        if (m_scanner.atEnd())
            return failed(m_scanner.position(),
                          u"expected '}' to close the '{' opened at %1"_s.arg(open));
        if (!node.values.empty() && m_scanner.tryConsume(u","))
            m_scanner.skipSpace();
        if (!parseSetMember(node))
            return false;
    }
    if (node.values.empty())
        return failed(m_scanner.position() - 1, u"expected at least one value in the set"_s);
    return true;
}

bool FilterParser::parseSetMember(FilterNode &node)
{
    const qsizetype at = m_scanner.position();
    if (m_scanner.atQuote()) {
        QString error;
        std::optional<FilterLiteral> literal = m_scanner.readString(&error);
        if (!literal)
            return failed(m_scanner.position(), error);
        node.values.push_back(*literal);
        return true;
    }
    const QStringView word = m_scanner.readSetWord();
    if (word.isEmpty()) {
        return failed(
            at,
            u"expected a value or '}' in the set, found %1"_s.arg(describeChar(m_scanner.peek())));
    }
    FilterLiteral literal;
    literal.text = word.toString();
    literal.position = at;
    literal.length = word.size();
    node.values.push_back(literal);
    return true;
}
