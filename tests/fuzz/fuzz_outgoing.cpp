// The outgoing request builder (replay and live forward): any Event, as an imported HAR or a
// captured request can make it. Either the request is refused with a one-line reason, or its
// bytes are exactly one HTTP/1.1 request to the capture's own framer: the same method and
// target, every byte taken, nothing left over to be read as a second (smuggled) request.
#include "fuzzinput.h"

#include "delivery/httpclient.h"
#include "http/requestframer.h"

#include <limits>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const Event event = input.event();
    const OutgoingRequest request = buildOutgoing(event, QUrl(u"http://127.0.0.1:9/"_s));
    if (!request.ok()) {
        fuzzCheck(!request.error.contains(u'\r') && !request.error.contains(u'\n'),
                  "a refusal is one line", {}, request.error.toUtf8());
        return 0;
    }
    const QByteArray bytes = HttpClient::requestBytes(request);
    CaptureLimits limits;
    limits.maxBodyBytes = std::numeric_limits<qint32>::max();
    limits.maxHeadBytes = std::numeric_limits<qint32>::max();
    limits.maxTargetBytes = std::numeric_limits<qint32>::max();
    limits.maxHeaderCount = std::numeric_limits<int>::max();
    RequestFramer framer(limits);
    qint64 taken = 0;
    QList<RequestFramer::RequestLine> lines;
    while (taken < bytes.size() && !framer.refusal() && lines.isEmpty()) {
        const qint64 step = framer.inBodyData()
            ? framer.skipBody(bytes.size() - taken)
            : framer.feedPart(QByteArrayView(bytes).sliced(taken));
        taken += step;
        lines = framer.takeCompleted();
        if (step == 0)
            break;
    }
    fuzzCheck(!framer.refusal(), "the capture's framer accepts the request", bytes,
              framer.refusal() ? framer.refusal()->detail : QByteArray());
    fuzzCheck(lines.size() == 1 && taken == bytes.size(), "exactly one request, every byte", bytes,
              bytes.mid(taken));
    fuzzCheck(lines.at(0).method == request.method && lines.at(0).target == request.requestTarget,
              "the same request line", request.method + ' ' + request.requestTarget,
              lines.at(0).method + ' ' + lines.at(0).target);
    return 0;
}
