// The JSON tree builder and everything that reads a body as JSON text: BodyInspector, JsonTree,
// JsonTreeModel (every row opened, every role read), JsonText's re-indenter and array splitter.
#include "fuzzinput.h"

#include "event/bodyinspector.h"
#include "formats/jsontext.h"
#include "models/jsontreemodel.h"
#include "models/modelroles.h"

#include <QJsonArray>

namespace {

constexpr int maxRowsVisited = 20'000; // enough to open every node of a fuzzer-sized input

void visit(const JsonTreeModel &model, const QModelIndex &parent, int &budget)
{
    const int rows = model.rowCount(parent);
    for (int row = 0; row < rows && budget > 0; ++row, --budget) {
        for (int column = 0; column < JsonTreeModel::ColumnCount; ++column) {
            const QModelIndex index = model.index(row, column, parent);
            fuzzCheck(index.isValid() && model.parent(index) == parent,
                      "parent(index(r, c, p)) == p");
            for (int role = Qt::DisplayRole; role <= Qt::UserRole + 16; ++role)
                model.data(index, role);
        }
        visit(model, model.index(row, 0, parent), budget);
    }
}

// Re-indented text must parse to the same document.
void checkPretty(const QByteArray &body, const QJsonDocument &parsed)
{
    const QByteArray pretty = JsonText::pretty(body);
    fuzzCheck(QJsonDocument::fromJson(pretty) == parsed, "JsonText::pretty keeps the document",
              body, pretty);
    if (!parsed.isArray())
        return;
    const QList<JsonText::Span> spans = JsonText::arrayElements(body);
    const QJsonArray array = parsed.array();
    fuzzCheck(spans.size() == array.size(), "JsonText::arrayElements count");
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const QByteArray element = body.mid(spans[i].offset, spans[i].length);
        const QJsonDocument wrapped = QJsonDocument::fromJson("[" + element + "]");
        fuzzCheck(wrapped.array().at(0) == array.at(i), "JsonText::arrayElements span", body,
                  element);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const BodyInspection inspection = BodyInspector::inspect(body);
    if (inspection.kind == BodyKind::InvalidJson)
        fuzzCheck(inspection.parseErrorOffset >= 0 && inspection.parseErrorOffset <= body.size(),
                  "parse error offset inside the body");
    if (inspection.kind == BodyKind::Json)
        checkPretty(body, inspection.json);
    if (BodyInspector::isText(body)) {
        const QByteArray quoted = JsonText::quote(body);
        const QJsonDocument doc = QJsonDocument::fromJson("[" + quoted + "]");
        // Qt's JSON parser drops a byte order mark at the start of some strings' text (when it
        // decodes them with QString::fromUtf8); either reading is the same text.
        const QByteArray parsed = doc.array().at(0).toString().toUtf8();
        fuzzCheck(parsed == body || parsed == body.sliced(JsonText::bomLength(body)),
                  "JsonText::quote reads back", body, quoted);
    }
    JsonTreeModel model;
    model.setDocument(inspection.json);
    int budget = maxRowsVisited;
    visit(model, {}, budget);
    return 0;
}
