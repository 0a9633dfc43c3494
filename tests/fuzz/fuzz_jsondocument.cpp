// JsonDocument against the bytes it was read from, and against QJsonDocument: every number's
// source text and every member's position must round-trip, the compact re-print must read back
// to the same nodes, and a text Qt reads must read here too, with the same member names.
#include "fuzzinput.h"

#include "json/jsondocument.h"
#include "json/jsonnumber.h"
#include "json/jsonprettyprinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace {

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipWhitespace(const QByteArray &body, qsizetype at)
{
    while (at < body.size() && isWhitespace(body[at]))
        ++at;
    return at;
}

// A number's text is where the node says, is a whole RFC 8259 number, and nothing after it
// could extend it.
void checkNumber(const QByteArray &body, const JsonDocument &document, int id)
{
    const JsonDocument::Node &node = document.node(id);
    const QByteArrayView raw = document.raw(id);
    fuzzCheck(raw == QByteArrayView(body).sliced(node.begin, node.length), "number span");
    fuzzCheck(JsonNumber::fromText(raw).has_value(), "number text is an RFC 8259 number", body,
              raw.toByteArray());
    const qsizetype after = node.begin + node.length;
    fuzzCheck(after == body.size() || !QByteArrayView("0123456789.eE+-").contains(body[after]),
              "number span is maximal", body, raw.toByteArray());
}

// A member's name is a JSON string at its position, followed by ':' and then its value.
void checkMember(const QByteArray &body, const JsonDocument &document, int id)
{
    const JsonDocument::Node &node = document.node(id);
    const QByteArrayView rawKey = document.rawKey(id);
    fuzzCheck(rawKey.size() >= 2 && rawKey.front() == '"' && rawKey.back() == '"',
              "member name is quoted", body, rawKey.toByteArray());
    const JsonDocument alone = JsonDocument::parse(rawKey.toByteArray());
    fuzzCheck(alone.isValid() && alone.stringUtf8(0) == document.keyUtf8(id),
              "member name reads alone as the same string", body, rawKey.toByteArray());
    qsizetype at = skipWhitespace(body, node.keyBegin + node.keyLength);
    fuzzCheck(at < body.size() && body[at] == ':', "':' follows the member name", body);
    at = skipWhitespace(body, at + 1);
    fuzzCheck(at == qsizetype(node.begin), "the value follows the ':'", body);
}

// Positions grow in document order, and each child lies inside its parent.
void checkOrder(const JsonDocument &document, int id, qint64 &previous)
{
    const JsonDocument::Node &node = document.node(id);
    const qint64 start = document.isMember(id) ? node.keyBegin : node.begin;
    fuzzCheck(start > previous || id == 0, "nodes are in the order sent");
    previous = start;
    if (node.parent >= 0) {
        const JsonDocument::Node &parent = document.node(node.parent);
        fuzzCheck(node.begin > parent.begin
                      && node.begin + node.length < parent.begin + parent.length,
                  "a child lies inside its container");
    }
}

// Printed compactly and read again: the same types, names and scalar texts, node for node.
void checkReprint(const QByteArray &body, const JsonDocument &document)
{
    const QByteArray compact = JsonPrettyPrinter::print(document, 0, 0);
    const JsonDocument again = JsonDocument::parse(compact);
    fuzzCheck(again.isValid() && again.nodeCount() == document.nodeCount(),
              "the compact print reads back", body, compact);
    for (int id = 0; id < document.nodeCount(); ++id) {
        fuzzCheck(again.type(id) == document.type(id), "reprint keeps types", body, compact);
        fuzzCheck(again.rawKey(id) == document.rawKey(id), "reprint keeps names", body, compact);
        if (!document.isContainer(id))
            fuzzCheck(again.raw(id) == document.raw(id), "reprint keeps scalars", body, compact);
        fuzzCheck(again.has(id, JsonDocument::Duplicate)
                      == document.has(id, JsonDocument::Duplicate),
                  "reprint keeps duplicates", body, compact);
    }
}

bool startsWithByteOrderMark(QByteArrayView utf8)
{
    return utf8.startsWith("\xEF\xBB\xBF");
}

