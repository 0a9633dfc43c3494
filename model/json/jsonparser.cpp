#include "jsonparser.h"

#include <string_view>
#include <unordered_set>

using namespace Qt::StringLiterals;

namespace {
void appendUtf8(std::string &out, char32_t c)
{
    if (c < 0x80) {
        out.push_back(char(c));
    } else if (c < 0x800) {
        out.push_back(char(0xc0 | (c >> 6)));
        out.push_back(char(0x80 | (c & 0x3f)));
    } else if (c < 0x10000) {
        out.push_back(char(0xe0 | (c >> 12)));
        out.push_back(char(0x80 | ((c >> 6) & 0x3f)));
        out.push_back(char(0x80 | (c & 0x3f)));
    } else {
        out.push_back(char(0xf0 | (c >> 18)));
        out.push_back(char(0x80 | ((c >> 12) & 0x3f)));
        out.push_back(char(0x80 | ((c >> 6) & 0x3f)));
        out.push_back(char(0x80 | (c & 0x3f)));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

JsonParser::JsonParser(JsonDocument &document)
    : m_document(document)
    , m_data(document.m_source.constData())
    , m_size(document.m_source.size())
{ }

bool JsonParser::fail(const QString &message)
{
    m_document.m_nodes.clear();
    m_document.m_strings.clear();
    m_document.m_error = { message, qint64(std::min(m_pos, m_size)) };
    return false;
}

void JsonParser::skipWhitespace()
{
    while (m_pos < m_size) {
        const char c = m_data[m_pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++m_pos;
    }
}

bool JsonParser::run()
{
    if (m_size >= qsizetype(std::numeric_limits<quint32>::max()))
        return fail(u"the body is too large to read as JSON"_s);
    // RFC 8259 section 8.1: a parser MAY ignore a byte order mark (and Qt's does).
    if (QByteArrayView(m_data, m_size).startsWith("\xef\xbb\xbf"))
        m_pos = 3;
    skipWhitespace();
    if (!value(nullptr))
        return false;
    while (!m_open.empty()) {
        if (!afterValue())
            return false;
    }
    skipWhitespace();
    if (m_pos != m_size)
        return fail(u"unexpected text after the JSON value"_s);
    markDuplicates();
    return true;
}

int JsonParser::addNode(JsonDocument::Type type, const Span *key)
{
    JsonDocument::Node node;
    node.type = type;
    node.begin = quint32(m_pos);
    if (!m_open.empty()) {
        JsonDocument::Node &parent = m_document.m_nodes[size_t(m_open.back())];
        node.parent = m_open.back();
        node.row = parent.count++;
    }
    if (key) {
        node.keyBegin = key->begin;
        node.keyLength = key->length;
        node.keyText = key->text;
        node.keyTextLength = key->textLength;
        node.flags |= (key->escaped ? JsonDocument::KeyEscaped : 0)
            | (key->loneSurrogate ? JsonDocument::LoneSurrogate : 0);
    }
    const int id = int(m_document.m_nodes.size());
    node.end = id + 1;
    m_document.m_nodes.push_back(node);
    return id;
}

// One value at m_pos. A container is only opened here; afterOpen/afterValue read its content.
bool JsonParser::value(const Span *key)
{
    switch (peek()) {
    case '{':
    case '[': {
        const bool object = peek() == '{';
        if (m_open.size() >= size_t(kMaxDepth))
            return fail(u"the JSON text nests deeper than %1 levels"_s.arg(kMaxDepth));
        m_open.push_back(
            addNode(object ? JsonDocument::Type::Object : JsonDocument::Type::Array, key));
        ++m_pos;
        return afterOpen();
    }
    case '"': {
        const int id = addNode(JsonDocument::Type::String, key);
        Span span;
        if (!string(span))
            return false;
        JsonDocument::Node &node = m_document.m_nodes[size_t(id)];
        node.length = span.length;
        node.text = span.text;
        node.textLength = span.textLength;
        node.flags |= (span.escaped ? JsonDocument::Escaped : 0)
            | (span.loneSurrogate ? JsonDocument::LoneSurrogate : 0);
        return true;
    }
    case 't':
        return literal("true", JsonDocument::Type::Bool, JsonDocument::True, key);
    case 'f':
        return literal("false", JsonDocument::Type::Bool, 0, key);
    case 'n':
        return literal("null", JsonDocument::Type::Null, 0, key);
    default:
        break;
    }
    if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
        const int id = addNode(JsonDocument::Type::Number, key);
        const qsizetype start = m_pos;
        if (!number())
            return false;
        m_document.m_nodes[size_t(id)].length = quint32(m_pos - start);
        return true;
    }
    if (m_pos >= m_size)
        return fail(u"the JSON text ends where a value should be"_s);
    return fail(u"a value was expected"_s);
}

// Just after '{' or '[': the first member or element, or the end of an empty container.
bool JsonParser::afterOpen()
{
    skipWhitespace();
    const JsonDocument::Node &container = m_document.m_nodes[size_t(m_open.back())];
    const bool object = container.type == JsonDocument::Type::Object;
    if (peek() == (object ? '}' : ']')) {
        close();
        return true;
    }
    if (!object)
        return value(nullptr);
    Span key;
    return memberName(key) && value(&key);
}

// After a complete value inside the innermost open container: ',' and the next, or its end.
bool JsonParser::afterValue()
{
    skipWhitespace();
    const bool object =
        m_document.m_nodes[size_t(m_open.back())].type == JsonDocument::Type::Object;
    if (peek() == (object ? '}' : ']')) {
        close();
        return true;
    }
    if (peek() != ',') {
        if (m_pos >= m_size)
            return fail(object ? u"the JSON text ends inside an object"_s
                               : u"the JSON text ends inside an array"_s);
        return fail(object ? u"',' or '}' was expected after a member"_s
                           : u"',' or ']' was expected after an element"_s);
    }
    ++m_pos;
    skipWhitespace();
    if (!object)
        return value(nullptr);
    Span key;
    return memberName(key) && value(&key);
}

bool JsonParser::memberName(Span &key)
{
    if (peek() != '"')
        return fail(m_pos >= m_size ? u"the JSON text ends inside an object"_s
                                    : u"a member name (a string) was expected"_s);
    if (!string(key))
        return false;
    skipWhitespace();
    if (peek() != ':')
        return fail(u"':' was expected after a member name"_s);
    ++m_pos;
    skipWhitespace();
    return true;
}

void JsonParser::close()
{
    JsonDocument::Node &node = m_document.m_nodes[size_t(m_open.back())];
    ++m_pos;
    node.length = quint32(m_pos - node.begin);
    node.end = int(m_document.m_nodes.size());
    m_open.pop_back();
}

bool JsonParser::literal(const char *word, JsonDocument::Type type, quint8 flags, const Span *key)
{
    const qsizetype length = qsizetype(std::char_traits<char>::length(word));
    if (m_size - m_pos < length || QByteArrayView(m_data + m_pos, length) != QByteArrayView(word))
        return fail(u"a value was expected"_s);
    const int id = addNode(type, key);
    JsonDocument::Node &node = m_document.m_nodes[size_t(id)];
    node.flags |= flags;
    node.length = quint32(length);
    m_pos += length;
    return true;
}

bool JsonParser::number()
{
    auto digits = [this] {
        const qsizetype start = m_pos;
        while (m_pos < m_size && m_data[m_pos] >= '0' && m_data[m_pos] <= '9')
            ++m_pos;
        return m_pos > start;
    };
    if (peek() == '-')
        ++m_pos;
    if (peek() == '0') {
        ++m_pos;
        if (peek() >= '0' && peek() <= '9')
            return fail(u"a number cannot have a leading zero"_s);
    } else if (!digits()) {
        return fail(u"a digit was expected in a number"_s);
    }
    if (peek() == '.') {
        ++m_pos;
        if (!digits())
            return fail(u"a digit was expected after the decimal point"_s);
    }
    if (peek() == 'e' || peek() == 'E') {
        ++m_pos;
        if (peek() == '+' || peek() == '-')
            ++m_pos;
        if (!digits())
            return fail(u"a digit was expected in the exponent"_s);
    }
    return true;
}

// A string at m_pos ('"'). Plain strings are left in the source; escaped ones are decoded
// into the document's string buffer, copied from the first escape on.
bool JsonParser::string(Span &span)
{
    span.begin = quint32(m_pos);
    ++m_pos;
    const qsizetype contentStart = m_pos;
    while (true) {
        if (m_pos >= m_size)
            return fail(u"the JSON text ends inside a string"_s);
        const unsigned char c = static_cast<unsigned char>(m_data[m_pos]);
        if (c == '"')
            break;
        if (c == '\\') {
            if (!span.escaped) {
                span.escaped = true;
                span.text = quint32(m_document.m_strings.size());
                m_document.m_strings.append(m_data + contentStart, size_t(m_pos - contentStart));
            }
            if (!escape(span, m_pos))
                return false;
            continue;
        }
        if (c < 0x20)
            return fail(u"a control character must be escaped in a string"_s);
        const qsizetype start = m_pos;
        if (c < 0x80)
            ++m_pos;
        else if (!utf8Sequence())
            return false;
        if (span.escaped)
            m_document.m_strings.append(m_data + start, size_t(m_pos - start));
    }
    if (span.escaped) {
        span.textLength = quint32(m_document.m_strings.size() - span.text);
    } else {
        span.text = quint32(contentStart);
        span.textLength = quint32(m_pos - contentStart);
    }
    ++m_pos;
    span.length = quint32(m_pos) - span.begin;
    return true;
}

bool JsonParser::escape(Span &span, qsizetype start)
{
    std::string &out = m_document.m_strings;
    m_pos = start + 1;
    const char c = peek();
    ++m_pos;
    switch (c) {
    case '"':
        out.push_back('"');
        return true;
    case '\\':
        out.push_back('\\');
        return true;
    case '/':
        out.push_back('/');
        return true;
    case 'b':
        out.push_back('\b');
        return true;
    case 'f':
        out.push_back('\f');
        return true;
    case 'n':
        out.push_back('\n');
        return true;
    case 'r':
        out.push_back('\r');
        return true;
    case 't':
        out.push_back('\t');
        return true;
    case 'u':
        break;
    default:
        m_pos = start;
        return fail(u"an unknown escape in a string"_s);
    }
    auto hex4 = [this](qsizetype at) -> int {
        if (m_size - at < 4)
            return -1;
        int value = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hexValue(m_data[at + i]);
            if (digit < 0)
                return -1;
            value = value * 16 + digit;
        }
        return value;
    };
    const int unit = hex4(m_pos);
    if (unit < 0) {
        m_pos = start;
        return fail(u"\\u must be followed by four hex digits"_s);
    }
    m_pos += 4;
    char32_t code = char32_t(unit);
    if (unit >= 0xd800 && unit <= 0xdbff && m_size - m_pos >= 6 && m_data[m_pos] == '\\'
        && m_data[m_pos + 1] == 'u') {
        const int low = hex4(m_pos + 2);
        if (low >= 0xdc00 && low <= 0xdfff) {
            code = 0x10000 + ((char32_t(unit) - 0xd800) << 10) + (char32_t(low) - 0xdc00);
            m_pos += 6;
        }
    }
    if (code >= 0xd800 && code <= 0xdfff) {
        span.loneSurrogate = true;
        ++m_document.m_loneSurrogates;
        code = 0xfffd;
    }
    appendUtf8(out, code);
    return true;
}

// One multi-byte UTF-8 sequence (RFC 3629): no overlong forms, no surrogates, at most U+10FFFF.
bool JsonParser::utf8Sequence()
{
    const auto byte = [this](qsizetype at) {
        return at < m_size ? static_cast<unsigned char>(m_data[at]) : 0u;
    };
    const unsigned lead = byte(m_pos);
    int length = 0;
    unsigned low = 0x80, high = 0xbf; // the range of the second byte
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        low = lead == 0xe0 ? 0xa0 : 0x80;
        high = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        low = lead == 0xf0 ? 0x90 : 0x80;
        high = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
        return fail(u"invalid UTF-8 in a string"_s);
    }
    const unsigned second = byte(m_pos + 1);
    bool valid = second >= low && second <= high;
    for (int i = 2; valid && i < length; ++i)
        valid = (byte(m_pos + i) & 0xc0) == 0x80;
    if (!valid)
        return fail(u"invalid UTF-8 in a string"_s);
    m_pos += length;
    return true;
}

// Flags every member whose name an earlier member of its object already has. After parsing, so
// that every name is in its final place; small objects compare directly, large ones hash.
void JsonParser::markDuplicates()
{
    auto &nodes = m_document.m_nodes;
    std::unordered_set<std::string_view> seen;
    for (int id = 0; id < int(nodes.size()); ++id) {
        if (nodes[size_t(id)].type != JsonDocument::Type::Object || nodes[size_t(id)].count < 2)
            continue;
        seen.clear();
        const bool small = nodes[size_t(id)].count <= 16;
        for (int child = id + 1, first = id + 1; child >= 0;
             child = m_document.nextSibling(child)) {
            const QByteArrayView name = m_document.keyUtf8(child);
            bool duplicate = false;
            if (small) {
                for (int earlier = first; earlier != child && !duplicate;
                     earlier = m_document.nextSibling(earlier))
                    duplicate = m_document.keyUtf8(earlier) == name;
            } else {
                duplicate = !seen.insert(std::string_view(name.data(), size_t(name.size()))).second;
            }
            if (duplicate) {
                nodes[size_t(child)].flags |= JsonDocument::Duplicate;
                ++m_document.m_duplicates;
            }
        }
    }
}
