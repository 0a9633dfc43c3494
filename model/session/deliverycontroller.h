#pragma once

#include "delivery/forwarder.h"
#include "delivery/httpclient.h"
#include "delivery/outgoingrequest.h"
#include "event/deliveryresult.h"

#include <QObject>

#include <optional>

class CaptureControl;
class SessionStore;
struct CapturedBatch;

// Replay (selected events to a target, optionally re-signed) and live forward (every captured
// event on to a target), with every answer kept with its event in the session file.
class DeliveryController : public QObject
{
    Q_OBJECT
public:
    DeliveryController(CaptureControl *capture, SessionStore *store,
                       QObject *parent = nullptr); // not owned

    void replay(const QList<qint64> &seqs, const QUrl &target, const ResignOptions &resign = {});
    // Refused (the reason returned) when target is capture's own address: it would loop.
    std::optional<QString> startForwarding(const QUrl &target);
    void stopForwarding();
    bool isForwarding() const { return m_forwarder != nullptr; }
    QUrl forwardTarget() const;

Q_SIGNALS:
    void delivered(const DeliveryResult &result);

private:
    void record(DeliveryResult result, const QString &kind);
    void forwardBatch(const CapturedBatch &batch);

    CaptureControl *m_capture; // not owned
    SessionStore *m_store; // not owned
    HttpClient m_client;
    Forwarder *m_forwarder = nullptr; // owned through QObject parenting
};
