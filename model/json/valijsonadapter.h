#pragma once

#include "jsondocument.h"
#include "jsonequality.h"

#include <valijson/exceptions.hpp>
#include <valijson/internal/adapter.hpp>
#include <valijson/internal/basic_adapter.hpp>
#include <valijson/internal/frozen_value.hpp>

#include <memory>
#include <string>
#include <typeinfo>
#include <utility>

// valijson reads a JsonDocument in place, the way qtjson_adapter.hpp reads a QJsonValue, but
// over the UTF-8 bytes as sent: a member name is compared as bytes and becomes a std::string
// only when valijson asks for one (short names stay in its small-string buffer, no malloc).
// Numbers are judged as JSON Schema (draft 6 and later) defines them: any integer-valued
// number is an integer, whatever its size or spelling (1.0, 1e2, 20 digits), and two documents
// compare exactly (equalTo). valijson's own numeric bounds compare doubles, so Hookscope gives
// it exact ones instead (ExactBoundsConstraint, model/schema/README.md).
namespace valijson::adapters {

class JsonDocumentAdapter;
class JsonDocumentArrayIterator;
class JsonDocumentMemberIterator;
using JsonDocumentMember = std::pair<std::string, JsonDocumentAdapter>;

// A node of a document the caller keeps alive for the whole validation.
struct JsonDocumentRef
{
    const JsonDocument *document = nullptr; // not owned
    int id = -1;

    bool is(JsonDocument::Type type) const { return document && document->type(id) == type; }
};

class JsonDocumentArray
{
public:
    using const_iterator = JsonDocumentArrayIterator;
    using iterator = JsonDocumentArrayIterator;

    JsonDocumentArray() = default;
    explicit JsonDocumentArray(JsonDocumentRef ref)
        : m_ref(ref)
    { }
    JsonDocumentArrayIterator begin() const;
    JsonDocumentArrayIterator end() const;
    size_t size() const
    {
        return m_ref.document ? size_t(m_ref.document->node(m_ref.id).count) : 0;
    }

private:
    JsonDocumentRef m_ref;
};

class JsonDocumentObject
{
public:
    using const_iterator = JsonDocumentMemberIterator;
    using iterator = JsonDocumentMemberIterator;

    JsonDocumentObject() = default;
    explicit JsonDocumentObject(JsonDocumentRef ref)
        : m_ref(ref)
    { }
    JsonDocumentMemberIterator begin() const;
    JsonDocumentMemberIterator end() const;
    JsonDocumentMemberIterator find(const std::string &propertyName) const;
    size_t size() const
    {
        return m_ref.document ? size_t(m_ref.document->node(m_ref.id).count) : 0;
    }

private:
    JsonDocumentRef m_ref;
};

class JsonDocumentValue
{
public:
    JsonDocumentValue() = default;
    JsonDocumentValue(JsonDocumentRef ref)
        : m_ref(ref)
    { }

    FrozenValue *freeze() const;

