#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

// Copy As ▸ Commands Send To: the base URL copied curl, HTTPie and raw commands send to. Empty
// means where each request was sent, which the field shows as its placeholder; anything else
// must be an http:// or https:// URL before OK accepts it.
class BaseUrlDialog : public QDialog
{
    Q_OBJECT
public:
    BaseUrlDialog(const QString &current, const QString &sentTo, QWidget *parent = nullptr);

    QString url() const; // trimmed; empty: where each request was sent
    QLineEdit *lineEdit() const { return m_url; }

private:
    void check();

    QLineEdit *m_url; // owned through QObject parenting
    QLabel *m_problem; // owned through QObject parenting
    QDialogButtonBox *m_buttons; // owned through QObject parenting
};
