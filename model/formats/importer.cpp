#include "importer.h"

#include "curlcommandreader.h"
#include "event/bodyinspector.h"
#include "fixture.h"
#include "formatdetector.h"
#include "harformat.h"
#include "jsontext.h"
#include "rawhttpreader.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace {

// Reading 1 MiB ahead is enough to see the first line of all but the largest NDJSON lines;
// those are still recognised after reading the whole file.
constexpr qint64 detectionBytes = 1 << 20;

// Where events and errors of one input go, and what every event from it shares.
struct Source
{
    QString label;
    qint64 loadTimeMs = 0;
    const PayloadImporter::EventSink &events;
    const PayloadImporter::ErrorSink &errors;
    ImportOptions options;

    void error(qint64 line, const QString &reason) const { errors({ label, line, reason }); }
    // HAS_TIME: the input recorded when the request arrived; else the load time stands in (a
    // file's own time can be years old: the row would sort and chart far from the rest, and
    // the detail view shows the file's time anyway).
    void add(Event &&event, const QString &eventType, bool hasTime) const
    {
        event.origin = Origin::Loaded;
        event.sourceFile = label;
        if (!hasTime)
            event.receivedAtMs = loadTimeMs;
        events(std::move(event), eventType);
    }
    void addPayload(const QByteArray &body) const
    {
        Event event;
        event.method = "POST"_ba;
        event.target = "/"_ba;
        event.headers = { { "Content-Type"_ba, "application/json"_ba } };
        event.body = body;
        add(std::move(event), {}, false);
    }
    // PREFIX names where the fixture sits ("line 3: ", "[2]: ") for messages without a line.
    void addFixture(const QJsonObject &object, qint64 line, const QString &prefix) const
    {
        Fixture::Loaded loaded = Fixture::fromJson(object);
        if (!loaded.error.isEmpty())
            error(line, prefix + u"fixture: "_s + loaded.error);
        else
            add(std::move(loaded.event), loaded.eventType, loaded.hasTime);
    }
};

QString parseErrorText(QByteArrayView text, const QJsonParseError &error, qsizetype base)
{
    // Qt 6.4 can place the error past the end of the text (an unterminated string at its end).
    const qsizetype offset = qMin(base + error.offset, text.size());
    return u"invalid JSON: %1 (line %2, byte offset %3)"_s.arg(error.errorString())
        .arg(JsonText::lineAt(text, offset))
        .arg(offset);
}

void readLine(QByteArray line, qint64 lineNumber, const Source &source)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    if (lineNumber == 1)
        line.remove(0, JsonText::bomLength(line));
    if (FormatDetector::contentStart(line) == line.size())
        return; // blank lines separate nothing and carry nothing
    QJsonParseError error;
    const QJsonDocument document = BodyInspector::parse(line, &error);
    if (error.error != QJsonParseError::NoError) {
        source.error(
            lineNumber,
            u"invalid JSON: %1 at column %2"_s.arg(error.errorString())
                .arg(qMin(qsizetype(error.offset), line.size()) + 1)); // Qt may point past the end
    } else if (document.isObject() && Fixture::isFixture(document.object())) {
        source.addFixture(document.object(), lineNumber, {});
    } else {
        source.addPayload(line);
    }
}

void readLines(const QByteArray &bytes, const Source &source)
{
    qint64 lineNumber = 0;
    for (qsizetype at = 0; at < bytes.size();) {
        qsizetype end = bytes.indexOf('\n', at);
        end = end < 0 ? bytes.size() : end + 1;
        readLine(bytes.sliced(at, end - at), ++lineNumber, source);
        at = end;
    }
}

void readHar(const QJsonObject &root, const Source &source)
{
    const QJsonValue entries = root.value(u"log"_s).toObject().value(u"entries"_s);
    if (!entries.isArray()) {
        source.error(0, u"HAR: \"log.entries\" must be an array"_s);
        return;
    }
    const QJsonArray array = entries.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        Har::Loaded loaded = Har::fromEntry(array.at(i));
        if (!loaded.error.isEmpty())
            source.error(0, u"HAR: log.entries[%1]: %2"_s.arg(i).arg(loaded.error));
        else
            source.add(std::move(loaded.event), loaded.eventType, loaded.hasTime);
    }
}

