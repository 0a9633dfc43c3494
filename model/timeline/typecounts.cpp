#include "typecounts.h"

QString TypeCounts::Tally::name() const
{
    return inferred > 0 && inferred == events ? eventType + u'?' : eventType;
}

QString TypeCounts::keyOf(const QString &eventType)
{
    return eventType.endsWith(u'?') ? eventType.chopped(1) : eventType;
}

qsizetype TypeCounts::indexOf(const QString &eventType) const
{
    return m_index.value(keyOf(eventType), -1);
}

void TypeCounts::clear()
{
    m_tallies.clear();
    m_index.clear();
}

TypeCounts::Tally &TypeCounts::tallyFor(const QString &eventType)
{
    const qsizetype index = indexOf(eventType);
    if (index >= 0)
        return m_tallies[index];
    m_index.insert(keyOf(eventType), m_tallies.size());
    m_tallies.append(Tally { keyOf(eventType) });
    return m_tallies.last();
}

void TypeCounts::add(const EventSummary &summary)
{
    Tally &tally = tallyFor(summary.eventType);
    ++tally.events;
    tally.inferred += summary.eventType.endsWith(u'?') ? 1 : 0;
    tally.invalid += summary.verdict() == Verdict::Invalid ? 1 : 0;
    tally.errors += summary.errorCount;
    tally.warnings += summary.warningCount;
}

void TypeCounts::add(const Tally &more)
{
    Tally &tally = tallyFor(more.eventType);
    tally.events += more.events;
    tally.inferred += more.inferred;
    tally.invalid += more.invalid;
    tally.errors += more.errors;
    tally.warnings += more.warnings;
}

void TypeCounts::removeAt(qsizetype index)
{
    m_tallies.removeAt(index);
    m_index.clear();
    for (qsizetype i = 0; i < m_tallies.size(); ++i)
        m_index.insert(m_tallies.at(i).eventType, i);
}
