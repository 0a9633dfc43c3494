#pragma once

#include "fuzzinput.h"

#include "formats/importer.h"

// Every importer shares one entry point; the label's extension is the hint a file name gives.
// Whatever the bytes, each event that comes out must be usable and each error must say where.
inline void fuzzImport(const uint8_t *data, size_t size, const QString &label)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const ImportBatch batch = PayloadImporter::importBytes(bytes, label);
    fuzzCheck(batch.eventTypes.size() == batch.events.size(), "eventTypes parallel to events");
    for (const ImportError &error : batch.errors)
        fuzzCheck(!error.reason.isEmpty() && error.line >= 0, "an import error has a reason", {},
                  error.reason.toUtf8());
    for (const Event &event : batch.events)
        fuzzCheck(event.origin == Origin::Loaded && event.sourceFile == label,
                  "a loaded event names its source");
}
