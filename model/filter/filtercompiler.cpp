#include "filtercompiler.h"

#include "filtertime.h"

#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
QString quoted(const QString &text)
{
    return u"'"_s + text + u"'"_s;
}

QStringView pathOf(const EventSummary &s)
{
    const qsizetype question = s.target.indexOf(u'?');
    return question < 0 ? QStringView(s.target) : QStringView(s.target).left(question);
}

QStringView queryOf(const EventSummary &s)
{
    const qsizetype question = s.target.indexOf(u'?');
    return question < 0 ? QStringView() : QStringView(s.target).mid(question + 1);
}

SummaryTextPredicate::Getter textGetter(FilterField field)
{
    switch (field) {
    case FilterField::Method:
        return [](const EventSummary &s) {
            return QStringView(s.method);
        };
    case FilterField::Path:
        return pathOf;
    case FilterField::Target:
        return [](const EventSummary &s) {
            return QStringView(s.target);
        };
    case FilterField::Query:
        return queryOf;
    case FilterField::Event:
        return [](const EventSummary &s) {
            return QStringView(s.eventType);
        };
    default:
        return [](const EventSummary &s) {
            return QStringView(s.remote);
        };
    }
}

SummaryNumberPredicate::Getter numberGetter(FilterField field)
{
    switch (field) {
    case FilterField::Status:
        return [](const EventSummary &s) {
            return qint64(s.status);
        };
    case FilterField::Size:
        return [](const EventSummary &s) {
            return qint64(s.bodySize);
        };
    case FilterField::Seq:
        return [](const EventSummary &s) {
            return s.seq;
        };
    case FilterField::Errors:
        return [](const EventSummary &s) {
            return qint64(s.errorCount);
        };
    default:
        return [](const EventSummary &s) {
            return qint64(s.warningCount);
        };
    }
}

// The names an enumerated field accepts, indexed by the enum's value; the same words the
// table and --json output use.
QStringList enumNames(FilterField field)
{
    QStringList names;
    if (field == FilterField::Signature) {
        for (int state = 0; state <= int(SignatureState::NoSecret); ++state)
            names.append(signatureStateName(SignatureState(state)));
    } else if (field == FilterField::Kind) {
        for (int kind = 0; kind <= int(BodyKind::InvalidJson); ++kind)
            names.append(bodyKindName(BodyKind(kind)));
    } else {
        names = { u"live"_s, u"loaded"_s };
    }
    return names;
}

SummaryEnumPredicate::Getter enumGetter(FilterField field)
{
    switch (field) {
    case FilterField::Signature:
        return [](const EventSummary &s) {
            return quint8(s.signature);
        };
    case FilterField::Kind:
        return [](const EventSummary &s) {
            return quint8(s.bodyKind);
        };
    default:
        return [](const EventSummary &s) {
            return quint8(s.origin);
        };
    }
}

// What a field standing alone accepts: a signature that was checked and present, a body.
quint32 presenceMask(FilterField field)
{
    switch (field) {
    case FilterField::Signature:
        return ~((1u << quint8(SignatureState::NotChecked))
                 | (1u << quint8(SignatureState::Unsigned)));
    case FilterField::Kind:
        return ~(1u << quint8(BodyKind::Empty));
    default:
        return ~0u;
    }
}

QString enumChoices(const QStringList &names)
{
    QStringList shown;
    for (const QString &name : names)
        shown.append(name.contains(u' ') ? u"\""_s + name + u"\""_s : name);
    return shown.join(u", "_s);
}

// Plain bytes, or a number with a binary-unit suffix: 512, 10KB, 1.5MB, 2GiB.
std::optional<double> parseSize(const QString &text)
{
    static const QRegularExpression pattern(
        u"^(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QString unit = match.captured(2).toLower();
    double factor = 1;
    if (unit.startsWith(u'k'))
        factor = 1024.0;
    else if (unit.startsWith(u'm'))
        factor = 1024.0 * 1024.0;
    else if (unit.startsWith(u'g'))
        factor = 1024.0 * 1024.0 * 1024.0;
    return std::round(match.captured(1).toDouble() * factor);
}
} // namespace

FilterPredicatePtr FilterCompiler::fail(qsizetype position, const QString &message)
{
    if (!m_error)
        m_error = FilterError { position, message };
    return nullptr;
}

