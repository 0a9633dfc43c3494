#include "emptystate.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
{
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true); // the curl example must not widen the window
    auto *copyUrl = new QPushButton(u"Copy URL"_s, this);
    auto *copyCurl = new QPushButton(u"Copy curl Example"_s, this);
    connect(copyUrl, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_url + u"/hooks"_s); });
    connect(copyCurl, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(curlExample()); });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(copyUrl);
    buttons->addWidget(copyCurl);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(m_text);
    layout->addLayout(buttons);
    layout->addStretch();
}

QString EmptyState::curlExample() const
{
    return u"curl -X POST -H 'Content-Type: application/json' -H 'Solaris-Webhook-Event-Type: "
           u"IDENTIFICATION' "
           "--data '{\"id\":\"9dfe2f4edaa67138be0c0c1cd3a7d849cidt\",\"status\":\"successful\"}' %1/hooks/identification"_s
               .arg(m_url);
}

// The command as a terminal shows it, one option a line with bash's continuations; no line
// is ever wrapped, so the URL can be read (and selected) whole at any window width.
QString EmptyState::curlExampleHtml() const
{
    const QStringList lines {
        u"curl -X POST -H 'Content-Type: application/json' \\"_s,
        u"  -H 'Solaris-Webhook-Event-Type: IDENTIFICATION' \\"_s,
        u"  --data '{\"id\":\"9dfe2f4edaa67138be0c0c1cd3a7d849cidt\",\"status\":\"successful\"}' \\"_s,
        u"  %1/hooks/identification"_s.arg(m_url),
    };
    QStringList html;
    for (const QString &line : lines)
        html.append(u"<span style='white-space:pre'>%1</span>"_s.arg(line.toHtmlEscaped()));
    return u"<code>"_s + html.join(u"<br>"_s) + u"</code>"_s;
}

void EmptyState::setListenUrl(const QString &url)
{
    m_url = url;
    m_text->setText(
        u"<p style='font-size:large'><b>No events yet.</b></p>"
        "<p>Send webhooks to <b style='white-space:pre'>%1/</b> &mdash; any method, any path.</p>"
        "<p>Try it from a terminal:</p><p>%2</p>"
        "<p>Point a tunnel (ngrok, cloudflared) at this address to receive Solaris webhooks.</p>"_s
            .arg(url.toHtmlEscaped(), curlExampleHtml()));
}
