#include "bodyview.h"

#include "event/bodyinspector.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

BodyView::BodyView(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_note(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    m_mode->addItem(u"Text"_s, int(Mode::Text));
    m_mode->addItem(u"Pretty JSON"_s, int(Mode::PrettyJson));
    m_mode->addItem(u"Hex"_s, int(Mode::Hex));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_note->setWordWrap(true);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_mode);
    bar->addWidget(m_note, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_text);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &BodyView::render);
}

BodyView::Mode BodyView::mode() const
{
    return Mode(m_mode->currentData().toInt());
}

QString BodyView::shownText() const
{
    return m_text->toPlainText();
}

void BodyView::setBody(const QByteArray &body, const QString &note)
{
    setBody(body, BodyInspector::inspect(body), note);
}

void BodyView::setBody(const QByteArray &body, const BodyInspection &inspection,
                       const QString &note)
{
    m_body = body;
    m_json = inspection.scalarRoot ? QJsonDocument() : inspection.json; // a scalar shows as sent
    const Mode best = inspection.kind == BodyKind::Json ? Mode::PrettyJson
        : inspection.kind == BodyKind::Binary           ? Mode::Hex
                                                        : Mode::Text;
    m_note->setText(note);
    const QSignalBlocker blocker(m_mode);
    m_mode->setCurrentIndex(m_mode->findData(int(best)));
    render();
}

QString BodyView::hexDump(const QByteArray &bytes, qsizetype limit)
{
    QString out;
    const qsizetype size = std::min(bytes.size(), limit);
    for (qsizetype offset = 0; offset < size; offset += 16) {
        const QByteArray row = bytes.mid(offset, std::min<qsizetype>(16, size - offset));
        QString ascii;
        for (char c : row)
            ascii += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : u'.';
        out += u"%1  %2  %3\n"_s.arg(qlonglong(offset), 8, 16, QChar(u'0'))
                   .arg(QString::fromLatin1(row.toHex(' ')), -47)
                   .arg(ascii);
    }
    return out;
}

void BodyView::render()
{
    QString text;
    QString cut;
    switch (mode()) {
    case Mode::PrettyJson: {
        if (m_body.size() > kTextLimit) {
            text = QString::fromUtf8(m_body.left(kTextLimit));
            cut = u"Too large to pretty-print here; showing the first %1 bytes of %2."_s
                      .arg(kTextLimit)
                      .arg(m_body.size());
            break;
        }
        text = m_json.isNull() ? QString::fromUtf8(m_body.left(kTextLimit))
                               : QString::fromUtf8(m_json.toJson(QJsonDocument::Indented));
        break;
    }
    case Mode::Hex:
        text = hexDump(m_body, kHexLimit);
        if (m_body.size() > kHexLimit)
            cut = u"Showing the first %1 bytes of %2."_s.arg(kHexLimit).arg(m_body.size());
        break;
    case Mode::Text:
        text = QString::fromUtf8(m_body.left(kTextLimit));
        if (m_body.size() > kTextLimit)
            cut = u"Showing the first %1 bytes of %2."_s.arg(kTextLimit).arg(m_body.size());
        break;
    }
    m_text->setPlainText(cut.isEmpty() ? text : cut + u"\n\n"_s + text);
}
