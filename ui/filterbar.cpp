#include "filterbar.h"

#include "filter/filtercompletion.h"
#include "tints.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_historyButton(new QToolButton(this))
    , m_message(new QLabel(this))
    , m_progress(new QLabel(this))
    , m_cancel(new QToolButton(this))
    , m_completer(new QCompleter(this))
    , m_completions(new QStringListModel(this))
{
    m_edit->setPlaceholderText(
        u"Filter: event == \"IDENTIFICATION\" && json.status == \"failed\"   (Ctrl+F)"_s);
    m_edit->setClearButtonEnabled(true);
    m_historyButton->setText(u"History"_s);
    m_historyButton->setPopupMode(QToolButton::InstantPopup);
    m_historyButton->setMenu(new QMenu(m_historyButton));
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();
    m_progress->hide();
    m_cancel->setText(u"Stop"_s);
    m_cancel->setToolTip(u"Stop filtering and show every event"_s);
    m_cancel->hide();
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        Q_EMIT cancelRequested();
        m_edit->clear();
        compileNow();
    });
    m_basePalette = m_edit->palette();
    m_completer->setModel(m_completions);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setWidget(m_edit);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    row->addWidget(m_progress);
    row->addWidget(m_cancel);
    row->addWidget(m_historyButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_message);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &FilterBar::compileNow);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        m_debounce.start();
        updateCompletions();
    });
    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            compileNow(); // the clear button: no reason to wait
    });
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        compileNow();
        remember(m_edit->text());
    });
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            [this](const QString &text) {
                m_edit->setText(text);
                m_edit->setCursorPosition(int(m_completionCursors.value(text, text.size())));
                m_debounce.start();
            });
    // Escape empties the bar, also while the popup is open (the completer would only close it).
    m_edit->installEventFilter(this);
    m_completer->popup()->installEventFilter(this);
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Cancel)) {
        m_completer->popup()->hide();
        m_edit->clear(); // applied at once: see textChanged
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QString FilterBar::errorText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void FilterBar::setValidity(bool valid, bool empty)
{
    QPalette palette = m_basePalette;
    if (!empty)
        palette.setColor(
            QPalette::Base,
            Tints::background(valid ? Tints::Kind::Valid : Tints::Kind::Error, m_basePalette));
    m_edit->setPalette(palette);
}

void FilterBar::compileNow()
{
    m_debounce.stop();
    const QString text = m_edit->text();
    auto compiled = Filter::compile(text);
    if (const auto *error = std::get_if<FilterError>(&compiled)) {
        setValidity(false, false);
        m_message->setText(error->toString() + u":  "_s + text.left(error->position) + u" ▶ "_s
                           + text.mid(error->position));
        m_message->show();
        return;
    }
    setValidity(true, text.trimmed().isEmpty());
    m_message->hide();
    if (text == m_applied)
        return;
    m_applied = text;
    Q_EMIT filterChanged(std::get<Filter>(compiled));
}

void FilterBar::apply(const QString &expression)
{
    m_edit->setText(expression);
    compileNow();
    remember(expression);
}

void FilterBar::prepare(const QString &expression)
{
    m_edit->setText(expression);
    m_edit->setFocus();
    m_debounce.start();
}

void FilterBar::setProgress(int percent)
{
    m_progress->setText(u"filtering %1%"_s.arg(percent));
    m_progress->setVisible(percent >= 0 && percent < 100);
    m_cancel->setVisible(m_progress->isVisible());
}

void FilterBar::remember(const QString &expression)
{
    if (expression.trimmed().isEmpty())
        return;
    m_history.removeAll(expression);
    m_history.prepend(expression);
    setHistory(m_history.mid(0, 20));
}

void FilterBar::setHistory(const QStringList &history)
{
    m_history = history;
    QMenu *menu = m_historyButton->menu();
    menu->clear();
    for (const QString &expression : history)
        menu->addAction(expression, this, [this, expression] { apply(expression); });
    m_historyButton->setEnabled(!history.isEmpty());
}

// Offered only while the user writes something: never for an empty bar (the popup would cover
// the table and Enter would apply its first row), never after a part that is already wrong.
// Nothing in the popup is chosen until the user moves to it, so Enter applies what was typed.
void FilterBar::updateCompletions()
{
    const QString text = m_edit->text();
    const qsizetype cursor = m_edit->cursorPosition();
    FilterCompletion completion = filterCompletionsAt(text, cursor);
    static const QRegularExpression afterEvent(uR"(\bevent\s*(==|!=|contains)\s*"?[^"\s]*$)"_s);
    const QRegularExpressionMatch match = afterEvent.match(text.left(cursor));
    static const QRegularExpression inHeader(uR"(\bheader\[\s*"?([^\]"]*)$)"_s);
    const QRegularExpressionMatch header = inHeader.match(text.left(cursor));
    if (completion.candidates.isEmpty() && header.hasMatch()) {
        completion.replaceFrom = header.capturedStart(0);
        for (const QString &name : std::as_const(m_headerNames))
            completion.candidates.append(u"header[\"%1\"]"_s.arg(name));
    }
    if (completion.candidates.isEmpty() && match.hasMatch()) {
        completion.replaceFrom = match.capturedEnd(1);
        for (const QString &type : std::as_const(m_eventTypes))
            completion.candidates.append(filterQuote(type));
    }
    if (text.trimmed().isEmpty() || !filterSoundBefore(text, completion.replaceFrom))
        completion.candidates.clear();
    // Quotes are optional in what is typed (header[x-id] or header["x-id"]), so they do not count.
    const auto unquoted = [](QString text) {
        return text.remove(u'"').trimmed();
    };
    const QString typed =
        unquoted(text.mid(completion.replaceFrom, cursor - completion.replaceFrom));
    QStringList full;
    m_completionCursors.clear();
    for (const QString &candidate : std::as_const(completion.candidates)) {
        if (!typed.isEmpty() && !unquoted(candidate).startsWith(typed, Qt::CaseInsensitive))
            continue;
        qsizetype newCursor = 0;
        const QString result =
            filterCompletionResult(text, completion.replaceFrom, cursor, candidate, &newCursor);
        full.append(result);
        m_completionCursors.insert(result, newCursor);
    }
    m_completions->setStringList(full.mid(0, 50));
    if (full.isEmpty() || (full.size() == 1 && full.first() == text)) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->complete();
    m_completer->popup()->setCurrentIndex({});
}

QStringList FilterBar::completions() const
{
    return m_completions->stringList();
}
