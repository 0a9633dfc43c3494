#pragma once

#include "filterast.h"

#include <QString>
#include <QStringView>

#include <optional>

// Character-level reading for the filter parser: whitespace, punctuation, words, quoted strings.
// The parser asks for what the grammar allows at each point, so words can mean different things
// in different places (a field name, a JSON key, a bare value) without a separate token pass.
// Positions are 0-based UTF-16 offsets into the expression, the same units as a QLineEdit cursor.
class FilterScanner
{
public:
    explicit FilterScanner(QStringView text)
        : m_text(text)
    { }

    qsizetype position() const { return m_pos; }
    void setPosition(qsizetype position) { m_pos = position; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(qsizetype ahead = 0) const;
    void skipSpace();

    // Consumes `token` exactly (punctuation such as "&&") and reports whether it was there.
    bool tryConsume(QStringView token);
    // Consumes a word operator ("and", "contains"), case-insensitively, only when a word boundary
    // follows, so "android" is never read as "and" + "roid".
    bool tryConsumeKeyword(QStringView word);

    // [A-Za-z_][A-Za-z0-9_]*, or empty.
    QStringView readIdentifier();
    // A run of characters that cannot start or continue an operator: the shape of bare search
    // words and unquoted values ("/hooks/card", "2026-11-22T10:00", "10KB").
    QStringView readBareWord();
    // A JSON member name after '.': like a bare word, but also stops at '.', '[' and ']'.
    QStringView readKeyWord();
    // A member of a {...} set: like a bare word, but also stops at ',' and '}'.
    QStringView readSetWord();

    bool atQuote() const;
    // Reads a '...' or "..." string at the current position. On failure the error is set and
    // the result is empty.
    std::optional<FilterLiteral> readString(QString *error);

    static bool isWordBoundary(QChar c);
    static bool isBareWordChar(QChar c);

private:
    QStringView m_text;
    qsizetype m_pos = 0;
};
