#include "exportwriter.h"

#include <QDir>
#include <QIODevice>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUrl>

using namespace Qt::StringLiterals;

QString ExportOptions::baseUrlFor(const Event &event) const
{
    return baseUrl.isEmpty() ? requestBaseUrl(event, defaultBaseUrl) : baseUrl;
}

bool ExportOptions::isBaseUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http"_s || url.scheme() == u"https"_s)
        && !url.host().isEmpty();
}

QByteArray exportEvent(ExportFormat format, const Event &event, const EventAnalysis &analysis,
                       const ExportOptions &options)
{
    switch (format) {
    case ExportFormat::Har:
        return QJsonDocument(Har::entry(event, analysis.eventType, options.redact)).toJson();
    case ExportFormat::Ndjson:
        return toNdjsonLine(event, analysis, options.redact);
    case ExportFormat::Fixtures:
        return toFixtureJson(event, analysis.eventType, options.redact);
    case ExportFormat::Curl:
        return toCurl(event, options.baseUrlFor(event), options.redact).toLatin1() + '\n';
    case ExportFormat::Httpie:
        return toHttpie(event, options.baseUrlFor(event), options.redact).toLatin1() + '\n';
    case ExportFormat::Raw:
        return toRawHttp(event, options.redact);
    case ExportFormat::JsonBody:
        return toJsonBody(event);
    }
    return {};
}

ExportWriter::ExportWriter(QIODevice *device, ExportFormat format, ExportOptions options)
    : m_device(device)
    , m_format(format)
    , m_options(std::move(options))
    , m_har(device, m_options.redact)
{ }

bool ExportWriter::write(const QByteArray &bytes)
{
    m_ok = m_ok && m_device->write(bytes) == bytes.size();
    return m_ok;
}

bool ExportWriter::add(const Event &event, const EventAnalysis &analysis)
{
    const bool first = m_count++ == 0;
    switch (m_format) {
    case ExportFormat::Har:
        m_ok = m_ok && m_har.add(event, analysis.eventType);
        return m_ok;
    case ExportFormat::Ndjson:
        return write(toNdjsonLine(event, analysis, m_options.redact));
    case ExportFormat::Fixtures:
        return write((first ? "[\n"_ba : ",\n"_ba)
                     + toFixtureJson(event, analysis.eventType, m_options.redact).chopped(1));
    default:
        // A blank line between entries; a raw request or body may not end in a newline.
        if (!first)
            write("\n\n"_ba);
        return write(exportEvent(m_format, event, analysis, m_options)
                         .chopped(m_format == ExportFormat::Curl || m_format == ExportFormat::Httpie
                                      ? 1
                                      : 0));
    }
}

bool ExportWriter::finish()
{
    switch (m_format) {
    case ExportFormat::Har:
        m_ok = m_ok && m_har.finish();
        return m_ok;
    case ExportFormat::Fixtures:
        return write(m_count == 0 ? "[]\n"_ba : "\n]\n"_ba);
    case ExportFormat::Ndjson:
        return m_ok;
    default:
        return m_count == 0 ? m_ok : write("\n"_ba);
    }
}

FixtureFolderWriter::FixtureFolderWriter(const QString &folder, bool redact)
    : m_folder(folder)
    , m_redact(redact)
{ }

FixtureFolderWriter::Result FixtureFolderWriter::write(const Event &event, const QString &eventType)
{
    Result result;
    result.path = QDir(m_folder).filePath(fixtureFileName(event, eventType));
    if (!QDir().mkpath(m_folder)) {
        result.error = u"%1: cannot create the folder"_s.arg(m_folder);
        return result;
    }
    QSaveFile file(result.path);
    const QByteArray bytes = toFixtureJson(event, eventType, m_redact);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        result.error = u"%1: %2"_s.arg(result.path, file.errorString());
    return result;
}