    opt::optional<JsonDocumentArray> getArrayOptional() const
    {
        return isArray() ? opt::make_optional(JsonDocumentArray(m_ref))
                         : opt::optional<JsonDocumentArray>();
    }
    bool getArraySize(size_t &result) const
    {
        if (!isArray())
            return false;
        result = size_t(m_ref.document->node(m_ref.id).count);
        return true;
    }
    bool getBool(bool &result) const
    {
        if (!isBool())
            return false;
        result = m_ref.document->boolean(m_ref.id);
        return true;
    }
    bool getDouble(double &result) const
    {
        if (!isNumber())
            return false;
        result = m_ref.document->number(m_ref.id).toDouble();
        return true;
    }
    bool getInteger(int64_t &result) const
    {
        qint64 value = 0;
        if (!isNumber() || !int64(value))
            return false;
        result = value;
        return true;
    }
    opt::optional<JsonDocumentObject> getObjectOptional() const
    {
        return isObject() ? opt::make_optional(JsonDocumentObject(m_ref))
                          : opt::optional<JsonDocumentObject>();
    }
    bool getObjectSize(size_t &result) const
    {
        if (!isObject())
            return false;
        result = size_t(m_ref.document->node(m_ref.id).count);
        return true;
    }
    bool getString(std::string &result) const
    {
        if (!isString())
            return false;
        const QByteArrayView text = m_ref.document->stringUtf8(m_ref.id);
        result.assign(text.data(), size_t(text.size()));
        return true;
    }
    static bool hasStrictTypes() { return true; }
    bool isArray() const { return m_ref.is(JsonDocument::Type::Array); }
    bool isBool() const { return m_ref.is(JsonDocument::Type::Bool); }
    // A number that a 64-bit integer cannot hold exactly; valijson reads it as a double.
    bool isDouble() const
    {
        qint64 value = 0;
        return isNumber() && !int64(value);
    }
    bool isInteger() const
    {
        return isNumber() && (plainInteger() || m_ref.document->number(m_ref.id).isInteger());
    }
    bool isNull() const { return m_ref.is(JsonDocument::Type::Null); }
    bool isNumber() const { return m_ref.is(JsonDocument::Type::Number); }
    bool isObject() const { return m_ref.is(JsonDocument::Type::Object); }
    bool isString() const { return m_ref.is(JsonDocument::Type::String); }

private:
    // Digits only, short enough for a 64-bit integer: the common case, read without allocating.
    bool plainInteger(qint64 *value = nullptr) const
    {
        const QByteArrayView text = m_ref.document->raw(m_ref.id);
        const bool negative = text.startsWith('-');
        const QByteArrayView digits = negative ? text.sliced(1) : text;
        if (digits.isEmpty() || digits.size() > 18)
            return false;
        qint64 result = 0;
        for (char c : digits) {
            if (c < '0' || c > '9')
                return false;
            result = result * 10 + (c - '0');
        }
        if (value)
            *value = negative ? -result : result;
        return true;
    }
    bool int64(qint64 &value) const
    {
        if (plainInteger(&value))
            return true;
        const std::optional<qint64> exact = m_ref.document->number(m_ref.id).toInt64();
        value = exact.value_or(0);
        return exact.has_value();
    }

    JsonDocumentRef m_ref;
};

class JsonDocumentAdapter
    : public BasicAdapter<JsonDocumentAdapter, JsonDocumentArray, JsonDocumentMember,
                          JsonDocumentObject, JsonDocumentValue>
{
public:
    JsonDocumentAdapter() = default;
    // document: kept alive by the caller while valijson runs; id 0 is the root.
    explicit JsonDocumentAdapter(const JsonDocument &document, int id = 0)
        : JsonDocumentAdapter(JsonDocumentRef { &document, id })
    { }
    explicit JsonDocumentAdapter(JsonDocumentRef ref)
        : BasicAdapter(JsonDocumentValue(ref))
        , m_ref(ref)
    { }

    JsonDocumentRef ref() const { return m_ref; }
    // The adapter a validation reads, or null for another kind (the QJsonValue path).
    static const JsonDocumentAdapter *from(const Adapter &adapter)
    {
        return typeid(adapter) == typeid(JsonDocumentAdapter)
            ? static_cast<const JsonDocumentAdapter *>(&adapter)
            : nullptr;
    }

    // enum, const and uniqueItems compare through here: exactly, and over the UTF-8 bytes,
    // when both sides are documents (BasicAdapter compares numbers as doubles and copies every
    // string it compares into a std::string).
    bool equalTo(const Adapter &other, bool strict) const override
    {
        const JsonDocumentAdapter *document = from(other);
        if (!strict || !document || !m_ref.document || !document->m_ref.document)
            return BasicAdapter::equalTo(other, strict);
        return JsonEquality::equal(*m_ref.document, m_ref.id, *document->m_ref.document,
                                   document->m_ref.id);
    }

private:
    JsonDocumentRef m_ref;
};

// A value valijson keeps (schema enum and const values are frozen); owns a copy of the document.
class JsonDocumentFrozenValue : public FrozenValue
{
public:
    JsonDocumentFrozenValue(std::shared_ptr<const JsonDocument> document, int id)
        : m_document(std::move(document))
        , m_id(id)
    { }
    FrozenValue *clone() const override { return new JsonDocumentFrozenValue(m_document, m_id); }
    bool equalTo(const Adapter &other, bool strict) const override
    {
        return JsonDocumentAdapter(*m_document, m_id).equalTo(other, strict);
    }

private:
    std::shared_ptr<const JsonDocument> m_document;
    int m_id;
};

// The value alone, parsed again from its exact text: a schema's enum must not keep a copy of the
// whole schema document.
inline FrozenValue *JsonDocumentValue::freeze() const
{
    const QByteArrayView raw = m_ref.document->raw(m_ref.id);
    return new JsonDocumentFrozenValue(
        std::make_shared<const JsonDocument>(JsonDocument::parse(raw.toByteArray())), 0);
}

class JsonDocumentArrayIterator
{
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = JsonDocumentAdapter;
    using difference_type = JsonDocumentAdapter;
    using pointer = JsonDocumentAdapter *;
    using reference = JsonDocumentAdapter &;

