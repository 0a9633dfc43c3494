#include "inspectreport.h"

#include "commandsupport.h"
#include "event/bodyinspector.h"
#include "models/jsontreemodel.h"
#include "schema/fielddoc.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {
QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonValue severityName(int severity)
{
    return severity < 0 ? QJsonValue()
                        : QJsonValue(severity == int(Severity::Error) ? u"error"_s : u"warning"_s);
}
} // namespace

InspectReport::InspectReport(const SchemaRegistry &schemas, SecretSet secrets,
                             const QString &forcedType, bool json, QIODevice &out)
    : m_analyzer(schemas, SignatureVerifier(std::move(secrets)))
    , m_validator(schemas, forcedType)
    , m_json(json)
    , m_out(out)
{ }

// Today's tree holds parsed values, so a scalar's text is written again from its value (numbers
// as Qt prints a double or a 64-bit integer); it is not yet the byte-exact source text.
QString InspectReport::rawText(const FieldRow &row)
{
    return row.raw;
}

QJsonObject InspectReport::fieldJson(const FieldRow &row)
{
    return {
        { u"pointer"_s, row.pointer },
        { u"key"_s, row.key },
        { u"type"_s, row.type },
        { u"raw"_s, row.value.isUndefined() ? QJsonValue() : QJsonValue(rawText(row)) },
        { u"severity"_s, severityName(row.severity) },
        { u"messages"_s, QJsonArray::fromStringList(row.messages) },
        { u"description"_s, orNull(row.description) },
    };
}

QList<FieldRow> InspectReport::rows(const Event &event, const PayloadVerdict &verdict) const
{
    const BodyInspection body = BodyInspector::inspect(event.body);
    JsonTreeModel model;
    model.setFieldDocs(m_analyzer.schemas().fieldDocs(verdict.eventType));
    model.setDocument(body.document, verdict.violations);
    return FieldRows::collect(model);
}

QString InspectReport::text(const Event &event, const PayloadVerdict &verdict,
                            const SignatureCheck &signature, const QList<FieldRow> &fields,
                            const QString &label) const
{
    QString text = u"== %1\n%2 %3 HTTP/1.1\n"_s.arg(label, QString::fromLatin1(event.method),
                                                    QString::fromUtf8(event.target));
    for (const auto &[name, value] : event.headers)
        text += QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value) + u'\n';
    const QString type = verdict.eventType.isEmpty() ? u"(unknown)"_s : verdict.eventType;
    text += u"event: %1 (%2), %3\nsignature: %4%5\n"_s.arg(
        type, verdict.classifiedBy, verdict.valid ? u"valid"_s : u"invalid"_s,
        signatureStateName(signature.state),
        signature.scheme.isEmpty() ? QString() : u" (%1)"_s.arg(signature.scheme));
    for (const Violation &v : verdict.violations) {
        if (v.pointer.isEmpty())
            text += u"  (root) %1 %2\n"_s.arg(v.keyword, v.message);
    }
    for (const FieldRow &row : fields) {
        QString line = QString(2 * (row.depth + 1), u' ') + row.key;
        line += row.type == u"missing"_s ? u" (missing)"_s
            : row.value.isUndefined()    ? QString()
                                         : u" = "_s + rawText(row);
        line += u"  "_s + row.type;
        if (!row.schemaType.isEmpty())
            line += u" [schema: %1]"_s.arg(row.schemaType);
        if (row.severity >= 0)
            line += u"  %1: %2"_s.arg(severityName(row.severity).toString(),
                                      row.messages.join(u"; "_s));
        if (!row.description.isEmpty())
            line += u"  -- "_s + row.description;
        text += line + u'\n';
    }
    return text;
}

bool InspectReport::write(const Event &event, const QString &file, int index, bool numbered)
{
    const PayloadVerdict verdict = m_validator.check(event);
    const SignatureCheck signature = m_analyzer.analyze(event).signature;
    const QList<FieldRow> fields = rows(event, verdict);
    if (!m_json) {
        const QString label = numbered ? u"%1 #%2"_s.arg(file).arg(index) : file;
        CommandSupport::write(m_out, text(event, verdict, signature, fields, label));
        return verdict.valid;
    }
    QJsonArray fieldArray;
    for (const FieldRow &row : fields)
        fieldArray.append(fieldJson(row));
    const QJsonObject object {
        { u"file"_s, file },
        { u"index"_s, index },
        { u"seq"_s, event.seq },
        { u"eventType"_s, orNull(verdict.eventType) },
        { u"classifiedBy"_s, verdict.classifiedBy },
        { u"valid"_s, verdict.valid },
        { u"signature"_s, signatureStateName(signature.state) },
        { u"fields"_s, fieldArray },
    };
    m_out.write(QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
    return verdict.valid;
}
