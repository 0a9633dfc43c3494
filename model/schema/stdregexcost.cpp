#include "stdregexcost.h"

#include <QList>

#include <cmath>
#include <regex>

using namespace Qt::StringLiterals;

namespace {

struct Group
{
    bool complex = false; // holds a repetition or an alternation
    int repeats = 0;
};

// The character class starting at `at` ('['): the index of its closing ']'.
qsizetype classEnd(const QString &pattern, qsizetype at)
{
    qsizetype i = at + 1;
    if (i < pattern.size() && pattern.at(i) == u'^') {
        ++i;
    }
    if (i < pattern.size() && pattern.at(i) == u']') {
        ++i; // a leading ']' is a member
    }
    for (; i < pattern.size() && pattern.at(i) != u']'; ++i) {
        if (pattern.at(i) == u'\\') {
            ++i;
        }
    }
    return i;
}

// "{n}", "{n,}", "{n,m}" at `at`: its end and whether its count varies; end < 0 when not one.
std::pair<qsizetype, bool> braces(const QString &pattern, qsizetype at)
{
    const qsizetype close = pattern.indexOf(u'}', at);
    if (close < 0) {
        return { -1, false };
    }
    const QStringList bounds = pattern.mid(at + 1, close - at - 1).split(u',');
    bool ok = bounds.size() <= 2;
    const int low = bounds.value(0).toInt(&ok);
    if (!ok || bounds.size() > 2) {
        return { -1, false };
    }
    if (bounds.size() == 1) {
        return { close, false };
    }
    if (bounds.at(1).isEmpty()) {
        return { close, true };
    }
    const int high = bounds.at(1).toInt(&ok);
    return { ok ? close : -1, ok && high != low };
}

} // namespace

std::optional<QString> StdRegexCost::compileError(const QString &pattern)
{
    try {
        const std::regex compiled(pattern.toStdString());
    } catch (const std::regex_error &e) {
        return QString::fromUtf8(e.what());
    }
    return std::nullopt;
}

int StdRegexCost::degree(const QString &pattern)
{
    QList<Group> groups { Group {} };
    Group closed; // the group that ended just before, if the last atom was one
    bool lastWasGroup = false;
    bool lastWasQuantifier = false;
    int total = 0;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        bool variable = false;
        qsizetype end = i;
        if (c == u'*' || c == u'+' || (c == u'?' && !lastWasQuantifier)) {
            variable = true;
        } else if (c == u'?' || (c == u'{' && braces(pattern, i).first < 0)) {
            lastWasQuantifier = false; // a lazy marker, or a literal '{'
            lastWasGroup = false;
            continue;
        } else if (c == u'{') {
            std::tie(end, variable) = braces(pattern, i);
        } else {
            lastWasQuantifier = false;
            if (c == u'\\') {
                ++i;
            } else if (c == u'[') {
                i = classEnd(pattern, i);
            } else if (c == u'(') {
                groups.append(Group {});
                if (i + 1 < pattern.size() && pattern.at(i + 1) == u'?') {
                    i += 2; // (?: (?= (?!: the '?' is not a quantifier
                }
                lastWasGroup = false;
                continue;
            } else if (c == u')' && groups.size() > 1) {
                closed = groups.takeLast();
                groups.last().complex = groups.last().complex || closed.complex;
                groups.last().repeats += closed.repeats;
                lastWasGroup = true;
                continue;
            } else if (c == u'|') {
                groups.last().complex = true;
            }
            lastWasGroup = false;
            continue;
        }
        // A quantifier: on the atom or group just before it.
        if (lastWasGroup && closed.complex && variable) {
            return exponential;
        }
        if (lastWasGroup && !variable) {
            const int times = pattern.mid(i + 1, end - i - 1).toInt();
            groups.last().repeats += closed.repeats * std::max(0, times - 1);
            total += closed.repeats * std::max(0, times - 1);
        }
        if (variable) {
            ++total;
            ++groups.last().repeats;
            groups.last().complex = true;
        }
        i = end;
        lastWasGroup = false;
        lastWasQuantifier = true;
    }
    return total;
}

double StdRegexCost::steps(int degree, qsizetype length)
{
    const double n = double(std::max<qsizetype>(length, 1));
    if (degree == exponential) {
        return std::pow(2.0, std::min(n, 1000.0));
    }
    return std::pow(n, degree + 1);
}
