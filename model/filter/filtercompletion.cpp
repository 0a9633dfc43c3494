#include "filtercompletion.h"

#include "filter.h"
#include "filterjsonpath.h"
#include "filterparser.h"
#include "filterscanner.h"

using namespace Qt::StringLiterals;

namespace {
// A key that reads back unchanged after '.' and looks like one: letters of any script, digits,
// '_', '-' and '$', not starting with a digit or '-'. Anything else is quoted: json["a/b"].
bool isPlainKey(const QString &key)
{
    if (key.isEmpty() || key.front().isDigit() || key.front() == u'-')
        return false;
    return std::all_of(key.cbegin(), key.cend(), [](QChar c) {
        return c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'$';
    });
}

bool isIndex(const QString &segment)
{
    return !segment.isEmpty() && std::all_of(segment.cbegin(), segment.cend(), [](QChar c) {
        return c.isDigit() && c.unicode() < 128;
    });
}

QString decodePointerSegment(QString segment)
{
    // RFC 6901 section 4: ~1 before ~0, so "~01" decodes to "~1".
    return segment.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
}

QString jsonPathFor(const QString &pointer)
{
    QString path = u"json"_s;
    if (pointer.isEmpty())
        return path;
    const QStringList segments = pointer.mid(1).split(u'/');
    for (const QString &raw : segments) {
        const QString key = decodePointerSegment(raw);
        if (isIndex(key))
            path += u'[' + key + u']';
        else if (isPlainKey(key))
            path += u'.' + key;
        else
            path += u'[' + filterQuote(key) + u']';
    }
    return path;
}
QStringList startingWith(const QStringList &names, QStringView prefix)
{
    QStringList out;
    for (const QString &name : names) {
        if (name.startsWith(prefix, Qt::CaseInsensitive) && name.size() > prefix.size())
            out.append(name);
    }
    return out;
}

qsizetype skipSpaceBack(QStringView text, qsizetype at)
{
    while (at > 0 && text.at(at - 1).isSpace())
        --at;
    return at;
}

// The bare word ending at `end`; `start` receives where it begins.
QStringView wordBefore(QStringView text, qsizetype end, qsizetype *start)
{
    qsizetype at = end;
    while (at > 0 && FilterScanner::isBareWordChar(text.at(at - 1)))
        --at;
    *start = at;
    return text.mid(at, end - at);
}

bool isFieldWord(QStringView word)
{
    return FilterParser::fieldForName(word).has_value()
        || (word.startsWith(u"header[", Qt::CaseInsensitive) && word.endsWith(u']'))
        || word.startsWith(u"json.", Qt::CaseInsensitive)
        || word.startsWith(u"json[", Qt::CaseInsensitive);
}

const QStringList &comparisonOperators()
{
    static const QStringList operators = { u"=="_s, u"!="_s,       u"<"_s,       u"<="_s, u">"_s,
                                           u">="_s, u"contains"_s, u"matches"_s, u"in"_s };
    return operators;
}

// Completes after "field op ": the field's choices, when it has any.
QStringList valuesAfterOperator(QStringView text, qsizetype operatorStart, QStringView prefix)
{
    qsizetype fieldStart = 0;
    const QStringView field = wordBefore(text, skipSpaceBack(text, operatorStart), &fieldStart);
    return startingWith(filterValueNames(field.toString().toLower()), prefix);
}
// What may follow a complete word: a field takes an operator, a connective a new term,
// anything else (a value, a search word) a connective.
QStringList candidatesAfterWord(QStringView word)
{
    static const QStringList connectors = { u"&&"_s, u"||"_s, u"and"_s, u"or"_s };
    const auto is = [word](QStringView keyword) {
        return word.compare(keyword, Qt::CaseInsensitive) == 0;
    };
    if (is(u"contains") || is(u"matches") || is(u"in"))
        return {};
    if (is(u"and") || is(u"or") || is(u"not"))
        return filterFieldNames();
    const std::optional<FilterField> field = FilterParser::fieldForName(word);
    if (field == FilterField::Valid || field == FilterField::Invalid)
        return connectors; // they take no operator
    if (isFieldWord(word))
        return comparisonOperators() + connectors;
    return connectors;
}
} // namespace

