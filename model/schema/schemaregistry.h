#pragma once

#include "event/violation.h"
#include "fielddocs.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

class JsonDocument;

class CompiledSchema;
struct ImportedEvent;

// Where an event's schema came from, for the Schemas dialog.
struct SchemaSource
{
    QString label; // "bundled Solaris catalog" or the imported file's path
};

struct ImportReport
{
    QStringList importedEvents; // canonical event types, in document order
    QStringList errors; // each names the file and a JSON Pointer (or line/offset)
    QStringList warnings; // keywords read but not enforced, each with its pointer; still loaded
    QString dialect; // "OpenAPI 3.1", "JSON Schema 2020-12", ...
    bool plainSchema = false; // a JSON Schema file (one event), not an OpenAPI document
    bool ok() const { return errors.isEmpty(); }
};

// JSON Schemas keyed by event type. Copies are cheap and share the compiled schemas (imports
// copy on write), so a copy can be handed to worker threads; every const member is thread-safe.
class SchemaRegistry
{
public:
    static inline const QString bundledLabel = QStringLiteral("bundled Solaris catalog");
    static inline const QString bundledResource = QStringLiteral(":/schemas/solaris-webhooks.yaml");
    // An event whose schema applies more subschemas than this to one value (allOf/$ref
    // branching: doubling per level reaches it at 13 levels) is refused at load.
    static constexpr qint64 maxFanOut = 10'000;

    SchemaRegistry();
    // The Solaris catalog, read from the resource through importDocument() like any user file.
    static SchemaRegistry withBundledCatalog();

    // OpenAPI 3.0/3.1 (JSON or YAML) or a JSON Schema (draft 7). Imported schemas replace earlier
    // ones for the same event (matched by name or URL key, case-insensitively).
    ImportReport importFile(const QString &path, const QString &eventType = {});
    ImportReport importDocument(const QByteArray &bytes, const QString &sourceLabel,
                                const QString &eventType = {});

    bool contains(const QString &eventType) const;
    // Case-insensitive event names and URL keys ('-', '_', '.', '/' alike, a trailing '?' of an
    // inferred type ignored) -> canonical name, else {}. Every lookup below goes through it.
    QString canonicalEventType(QStringView nameOrKey) const;
    QStringList eventTypes() const; // sorted
    QString urlKey(const QString &eventType) const;
    QString sourceOf(const QString &eventType) const;
    SchemaSource source(const QString &eventType) const;
    QString description(const QString &eventType) const; // what triggers the event, if documented
    int fieldCount(const QString &eventType) const; // documented properties, nested ones included
    // The documentation of the event's fields by JSON Pointer (empty FieldDocs: no schema).
    FieldDocs fieldDocs(const QString &eventType) const;
    DocumentedFields documentedFields(const QString &eventType) const;
    // The documented example payload (Undefined when the document gives none).
    QJsonValue example(const QString &eventType) const;
    // The event's schema as draft-7 JSON ({} when none or the event has no body).
    QJsonObject schemaDocument(const QString &eventType) const;
    // Keywords of the event's schema Hookscope cannot enforce ("<JSON Pointer>: <keyword>").
    QStringList unenforced(const QString &eventType) const;
    // Violations of `body` (Undefined: the request had no JSON body) against the event's schema;
    // empty when valid or when no schema is registered for the event. A body that passes a
    // schema with unenforced keywords gets one `unenforced` warning naming them. Thread-safe.
    Violations validate(const QString &eventType, const QJsonValue &body) const;
    Violations validate(const QString &eventType, const JsonDocument &body) const;
    // The event's compiled schema, or null.
    std::shared_ptr<const CompiledSchema> schema(const QString &eventType) const;
    // The event whose documented top-level fields best match the body's, or {} when none is
    // close enough or two events tie.
    QString inferEventType(const QJsonValue &body) const;

private:
    struct Entry
    {
        QString eventType;
        QString urlKey;
        QString source;
        QString description;
        QJsonValue example { QJsonValue::Undefined };
        QStringList unenforced;
        std::shared_ptr<const CompiledSchema> schema;
    };
    struct State
    {
        QHash<QString, Entry> events; // by canonical name
        QHash<QString, QString> aliases; // normalised name or key -> canonical name
    };

    static QString normalised(QStringView nameOrKey);
    QString canonicalFor(const ImportedEvent &event) const;
    void add(const QString &canonical, const ImportedEvent &event, const QString &source,
             const std::shared_ptr<const CompiledSchema> &schema);
    QStringList closestShapes(const QSet<QString> &keys) const;
    const Entry *find(const QString &eventType) const;
    static Violations withUnenforcedNote(const Entry &entry, Violations violations);
    State &detach();

    std::shared_ptr<State> m_state; // never written while shared: see detach()
};
