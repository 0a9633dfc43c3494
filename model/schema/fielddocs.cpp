#include "fielddocs.h"

#include "compiledschema.h"

FieldDocs::FieldDocs(std::shared_ptr<const CompiledSchema> schema)
    : m_schema(std::move(schema))
{ }

const FieldDoc &FieldDocs::at(const QString &pointer) const
{
    static const FieldDoc none;
    if (!m_schema)
        return none;
    auto it = m_cache.find(pointer);
    if (it == m_cache.end())
        it = m_cache.insert(pointer, m_schema->fieldDoc(pointer));
    return *it;
}
