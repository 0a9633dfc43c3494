#include "eventrecord.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

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
