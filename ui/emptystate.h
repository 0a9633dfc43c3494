#pragma once

#include <QWidget>

class QLabel;

// What the empty table says: where to send webhooks (with a copy button and a curl command to
// try) and how to load saved payloads. Hidden once there is a row to show.
class EmptyState : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget *parent = nullptr);
    void setListenUrl(const QString &url);
    QString curlExample() const;
    QString curlExampleHtml() const; // what the label shows: one unwrapped line per option
    QLabel *textLabel() const { return m_text; }

private:
    QString m_url;
    QLabel *m_text; // owned through QObject parenting
};
