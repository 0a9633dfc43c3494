#include "schemaregistry.h"

#include "compiledschema.h"
#include "documentreader.h"
#include "schemagraph.h"
#include "schemaimporter.h"

#include <QFile>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr double minimumInferenceScore = 0.5;

double similarity(const QSet<QString> &keys, const QSet<QString> &documented, qsizetype *shared)
{
    *shared = 0;
    for (const QString &key : keys) {
        *shared += documented.contains(key) ? 1 : 0;
    }
    const qsizetype all = keys.size() + documented.size() - *shared;
    return all == 0 ? 0.0 : double(*shared) / double(all);
}

} // namespace

SchemaRegistry::SchemaRegistry()
    : m_state(std::make_shared<State>())
{ }

SchemaRegistry SchemaRegistry::withBundledCatalog()
{
    // Compiled once per process; every caller gets a cheap copy sharing it.
    static const SchemaRegistry bundled = [] {
        SchemaRegistry registry;
        const ImportReport report = registry.importFile(bundledResource, {});
        for (const QString &error : report.errors) {
            qWarning("bundled schema catalog: %s", qPrintable(error));
        }
        return registry;
    }();
    return bundled;
}

ImportReport SchemaRegistry::importFile(const QString &path, const QString &eventType)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return { {}, { u"%1: cannot read: %2"_s.arg(path, file.errorString()) }, {}, {}, false };
    }
    if (file.size() > DocumentReader::maxFileBytes) {
        return { {}, { u"%1: %2"_s.arg(path, DocumentReader::tooLarge(file.size())) } };
    }
    const QString label = path == bundledResource ? bundledLabel : path;
    return importDocument(file.readAll(), label, eventType);
}

ImportReport SchemaRegistry::importDocument(const QByteArray &bytes, const QString &sourceLabel,
                                            const QString &eventType)
{
    const ParsedDocument parsed = DocumentReader::read(bytes);
    if (!parsed.ok()) {
        return { {}, { u"%1: %2"_s.arg(sourceLabel, parsed.error) }, {}, {}, false };
    }
    const ImportedDocument document = SchemaImporter(parsed.root, sourceLabel).importAll(eventType);
    ImportReport report {
        {}, document.errors, document.warnings, document.dialect, document.plainSchema
    };
    const auto graph = std::make_shared<const SchemaGraph>(document.definitions);
    for (const ImportedEvent &event : document.events) {
        const QString canonical = canonicalFor(event);
        const QString wide =
            graph->definitionOver(graph->definitionNode(event.definition), maxFanOut);
        if (!wide.isEmpty()) {
            // valijson would follow every path, for every event: refused at load.
            const QString pointer = document.definitionPointers.value(wide);
            const QString reason = u"allOf/anyOf/oneOf/$ref branch into %1 schemas for one value "
                                   "(more than %2); the %3 schema is not loaded"_s
                                       .arg(graph->fanOut(graph->definitionNode(wide)))
                                       .arg(maxFanOut)
                                       .arg(canonical);
            report.errors.append(
                u"%1: %2: %3"_s.arg(sourceLabel, pointer.isEmpty() ? u"/"_s : pointer, reason));
            continue;
        }
        const CompiledSchema::Result compiled =
            CompiledSchema::compile(canonical, graph, document.definitions, event.definition);
        if (!compiled.schema) {
            report.errors.append(u"%1: %2: %3"_s.arg(
                sourceLabel, event.pointer.isEmpty() ? u"/"_s : event.pointer, compiled.error));
            continue;
        }
        add(canonical, event, sourceLabel, compiled.schema);
        report.importedEvents.append(canonical);
    }
    return report;
}

// An event already known by its name or URL key keeps its canonical name (and is replaced).
QString SchemaRegistry::canonicalFor(const ImportedEvent &event) const
{
    QString canonical = canonicalEventType(event.eventType);
    if (canonical.isEmpty() && !event.urlKey.isEmpty()) {
        canonical = canonicalEventType(event.urlKey);
    }
    return canonical.isEmpty() ? event.eventType : canonical;
}

void SchemaRegistry::add(const QString &canonical, const ImportedEvent &event,
                         const QString &source, const std::shared_ptr<const CompiledSchema> &schema)
{
    State &state = detach();
    Entry &entry = state.events[canonical];
    entry.eventType = canonical;
    entry.urlKey = event.urlKey.isEmpty() ? entry.urlKey : event.urlKey;
    entry.description = event.description.isEmpty() ? entry.description : event.description;
    entry.source = source;
    entry.example = event.example;
    entry.unenforced = event.unenforced;
    entry.schema = schema;
    state.aliases.insert(normalised(canonical), canonical);
    if (!event.urlKey.isEmpty()) {
        state.aliases.insert(normalised(event.urlKey), canonical);
    }
}

bool SchemaRegistry::contains(const QString &eventType) const
{
    return find(eventType) != nullptr;
}

QString SchemaRegistry::canonicalEventType(QStringView nameOrKey) const
{
    return m_state->aliases.value(normalised(nameOrKey));
}

QStringList SchemaRegistry::eventTypes() const
{
    QStringList types = m_state->events.keys();
    types.sort();
    return types;
}

QString SchemaRegistry::urlKey(const QString &eventType) const
{
    const Entry *entry = find(eventType);
    return entry ? entry->urlKey : QString();
}

QString SchemaRegistry::sourceOf(const QString &eventType) const
{
    const Entry *entry = find(eventType);
    return entry ? entry->source : QString();
}

SchemaSource SchemaRegistry::source(const QString &eventType) const
{
    return { sourceOf(eventType) };
}

