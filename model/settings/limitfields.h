#pragma once

#include "http/capturelimits.h"

#include <QList>
#include <QString>

#include <variant>

// One capture limit as the user sets it: its command-line option, its settings key, its unit
// and the range it must be in. One table drives the settings file, the command line (parsing
// and --help) and the settings dialog, so they cannot disagree.
struct LimitField
{
    enum class Unit { Bytes, Count, Milliseconds, BytesPerSecond };

    QString option; // "max-body": --max-body
    QString key; // "limits/maxBodyBytes" in the settings file
    Unit unit;
    qint64 minimum;
    qint64 maximum;
    QString description; // one sentence, for --help and tooltips
    qint64 (*get)(const CaptureLimits &);
    void (*set)(CaptureLimits &, qint64);

    // "10M", "512k", "65536" (bytes; K, M, G are powers of 1024, an optional B or iB after
    // them), "30", "1.5s", "500ms", "2m" (durations; seconds without a unit), "100" (counts).
    // The value in the field's unit (bytes, milliseconds), or a message naming the option.
    std::variant<qint64, QString> parse(const QString &text) const;
    // The value as a person writes it: "10M", "64K", "30s", "500ms", "100".
    QString format(qint64 value) const;
    QString valueName() const; // BYTES, N or SECONDS, for --help
};

const QList<LimitField> &limitFields();
