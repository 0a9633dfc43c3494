// The schema importer: any bytes as an OpenAPI 3.0/3.1 or JSON Schema document (JSON or YAML),
// then every event it imported is validated against a small body, so compiled schemas run too.
#include "fuzzinput.h"

#include "schema/schemaregistry.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    SchemaRegistry registry;
    const ImportReport report = registry.importDocument(bytes, u"fuzz.yaml"_s);
    for (const QString &error : report.errors)
        fuzzCheck(error.startsWith(u"fuzz.yaml"_s), "an import error names the file", {},
                  error.toUtf8());
    const QJsonValue body =
        QJsonDocument::fromJson(R"({"id":"x","status":"failed","amount":{"value":1},"a":[1,null]})")
            .object();
    for (const QString &type : report.importedEvents) {
        registry.validate(type, body);
        registry.validate(type, QJsonValue(u"text"_s));
    }
    registry.inferEventType(body);
    return 0;
}