FilterPredicatePtr FilterCompiler::compile(const FilterNode &node)
{
    switch (node.kind) {
    case FilterNode::Kind::And:
    case FilterNode::Kind::Or:
        return compileGroup(node);
    case FilterNode::Kind::Not: {
        FilterPredicatePtr child = compile(*node.children.front());
        return child ? std::make_unique<NotPredicate>(std::move(child)) : nullptr;
    }
    case FilterNode::Kind::Search:
        return compileSearch(node);
    case FilterNode::Kind::Compare:
        break;
    }
    if (node.op == FilterOp::In)
        return compileSet(node);
    // a != b is exactly !(a == b): so a missing header or JSON field makes != true.
    if (node.op == FilterOp::Ne) {
        FilterPredicatePtr equal = compileField(node, FilterOp::Eq);
        return equal ? std::make_unique<NotPredicate>(std::move(equal)) : nullptr;
    }
    return compileField(node, node.op);
}

FilterPredicatePtr FilterCompiler::compileGroup(const FilterNode &node)
{
    std::vector<FilterPredicatePtr> children;
    for (const auto &child : node.children) {
        FilterPredicatePtr compiled = compile(*child);
        if (!compiled)
            return nullptr;
        children.push_back(std::move(compiled));
    }
    if (node.kind == FilterNode::Kind::And)
        return std::make_unique<AllOfPredicate>(std::move(children));
    return std::make_unique<AnyOfPredicate>(std::move(children));
}

// x in {a b} is x == a || x == b, each member checked as that field's literal.
FilterPredicatePtr FilterCompiler::compileSet(const FilterNode &node)
{
    std::vector<FilterPredicatePtr> members;
    for (const FilterLiteral &literal : node.values) {
        FilterNode member;
        member.kind = FilterNode::Kind::Compare;
        member.position = node.position;
        member.field = node.field;
        member.fieldText = node.fieldText;
        member.headerName = node.headerName;
        member.jsonPath = node.jsonPath;
        member.op = FilterOp::Eq;
        member.opPosition = node.opPosition;
        member.opText = node.opText;
        member.value = literal;
        FilterPredicatePtr compiled = compileField(member, FilterOp::Eq);
        if (!compiled)
            return nullptr;
        members.push_back(std::move(compiled));
    }
    return std::make_unique<AnyOfPredicate>(std::move(members));
}

FilterPredicatePtr FilterCompiler::compileSearch(const FilterNode &node)
{
    m_needsEvent = true;
    if (node.value.text.isEmpty())
        return fail(node.position, u"expected a non-empty search text"_s);
    return std::make_unique<SearchPredicate>(FilterValue::fromText(node.value.text));
}

FilterPredicatePtr FilterCompiler::compileField(const FilterNode &node, FilterOp op)
{
    switch (node.field) {
    case FilterField::Method:
    case FilterField::Path:
    case FilterField::Target:
    case FilterField::Query:
    case FilterField::Event:
    case FilterField::Remote:
        return compileText(node, op);
    case FilterField::Status:
    case FilterField::Size:
    case FilterField::Seq:
    case FilterField::Errors:
    case FilterField::Warnings:
        return compileNumber(node, op);
    case FilterField::Time:
        return compileTime(node, op);
    case FilterField::Valid:
    case FilterField::Invalid:
        return compileFlag(node, op);
    case FilterField::Signature:
    case FilterField::Kind:
    case FilterField::Origin:
        return compileEnum(node, op);
    case FilterField::Header:
    case FilterField::Json:
    case FilterField::Body:
        return compileEventField(node, op);
    }
    return nullptr;
}

std::optional<FilterValue> FilterCompiler::prepareValue(const FilterNode &node, FilterOp op)
{
    FilterValue value = FilterValue::fromText(node.value.text);
    if (node.value.quoted)
        value.number.reset(); // "5" is text: quoting is how to ask for a text comparison
    if (node.field == FilterField::Method)
        value.equalityCase = Qt::CaseInsensitive; // "post" means POST
    if (op != FilterOp::Matches)
        return value;
    value.regex = BoundedRegex(node.value.text); // only whether it matches is read
    if (!value.regex.isValid()) {
        const FilterLiteral &literal = node.value;
        qsizetype at = literal.position;
        if (literal.verbatim)
            at += (literal.quoted ? 1 : 0) + value.regex.errorOffset();
        fail(at, u"invalid regular expression: %1"_s.arg(value.regex.errorString()));
        return std::nullopt;
    }
    return value;
}

bool FilterCompiler::allowOnly(const FilterNode &node, std::initializer_list<FilterOp> ops,
                               const QString &why)
{
    if (std::find(ops.begin(), ops.end(), node.op) != ops.end())
        return true;
    fail(node.opPosition,
         u"%1 does not apply to %2: %3"_s.arg(quoted(node.opText), node.fieldText, why));
    return false;
}

