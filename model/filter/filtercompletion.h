#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

// Helpers for the filter bar and the detail view; all produce text that Filter::compile accepts.

// Field names for autocompletion, in the order a menu should show them. "header[" and "json."
// are prefixes the user completes with a name or path.
QStringList filterFieldNames();
// "==", "!=", "<", "<=", ">", ">=", "contains", "matches", "&&", "||", "!", "and", "or", "not".
QStringList filterOperatorNames();
// The values an enumerated field takes ("signature" -> valid, invalid, ...), else empty.
QStringList filterValueNames(const QString &field);

// What may be typed at `cursor`: candidates replace text[replaceFrom, cursor). Field names at the
// start of a term, operators after a field, the choices of signature/kind/origin/method after a
// comparison, "&&" and "||" after a complete term. Free-form places (json paths, header names,
// other values) give no candidates.
struct FilterCompletion
{
    qsizetype replaceFrom = 0;
    QStringList candidates;
};
FilterCompletion filterCompletionsAt(const QString &text, qsizetype cursor);

// The text once `candidate` replaces text[replaceFrom, cursor), spaced as a person would write
// it: one space before anything that follows a token ("A" &&, == "X"), and one after an
// operator or connective, so the next word can be typed at once. *newCursor receives the
// position just after the inserted text.
QString filterCompletionResult(const QString &text, qsizetype replaceFrom, qsizetype cursor,
                               const QString &candidate, qsizetype *newCursor);
// True when the text compiles, or breaks only at or after `position`: completions are offered
// where the user is still writing, never inside an expression that is already wrong before it.
bool filterSoundBefore(const QString &text, qsizetype position);

// A string literal for `text`: double-quoted, with quotes, backslashes and control
// characters escaped.
QString filterQuote(const QString &text);
// "Apply as filter" on a detail-tree field. The pointer (RFC 6901) becomes a json path, the value
// a literal: /data/items/0/id + "x" -> json.data.items[0].id == "x". Objects and arrays give a
// presence test (json.data.items), since comparing whole structures is rarely what is meant.
QString filterForJsonPointer(const QString &pointer, const QJsonValue &value);
// "Apply as filter" on a header row: header["Name"] == "value".
QString filterForHeader(const QString &name, const QString &value);
