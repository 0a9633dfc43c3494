#pragma once

#include "analysis/analyzer.h"
#include "models/fieldrows.h"
#include "payloadvalidator.h"

#include <QJsonObject>

class QIODevice;

// Writes one event as `hookscope inspect` shows it, as text or as one JSON line. The field rows
// come from the JsonTreeModel the window's Fields tab uses (FieldRows::collect), with the same
// documentation lookup.
class InspectReport
{
public:
    InspectReport(const SchemaRegistry &schemas, SecretSet secrets, const QString &forcedType,
                  bool json, QIODevice &out);

    // Returns whether the event is valid (as `validate` judges it).
    bool write(const Event &event, const QString &file, int index, bool numbered);

    static QString rawText(const FieldRow &row);
    static QJsonObject fieldJson(const FieldRow &row);

private:
    QList<FieldRow> rows(const Event &event, const PayloadVerdict &verdict) const;
    QString text(const Event &event, const PayloadVerdict &verdict, const SignatureCheck &signature,
                 const QList<FieldRow> &fields, const QString &label) const;

    Analyzer m_analyzer; // for the signature verdict
    PayloadValidator m_validator;
    bool m_json = false;
    QIODevice &m_out; // not owned
};
