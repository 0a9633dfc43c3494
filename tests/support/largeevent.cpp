#include "largeevent.h"

Event largeJsonEvent(const QByteArray &target, qsizetype bytes, qsizetype changedItem)
{
    QByteArray body = "[";
    for (qsizetype item = 0; body.size() < bytes; ++item) {
        const QByteArray amount = item == changedItem ? "4321" : "1234";
        body += R"({"id":"9dfe2f4edaa67138","amount":{"value":)" + amount
            + R"(,"unit":"cents"},"ok":true},)";
    }
    body.back() = ']';
    Event event;
    event.method = "POST";
    event.target = target;
    event.headers = { { "Content-Type", "application/json" } };
    event.body = body;
    event.origin = Origin::Loaded;
    return event;
}
