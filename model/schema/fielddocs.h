#pragma once

#include "fielddoc.h"

#include <QHash>
#include <QString>

#include <memory>

class CompiledSchema;

// The documentation of one event's fields, looked up by JSON Pointer and cached: what the Fields
// tree and `hookscope inspect` show beside each value. Empty (no schema): every lookup gives a
// FieldDoc with hasSchema false. Not thread-safe (the cache); one per model or command.
class FieldDocs
{
public:
    FieldDocs() = default;
    explicit FieldDocs(std::shared_ptr<const CompiledSchema> schema);

    bool isEmpty() const { return !m_schema; }
    const FieldDoc &at(const QString &pointer) const;

private:
    std::shared_ptr<const CompiledSchema> m_schema;
    mutable QHash<QString, FieldDoc> m_cache;
};