// An array holding Hookscope fixtures is a list of events, not one payload.
bool holdsFixtures(const QJsonArray &array)
{
    return std::any_of(array.begin(), array.end(), [](const QJsonValue &v) {
        return v.isObject() && Fixture::isFixture(v.toObject());
    });
}

// Each element becomes its own event: fixtures load as fixtures, anything else is a payload
// whose body is the element's exact text.
void readArray(const QByteArray &bytes, const QJsonArray &array, const Source &source)
{
    const QList<JsonText::Span> spans = JsonText::arrayElements(bytes);
    if (array.isEmpty())
        source.error(1, u"the JSON array is empty: nothing to load"_s);
    for (qsizetype i = 0; i < array.size() && i < spans.size(); ++i) {
        const qint64 line = JsonText::lineAt(bytes, spans[i].offset);
        if (array.at(i).isObject() && Fixture::isFixture(array.at(i).toObject()))
            source.addFixture(array.at(i).toObject(), line, u"[%1]: "_s.arg(i));
        else
            source.addPayload(bytes.sliced(spans[i].offset, spans[i].length));
    }
}

void readDocument(const QByteArray &bytes, const Source &source)
{
    const qsizetype bom = JsonText::bomLength(bytes);
    QJsonParseError error;
    bool scalar = false;
    const QJsonDocument document = BodyInspector::parse(
        QByteArray::fromRawData(bytes.constData() + bom, bytes.size() - bom), &error, &scalar);
    if (error.error == QJsonParseError::GarbageAtEnd
        && FormatDetector::firstLineIsCompleteJson(bytes, FormatDetector::contentStart(bytes))) {
        readLines(bytes, source);
        return;
    }
    if (error.error != QJsonParseError::NoError) {
        source.error(JsonText::lineAt(bytes, bom + error.offset),
                     parseErrorText(bytes, error, bom));
        return;
    }
    switch (scalar ? InputFormat::JsonPayload : FormatDetector::classify(document)) {
    case InputFormat::Har:
        readHar(document.object(), source);
        return;
    case InputFormat::Fixture:
        source.addFixture(document.object(), 0, {});
        return;
    case InputFormat::JsonArray:
        // A payload may be an array (SendGrid posts one): it is one event unless asked to split.
        if (source.options.splitArrays || holdsFixtures(document.array())) {
            readArray(bytes, document.array(), source);
            return;
        }
        source.addPayload(bytes);
        return;
    default:
        source.addPayload(bytes); // the file's exact bytes, byte order mark included
        return;
    }
}

void readRawHttp(const QByteArray &bytes, const Source &source)
{
    const qsizetype start = FormatDetector::contentStart(bytes);
    const qint64 skippedLines = JsonText::lineAt(bytes, start) - 1;
    RawHttpReader reader(QByteArrayView(bytes).sliced(start));
    while (!reader.atEnd()) {
        QString error;
        std::optional<Event> event = reader.next(&error);
        if (!event) {
            source.error(skippedLines + reader.errorLine(), u"HTTP request: "_s + error);
            return;
        }
        source.add(std::move(*event), {}, false);
    }
}

void readCurl(const QByteArray &bytes, const Source &source)
{
    const QByteArrayView text = QByteArrayView(bytes).sliced(JsonText::bomLength(bytes));
    for (CurlCommandReader::Parsed &parsed : CurlCommandReader::read(text)) {
        if (parsed.event)
            source.add(std::move(*parsed.event), {}, false);
        else
            source.error(parsed.line, u"curl command: "_s + parsed.error);
    }
}

void readBytes(const QByteArray &bytes, const QString &fileName, const Source &source)
{
    const InputFormat format = FormatDetector::detect(bytes, fileName);
    if (format == InputFormat::Empty) {
        source.error(0, u"empty: no JSON in the file"_s);
    } else if (format == InputFormat::NotJson) {
        const qsizetype start = FormatDetector::contentStart(bytes);
        source.error(
            JsonText::lineAt(bytes, start),
            u"not JSON: expected a JSON value or an HTTP request line at byte offset %1"_s.arg(
                start));
    } else if (format == InputFormat::JsonLines) {
        readLines(bytes, source);
    } else if (format == InputFormat::RawHttp) {
        readRawHttp(bytes, source);
    } else if (format == InputFormat::CurlCommand) {
        readCurl(bytes, source);
    } else {
        readDocument(bytes, source);
    }
}