    JsonDocumentArrayIterator(JsonDocumentRef ref, int array)
        : m_ref(ref)
        , m_array(array)
    { }
    JsonDocumentAdapter operator*() const { return JsonDocumentAdapter(m_ref); }
    DerefProxy<JsonDocumentAdapter> operator->() const
    {
        return DerefProxy<JsonDocumentAdapter>(**this);
    }
    bool operator==(const JsonDocumentArrayIterator &other) const
    {
        return m_ref.id == other.m_ref.id;
    }
    bool operator!=(const JsonDocumentArrayIterator &other) const { return !(*this == other); }
    const JsonDocumentArrayIterator &operator++()
    {
        m_ref.id = m_ref.document->nextSibling(m_ref.id);
        return *this;
    }
    JsonDocumentArrayIterator operator++(int)
    {
        JsonDocumentArrayIterator before = *this;
        ++(*this);
        return before;
    }
    // Siblings link forwards only: the previous one is found from the first (uniqueItems).
    const JsonDocumentArrayIterator &operator--()
    {
        int previous = -1;
        for (int at = m_ref.document->firstChild(m_array); at >= 0 && at != m_ref.id;
             at = m_ref.document->nextSibling(at))
            previous = at;
        m_ref.id = previous;
        return *this;
    }
    void advance(std::ptrdiff_t n)
    {
        for (; n > 0; --n)
            ++(*this);
    }

private:
    JsonDocumentRef m_ref; // id -1: past the end
    int m_array = -1;
};

class JsonDocumentMemberIterator
{
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = JsonDocumentMember;
    using difference_type = JsonDocumentMember;
    using pointer = JsonDocumentMember *;
    using reference = JsonDocumentMember &;

    explicit JsonDocumentMemberIterator(JsonDocumentRef ref)
        : m_ref(ref)
    { }
    JsonDocumentMember operator*() const
    {
        const QByteArrayView name = m_ref.document->keyUtf8(m_ref.id);
        return JsonDocumentMember(std::string(name.data(), size_t(name.size())),
                                  JsonDocumentAdapter(m_ref));
    }
    // valijson reads `itr->second` after every find() (each property a schema names): the
    // value alone, without copying the name into a std::string as operator* must.
    struct ValueOnly
    {
        JsonDocumentAdapter second;
        const ValueOnly *operator->() const { return this; }
    };
    ValueOnly operator->() const { return { JsonDocumentAdapter(m_ref) }; }
    bool operator==(const JsonDocumentMemberIterator &other) const
    {
        return m_ref.id == other.m_ref.id;
    }
    bool operator!=(const JsonDocumentMemberIterator &other) const { return !(*this == other); }
    const JsonDocumentMemberIterator &operator++()
    {
        m_ref.id = m_ref.document->nextSibling(m_ref.id);
        return *this;
    }
    JsonDocumentMemberIterator operator++(int)
    {
        JsonDocumentMemberIterator before = *this;
        ++(*this);
        return before;
    }

private:
    JsonDocumentRef m_ref;
};

inline JsonDocumentArrayIterator JsonDocumentArray::begin() const
{
    return JsonDocumentArrayIterator(
        { m_ref.document, m_ref.document ? m_ref.document->firstChild(m_ref.id) : -1 }, m_ref.id);
}

inline JsonDocumentArrayIterator JsonDocumentArray::end() const
{
    return JsonDocumentArrayIterator({ m_ref.document, -1 }, m_ref.id);
}

inline JsonDocumentMemberIterator JsonDocumentObject::begin() const
{
    return JsonDocumentMemberIterator(
        { m_ref.document, m_ref.document ? m_ref.document->firstChild(m_ref.id) : -1 });
}

inline JsonDocumentMemberIterator JsonDocumentObject::end() const
{
    return JsonDocumentMemberIterator({ m_ref.document, -1 });
}

inline JsonDocumentMemberIterator JsonDocumentObject::find(const std::string &propertyName) const
{
    if (!m_ref.document)
        return end();
    const int found = m_ref.document->member(
        m_ref.id, QByteArrayView(propertyName.data(), qsizetype(propertyName.size())));
    return JsonDocumentMemberIterator({ m_ref.document, found });
}

template<> struct AdapterTraits<JsonDocumentAdapter>
{
    using DocumentType = JsonDocument;
    static std::string adapterName() { return "JsonDocumentAdapter"; }
};

} // namespace valijson::adapters