// Qt sorts names and drops duplicates: compare the sets of names, object by object.
void checkAgainstQt(const QByteArray &body, const JsonDocument &document, int id,
                    const QJsonValue &qt, int depth)
{
    if (depth > 200)
        return;
    if (document.type(id) == JsonDocument::Type::Object) {
        fuzzCheck(qt.isObject(), "Qt sees an object too", body);
        QStringList names;
        for (int child = document.firstChild(id); child >= 0; child = document.nextSibling(child))
            names.append(document.key(child));
        // Names Qt reads its own way: a byte order mark at the start is lost on the way to a
        // QString, so Qt's object cannot be looked up by it; a lone surrogate escape is U+FFFD
        // here, and something else in Qt. There is nothing to compare.
        for (int child = document.firstChild(id); child >= 0; child = document.nextSibling(child)) {
            if (startsWithByteOrderMark(document.keyUtf8(child))
                || document.key(child).contains(QChar(0xFFFD)))
                return;
        }
        QStringList unique = names;
        unique.sort();
        unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
        fuzzCheck(unique == qt.toObject().keys(), "the same member names as Qt", body);
        for (int child = document.firstChild(id); child >= 0; child = document.nextSibling(child)) {
            if (document.member(id, document.keyUtf8(child)) == child) // the one Qt keeps
                checkAgainstQt(body, document, child, qt.toObject().value(document.key(child)),
                               depth + 1);
        }
    } else if (document.type(id) == JsonDocument::Type::Array) {
        fuzzCheck(qt.isArray() && qt.toArray().size() == document.node(id).count,
                  "the same array length as Qt", body);
        int i = 0;
        for (int child = document.firstChild(id); child >= 0; child = document.nextSibling(child))
            checkAgainstQt(body, document, child, qt.toArray().at(i++), depth + 1);
    } else if (document.type(id) == JsonDocument::Type::String) {
        fuzzCheck(qt.isString(), "Qt sees a string too", body);
        if (!document.has(id, JsonDocument::LoneSurrogate)
            && !document.string(id).startsWith(QChar(0xFEFF)))
            fuzzCheck(qt.toString() == document.string(id), "the same string as Qt", body);
    }
}

// Where QJsonDocument reads what RFC 8259 forbids and JsonDocument refuses: a control character
// left unescaped in a string (section 7), an unknown escape (Qt reads "\\q" as "q"), and a number
// without digits before or after its decimal point (Qt reads ".3", "-.5", "1." and "1.e3").
// True when the refusal is one of these and its offset points at it.
bool refusedWhereQtIsLenient(const JsonDocument &document, const QByteArray &body)
{
    const QString &why = document.error().message;
    const qint64 at = document.error().offset;
    const auto byteAt = [&body](qint64 i) {
        return i >= 0 && i < body.size() ? body.at(i) : '\0';
    };
    if (why.contains(QStringLiteral("control character"))) {
        fuzzCheck(at < body.size() && static_cast<unsigned char>(byteAt(at)) < 0x20,
                  "a control character where the error says", body);
        return true;
    }
    if (why.contains(QStringLiteral("unknown escape"))) {
        fuzzCheck(byteAt(at) == '\\'
                      && (at + 1 == body.size()
                          || !QByteArrayView("\"\\/bfnrtu").contains(byteAt(at + 1))),
                  "an unknown escape where the error says", body);
        return true;
    }
    if (why == QStringLiteral("a value was expected")
        || why == QStringLiteral("a digit was expected in a number"))
        return byteAt(at) == '.';
    if (why == QStringLiteral("a digit was expected after the decimal point"))
        return byteAt(at - 1) == '.';
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const JsonDocument document = JsonDocument::parse(body);
    QJsonParseError error;
    const QJsonDocument qt = QJsonDocument::fromJson(body, &error);
    if (!document.isValid()) {
        fuzzCheck(document.error().offset >= 0 && document.error().offset <= body.size(),
                  "the error offset lies in the body", body);
        // Qt reads what RFC 8259 allows, so whatever Qt reads must read here, except where Qt
        // is more lenient than RFC 8259 (and JsonDocument, on purpose).
        if (refusedWhereQtIsLenient(document, body))
            return 0;
        fuzzCheck(error.error != QJsonParseError::NoError, "Qt read what JsonDocument refused",
                  body);
        return 0;
    }
    qint64 previous = -1;
    for (int id = 0; id < document.nodeCount(); ++id) {
        checkOrder(document, id, previous);
        if (document.type(id) == JsonDocument::Type::Number)
            checkNumber(body, document, id);
        if (document.isMember(id))
            checkMember(body, document, id);
    }
    checkReprint(body, document);
    if (error.error == QJsonParseError::NoError)
        checkAgainstQt(body, document, 0,
                       qt.isObject() ? QJsonValue(qt.object()) : QJsonValue(qt.array()), 0);
    return 0;
}
