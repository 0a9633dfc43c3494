#pragma once

#include "jsondocument.h"

// Reads RFC 8259 JSON text into a JsonDocument without recursion. Nesting deeper than
// kMaxDepth is refused, as Qt's parser does, so code that walks values recursively is safe. Strict:
// one value with optional whitespace around it, strings in valid UTF-8 without raw control
// characters. A \u escape of a lone surrogate is accepted (RFC 8259 section 8.2 allows it), read as
// U+FFFD and flagged LoneSurrogate.
class JsonParser
{
public:
    static constexpr int kMaxDepth = 1024;

    explicit JsonParser(JsonDocument &document);
    bool run();

private:
    struct Span
    {
        quint32 begin = 0, length = 0, text = 0, textLength = 0;
        bool escaped = false, loneSurrogate = false;
    };

    bool fail(const QString &message);
    char peek() const { return m_pos < m_size ? m_data[m_pos] : '\0'; }
    void skipWhitespace();
    bool value(const Span *key);
    bool afterOpen();
    bool afterValue();
    bool memberName(Span &key);
    bool string(Span &span);
    bool escape(Span &span, qsizetype start);
    bool utf8Sequence();
    bool number();
    bool literal(const char *word, JsonDocument::Type type, quint8 flags, const Span *key);
    int addNode(JsonDocument::Type type, const Span *key);
    void close();
    void markDuplicates();

    JsonDocument &m_document;
    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    std::vector<int> m_open; // containers not yet closed
};