QString SchemaRegistry::description(const QString &eventType) const
{
    const Entry *entry = find(eventType);
    return entry ? entry->description : QString();
}

int SchemaRegistry::fieldCount(const QString &eventType) const
{
    const Entry *entry = find(eventType);
    return entry ? entry->schema->fieldCount() : 0;
}

FieldDocs SchemaRegistry::fieldDocs(const QString &eventType) const
{
    const Entry *entry = find(eventType);
    return entry && entry->schema->hasBody() ? FieldDocs(entry->schema) : FieldDocs();
}

DocumentedFields SchemaRegistry::documentedFields(const QString &eventType) const
{
    const Entry *entry = find(eventType);
    return entry ? entry->schema->documentedFields() : DocumentedFields();
}

QJsonValue SchemaRegistry::example(const QString &eventType) const
{
    const Entry *entry = find(eventType);
    return entry ? entry->example : QJsonValue(QJsonValue::Undefined);
}

QJsonObject SchemaRegistry::schemaDocument(const QString &eventType) const
{
    const Entry *entry = find(eventType);
    return entry ? entry->schema->document() : QJsonObject();
}

QStringList SchemaRegistry::unenforced(const QString &eventType) const
{
    const Entry *entry = find(eventType);
    return entry ? entry->unenforced : QStringList();
}

Violations SchemaRegistry::validate(const QString &eventType, const QJsonValue &body) const
{
    const Entry *entry = find(eventType);
    if (!entry) {
        return {};
    }
    return withUnenforcedNote(*entry, entry->schema->validate(body));
}

Violations SchemaRegistry::validate(const QString &eventType, const JsonDocument &body) const
{
    const Entry *entry = find(eventType);
    return entry ? withUnenforcedNote(*entry, entry->schema->validate(body)) : Violations();
}

// Only a body that passed could have been decided by what was not checked: it says so.
Violations SchemaRegistry::withUnenforcedNote(const Entry &entry, Violations violations)
{
    const bool passed =
        std::none_of(violations.cbegin(), violations.cend(),
                     [](const Violation &v) { return v.severity == Severity::Error; });
    if (passed && !entry.unenforced.isEmpty()) {
        violations.prepend(
            { {},
              u"unenforced"_s,
              Severity::Warning,
              u"valid as far as Hookscope can check: the schema's %1 not enforced"_s.arg(
                  entry.unenforced.join(u", "_s)
                  + (entry.unenforced.size() == 1 ? u" is"_s : u" are"_s)) });
    }
    return violations;
}

QString SchemaRegistry::inferEventType(const QJsonValue &body) const
{
    const QJsonObject object = body.toObject();
    if (object.isEmpty()) {
        return {};
    }
    const QStringList keyList = object.keys();
    const QStringList best = closestShapes(QSet<QString>(keyList.begin(), keyList.end()));
    // Equal shapes: the schema the body actually satisfies wins; a remaining tie says nothing.
    QStringList winners;
    int fewest = std::numeric_limits<int>::max();
    for (const QString &eventType : best) {
        const Violations violations = validate(eventType, body);
        const int errors =
            int(std::count_if(violations.begin(), violations.end(),
                              [](const Violation &v) { return v.severity == Severity::Error; }));
        if (errors < fewest) {
            winners.clear();
            fewest = errors;
        }
        if (errors == fewest) {
            winners.append(eventType);
        }
    }
    return winners.size() == 1 ? winners.constFirst() : QString();
}

// The events whose documented top-level fields are most like `keys` (Jaccard similarity, at
// least minimumInferenceScore and two shared fields), all of whose required fields are present.
QStringList SchemaRegistry::closestShapes(const QSet<QString> &keys) const
{
    QStringList best;
    double bestScore = minimumInferenceScore;
    for (const Entry &entry : m_state->events) {
        const CompiledSchema &schema = *entry.schema;
        if (!schema.hasBody() || !keys.contains(schema.requiredNames())) {
            continue;
        }
        qsizetype shared = 0;
        const double score = similarity(keys, schema.memberNames(), &shared);
        if (score < bestScore || shared < std::min<qsizetype>(2, keys.size())) {
            continue;
        }
        if (score > bestScore) {
            best.clear();
            bestScore = score;
        }
        best.append(entry.eventType);
    }
    return best;
}

QString SchemaRegistry::normalised(QStringView nameOrKey)
{
    QString key = nameOrKey.trimmed().toString().toLower();
    // Providers spell one event check-run-completed, check_run.completed (Stripe: invoice.paid)
    // or orders/create (Shopify's X-Shopify-Topic): the separators name the same schema.
    for (const char16_t separator : { u'-', u'.', u'/' }) {
        key.replace(separator, u'_');
    }
    if (key.endsWith(u'?')) {
        key.chop(1); // an inferred type ("IDENTIFICATION?") names the same schema
    }
    return key;
}

std::shared_ptr<const CompiledSchema> SchemaRegistry::schema(const QString &eventType) const
{
    const Entry *entry = find(eventType);
    return entry ? entry->schema : nullptr;
}

const SchemaRegistry::Entry *SchemaRegistry::find(const QString &eventType) const
{
    auto it = m_state->events.constFind(eventType);
    if (it == m_state->events.cend()) {
        it = m_state->events.constFind(canonicalEventType(eventType));
    }
    return it == m_state->events.cend() ? nullptr : &*it;
}

SchemaRegistry::State &SchemaRegistry::detach()
{
    if (m_state.use_count() > 1) {
        m_state = std::make_shared<State>(*m_state);
    }
    return *m_state;
}
