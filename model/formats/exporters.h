#pragma once

#include "event/event.h"
#include "event/eventanalysis.h"
#include "fixture.h"
#include "harformat.h"

#include <QJsonObject>
#include <QString>

// Everything an event can be copied or exported as. All pure functions of their arguments;
// REDACT replaces secret header values with "[redacted]" (see Redaction).
enum class ExportFormat : quint8 { Har, Ndjson, Fixtures, Curl, Httpie, Raw, JsonBody };

// "har", "ndjson", "fixtures", "curl", "httpie", "raw", "json": the names of the command line.
QString exportFormatName(ExportFormat format);
std::optional<ExportFormat> exportFormatFromName(const QString &name);

// The body re-indented when it is JSON (key order, numbers and strings kept), else as is.
QByteArray toJsonBody(const Event &e);

// A command for a POSIX shell (bash, dash, zsh) that sends the same method, target, headers and
// body bytes to BASE_URL (e.g. "http://127.0.0.1:8080"). Pasting it runs nothing else.
// HTTPie cannot reproduce every request: what it changes is said in comment lines above it.
QString toCurl(const Event &e, const QString &baseUrl, bool redact = false);
QString toHttpie(const Event &e, const QString &baseUrl, bool redact = false);
// Where the request was sent, as a browser's "Copy as cURL" has it: "http://" + its Host header
// when that is a plain host[:port], else FALLBACK (a loaded event without a Host).
QString requestBaseUrl(const Event &e, const QString &fallback);

// The request as HTTP/1.1 message bytes: request line, header lines, blank line, body.
QByteArray toRawHttp(const Event &e, bool redact = false);

// HAR 1.2: one entry, or a whole log (use HarWriter to stream big sessions).
QJsonObject toHarEntry(const Event &e, bool redact = false);
QByteArray toHarLog(const QList<Event> &events, bool redact = false);

// One NDJSON line (ending in '\n'): the fixture object plus seq and the analysis fields of
// `--headless --json`: seq, receivedAt, method, target, eventType, classifiedBy, valid,
// violations, signature, status.
QByteArray toNdjsonLine(const Event &e, const EventAnalysis &analysis, bool redact = false);
// Just the `--headless --json` object (one line, ending in '\n'), so both stay identical.
QByteArray toHeadlessJsonLine(const Event &e, const EventAnalysis &analysis);

// "<TYPE>-<seq>.json": TYPE reduced to letters, digits, '_' and '-' ("event" when empty), so
// the name cannot leave the folder it is written to.
QString fixtureFileName(const Event &e, const QString &eventType);
