#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

// Header lines exactly as received: order, case and duplicates preserved.
using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The first header named NAME (case-insensitive), or end(): one lookup for requests, responses
// and rules.
HeaderList::const_iterator findHeader(const HeaderList &headers, QByteArrayView name);
// Its value, or a null QByteArray when there is no such header.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);

// The answer Hookscope gave (or will give) to a request.
struct Response
{
    int status = 200;
    HeaderList headers;
    QByteArray body;
    int delayMs = 0;
};

enum class Origin : quint8 { Live, Loaded };

// One captured or loaded HTTP request, kept byte-exact: signatures are computed over raw bytes
// and exports must reproduce them. Built once by the capture server or an importer, then only read.
struct Event
{
    qint64 seq = 0;
    qint64 receivedAtMs = 0; // UTC, milliseconds since the epoch
    QByteArray method;
    QByteArray target; // origin-form request target: path and query, as sent
    HeaderList headers;
    QByteArray body;
    QString remote; // "address:port" of the client, or empty for loaded events
    Response response;
    Origin origin = Origin::Live;
    QString sourceFile; // where a loaded event came from

    // First value of the header NAME (case-insensitive), or a null QByteArray.
    QByteArray headerValue(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // The target without its query string.
    QByteArray path() const;
    QByteArray query() const;
};

Q_DECLARE_METATYPE(Event)