FilterPredicatePtr FilterCompiler::compileText(const FilterNode &node, FilterOp op)
{
    std::optional<FilterValue> value;
    if (op != FilterOp::None && !(value = prepareValue(node, op)))
        return nullptr;
    return std::make_unique<SummaryTextPredicate>(textGetter(node.field), op,
                                                  value ? std::move(*value) : FilterValue());
}

FilterPredicatePtr FilterCompiler::compileNumber(const FilterNode &node, FilterOp op)
{
    if (!allowOnly(node,
                   { FilterOp::None, FilterOp::Eq, FilterOp::Ne, FilterOp::Lt, FilterOp::Le,
                     FilterOp::Gt, FilterOp::Ge },
                   u"it is a number; use ==, !=, <, <=, >, >= or in"_s))
        return nullptr;
    if (op == FilterOp::None)
        return std::make_unique<SummaryNumberPredicate>(numberGetter(node.field), op, 0);
    const bool isSize = node.field == FilterField::Size;
    const std::optional<double> number =
        isSize ? parseSize(node.value.text) : FilterCompare::parseNumber(node.value.text);
    if (!number) {
        const QString expected =
            isSize ? u"a size in bytes such as 512, 10KB or 1.5MB"_s : u"a number"_s;
        return fail(node.value.position,
                    u"expected %1 after %2, found %3"_s.arg(expected, quoted(node.opText),
                                                            quoted(node.value.text)));
    }
    return std::make_unique<SummaryNumberPredicate>(numberGetter(node.field), op, *number);
}

FilterPredicatePtr FilterCompiler::compileTime(const FilterNode &node, FilterOp op)
{
    if (!allowOnly(node,
                   { FilterOp::None, FilterOp::Eq, FilterOp::Ne, FilterOp::Lt, FilterOp::Le,
                     FilterOp::Gt, FilterOp::Ge },
                   u"compare time with ==, !=, <, <=, >, >= or in"_s))
        return nullptr;
    if (op == FilterOp::None)
        return std::make_unique<TimePredicate>(op, 0, 0);
    const std::optional<FilterTime::Interval> interval = FilterTime::parse(node.value.text);
    if (!interval) {
        return fail(node.value.position,
                    u"expected an ISO-8601 date or date-time such as 2026-11-22 or "
                    "2026-11-22T10:00 after %1, found %2"_s.arg(quoted(node.opText),
                                                                quoted(node.value.text)));
    }
    return std::make_unique<TimePredicate>(op, interval->fromMs, interval->toMs);
}

FilterPredicatePtr FilterCompiler::compileEnum(const FilterNode &node, FilterOp op)
{
    const QStringList names = enumNames(node.field);
    if (!allowOnly(node, { FilterOp::None, FilterOp::Eq, FilterOp::Ne, FilterOp::In },
                   u"compare %1 with ==, != or in and one of %2"_s.arg(node.fieldText,
                                                                       enumChoices(names))))
        return nullptr;
    if (op == FilterOp::None)
        return std::make_unique<SummaryEnumPredicate>(enumGetter(node.field),
                                                      presenceMask(node.field));
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (names.at(i).compare(node.value.text, Qt::CaseInsensitive) == 0)
            return std::make_unique<SummaryEnumPredicate>(enumGetter(node.field), 1u << i);
    }
    return fail(node.value.position,
                u"expected one of %1 after %2, found %3"_s.arg(
                    enumChoices(names), quoted(node.opText), quoted(node.value.text)));
}

FilterPredicatePtr FilterCompiler::compileFlag(const FilterNode &node, FilterOp op)
{
    if (op != FilterOp::None) {
        return fail(node.opPosition,
                    u"%1 takes no operator: write %1 or !%1"_s.arg(node.fieldText));
    }
    // The event's one verdict: an event without a schema is neither valid nor invalid.
    const auto verdict = [](const EventSummary &s) {
        return quint8(s.verdict());
    };
    const Verdict wanted = node.field == FilterField::Valid ? Verdict::Valid : Verdict::Invalid;
    return std::make_unique<SummaryEnumPredicate>(verdict, 1u << quint8(wanted));
}

FilterPredicatePtr FilterCompiler::compileEventField(const FilterNode &node, FilterOp op)
{
    m_needsEvent = true;
    std::optional<FilterValue> value;
    if (op != FilterOp::None && !(value = prepareValue(node, op)))
        return nullptr;
    FilterValue prepared = value ? std::move(*value) : FilterValue();
    if (node.field == FilterField::Header)
        return std::make_unique<HeaderPredicate>(node.headerName, op, std::move(prepared));
    if (node.field == FilterField::Json)
        return std::make_unique<JsonPredicate>(node.jsonPath, op, std::move(prepared));
    return std::make_unique<BodyPredicate>(op, std::move(prepared));
}