void streamLines(QFile &file, const Source &source)
{
    qint64 lineNumber = 0;
    while (!file.atEnd()) {
        readLine(file.readLine(), ++lineNumber, source);
    }
    if (file.error() != QFile::NoError)
        source.error(lineNumber, u"read error: %1"_s.arg(file.errorString()));
}

int naturalChunkCompare(QStringView a, QStringView b)
{
    bool ok = false;
    const qulonglong na = a.toULongLong(&ok);
    const qulonglong nb = ok ? b.toULongLong(&ok) : 0;
    if (ok && na != nb)
        return na < nb ? -1 : 1;
    return a.compare(b);
}

QStringView nextChunk(QStringView text, qsizetype at)
{
    const bool digits = text[at].isDigit();
    qsizetype end = at;
    while (end < text.size() && text[end].isDigit() == digits)
        ++end;
    return text.sliced(at, end - at);
}

bool isImportable(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    return suffix == u"json"_s || suffix == u"ndjson"_s || suffix == u"jsonl"_s
        || suffix == u"har"_s || suffix == u"http"_s;
}

QStringList folderFiles(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (isImportable(file))
            files.append(file);
    }
    std::sort(files.begin(), files.end(), PayloadImporter::naturalLess);
    return files;
}

} // namespace

bool PayloadImporter::naturalLess(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const QStringView ca = nextChunk(a, i), cb = nextChunk(b, j);
        const int order = naturalChunkCompare(ca, cb);
        if (order != 0)
            return order < 0;
        i += ca.size();
        j += cb.size();
    }
    if ((a.size() - i) != (b.size() - j))
        return a.size() - i < b.size() - j;
    return a < b; // "01" and "1" differ only here: keep the order total
}

QStringList PayloadImporter::collectFiles(const QStringList &paths)
{
    QStringList files;
    QSet<QString> seen;
    for (const QString &path : paths) {
        const QStringList found =
            QFileInfo(path).isDir() ? folderFiles(path) : QStringList { path };
        for (const QString &file : found) {
            const QString key = QFileInfo(file).absoluteFilePath();
            if (!seen.contains(key)) {
                seen.insert(key);
                files.append(file);
            }
        }
    }
    return files;
}

void PayloadImporter::streamFile(const QString &path, const EventSink &events,
                                 const ErrorSink &errors, ImportOptions options)
{
    QFile file(path);
    const QFileInfo info(path);
    const Source source { path, QDateTime::currentMSecsSinceEpoch(), events, errors, options };
    if (info.isDir()) {
        source.error(0, u"is a folder; import its files instead"_s);
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        source.error(0, u"cannot open: %1"_s.arg(file.errorString()));
        return;
    }
    if (FormatDetector::detect(file.peek(detectionBytes), path) == InputFormat::JsonLines) {
        streamLines(file, source);
        return;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFile::NoError)
        source.error(0, u"read error: %1"_s.arg(file.errorString()));
    else
        readBytes(bytes, path, source);
}

ImportBatch PayloadImporter::importFile(const QString &path, ImportOptions options)
{
    ImportBatch batch;
    streamFile(
        path,
        [&batch](Event &&event, const QString &type) {
            batch.events.append(std::move(event));
            batch.eventTypes.append(type);
        },
        [&batch](ImportError &&error) { batch.errors.append(std::move(error)); }, options);
    return batch;
}

ImportBatch PayloadImporter::importBytes(const QByteArray &bytes, const QString &sourceLabel,
                                         ImportOptions options)
{
    ImportBatch batch;
    const EventSink events = [&batch](Event &&event, const QString &type) {
        batch.events.append(std::move(event));
        batch.eventTypes.append(type);
    };
    const ErrorSink errors = [&batch](ImportError &&error) {
        batch.errors.append(std::move(error));
    };
    readBytes(bytes, sourceLabel,
              Source { sourceLabel, QDateTime::currentMSecsSinceEpoch(), events, errors, options });
    return batch;
}
