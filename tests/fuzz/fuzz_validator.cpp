// The validator with the bundled Solaris catalog: the Analyzer (body kind, classification,
// validation, signature) on a fuzzed request, then validation of the body against a schema the
// input picks, and the JSON tree with those violations (placeholder rows for missing members).
#include "fuzzinput.h"

#include "analysis/analyzer.h"
#include "event/bodyinspector.h"
#include "models/jsontreemodel.h"

using namespace Qt::StringLiterals;

namespace {

const Analyzer &analyzer()
{
    static const Analyzer instance(SchemaRegistry::withBundledCatalog());
    return instance;
}

void readTree(const QJsonDocument &document, const Violations &violations)
{
    JsonTreeModel model;
    model.setDocument(document, violations);
    for (const Violation &violation : violations) {
        const QModelIndex index = model.indexOfPointer(violation.pointer);
        if (index.isValid())
            model.data(index, Qt::ToolTipRole);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The first byte picks a schema (and whether a type header names it); the rest is the body,
    // so plain payload files are seeds once a byte is put in front.
    FuzzInput input(data, size);
    const quint8 pick = input.byte();
    const QStringList types = analyzer().schemas().eventTypes();
    const QString type = types.at(pick % types.size());
    Event event;
    event.method = "POST"_ba;
    event.target = "/hooks"_ba;
    if (pick & 0x80)
        event.headers.append({ "Solaris-Webhook-Event-Type"_ba, type.toUtf8() });
    event.body = input.rest();
    const EventAnalysis analysis = analyzer().analyze(event);
    for (const Violation &violation : analysis.violations)
        fuzzCheck(violation.pointer.isEmpty() || violation.pointer.startsWith(u'/'),
                  "violation pointer is a JSON Pointer", {}, violation.pointer.toUtf8());
    const BodyInspection inspection = BodyInspector::inspect(event);
    const Violations violations = analyzer().schemas().validate(type, inspection.root());
    readTree(inspection.json, violations);
    return 0;
}
