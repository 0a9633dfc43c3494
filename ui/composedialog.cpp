#include "composedialog.h"

#include "tints.h"

#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTabWidget>
#include <QTextBlock>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int checkDelayMs = 250; // a pause in typing, not every keystroke

enum AttemptColumn {
    WhenColumn,
    KindColumn,
    AttemptNumberColumn,
    AnswerColumn,
    TimeColumn,
    OutcomeColumn
};

QPlainTextEdit *readOnlyText(QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

QString answerText(const DeliveryResult &result)
{
    return result.ok() ? u"%1 %2"_s.arg(result.status).arg(QString::fromLatin1(result.reason))
                       : result.error;
}

// A response as it came back: status line, headers, body (what the client kept of it).
QByteArray answerBytes(const DeliveryResult &result)
{
    if (!result.ok())
        return result.error.toUtf8();
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(result.status) + ' ' + result.reason + '\n';
    for (const auto &[name, value] : result.headers)
        bytes += name + ": " + value + '\n';
    return bytes + '\n' + result.body + (result.truncated ? "\n[… cut]"_ba : QByteArray());
}
} // namespace

ComposeDialog::ComposeDialog(SchemaRegistry registry, SecretSet secrets, QUrl ownCapture,
                             QWidget *parent)
    : QDialog(parent)
    , m_registry(std::move(registry))
    , m_check(m_registry)
    , m_secrets(std::move(secrets))
    , m_own(std::move(ownCapture))
    , m_event(new QComboBox(this))
    , m_fromSelected(new QPushButton(u"From &Selected Event"_s, this))
    , m_body(new QPlainTextEdit(this))
    , m_problemsView(new QTreeWidget(this))
    , m_headers(new QTableWidget(0, 2, this))
    , m_target(new QLineEdit(this))
    , m_scheme(new QComboBox(this))
    , m_savedSecret(new QComboBox(this))
    , m_secret(new QLineEdit(this))
    , m_retry(new QLineEdit(this))
    , m_timeout(new QLineEdit(this))
    , m_send(new QPushButton(u"S&end"_s, this))
    , m_status(new QLabel(this))
    , m_attempts(new QTreeWidget(this))
    , m_sentView(readOnlyText(this))
    , m_answerView(readOnlyText(this))
{
    setWindowTitle(u"Compose Webhook"_s);
    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(checkDelayMs);
    connect(&m_checkTimer, &QTimer::timeout, this, &ComposeDialog::checkNow);
    auto *split = new QSplitter(Qt::Vertical, this);
    auto *top = new QSplitter(Qt::Horizontal, split);
    top->addWidget(createBodyPane());
    top->addWidget(createSendPane());
    split->addWidget(top);
    split->addWidget(createAttemptsPane());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    resize(1100, 760);
}

ComposeDialog::~ComposeDialog() = default;

QWidget *ComposeDialog::createBodyPane()
{
    auto *pane = new QWidget(this);
    m_event->setEditable(true);
    m_event->addItems(m_registry.eventTypes());
    m_event->setInsertPolicy(QComboBox::NoInsert);
    m_event->completer()->setFilterMode(Qt::MatchContains);
    m_event->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    connect(m_event, &QComboBox::currentTextChanged, this, [this] {
        fillSecrets();
        m_checkTimer.start();
    });
    auto *fromExample = new QPushButton(u"From E&xample"_s, pane);
    connect(fromExample, &QPushButton::clicked, this,
            [this] { startFromExample(m_event->currentText()); });
    m_fromSelected->setEnabled(false);
    connect(m_fromSelected, &QPushButton::clicked, this,
            [this] { startFromEvent(*m_selected, m_selectedType); });
    auto *source = new QHBoxLayout;
    source->addWidget(new QLabel(u"Event"_s, pane));
    source->addWidget(m_event, 1);
    source->addWidget(fromExample);
    source->addWidget(m_fromSelected);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);
    connect(m_body, &QPlainTextEdit::textChanged, &m_checkTimer, qOverload<>(&QTimer::start));
    m_problemsView->setHeaderLabels({ u"Line"_s, u"Field"_s, u"Problem"_s });
    m_problemsView->setRootIsDecorated(false);
    connect(m_problemsView, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QTextBlock block = m_body->document()->findBlockByNumber(item->text(0).toInt() - 1);
        m_body->setTextCursor(QTextCursor(block));
        m_body->setFocus();
    });
    auto *split = new QSplitter(Qt::Vertical, pane);
    split->addWidget(m_body);
    split->addWidget(m_problemsView);
    split->setStretchFactor(0, 3);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins({});
    layout->addLayout(source);
    layout->addWidget(split, 1);
    return pane;
}