FilterCompletion filterCompletionsAt(const QString &text, qsizetype cursor)
{
    const QStringView view(text);
    cursor = std::clamp<qsizetype>(cursor, 0, view.size());
    FilterCompletion completion;
    const QStringView prefix = wordBefore(view, cursor, &completion.replaceFrom);
    if (prefix.contains(u'.') || prefix.contains(u'['))
        return completion; // inside a json path or header name: free-form
    const qsizetype end = skipSpaceBack(view, completion.replaceFrom);
    const QStringView before = view.left(end);
    if (end == 0 || before.endsWith(u"&&") || before.endsWith(u"||") || before.endsWith(u'(')
        || before.endsWith(u'!')) {
        completion.candidates = startingWith(filterFieldNames(), prefix);
        return completion;
    }
    for (const QString &op : { u"=="_s, u"!="_s, u"<="_s, u">="_s, u"<"_s, u">"_s }) {
        if (before.endsWith(op)) {
            completion.candidates = valuesAfterOperator(view, end - op.size(), prefix);
            return completion;
        }
    }
    qsizetype wordStart = 0;
    const QStringList next = candidatesAfterWord(wordBefore(view, end, &wordStart));
    completion.candidates = startingWith(next, prefix);
    return completion;
}

QString filterCompletionResult(const QString &text, qsizetype replaceFrom, qsizetype cursor,
                               const QString &candidate, qsizetype *newCursor)
{
    QString left = text.left(replaceFrom);
    const QString right = text.mid(cursor);
    const QString word = candidate.trimmed();
    const bool joinsLeft =
        !left.isEmpty() && !left.back().isSpace() && !left.endsWith(u'(') && !left.endsWith(u'!');
    const bool isOperator = filterOperatorNames().contains(word) && word != u"!"_s;
    QString inserted = (joinsLeft ? u" "_s : QString()) + word;
    if (isOperator && !right.startsWith(u' '))
        inserted += u' ';
    if (newCursor)
        *newCursor = left.size() + inserted.size();
    return left + inserted + right;
}

bool filterSoundBefore(const QString &text, qsizetype position)
{
    const auto compiled = Filter::compile(text);
    const FilterError *error = std::get_if<FilterError>(&compiled);
    return !error || error->position >= position;
}

QStringList filterFieldNames()
{
    return { u"event"_s,   u"method"_s,    u"path"_s,     u"status"_s, u"valid"_s,
             u"invalid"_s, u"signature"_s, u"header["_s,  u"json."_s,  u"body"_s,
             u"size"_s,    u"time"_s,      u"remote"_s,   u"target"_s, u"query"_s,
             u"seq"_s,     u"errors"_s,    u"warnings"_s, u"kind"_s,   u"origin"_s };
}

QStringList filterOperatorNames()
{
    return { u"=="_s, u"!="_s, u"<"_s,  u"<="_s, u">"_s,   u">="_s, u"contains"_s, u"matches"_s,
             u"in"_s, u"&&"_s, u"||"_s, u"!"_s,  u"and"_s, u"or"_s, u"not"_s };
}

QStringList filterValueNames(const QString &field)
{
    if (field == u"signature")
        return { u"valid"_s,    u"invalid"_s,       u"stale"_s,
                 u"unsigned"_s, u"\"no secret\""_s, u"\"not checked\""_s };
    if (field == u"kind")
        return { u"empty"_s, u"json"_s, u"text"_s, u"binary"_s, u"\"invalid JSON\""_s };
    if (field == u"origin")
        return { u"live"_s, u"loaded"_s };
    if (field == u"method")
        return { u"POST"_s, u"GET"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s };
    return {};
}

QString filterQuote(const QString &text)
{
    QString out = u"\""_s;
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += u'\\' + QString(c);
        else if (c == u'\n')
            out += u"\\n"_s;
        else if (c == u'\t')
            out += u"\\t"_s;
        else if (c == u'\r')
            out += u"\\r"_s;
        else if (c.unicode() < 0x20)
            out += u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QChar(u'0'));
        else
            out += c;
    }
    return out + u'"';
}

QString filterForJsonPointer(const QString &pointer, const QJsonValue &value)
{
    const QString path = jsonPathFor(pointer);
    switch (value.type()) {
    case QJsonValue::Object:
    case QJsonValue::Array:
    case QJsonValue::Undefined:
        return path;
    case QJsonValue::String:
        return path + u" == "_s + filterQuote(value.toString());
    default:
        return path + u" == "_s + FilterJsonPath::text(value);
    }
}

QString filterForHeader(const QString &name, const QString &value)
{
    return u"header["_s + filterQuote(name) + u"] == "_s + filterQuote(value);
}
