#include "filterpredicates.h"

#include "filterjsonpath.h"

bool AllOfPredicate::test(FilterContext &context) const
{
    for (const FilterPredicatePtr &child : m_children) {
        if (!child->test(context))
            return false;
        if (context.isUndecided())
            return false; // the verdict is already "undecided": spend no more budget
    }
    return true;
}

bool AnyOfPredicate::test(FilterContext &context) const
{
    for (const FilterPredicatePtr &child : m_children) {
        if (child->test(context))
            return true;
        if (context.isUndecided())
            return false;
    }
    return false;
}

bool SummaryTextPredicate::test(FilterContext &context) const
{
    const QStringView text = m_getter(context.summary());
    if (m_op == FilterOp::None)
        return !text.isEmpty();
    return FilterCompare::text(text, m_op, m_value, context.undecidedReason());
}

bool SummaryNumberPredicate::test(FilterContext &context) const
{
    const qint64 x = m_getter(context.summary());
    if (m_op == FilterOp::None)
        return x != 0;
    return FilterCompare::ordered(x < m_value ? -1 : (x > m_value ? 1 : 0), m_op);
}

bool TimePredicate::test(FilterContext &context) const
{
    const qint64 t = context.summary().receivedAtMs;
    switch (m_op) {
    case FilterOp::Eq:
        return t >= m_from && t < m_to;
    case FilterOp::Ne:
        return t < m_from || t >= m_to;
    case FilterOp::Lt:
        return t < m_from;
    case FilterOp::Le:
        return t < m_to;
    case FilterOp::Gt:
        return t >= m_to;
    case FilterOp::Ge:
        return t >= m_from;
    default:
        return true;
    }
}

bool HeaderPredicate::test(FilterContext &context) const
{
    const Event *event = context.event();
    if (!event)
        return false;
    for (const auto &[name, value] : event->headers) {
        if (QByteArrayView(name).compare(m_name, Qt::CaseInsensitive) != 0)
            continue;
        if (m_op == FilterOp::None)
            return true;
        if (m_op == FilterOp::Contains ? FilterCompare::bytesContain(value, m_value)
                                       : FilterCompare::text(QString::fromUtf8(value), m_op,
                                                             m_value, context.undecidedReason()))
            return true;
    }
    return false;
}

// The reader's doubles are exact (it leaves numbers a double cannot hold to the document), so
// they answer unless the literal itself is beyond a double (12345678901234567891).
bool JsonPredicate::test(FilterContext &context) const
{
    if (m_value.doubleIsExact) {
        if (const std::optional<QList<QJsonValue>> values = context.readValues(m_reader))
            return testValues(*values, context);
    }
    const JsonDocument *document = context.document();
    if (!document)
        return false;
    const QList<int> nodes = FilterJsonPath::resolve(*document, m_reader.path());
    if (m_op == FilterOp::None)
        return !nodes.isEmpty();
    for (int id : nodes) {
        const bool hit = document->type(id) == JsonDocument::Type::Number
            ? FilterCompare::number(document->number(id), QString::fromUtf8(document->raw(id)),
                                    m_op, m_value, context.undecidedReason())
            : FilterCompare::text(FilterJsonPath::text(*document, id), m_op, m_value,
                                  context.undecidedReason());
        if (hit)
            return true;
    }
    return false;
}

bool JsonPredicate::testValues(const QList<QJsonValue> &values, FilterContext &context) const
{
    if (m_op == FilterOp::None)
        return !values.isEmpty();
    for (const QJsonValue &value : values) {
        const bool hit = value.isDouble()
            ? FilterCompare::number(value.toDouble(), m_op, m_value, context.undecidedReason())
            : FilterCompare::text(FilterJsonPath::text(value), m_op, m_value,
                                  context.undecidedReason());
        if (hit)
            return true;
    }
    return false;
}

bool BodyPredicate::test(FilterContext &context) const
{
    const Event *event = context.event();
    if (!event)
        return false;
    if (m_op == FilterOp::None)
        return !event->body.isEmpty();
    if (m_op == FilterOp::Contains)
        return FilterCompare::bytesContain(event->body, m_value);
    return FilterCompare::text(context.bodyText(), m_op, m_value, context.undecidedReason());
}

bool SearchPredicate::test(FilterContext &context) const
{
    const EventSummary &summary = context.summary();
    if (summary.target.contains(m_value.text, Qt::CaseInsensitive)
        || summary.eventType.contains(m_value.text, Qt::CaseInsensitive))
        return true;
    const Event *event = context.event();
    if (!event)
        return false;
    for (const auto &[name, value] : event->headers) {
        if (FilterCompare::bytesContain(name, m_value)
            || FilterCompare::bytesContain(value, m_value))
            return true;
    }
    if (m_value.ascii)
        return FilterCompare::bytesContain(event->body, m_value);
    return context.bodyText().contains(m_value.text, Qt::CaseInsensitive);
}