QWidget *ComposeDialog::createSendPane()
{
    auto *pane = new QWidget(this);
    m_target->setPlaceholderText(u"http://127.0.0.1:3000/webhooks (required)"_s);
    m_scheme->addItem(u"Unsigned"_s, QString());
    for (const QString &scheme : SecretSet::schemes())
        m_scheme->addItem(scheme, scheme);
    connect(m_scheme, &QComboBox::currentIndexChanged, this, &ComposeDialog::fillSecrets);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(u"the subscription's secret"_s);
    connect(m_savedSecret, &QComboBox::currentIndexChanged, this,
            [this] { m_secret->setEnabled(m_savedSecret->currentIndex() <= 0); });
    m_retry->setText(ComposedRequest().retry);
    m_retry->setToolTip(u"Delays before attempts 2, 3, … ('none': one attempt). Solaris itself "
                        "retries with exponential backoff for up to five days."_s);
    m_timeout->setText(ComposedRequest().timeout);
    m_headers->setHorizontalHeaderLabels({ u"Header"_s, u"Value"_s });
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    auto *add = new QPushButton(u"Add Header"_s, pane);
    connect(add, &QPushButton::clicked, this,
            [this] { m_headers->insertRow(m_headers->rowCount()); });
    auto *remove = new QPushButton(u"Remove Header"_s, pane);
    connect(remove, &QPushButton::clicked, this,
            [this] { m_headers->removeRow(m_headers->currentRow()); });
    auto *form = new QFormLayout(pane);
    form->addRow(u"Target URL"_s, m_target);
    form->addRow(u"Signature"_s, m_scheme);
    form->addRow(u"Secret"_s, m_savedSecret);
    form->addRow(QString(), m_secret);
    form->addRow(u"Retry after"_s, m_retry);
    form->addRow(u"Timeout"_s, m_timeout);
    form->addRow(m_headers);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    form->addRow(buttons);
    fillSecrets();
    return pane;
}

QWidget *ComposeDialog::createAttemptsPane()
{
    auto *pane = new QWidget(this);
    connect(m_send, &QPushButton::clicked, this, &ComposeDialog::send);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout;
    row->addWidget(m_send);
    row->addWidget(m_status, 1);
    m_attempts->setHeaderLabels(
        { u"When"_s, u"Kind"_s, u"Attempt"_s, u"Answer"_s, u"Time"_s, u"Outcome"_s });
    m_attempts->setRootIsDecorated(false);
    connect(m_attempts, &QTreeWidget::currentItemChanged, this,
            &ComposeDialog::showSelectedAttempt);
    auto *tabs = new QTabWidget(pane);
    tabs->addTab(m_sentView, u"Sent Request"_s);
    tabs->addTab(m_answerView, u"Answer"_s);
    auto *split = new QSplitter(Qt::Horizontal, pane);
    split->addWidget(m_attempts);
    split->addWidget(tabs);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins({});
    layout->addLayout(row);
    layout->addWidget(split, 1);
    return pane;
}

void ComposeDialog::setSelectedEvent(const Event &event, const QString &eventType)
{
    m_selected = event;
    m_selectedType = eventType;
    m_fromSelected->setEnabled(true);
}

void ComposeDialog::startFromExample(const QString &eventType)
{
    // An unknown type (an event nothing classified): the event chosen in the box.
    const QString type =
        m_registry.canonicalEventType(eventType).isEmpty() ? m_event->currentText() : eventType;
    apply(ComposedRequest::fromExample(m_registry, type));
}

void ComposeDialog::startFromEvent(const Event &event, const QString &eventType)
{
    apply(ComposedRequest::fromEvent(m_registry, event, eventType));
}

void ComposeDialog::setTarget(const QString &target)
{
    m_target->setText(target);
}

void ComposeDialog::apply(const ComposedRequest &request)
{
    if (!request.eventType.isEmpty())
        m_event->setCurrentText(request.eventType);
    m_scheme->setCurrentIndex(qMax(0, m_scheme->findData(request.scheme)));
    setHeaders(request.headers);
    m_body->setPlainText(QString::fromUtf8(request.body));
    m_startBody = request.body;
    m_startText = m_body->toPlainText();
    checkNow();
}

void ComposeDialog::setHeaders(const HeaderList &headers)
{
    m_headers->setRowCount(0);
    for (const auto &[name, value] : headers) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromUtf8(name)));
        m_headers->setItem(row, 1, new QTableWidgetItem(QString::fromUtf8(value)));
    }
}

HeaderList ComposeDialog::headers() const
{
    HeaderList headers;
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem *name = m_headers->item(row, 0);
        const QTableWidgetItem *value = m_headers->item(row, 1);
        if (name && !name->text().trimmed().isEmpty())
            headers.append(
                { name->text().trimmed().toUtf8(), value ? value->text().toUtf8() : QByteArray() });
    }
    return headers;
}

// The secrets the user keeps for the chosen scheme, best first for the event; their labels only.
void ComposeDialog::fillSecrets()
{
    const QString scheme = m_scheme->currentData().toString();
    m_savedSecret->clear();
    m_savedSecret->addItem(scheme.isEmpty() ? u"None: sent unsigned"_s : u"Typed below"_s);
    if (scheme.isEmpty())
        return m_secret->setEnabled(false);
    for (const Secret &secret : m_secrets.candidates(scheme, m_event->currentText()))
        m_savedSecret->addItem(secret.label, secret.value);
    m_savedSecret->setCurrentIndex(m_savedSecret->count() > 1 ? 1 : 0);
    m_secret->setEnabled(m_savedSecret->currentIndex() == 0);
}

