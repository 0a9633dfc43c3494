#include "captureworker.h"

#include "capturebatcher.h"
#include "captureserver.h"
#include "store/sessionstore.h"

CaptureWorker::CaptureWorker() = default;

CaptureWorker::~CaptureWorker()
{
    stop();
}

std::optional<QString> CaptureWorker::start(const CaptureOptions &options)
{
    m_store = std::make_unique<SessionStore>();
    if (auto error = m_store->open(options.sessionPath))
        return error;
    m_batcher = new CaptureBatcher(m_store.get(), options.limits, this);
    m_batcher->setNextSeq(m_store->maxSeq() + 1);
    m_batcher->setAnalyzer(options.analyzer);
    m_batcher->setRules(options.rules);
    connect(m_batcher, &CaptureBatcher::stored, this, &CaptureWorker::stored);
    connect(m_batcher, &CaptureBatcher::storeFailed, this, &CaptureWorker::storeFailed);
    m_server = new CaptureServer(options.limits, this);
    m_server->setSink([batcher = m_batcher](Event &&event, QHttpServerResponder &&responder) {
        batcher->submit(std::move(event), std::move(responder));
    });
    connect(m_server, &CaptureServer::rejected, m_batcher, &CaptureBatcher::submitAnswered);
    return m_server->listen(options.address, options.port);
}

void CaptureWorker::stop()
{
    if (m_batcher)
        m_batcher->flush();
    delete m_server;
    m_server = nullptr;
    delete m_batcher;
    m_batcher = nullptr;
    m_store.reset();
}

void CaptureWorker::remove(const QList<qint64> &seqs)
{
    m_batcher->flush(); // a pending event may be among those removed
    if (!m_store->remove(seqs))
        Q_EMIT storeFailed(m_store->lastError());
}

void CaptureWorker::addLoaded(const QList<Event> &events)
{
    for (const Event &event : events)
        m_batcher->submitAnswered(event);
}

void CaptureWorker::clear()
{
    m_batcher->flush();
    if (!m_store->clear())
        Q_EMIT storeFailed(m_store->lastError());
}

void CaptureWorker::setRules(std::shared_ptr<const ResponseRules> rules)
{
    if (m_batcher)
        m_batcher->setRules(std::move(rules));
}

void CaptureWorker::setAnalyzer(std::shared_ptr<const Analyzer> analyzer)
{
    if (m_batcher)
        m_batcher->setAnalyzer(std::move(analyzer));
}

quint16 CaptureWorker::port() const
{
    return m_server ? m_server->port() : 0;
}
