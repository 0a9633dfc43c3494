#pragma once

#include "event/capturedbatch.h"
#include "filter/filter.h"

#include <QObject>

class QIODevice;

// Headless mode's output: one line per stored event on stdout, as text or as JSON.
class HeadlessRunner : public QObject
{
    Q_OBJECT
public:
    HeadlessRunner(bool json, const Filter &filter, QIODevice *out,
                   QObject *parent = nullptr); // out not owned

    void print(const CapturedBatch &batch);
    static QByteArray textLine(const Event &event, const EventAnalysis &analysis);
    // TEXT with control characters (C0, DEL, C1) written as \xHH: safe to print on a terminal.
    static QString terminalSafe(QString text);

private:
    bool m_json;
    Filter m_filter;
    QIODevice *m_out; // not owned
};
