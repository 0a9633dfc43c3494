#pragma once

#include "filterast.h"
#include "filtercontext.h"
#include "filtervalue.h"

#include <memory>
#include <vector>

// The compiled form of a filter: a tree of small immutable predicates. They are kept together in
// one file because each is a few lines and they only make sense as a family. test() is const
// and all per-call state lives in the FilterContext, so one tree serves many threads at once.
class FilterPredicate
{
public:
    virtual ~FilterPredicate() = default;
    virtual bool test(FilterContext &context) const = 0;
};

using FilterPredicatePtr = std::unique_ptr<const FilterPredicate>;

class AllOfPredicate : public FilterPredicate
{
public:
    explicit AllOfPredicate(std::vector<FilterPredicatePtr> children)
        : m_children(std::move(children))
    { }
    bool test(FilterContext &context) const override;

private:
    std::vector<FilterPredicatePtr> m_children;
};

class AnyOfPredicate : public FilterPredicate
{
public:
    explicit AnyOfPredicate(std::vector<FilterPredicatePtr> children)
        : m_children(std::move(children))
    { }
    bool test(FilterContext &context) const override;

private:
    std::vector<FilterPredicatePtr> m_children;
};

class NotPredicate : public FilterPredicate
{
public:
    explicit NotPredicate(FilterPredicatePtr child)
        : m_child(std::move(child))
    { }
    bool test(FilterContext &context) const override { return !m_child->test(context); }

private:
    FilterPredicatePtr m_child;
};

// method, path, target, query, event, remote: views into the summary, nothing copied.
class SummaryTextPredicate : public FilterPredicate
{
public:
    using Getter = QStringView (*)(const EventSummary &);
    SummaryTextPredicate(Getter getter, FilterOp op, FilterValue value)
        : m_getter(getter)
        , m_op(op)
        , m_value(std::move(value))
    { }
    bool test(FilterContext &context) const override;

private:
    Getter m_getter;
    FilterOp m_op;
    FilterValue m_value;
};

// status, size, seq, errors, warnings; a field alone means "not zero".
class SummaryNumberPredicate : public FilterPredicate
{
public:
    using Getter = qint64 (*)(const EventSummary &);
    SummaryNumberPredicate(Getter getter, FilterOp op, double value)
        : m_getter(getter)
        , m_op(op)
        , m_value(value)
    { }
    bool test(FilterContext &context) const override;

private:
    Getter m_getter;
    FilterOp m_op;
    double m_value;
};

// time against a literal that stands for the interval [from, to): a day, a minute, a second.
class TimePredicate : public FilterPredicate
{
public:
    TimePredicate(FilterOp op, qint64 fromMs, qint64 toMs)
        : m_op(op)
        , m_from(fromMs)
        , m_to(toMs)
    { }
    bool test(FilterContext &context) const override;

private:
    FilterOp m_op;
    qint64 m_from;
    qint64 m_to;
};

// signature, kind, origin, valid, invalid: the set of accepted enum values as a bit mask.
class SummaryEnumPredicate : public FilterPredicate
{
public:
    using Getter = quint8 (*)(const EventSummary &);
    SummaryEnumPredicate(Getter getter, quint32 acceptedMask)
        : m_getter(getter)
        , m_mask(acceptedMask)
    { }
    bool test(FilterContext &context) const override
    {
        return (m_mask >> m_getter(context.summary())) & 1u;
    }

private:
    Getter m_getter;
    quint32 m_mask;
};

// header[NAME]: true when any header line of that name (case-insensitive) satisfies the test.
class HeaderPredicate : public FilterPredicate
{
public:
    HeaderPredicate(const QString &name, FilterOp op, FilterValue value)
        : m_name(name.toUtf8())
        , m_op(op)
        , m_value(std::move(value))
    { }
    bool test(FilterContext &context) const override;

private:
    QByteArray m_name;
    FilterOp m_op;
    FilterValue m_value;
};

// json.PATH: true when any value the path reaches satisfies the test.
class JsonPredicate : public FilterPredicate
{
public:
    JsonPredicate(QList<JsonPathStep> path, FilterOp op, FilterValue value)
        : m_reader(std::move(path))
        , m_op(op)
        , m_value(std::move(value))
    { }
    bool test(FilterContext &context) const override;

private:
    bool testValues(const QList<QJsonValue> &values, FilterContext &context) const;

    JsonPathReader m_reader;
    FilterOp m_op;
    FilterValue m_value;
};

class BodyPredicate : public FilterPredicate
{
public:
    BodyPredicate(FilterOp op, FilterValue value)
        : m_op(op)
        , m_value(std::move(value))
    { }
    bool test(FilterContext &context) const override;

private:
    FilterOp m_op;
    FilterValue m_value;
};

// A bare word or string: case-insensitive search of target, event type, headers and body.
class SearchPredicate : public FilterPredicate
{
public:
    explicit SearchPredicate(FilterValue value)
        : m_value(std::move(value))
    { }
    bool test(FilterContext &context) const override;

private:
    FilterValue m_value;
};
