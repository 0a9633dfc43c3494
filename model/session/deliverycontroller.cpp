#include "deliverycontroller.h"

#include "session/capturecontrol.h"
#include "store/sessionstore.h"

using namespace Qt::StringLiterals;

DeliveryController::DeliveryController(CaptureControl *capture, SessionStore *store,
                                       QObject *parent)
    : QObject(parent)
    , m_capture(capture)
    , m_store(store)
{
    connect(&m_client, &HttpClient::finished, this,
            [this](const DeliveryResult &result) { record(result, u"replay"_s); });
    connect(capture, &CaptureControl::stored, this, &DeliveryController::forwardBatch);
}

void DeliveryController::record(DeliveryResult result, const QString &kind)
{
    result.kind = kind;
    std::ignore = m_store->addDelivery(result); // not kept, but still shown
    Q_EMIT delivered(result);
}

void DeliveryController::replay(const QList<qint64> &seqs, const QUrl &target,
                                const ResignOptions &resign)
{
    for (qint64 seq : seqs) {
        const std::optional<Event> event = m_store->load(seq);
        if (event)
            m_client.send(buildOutgoing(*event, target, resign));
    }
}

std::optional<QString> DeliveryController::startForwarding(const QUrl &target)
{
    if (auto loop = Forwarder::loopProblem(target, m_capture->address(), m_capture->port()))
        return loop;
    stopForwarding();
    m_forwarder = new Forwarder(target, {}, this);
    connect(m_forwarder, &Forwarder::delivered, this,
            [this](const DeliveryResult &result) { record(result, u"forward"_s); });
    return std::nullopt;
}

void DeliveryController::stopForwarding()
{
    if (!m_forwarder)
        return;
    m_forwarder->stop();
    m_forwarder->deleteLater();
    m_forwarder = nullptr;
}

QUrl DeliveryController::forwardTarget() const
{
    return m_forwarder ? m_forwarder->target() : QUrl();
}

void DeliveryController::forwardBatch(const CapturedBatch &batch)
{
    if (!m_forwarder)
        return;
    QList<Event> live;
    for (const Event &event : batch.events) {
        if (event.origin == Origin::Live)
            live.append(event);
    }
    m_forwarder->enqueue(live);
}
