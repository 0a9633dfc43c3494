#include "findbar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

using namespace Qt::StringLiterals;

FindBar::FindBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_status(new QLabel(this))
{
    m_edit->setPlaceholderText(u"Find in this event (Enter: next, Shift+Enter: previous)"_s);
    m_edit->setClearButtonEnabled(true);
    m_previous->setText(u"Previous"_s);
    m_next->setText(u"Next"_s);
    auto *close = new QToolButton(this);
    close->setText(u"Close"_s);
    close->setToolTip(u"Close the find bar (Escape)"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_status);
    layout->addWidget(close);
    connect(m_previous, &QToolButton::clicked, this,
            [this] { Q_EMIT findRequested(text(), true); });
    connect(m_next, &QToolButton::clicked, this, [this] { Q_EMIT findRequested(text(), false); });
    connect(m_edit, &QLineEdit::textEdited, this, [this] { Q_EMIT findRequested(text(), false); });
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
    m_edit->installEventFilter(this);
    hide();
}

void FindBar::start()
{
    show();
    m_edit->setFocus();
    m_edit->selectAll();
}

QString FindBar::text() const
{
    return m_edit->text();
}

void FindBar::setStatus(const QString &status, bool found)
{
    m_status->setText(status);
    m_status->setForegroundRole(found ? QPalette::WindowText : QPalette::PlaceholderText);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            Q_EMIT findRequested(text(), key->modifiers().testFlag(Qt::ShiftModifier));
            return true;
        }
        if (key->matches(QKeySequence::Cancel)) {
            hide();
            Q_EMIT closed();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
