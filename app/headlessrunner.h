#pragma once

#include "capture/capturedbatch.h"

#include <QObject>

class QIODevice;

// Headless mode's output: one line per stored event on stdout, as text or as JSON.
class HeadlessRunner : public QObject
{
    Q_OBJECT
public:
    HeadlessRunner(bool json, QIODevice *out, QObject *parent = nullptr); // out not owned

    void print(const CapturedBatch &batch);
    static QByteArray textLine(const Event &event, const EventAnalysis &analysis);

private:
    bool m_json;
    QIODevice *m_out; // not owned
};
