#include "filter.h"

#include "filtercompiler.h"
#include "filterparser.h"

struct Filter::Data
{
    QString expression;
    FilterPredicatePtr root;
    bool needsEvent = false;
};

std::variant<Filter, FilterError> Filter::compile(const QString &expression)
{
    FilterParser parser(expression);
    const std::unique_ptr<FilterNode> tree = parser.parse();
    if (parser.error())
        return *parser.error();
    if (!tree)
        return Filter();
    FilterCompiler compiler;
    FilterPredicatePtr root = compiler.compile(*tree);
    if (!root)
        return *compiler.error();
    auto data = std::make_shared<Data>();
    data->expression = expression;
    data->root = std::move(root);
    data->needsEvent = compiler.needsEvent();
    Filter filter;
    filter.m_data = std::move(data);
    return filter;
}

bool Filter::needsEvent() const
{
    return m_data && m_data->needsEvent;
}

bool Filter::matches(const EventSummary &summary, const Event *event) const
{
    return evaluate(summary, event).matched;
}

Filter::Verdict Filter::evaluate(const EventSummary &summary, const Event *event) const
{
    if (!m_data)
        return { true, {} };
    FilterContext context(summary, event);
    const bool matched = m_data->root->test(context);
    if (context.isUndecided())
        return { false, *context.undecidedReason() };
    return { matched, {} };
}

QString Filter::expression() const
{
    return m_data ? m_data->expression : QString();
}
