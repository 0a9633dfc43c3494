#include "bodyview.h"

#include "event/bodyinspector.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

BodyView::BodyView(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_note(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_showAllButton(new QToolButton(this))
    , m_wrap(new QCheckBox(u"&Wrap"_s, this))
{
    m_mode->addItem(u"Text"_s, int(Mode::Text));
    m_mode->addItem(u"Pretty JSON"_s, int(Mode::PrettyJson));
    m_mode->addItem(u"Hex"_s, int(Mode::Hex));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_note->setWordWrap(true);
    m_showAllButton->setText(u"Show All"_s);
    m_showAllButton->setToolTip(u"Show the whole body beyond the preview (may take a while)"_s);
    m_showAllButton->hide();
    auto *save = new QToolButton(this);
    save->setText(u"Save…"_s);
    save->setToolTip(u"Save the exact bytes to a file"_s);
    connect(m_showAllButton, &QToolButton::clicked, this, &BodyView::showAll);
    connect(save, &QToolButton::clicked, this, &BodyView::saveDialog);
    connect(m_wrap, &QCheckBox::toggled, this, &BodyView::setWordWrap);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_mode);
    bar->addWidget(m_note, 1);
    bar->addWidget(m_showAllButton);
    bar->addWidget(m_wrap);
    bar->addWidget(save);
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
    m_json = inspection.json;
    const Mode best = inspection.kind == BodyKind::Json ? Mode::PrettyJson
        : inspection.kind == BodyKind::Binary           ? Mode::Hex
                                                        : Mode::Text;
    m_note->setText(note);
    m_showAll = false;
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
        if (m_body.size() > limitFor(kTextLimit)) {
            text = QString::fromUtf8(m_body.left(kTextLimit));
            cut = u"Too large to pretty-print here; showing the first %1 bytes of %2."_s
                      .arg(kTextLimit)
                      .arg(m_body.size());
            break;
        }
        text = m_json.isNull() ? QString::fromUtf8(m_body.left(limitFor(kTextLimit)))
                               : QString::fromUtf8(m_json.toJson(QJsonDocument::Indented));
        break;
    }
    case Mode::Hex:
        text = hexDump(m_body, limitFor(kHexLimit));
        if (m_body.size() > limitFor(kHexLimit))
            cut = u"Showing the first %1 bytes of %2."_s.arg(kHexLimit).arg(m_body.size());
        break;
    case Mode::Text:
        text = QString::fromUtf8(m_body.left(limitFor(kTextLimit)));
        if (m_body.size() > limitFor(kTextLimit))
            cut = u"Showing the first %1 bytes of %2."_s.arg(kTextLimit).arg(m_body.size());
        break;
    }
    m_text->setPlainText(cut.isEmpty() ? text : cut + u"\n\n"_s + text);
    m_showAllButton->setVisible(!cut.isEmpty());
}

bool BodyView::isCut() const
{
    return m_showAllButton->isVisibleTo(this);
}

void BodyView::showAll()
{
    m_showAll = true;
    render();
}

void BodyView::setWordWrap(bool on)
{
    const QSignalBlocker blocker(m_wrap);
    m_wrap->setChecked(on);
    m_text->setLineWrapMode(on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
}

bool BodyView::find(const QString &text, bool backward, bool refine)
{
    if (text.isEmpty())
        return false;
    if (refine) {
        QTextCursor start = m_text->textCursor();
        start.setPosition(backward ? start.selectionEnd() : start.selectionStart());
        m_text->setTextCursor(start);
    }
    const QTextDocument::FindFlags flags =
        backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_text->find(text, flags))
        return true;
    // From the other end, once: the search goes round.
    QTextCursor cursor = m_text->textCursor();
    cursor.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
    m_text->setTextCursor(cursor);
    return m_text->find(text, flags);
}

QString BodyView::saveTo(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_body) != m_body.size() || !file.commit())
        return u"%1: %2"_s.arg(path, file.errorString());
    return {};
}

void BodyView::saveDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, u"Save Body"_s);
    if (path.isEmpty())
        return;
    if (const QString error = saveTo(path); !error.isEmpty())
        QMessageBox::warning(this, u"Save Body"_s, error);
}
