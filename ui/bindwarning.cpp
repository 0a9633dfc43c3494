#include "bindwarning.h"

#include "tints.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

BindWarning::BindWarning(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
{
    setAccessibleName(u"Capture address warning"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setForegroundRole(QPalette::Text); // the tint is checked for contrast against Text
    auto *icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    auto *close = new QToolButton(this);
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(u"Hide this warning"_s);
    connect(close, &QToolButton::clicked, this, &BindWarning::dismiss);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

QString BindWarning::endpoint(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(address.toString())
        : address.toString();
    return u"%1:%2"_s.arg(host).arg(port);
}

bool BindWarning::reachableFromOtherMachines(const QHostAddress &address)
{
    return !address.isNull() && !address.isLoopback();
}

QString BindWarning::warningText(const QHostAddress &address, quint16 port)
{
    return u"Listening on %1: reachable from other machines. Anyone who can reach this address "
           u"can send events into this session. Bind to 127.0.0.1 unless you need this."_s.arg(
               endpoint(address, port));
}

QString BindWarning::text() const
{
    return m_text->text();
}

void BindWarning::setListenAddress(const QHostAddress &address, quint16 port)
{
    const bool wide = reachableFromOtherMachines(address);
    m_endpoint = endpoint(address, port);
    m_text->setText(wide ? warningText(address, port) : QString());
    setVisible(wide && m_dismissedFor != m_endpoint);
}

void BindWarning::dismiss()
{
    m_dismissedFor = m_endpoint;
    hide();
}

// Painted rather than set as a palette colour, so a palette change re-tints it at once.
void BindWarning::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), Tints::background(Tints::Kind::Warning, palette()));
    painter.setPen(Tints::hue(Tints::Kind::Warning));
    painter.drawLine(rect().bottomLeft(), rect().bottomRight());
}
