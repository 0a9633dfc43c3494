#include "eventrecord.h"

#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;

QString EventRecord::isoTime(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonArray EventRecord::violationsJson(const Violations &violations)
{
    QJsonArray array;
    for (const Violation &v : violations) {
        array.append(QJsonObject { { u"pointer"_s, v.pointer },
                                   { u"keyword"_s, v.keyword },
                                   { u"severity"_s, severityName(v.severity) },
                                   { u"message"_s, v.message } });
    }
    return array;
}

QJsonObject EventRecord::toJson(const Event &event, const EventAnalysis &analysis)
{
    return {
        { u"seq"_s, event.seq },
        { u"receivedAt"_s, isoTime(event.receivedAtMs) },
        { u"method"_s, QString::fromLatin1(event.method) },
        { u"target"_s, QString::fromUtf8(event.target) },
        { u"eventType"_s,
          analysis.eventType.isEmpty() ? QJsonValue() : QJsonValue(analysis.eventType) },
        { u"classifiedBy"_s, classifiedByName(analysis.classifiedBy) },
        { u"valid"_s, analysis.isValid() },
        { u"violations"_s, violationsJson(analysis.violations) },
        { u"signature"_s, signatureStateName(analysis.signature.state) },
        { u"status"_s, event.response.status },
    };
}
