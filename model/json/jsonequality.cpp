#include "jsonequality.h"

namespace {
// Digits only, at most 18 of them: read without allocating (the common case).
bool plainInteger(QByteArrayView text, qint64 &value)
{
    const bool negative = text.startsWith('-');
    const QByteArrayView digits = negative ? text.sliced(1) : text;
    if (digits.isEmpty() || digits.size() > 18)
        return false;
    value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    value = negative ? -value : value;
    return true;
}

int distinctMembers(const JsonDocument &document, int object)
{
    int count = 0;
    for (int member = document.firstChild(object); member >= 0;
         member = document.nextSibling(member))
        count += document.has(member, JsonDocument::Duplicate) ? 0 : 1;
    return count;
}

bool equalObjects(const JsonDocument &left, int leftId, const JsonDocument &right, int rightId)
{
    if (distinctMembers(left, leftId) != distinctMembers(right, rightId))
        return false;
    for (int member = left.firstChild(leftId); member >= 0; member = left.nextSibling(member)) {
        if (left.has(member, JsonDocument::Duplicate))
            continue;
        const QByteArrayView name = left.keyUtf8(member);
        const int other = right.member(rightId, name);
        if (other < 0 || !JsonEquality::equal(left, left.member(leftId, name), right, other))
            return false;
    }
    return true;
}

bool equalArrays(const JsonDocument &left, int leftId, const JsonDocument &right, int rightId)
{
    if (left.node(leftId).count != right.node(rightId).count)
        return false;
    for (int a = left.firstChild(leftId), b = right.firstChild(rightId); a >= 0;
         a = left.nextSibling(a), b = right.nextSibling(b)) {
        if (!JsonEquality::equal(left, a, right, b))
            return false;
    }
    return true;
}
} // namespace

bool JsonEquality::equalNumbers(QByteArrayView left, QByteArrayView right)
{
    if (left == right)
        return true;
    qint64 a = 0;
    qint64 b = 0;
    if (plainInteger(left, a) && plainInteger(right, b))
        return a == b; // -0 and 0
    const std::optional<JsonNumber> x = JsonNumber::fromText(left);
    const std::optional<JsonNumber> y = JsonNumber::fromText(right);
    return x && y && *x == *y;
}

bool JsonEquality::equal(const JsonDocument &left, int leftId, const JsonDocument &right,
                         int rightId)
{
    const JsonDocument::Type type = left.type(leftId);
    if (type != right.type(rightId))
        return false;
    switch (type) {
    case JsonDocument::Type::Null:
        return true;
    case JsonDocument::Type::Bool:
        return left.boolean(leftId) == right.boolean(rightId);
    case JsonDocument::Type::Number:
        return equalNumbers(left.raw(leftId), right.raw(rightId));
    case JsonDocument::Type::String:
        return left.stringUtf8(leftId) == right.stringUtf8(rightId);
    case JsonDocument::Type::Array:
        return equalArrays(left, leftId, right, rightId);
    case JsonDocument::Type::Object:
        return equalObjects(left, leftId, right, rightId);
    }
    return false;
}
