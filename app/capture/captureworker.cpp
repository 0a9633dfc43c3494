#include "captureworker.h"

#include "capturebatcher.h"
#include "captureserver.h"
#include "store/sessionstore.h"

#include <future>

namespace {
// At shutdown, how long the answers already written may take to reach slow clients: bounded, so
// that SIGINT still ends the process at once.
constexpr int kFinishWritesMs = 1000;
} // namespace

CaptureWorker::CaptureWorker()
{
    m_writer.setMaxThreadCount(1);
    m_writer.setExpiryTimeout(-1);
    m_writer.setObjectName(QStringLiteral("capture-writer"));
}

// A std::future, not a QFuture: QFuture::waitForFinished() may run a job that has not started
// on the waiting thread, and the store's connection must stay on the writer thread.
void CaptureWorker::onWriter(const std::function<void()> &job)
{
    auto finished = std::make_shared<std::promise<void>>();
    std::future<void> done = finished->get_future();
    m_writer.start([&job, finished] {
        job();
        finished->set_value();
    });
    done.wait();
}

CaptureWorker::~CaptureWorker()
{
    stop();
}

std::optional<QString> CaptureWorker::start(const CaptureOptions &options)
{
    Status opened;
    qint64 maxSeq = 0;
    onWriter([&] {
        m_store = std::make_unique<SessionStore>();
        opened = m_store->open(options.sessionPath);
        maxSeq = opened ? m_store->maxSeq() : 0;
    });
    if (!opened)
        return opened.error();
    m_batcher = new CaptureBatcher(m_store.get(), &m_writer, options.limits, this);
    m_batcher->setNextSeq(maxSeq + 1);
    m_batcher->setAnalyzer(options.analyzer);
    m_batcher->setRules(options.rules);
    m_batcher->setPaused(options.paused);
    // Direct: the batcher emits on the writer thread, and the window's queued connection to
    // CaptureWorker::stored then carries the batch there without a stop on the capture thread.
    connect(m_batcher, &CaptureBatcher::stored, this, &CaptureWorker::stored, Qt::DirectConnection);
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
    if (m_batcher) {
        m_batcher->finish();
        m_batcher->answerDelayedNow();
    }
    if (m_server)
        m_server->finishWrites(kFinishWritesMs);
    delete m_server;
    m_server = nullptr;
    delete m_batcher;
    m_batcher = nullptr;
    if (m_store)
        onWriter([this] { m_store.reset(); }); // the connection closes on its own thread
}

void CaptureWorker::remove(const QList<qint64> &seqs)
{
    m_batcher->flush(); // a pending event may be among those removed
    Status removed;
    onWriter([&] { removed = m_store->remove(seqs); });
    if (!removed)
        Q_EMIT storeFailed(removed.error());
}

void CaptureWorker::addLoaded(const QList<Event> &events)
{
    for (const Event &event : events)
        m_batcher->submitAnswered(event);
}

void CaptureWorker::clear()
{
    m_batcher->flush();
    Status cleared;
    onWriter([&] { cleared = m_store->clear(); });
    if (!cleared)
        Q_EMIT storeFailed(cleared.error());
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

void CaptureWorker::setPaused(bool paused)
{
    if (m_batcher)
        m_batcher->setPaused(paused);
}

quint16 CaptureWorker::port() const
{
    return m_server ? m_server->port() : 0;
}
