#pragma once

#include "signature/secretset.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

// Manages the signature secrets Hookscope keeps (per scheme, and per event type for Solaris,
// whose every subscription has its own). Values are never shown once entered; the list names
// them by label. The set is saved outside any session file, readable by the user only.
class SecretsDialog : public QDialog
{
    Q_OBJECT
public:
    SecretsDialog(const SecretSet &saved, int commandLineCount, QWidget *parent = nullptr);

    SecretSet secrets() const { return m_secrets; }
    void addSecret(const QString &scheme, const QString &eventType, const QByteArray &value);

private:
    void refresh();
    void removeSelected();

    SecretSet m_secrets;
    QTreeWidget *m_list; // owned through QObject parenting
    QComboBox *m_scheme; // owned through QObject parenting
    QLineEdit *m_eventType; // owned through QObject parenting
    QLineEdit *m_value; // owned through QObject parenting
};
