#pragma once

#include <QStringList>
#include <QUrl>

class QIODevice;

// `hookscope send --to URL (--event TYPE [--body FILE] | FILE...) [--secret SCHEME:SECRET]
// [--header 'N: V']... [--retry 1s,2s,4s] [--timeout 10s] [--interval 0s] [--json]`: sends
// payloads as their provider would (see WebhookSender), one line per attempt.
int runSend(const QStringList &args, QIODevice &out, QIODevice &err);
// The same, with Hookscope's own capture address given: a target equal to it is allowed for a
// single event without retries only (runSend passes the saved settings' address).
int runSendWithCapture(const QStringList &args, QIODevice &out, QIODevice &err,
                       const QUrl &ownCapture);
