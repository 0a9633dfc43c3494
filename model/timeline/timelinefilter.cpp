#include "timelinefilter.h"

#include <QDateTime>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {
QString isoTime(qint64 ms)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms);
    const QDateTime fixed = local.toOffsetFromUtc(local.offsetFromUtc());
    const bool wholeSecond = ms % 1000 == 0;
    return fixed.toString(wholeSecond ? Qt::ISODate : Qt::ISODateWithMs);
}

QString quoted(const QString &text)
{
    QString out = text;
    out.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return u'"' + out + u'"';
}

bool hasOr(const QString &text)
{
    static const QRegularExpression orWord(u"\\|\\||\\bor\\b"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    return text.contains(orWord);
}
} // namespace

QString TimelineFilter::timeRange(qint64 fromMs, qint64 toMs)
{
    return u"time >= \"%1\" && time < \"%2\""_s.arg(isoTime(fromMs), isoTime(toMs));
}

QString TimelineFilter::eventType(const QString &type, bool alsoInferred)
{
    if (type.isEmpty())
        return u"!event"_s;
    if (alsoInferred)
        return u"event in {%1 %2}"_s.arg(quoted(type), quoted(type + u'?'));
    return u"event == "_s + quoted(type);
}

QString TimelineFilter::combine(const QString &text, const QString &previous, const QString &term)
{
    const QString current = text.trimmed();
    if (current.isEmpty() || current == previous)
        return term;
    if (!previous.isEmpty() && current.contains(previous)) {
        QString replaced = current;
        return replaced.replace(previous, term);
    }
    return (hasOr(current) ? u'(' + current + u')' : current) + u" && "_s + term;
}

QString TimelineFilter::withEventType(const QString &text, const QString &keep, const QString &term)
{
    static const QRegularExpression eventTerm(
        uR"((?<![\w.\["!])(?<!!\s)event(?:\s*==\s*(?:"(?:[^"\\]|\\.)*"|[^\s()&|"]+)|\s+in\s*\{(?:"(?:[^"\\]|\\.)*"|[^"}])*\})|!\s*event\b(?!\s*(?:[=!<>]|contains\b|matches\b|in\b)))"_s,
        QRegularExpression::CaseInsensitiveOption);
    QString current = text.trimmed();
    const QRegularExpressionMatch match = eventTerm.match(current);
    if (match.hasMatch())
        return current.replace(match.capturedStart(), match.capturedLength(), term);
    if (!keep.isEmpty() && current.contains(keep))
        return keep + u" && "_s + term;
    return term;
}

QString TimelineFilter::without(const QString &text, const QString &term)
{
    const QString current = text.trimmed();
    if (term.isEmpty() || !current.contains(term))
        return text;
    if (current == term)
        return {};
    QString rest = current;
    const QString joinedBefore = u" && "_s + term;
    const QString joinedAfter = term + u" && "_s;
    if (rest.contains(joinedBefore))
        return rest.remove(joinedBefore).trimmed();
    if (rest.contains(joinedAfter))
        return rest.remove(joinedAfter).trimmed();
    return rest.remove(term).trimmed();
}
