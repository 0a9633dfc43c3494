#pragma once

#include "jsonnumber.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

#include <string>
#include <vector>

// A JSON text exactly as it was sent (RFC 8259), built from its bytes by JsonParser: one
// compact node per value in document order, so members stay in the order sent, a duplicate
// member is kept (and flagged) beside the first, and every scalar keeps its source text (a
// number's digits, a string's escapes). Any value may be the root: object, array or scalar.
// Values are addressed by node id; the root is node 0. Immutable once parsed, so it can be
// shared between threads.
class JsonDocument
{
public:
    enum class Type : quint8 { Null, Bool, Number, String, Array, Object };
    enum Flag : quint8 {
        Escaped = 1, // the string value has escapes: its text lives decoded in m_strings
        KeyEscaped = 2, // the same for the member name
        Duplicate = 4, // a member whose name an earlier member of the same object already has
        LoneSurrogate = 8, // a \uD800-\uDFFF escape without its pair, read as U+FFFD
        True = 16, // a boolean's value
    };

    struct Node
    {
        quint32 begin = 0; // the value's source text: offset and length in source()
        quint32 length = 0;
        quint32 keyBegin = 0; // a member's name as sent, quotes included (length 0: no member)
        quint32 keyLength = 0;
        quint32 text = 0; // a string's content in UTF-8: in source() or, if Escaped, m_strings
        quint32 textLength = 0;
        quint32 keyText = 0; // the same for the member name (KeyEscaped)
        quint32 keyTextLength = 0;
        qint32 parent = -1;
        qint32 row = 0; // position in the parent: member or element index
        qint32 end = 0; // the id after this node's subtree (its next sibling, if any)
        qint32 count = 0; // members or elements of a container
        Type type = Type::Null;
        quint8 flags = 0;
    };

    struct Error
    {
        QString message;
        qint64 offset = -1; // byte offset in the body
    };

    JsonDocument() = default;
    static JsonDocument parse(const QByteArray &bytes);
    // UTF-8 text as sent: unlike QString::fromUtf8, a byte order mark at the start stays.
    static QString decodeUtf8(QByteArrayView utf8);

    bool isValid() const { return !m_nodes.empty(); }
    const Error &error() const { return m_error; }
    const QByteArray &source() const { return m_source; }
    int nodeCount() const { return int(m_nodes.size()); }
    const Node &node(int id) const { return m_nodes[size_t(id)]; }
    Type type(int id) const { return node(id).type; }
    bool has(int id, Flag flag) const { return node(id).flags & flag; }
    bool isContainer(int id) const { return type(id) == Type::Array || type(id) == Type::Object; }
    bool isMember(int id) const { return node(id).keyLength > 0; }
    bool hasDuplicates() const { return m_duplicates > 0; }
    bool hasLoneSurrogates() const { return m_loneSurrogates > 0; }

    // The exact source text of a value (a string with its quotes and escapes).
    QByteArrayView raw(int id) const;
    QByteArrayView rawKey(int id) const; // the member name as sent, quotes included
    QByteArrayView keyUtf8(int id) const; // the decoded member name
    QString key(int id) const;
    QByteArrayView stringUtf8(int id) const; // the decoded string value
    QString string(int id) const;
    bool boolean(int id) const { return has(id, True); }
    JsonNumber number(int id) const; // for a Number node
    // How a person reads the type: null boolean integer number string array object.
    QString typeName(int id) const;

    int firstChild(int id) const;
    int nextSibling(int id) const;
    // The last member with this name (as JavaScript and Qt read duplicates), or -1.
    int member(int object, QByteArrayView name) const;
    int element(int array, int index) const; // -1 when out of range
    // RFC 6901 pointer of a node; duplicate members share one.
    QString pointer(int id) const;
    // The node at an RFC 6901 pointer (the last of duplicate members), or -1.
    int resolve(QStringView pointer) const;

    // A lossy copy for code that still speaks QJsonValue (later duplicates win, numbers become
    // doubles or 64-bit integers); nothing a user sees should come from it.
    QJsonValue toQJsonValue(int id = 0) const;

private:
    friend class JsonParser;

    QByteArray m_source;
    std::vector<Node> m_nodes;
    std::string m_strings; // decoded escaped strings and names
    Error m_error;
    int m_duplicates = 0;
    int m_loneSurrogates = 0;
};
