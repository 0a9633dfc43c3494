#include "storedevents.h"

#include "event/capturedbatch.h"

#include <QTest>

QList<Event> storedEvents(const QSignalSpy &stored, int expected, int timeoutMs)
{
    QList<Event> events;
    (void)QTest::qWaitFor(
        [&] {
            events.clear();
            for (const QList<QVariant> &arguments : stored)
                events += arguments.at(0).value<CapturedBatch>().events;
            return events.size() >= expected;
        },
        timeoutMs);
    return events;
}
