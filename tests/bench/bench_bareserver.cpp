// The baseline for capture throughput: the same QAbstractHttpServer machinery as Hookscope's
// capture server, answering 200 "{}" to everything and doing nothing else.
#include "benchshutdown.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QHttpServerResponder>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {
class BareServer : public QAbstractHttpServer
{
public:
    qint64 answered() const { return m_answered; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.write("{}"_ba, "application/json"_ba, QHttpServerResponder::StatusCode::Ok);
        ++m_answered;
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override { }

private:
    qint64 m_answered = 0;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    BenchShutdown::quitOnSignals(app);
    BareServer server;
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    QTextStream err(stderr);
    if (port == 0) {
        err << "bench_bareserver: cannot listen on 127.0.0.1\n";
        return 1;
    }
    err << "Bare server listening on http://127.0.0.1:" << port << "/" << Qt::endl;
    const int code = QCoreApplication::exec();
    err << "answered " << server.answered() << Qt::endl;
    return code;
}
