#pragma once

#include <Qt>

// Roles shared by Hookscope's models, in one place so views and delegates agree.
namespace ModelRoles {
enum Role {
    SortRole = Qt::UserRole + 1, // typed raw value for sorting
    SeqRole, // qint64 event sequence number
    SeverityRole, // int: -1 none, else int(Severity); drives tints
    ValueRole, // typed value (QVariant of the JSON value)
    PointerRole, // JSON Pointer of a tree node
    RawRole, // QString: a JSON scalar's exact source text (a string with quotes and escapes)
    JsonTypeRole, // QString: object array string number integer boolean null, or missing
    JsonTextRole, // QString: the value as JSON, re-indented only (order, numbers as sent)
    DescriptionRole, // QString: the schema's description of a field ("" when none)
    DocumentationRole, // QString: a field's whole documentation as plain-text lines
    SchemaTypeRole, // QString: the type the schema declares ("string (date-time)", "enum")
    MessagesRole, // QStringList: the violation messages at a tree node
    EventTypeRole, // QString: the event type a row belongs to (Known Events browser)
};
}
