#pragma once

#include <QString>

// Why an expression does not compile, and where: `position` is a 0-based UTF-16 offset into the
// expression (the same units as a QLineEdit cursor), `message` says what was expected there.
struct FilterError
{
    qsizetype position = 0;
    QString message;

    // "expected a value after '==' at 12": for command lines and logs.
    QString toString() const
    {
        return message + QStringLiteral(" at ") + QString::number(position);
    }
};
