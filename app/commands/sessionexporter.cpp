#include "sessionexporter.h"

#include "analysis/analyzer.h"
#include "analysis/jsonwarnings.h"
#include "event/bodyinspector.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

SessionExporter::SessionExporter(const SessionStore &store, ExportFormat format, Filter filter,
                                 ExportOptions options, const SchemaRegistry &schemas)
    : m_store(store)
    , m_format(format)
    , m_filter(std::move(filter))
    , m_options(std::move(options))
    , m_schemas(schemas)
{ }

EventAnalysis SessionExporter::analysisOf(const Event &event, const EventSummary &summary) const
{
    EventAnalysis analysis;
    analysis.bodyKind = summary.bodyKind;
    analysis.eventType = summary.eventType;
    analysis.classifiedBy = summary.classifiedBy;
    analysis.schemaChecked = summary.schemaChecked;
    analysis.signature.state = summary.signature;
    if (m_format != ExportFormat::Ndjson)
        return analysis;
    // The Analyzer's rule, so `valid` and the violations agree with the window and --headless:
    // the body as sent, its JSON warnings included.
    const BodyInspection body =
        BodyInspector::inspectDocument(event.body, event.headerValue("Content-Type"));
    if (const std::optional<Violation> problem = Analyzer::bodyProblem(body))
        analysis.violations.append(*problem);
    else if (summary.schemaChecked)
        analysis.violations = body.document ? m_schemas.validate(summary.eventType, *body.document)
                                            : m_schemas.validate(summary.eventType, body.root());
    if (body.document)
        JsonWarnings::append(*body.document, analysis.violations);
    return analysis;
}

// Calls SINK for each event the filter selects, in sequence order, until it returns an error.
SessionExporter::Result SessionExporter::forEachMatch(const Sink &sink) const
{
    Result result;
    const bool needsEvent = m_filter.needsEvent();
    const Status read = m_store.forEachEventAndSummary([&](Event &&event, EventSummary &&summary) {
        const Filter::Verdict verdict = m_filter.evaluate(summary, needsEvent ? &event : nullptr);
        if (verdict.isUndecided() && result.undecided++ == 0)
            result.firstUndecided = u"event %1: %2"_s.arg(event.seq).arg(verdict.undecided);
        if (!verdict.matched)
            return true;
        result.error = sink(event, analysisOf(event, summary));
        result.events += result.error.isEmpty() ? 1 : 0;
        return result.error.isEmpty();
    });
    if (!read && result.error.isEmpty())
        result.error = u"%1: cannot read the session: %2"_s.arg(m_store.path(), read.error());
    return result;
}

SessionExporter::Result SessionExporter::toDevice(QIODevice &device, const QString &label) const
{
    ExportWriter writer(&device, m_format, m_options);
    const auto writeError = [&device, &label] {
        return u"%1: cannot write: %2"_s.arg(label, device.errorString());
    };
    Result result = forEachMatch([&](const Event &event, const EventAnalysis &analysis) {
        return writer.add(event, analysis) ? QString() : writeError();
    });
    if (result.error.isEmpty() && !writer.finish())
        result.error = writeError();
    return result;
}

SessionExporter::Result SessionExporter::toFolder(const QString &folder) const
{
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir())
        return { 0, u"%1: exists and is not a folder"_s.arg(folder) };
    if (!QDir().mkpath(folder))
        return { 0, u"%1: cannot create the folder"_s.arg(folder) };
    FixtureFolderWriter writer(folder, m_options.redact);
    return forEachMatch([&writer](const Event &event, const EventAnalysis &analysis) {
        return writer.write(event, analysis.eventType).error;
    });
}
