#pragma once

#include "delivery/outgoingrequest.h"

#include <QDialog>
#include <QUrl>

class QComboBox;
class QLineEdit;

// Where to send the selected events, and whether to sign them again (with a fresh timestamp
// where the scheme has one) for a receiver that checks signatures with its own secret. The
// target starts as where the first selected request was sent (its Host); the last target
// typed is one pick away in the field's list.
class ReplayDialog : public QDialog
{
    Q_OBJECT
public:
    ReplayDialog(const QString &sentTo, const QString &lastTarget, QWidget *parent = nullptr);
    QUrl target() const;
    ResignOptions resign() const;
    QLineEdit *targetEdit() const;

private:
    QComboBox *m_target; // owned through QObject parenting
    QComboBox *m_scheme; // owned through QObject parenting
    QLineEdit *m_secret; // owned through QObject parenting
};