QByteArray ComposeDialog::body() const
{
    const QString text = m_body->toPlainText();
    return text == m_startText ? m_startBody : text.toUtf8();
}

ComposedRequest ComposeDialog::request() const
{
    ComposedRequest request;
    request.eventType = m_registry.canonicalEventType(m_event->currentText());
    request.body = body();
    request.headers = headers();
    request.target = m_target->text();
    request.scheme = m_scheme->currentData().toString();
    request.secret = m_savedSecret->currentIndex() > 0 ? m_savedSecret->currentData().toByteArray()
                                                       : m_secret->text().toUtf8();
    request.retry = m_retry->text();
    request.timeout = m_timeout->text();
    return request;
}

void ComposeDialog::checkNow()
{
    m_checkTimer.stop();
    m_problems = m_check.check(m_event->currentText(), body());
    m_problemsView->clear();
    for (const LineViolation &problem : m_problems) {
        auto *item = new QTreeWidgetItem(m_problemsView,
                                         { QString::number(problem.line), problem.violation.pointer,
                                           problem.violation.message });
        item->setToolTip(2, problem.violation.message);
        const auto kind = problem.violation.severity == Severity::Error ? Tints::Kind::Error
                                                                        : Tints::Kind::Warning;
        for (int column = 0; column < 3; ++column)
            item->setBackground(column, Tints::background(kind, palette()));
    }
    markLines();
}

// Each problem's line tinted in the editor, errors over warnings.
void ComposeDialog::markLines()
{
    QList<QTextEdit::ExtraSelection> marks;
    for (const Severity severity : { Severity::Warning, Severity::Error }) {
        for (const LineViolation &problem : m_problems) {
            if (problem.violation.severity != severity)
                continue;
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(m_body->document()->findBlockByNumber(problem.line - 1));
            mark.format.setProperty(QTextFormat::FullWidthSelection, true);
            mark.format.setBackground(Tints::background(
                severity == Severity::Error ? Tints::Kind::Error : Tints::Kind::Warning,
                palette()));
            mark.format.setToolTip(problem.violation.message);
            marks.append(mark);
        }
    }
    m_body->setExtraSelections(marks);
}

void ComposeDialog::send()
{
    if (m_sender)
        return;
    checkNow(); // what is sent has been checked, even right after a keystroke
    const auto plan = request().plan(m_own);
    if (const auto *problem = std::get_if<QString>(&plan))
        return m_status->setText(*problem);
    const ComposedSend &composed = std::get<ComposedSend>(plan);
    m_sender = new WebhookSender({ composed.webhook }, composed.options, this);
    connect(m_sender, &WebhookSender::attempted, this, &ComposeDialog::showAttempt);
    connect(m_sender, &WebhookSender::finished, this, &ComposeDialog::finishSending);
    m_send->setEnabled(false);
    const int errors = int(std::count_if(m_problems.cbegin(), m_problems.cend(), [](const auto &p) {
        return p.violation.severity == Severity::Error;
    }));
    QStringList notes { u"Sending to %1…"_s.arg(composed.options.target.toString()) };
    if (errors > 0)
        notes.append(u"The body has %1 schema error(s), sent as written."_s.arg(errors));
    if (!composed.note.isEmpty())
        notes.append(composed.note);
    m_status->setText(notes.join(u' '));
    m_sender->start();
}

void ComposeDialog::showAttempt(const WebhookSender::Attempt &attempt)
{
    auto *item = new QTreeWidgetItem(
        m_attempts,
        { QDateTime::fromMSecsSinceEpoch(attempt.result.at).toString(u"HH:mm:ss.zzz"_s),
          attempt.sent.isEmpty() ? u"not sent"_s : u"sent"_s, QString::number(attempt.attempt),
          answerText(attempt.result), u"%1 ms"_s.arg(attempt.result.elapsedMs), attempt.outcome });
    item->setData(WhenColumn, SentBytesRole, attempt.sent);
    item->setData(WhenColumn, AnswerRole, answerBytes(attempt.result));
    item->setToolTip(AnswerColumn, WebhookSender::answerPreview(attempt.result.body));
    const bool failed = !attempt.accepted;
    if (failed)
        item->setBackground(AnswerColumn, Tints::background(Tints::Kind::Error, palette()));
    m_attempts->setCurrentItem(item);
}

void ComposeDialog::showSelectedAttempt()
{
    const QTreeWidgetItem *item = m_attempts->currentItem();
    m_sentView->setPlainText(
        item ? QString::fromUtf8(item->data(WhenColumn, SentBytesRole).toByteArray()) : QString());
    m_answerView->setPlainText(
        item ? QString::fromUtf8(item->data(WhenColumn, AnswerRole).toByteArray()) : QString());
}

void ComposeDialog::finishSending()
{
    m_status->setText(m_sender->acceptedCount() > 0 ? u"Accepted."_s : u"Not accepted."_s);
    m_sender->deleteLater();
    m_sender = nullptr;
    m_send->setEnabled(true);
    Q_EMIT sendFinished();
}

QString ComposeDialog::statusText() const
{
    return m_status->text();
}
