#pragma once

#include <QHostAddress>
#include <QWidget>

class QLabel;

// A banner above the table while capture listens wider than loopback: other machines can then
// send to Hookscope, and read nothing of it, but the user must know. Not modal; it can be
// dismissed for this address, and comes back if capture moves to another wide address.
class BindWarning : public QWidget
{
    Q_OBJECT
public:
    explicit BindWarning(QWidget *parent = nullptr);

    // Shows the banner for an address other machines can reach, hides it for loopback.
    void setListenAddress(const QHostAddress &address, quint16 port);
    QString text() const;

    static bool reachableFromOtherMachines(const QHostAddress &address);
    // "Listening on 0.0.0.0:8080: reachable from other machines. …"
    static QString warningText(const QHostAddress &address, quint16 port);
    // "127.0.0.1:8080", "[::]:8080"
    static QString endpoint(const QHostAddress &address, quint16 port);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void dismiss();

    QLabel *m_text; // owned through QObject parenting
    QString m_endpoint; // "address:port" now shown
    QString m_dismissedFor; // the "address:port" the user closed the banner for
};
