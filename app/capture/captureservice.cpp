#include "captureservice.h"

#include "captureworker.h"

using namespace Qt::StringLiterals;

CaptureService::CaptureService(QObject *parent)
    : CaptureControl(parent)
{
    qRegisterMetaType<CapturedBatch>();
    m_thread.setObjectName(u"capture"_s);
}

CaptureService::~CaptureService()
{
    stop();
}

std::optional<QString> CaptureService::start(const CaptureOptions &options)
{
    stop();
    m_options = options;
    m_worker = new CaptureWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &CaptureWorker::stored, this, &CaptureService::stored);
    connect(m_worker, &CaptureWorker::storeFailed, this, &CaptureService::storeFailed);
    m_thread.start();
    std::optional<QString> error;
    QMetaObject::invokeMethod(
        m_worker,
        [&] {
            error = m_worker->start(options);
            m_port = m_worker->port();
        },
        Qt::BlockingQueuedConnection);
    if (error)
        stop();
    return error;
}

void CaptureService::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

std::optional<QString> CaptureService::switchSession(const QString &path)
{
    CaptureOptions options = m_options;
    options.sessionPath = path;
    if (m_port != 0)
        options.port = m_port; // keep the address senders were given
    return start(options);
}

std::optional<QString> CaptureService::applyLimits(const CaptureLimits &limits)
{
    CaptureOptions options = m_options;
    options.limits = limits;
    if (!isRunning()) {
        m_options = options;
        return std::nullopt;
    }
    if (m_port != 0)
        options.port = m_port;
    return start(options);
}

void CaptureService::remove(const QList<qint64> &seqs)
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [worker = m_worker, seqs] { worker->remove(seqs); });
}

void CaptureService::setRules(std::shared_ptr<const ResponseRules> rules)
{
    m_options.rules = rules;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker,
                                  [worker = m_worker, rules] { worker->setRules(rules); });
}

void CaptureService::setPaused(bool paused)
{
    if (paused == m_options.paused)
        return;
    m_options.paused = paused;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker,
                                  [worker = m_worker, paused] { worker->setPaused(paused); });
    Q_EMIT pausedChanged(paused);
}

void CaptureService::setAnalyzer(std::shared_ptr<const Analyzer> analyzer)
{
    m_options.analyzer = analyzer;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker,
                                  [worker = m_worker, analyzer] { worker->setAnalyzer(analyzer); });
}

void CaptureService::addLoaded(const QList<Event> &events)
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker,
                                  [worker = m_worker, events] { worker->addLoaded(events); });
}

void CaptureService::clear()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->clear(); });
}

QString CaptureService::listenUrl() const
{
    const QString host = m_options.address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(m_options.address.toString())
        : m_options.address.toString();
    return u"http://%1:%2"_s.arg(host).arg(m_port);
}
