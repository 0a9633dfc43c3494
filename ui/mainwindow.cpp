#include "mainwindow.h"

#include "analysis/analyzer.h"
#include "bindwarning.h"
#include "columnchooser.h"
#include "composedialog.h"
#include "copyactions.h"
#include "detailview.h"
#include "diffdialog.h"
#include "emptystate.h"
#include "filter/filtercompletion.h"
#include "filterbar.h"
#include "models/eventfiltermodel.h"
#include "models/eventtablemodel.h"
#include "models/modelroles.h"
#include "payloadloader.h"
#include "replaydialog.h"
#include "rulesdialog.h"
#include "schemasdialog.h"
#include "secretsdialog.h"
#include "session/capturecontrol.h"
#include "session/deliverycontroller.h"
#include "session/session.h"
#include "sessioncontroller.h"
#include "settings/appsettings.h"
#include "settingsdialog.h"
#include "severitydelegate.h"
#include "shortcutsdialog.h"

#include <QApplication>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_sessions(new SessionController(session, this))
    , m_loader(new PayloadLoader(this))
    , m_cancelLoad(new QPushButton(u"Cancel Loading"_s, this))
    , m_loadProgress(new QProgressBar(this))
    , m_model(session->model())
    , m_proxy(session->filterModel())
    , m_filterBar(new FilterBar(this))
    , m_table(new QTableView(this))
    , m_emptyState(new EmptyState(this))
    , m_detail(new DetailView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_bindWarning(new BindWarning(this))
    , m_listening(new QLabel(this))
    , m_pauseButton(new QToolButton(this))
    , m_count(new QLabel(this))
    , m_rate(new QLabel(this))
    , m_readOnlyNote(new QLabel(this))
    , m_stats(new StatsDocks(session->stats(), m_filterBar, this))
{
    setUpTable();
    setAcceptDrops(true);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_bindWarning);
    topLayout->addWidget(m_filterBar);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_emptyState, 1);
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    setCentralWidget(m_splitter);
    createMenus();
    createStatusBar();
    connectParts();
    m_filterBar->setEventTypes(session->eventTypes());
    m_filterBar->setHeaderNames(session->headerNames());
    sessionChanged(session->path());
    resize(1200, 800);
    restoreSettings();
}

MainWindow::~MainWindow()
{
    saveSettings();
}

EventTableModel *MainWindow::tableModel() const
{
    return m_model;
}

EventFilterModel *MainWindow::filterModel() const
{
    return m_proxy;
}

DeliveryController *MainWindow::deliveries() const
{
    return m_session->deliveries();
}

void MainWindow::setUpTable()
{
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(u"event table"_s); // Help ▸ Keyboard Shortcuts names it
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EventTableModel::SeqColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *tint = new SeverityDelegate(m_table);
    m_table->setItemDelegateForColumn(EventTableModel::ValidityColumn, tint);
    m_table->setItemDelegateForColumn(EventTableModel::SignatureColumn, tint);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never measures a million rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setDefaultColumns();
    new ColumnChooser(m_table->horizontalHeader());
    m_noMatch = new QLabel(m_table->viewport());
    m_noMatch->setAlignment(Qt::AlignCenter);
    m_noMatch->setWordWrap(true);
    m_noMatch->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_noMatch->hide();
}

// Widths from the font, so that beside the Event Types dock, at 1200 px and up, the columns a
// user reads first all show and a long type (ACTIVATION_CHALLENGE_CREATION) is not cut. Size,
// remote address, classification, content type and attempt wait in the header's column chooser.
void MainWindow::setDefaultColumns()
{
    const QFontMetrics metrics = fontMetrics();
    const auto fit = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + metrics.averageCharWidth() + 10;
    };
    const QList<std::pair<int, int>> widths {
        { EventTableModel::SeqColumn, fit(u"99999"_s) },
        { EventTableModel::TimeColumn, fit(u"00:00:00.000"_s) },
        { EventTableModel::MethodColumn, fit(u"DELETE"_s) },
        { EventTableModel::PathColumn, fit(u"/hooks/identification"_s) },
        { EventTableModel::EventTypeColumn, fit(u"ACTIVATION_CHALLENGE_CREATION"_s) },
        { EventTableModel::SizeColumn, fit(u"1023.9 KB"_s) },
        { EventTableModel::StatusColumn, fit(u"Status"_s) },
        { EventTableModel::ValidityColumn, fit(u"no schema"_s) },
        { EventTableModel::SignatureColumn, fit(u"no secret"_s) },
        { EventTableModel::RemoteColumn, fit(u"127.0.0.1:65535"_s) },
        { EventTableModel::ClassificationColumn, fit(u"Classified by"_s) },
        { EventTableModel::ContentTypeColumn, fit(u"application/json"_s) },
        { EventTableModel::AttemptColumn, fit(u"Attempt"_s) },
    };
    for (const auto &[column, width] : widths)
        m_table->setColumnWidth(column, width);
    for (int column : { EventTableModel::SizeColumn, EventTableModel::RemoteColumn,
                        EventTableModel::ClassificationColumn, EventTableModel::ContentTypeColumn,
                        EventTableModel::AttemptColumn })
        m_table->setColumnHidden(column, true);
}

// Said inside the table, where the user looks, not only in the status bar's count.
void MainWindow::updateNoMatch()
{
    const bool none =
        m_model->rowCount() > 0 && !m_proxy->filter().isEmpty() && m_proxy->rowCount() == 0;
    if (none) {
        m_noMatch->setText(u"No events match the filter.\nEscape in the filter bar shows them "
                           "all again."_s);
        m_noMatch->setGeometry(m_table->viewport()->rect());
    }
    m_noMatch->setVisible(none);
}

void MainWindow::connectParts()
{
    connect(m_session, &Session::refused, this,
            [this](const QString &why) { statusBar()->showMessage(why, 10'000); });
    connect(m_session, &Session::storeFailed, this, [this](const QString &error) {
        statusBar()->showMessage(u"Could not store events: %1"_s.arg(error));
    });
    connect(m_session, &Session::eventTypesChanged, m_filterBar, &FilterBar::setEventTypes);
    connect(m_session, &Session::headerNamesChanged, m_filterBar, &FilterBar::setHeaderNames);
    connect(m_session, &Session::appended, this, &MainWindow::updateStatus);
    connect(m_session, &Session::eventReady, this, &MainWindow::showLoaded);
    connect(m_session, &Session::eventMissing, this, [this](qint64 seq) {
        if (seq != m_shownSeq)
            return;
        m_shownSeq = 0;
        m_detail->clear();
    });
    connect(m_session, &Session::recheckProgress, this, &MainWindow::showRecheckProgress);
    connectCompare();
    connect(m_session, &Session::reanalysed, this, [this] {
        statusBar()->showMessage(u"Session checked again."_s, 5000);
        showSelected(true);
    });
    connect(m_model, &EventTableModel::rowsAppended, this, &MainWindow::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateStatus);
    // The filter's result: rows come and go as it runs, or all at once when it is replaced.
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_proxy, signal, this, &MainWindow::updateStatus);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateStatus);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateStatus);
    connect(m_filterBar, &FilterBar::filterChanged, m_proxy, &EventFilterModel::setFilter);
    connect(m_filterBar, &FilterBar::cancelRequested, m_proxy, &EventFilterModel::cancelScan);
    connect(m_proxy, &EventFilterModel::scanProgress, m_filterBar, &FilterBar::setProgress);
    connect(m_proxy, &EventFilterModel::scanFinished, m_filterBar,
            [this] { m_filterBar->setProgress(-1); });
    connect(m_detail, &DetailView::applyFilterRequested, m_filterBar, &FilterBar::apply);
    connect(m_detail, &DetailView::prepareFilterRequested, m_filterBar, &FilterBar::prepare);
    // The detail follows the selection, also when filtering, deleting or Ctrl+movement change
    // rows without a new current row: it shows the selected row or, with none, nothing.
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { showSelected(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { showSelected(); });
    const auto showSoon = [this] {
        QTimer::singleShot(0, this, [this] { showSelected(); }); // once the selection caught up
    };
    connect(m_proxy, &QAbstractItemModel::modelReset, this, showSoon);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, showSoon);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, showSoon);
    connect(m_session, &Session::opened, this, &MainWindow::sessionChanged);
    connect(m_loader, &PayloadLoader::eventsLoaded, m_session->capture(),
            &CaptureControl::addLoaded);
    connect(m_loader, &PayloadLoader::progress, this, [this](int done, int total) {
        m_loadProgress->setRange(0, total);
        m_loadProgress->setValue(done);
        m_loadProgress->setFormat(u"Loading %v of %m files"_s);
    });
    connect(m_loader, &PayloadLoader::finished, this, &MainWindow::loadFinished);
    connect(m_cancelLoad, &QPushButton::clicked, m_loader, &PayloadLoader::cancel);
    connect(m_session->deliveries(), &DeliveryController::delivered, this,
            &MainWindow::deliveryArrived);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_compareAction->setEnabled(selectedRowCount() == 2); });
    connect(m_session, &Session::cleared, this, [this] {
        m_shownSeq = 0;
        m_detail->clear();
    });
}

void MainWindow::sessionChanged(const QString &path)
{
    setWindowTitle(u"Hookscope — %1%2"_s.arg(
        QFileInfo(path).fileName(), m_session->isReadOnly() ? u" (read-only)"_s : QString()));
    showReadOnly();
    m_shownSeq = 0;
    m_detail->clear();
    const CaptureControl *capture = m_session->capture();
    showPaused(capture->isPaused());
    m_emptyState->setListenUrl(capture->listenUrl());
    m_bindWarning->setListenAddress(capture->address(), capture->port());
    updateStatus();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(u"&File"_s);
    m_sessions->populate(file);
    file->addSeparator();
    m_openPayloadsAction =
        file->addAction(u"Open &Payloads…"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                        &MainWindow::openPayloads);

    QMenu *edit = menuBar()->addMenu(u"&Edit"_s);
    m_deleteAction = edit->addAction(u"&Delete Events"_s, QKeySequence::Delete, this,
                                     &MainWindow::deleteSelected);
    edit->addAction(u"Select &All"_s, QKeySequence::SelectAll, m_table, &QTableView::selectAll);
    m_copy = new CopyActions(
        m_session, [this] { return selectedSeqs(); }, [this] { return visibleSeqs(); },
        [this] { return allSeqs(); }, this);
    m_copy->populate(file, edit);
    file->addSeparator();
    file->addAction(u"&Quit"_s, QKeySequence::Quit, qApp, &QApplication::quit); // last, as usual
    connect(m_copy, &CopyActions::copied, this,
            [this](const QString &what) { statusBar()->showMessage(what, 5000); });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &MainWindow::showRowMenu);
    QMenu *capture = menuBar()->addMenu(u"&Capture"_s);
    m_replayAction =
        capture->addAction(u"&Replay Selected To…"_s, QKeySequence(Qt::CTRL | Qt::Key_R), this,
                           &MainWindow::replaySelected);
    capture->addAction(u"&Compose Webhook…"_s, QKeySequence::New, this, [this] { compose(false); });
    m_editReplayAction =
        capture->addAction(u"&Edit and Replay…"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                           this, [this] { compose(true); });
    m_forwardAction = capture->addAction(u"&Forward Live Events To…"_s);
    m_forwardAction->setCheckable(true);
    connect(m_forwardAction, &QAction::triggered, this, &MainWindow::toggleForwarding);
    capture->addSeparator();
    m_pauseAction = capture->addAction(u"&Pause Capture"_s);
    m_pauseAction->setCheckable(true);
    m_pauseAction->setToolTip(u"Keep the port, answer 503 with Retry-After to every request and "
                              "record it, to watch a sender retry"_s);
    connect(m_pauseAction, &QAction::toggled, m_session->capture(), &CaptureControl::setPaused);
    connect(m_session->capture(), &CaptureControl::pausedChanged, this, &MainWindow::showPaused);
    capture->addAction(u"&Response Rules…"_s, this, &MainWindow::editRules);
    capture->addAction(u"&Signature Secrets…"_s, this, &MainWindow::editSecrets);
    capture->addSeparator();
    capture->addAction(u"Se&ttings…"_s, QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
                       &MainWindow::editSettings);
    QMenu *schemas = menuBar()->addMenu(u"&Schemas"_s);
    schemas->addAction(u"&Load Schema or OpenAPI File…"_s, this, &MainWindow::loadSchema);
    schemas->addAction(u"&Known Events…"_s, this, &MainWindow::showSchemas);

    QMenu *view = menuBar()->addMenu(u"&View"_s);
    // Ctrl+F finds in the event while the detail view has focus, else goes to the filter bar.
    view->addAction(u"&Filter…"_s, QKeySequence::Find, this, [this] {
        if (m_detail->isAncestorOf(QApplication::focusWidget()))
            return m_detail->startFind();
        m_filterBar->lineEdit()->setFocus();
        m_filterBar->lineEdit()->selectAll();
    });
    view->addAction(u"&Next Event"_s, QKeySequence(Qt::Key_J), this, [this] { moveSelection(1); });
    view->addAction(u"&Previous Event"_s, QKeySequence(Qt::Key_K), this,
                    [this] { moveSelection(-1); });
    view->addAction(u"Show &Detail"_s, QKeySequence(Qt::Key_Return), this,
                    [this] { m_detail->tabs()->currentWidget()->setFocus(); });
    // Table actions: their keys (j, Delete, Ctrl+A…) must keep their usual meaning in the filter
    // bar and the detail view, so they act only while the table has focus.
    for (QAction *action :
         edit->actions() + m_copy->copyMenu()->actions() + view->actions().mid(1)) {
        action->setShortcutContext(Qt::WidgetShortcut);
        m_table->addAction(action);
    }
    // Added after the loop above: Ctrl+D and F7 mean nothing in the filter bar or the detail
    // view, so they work from anywhere in the window.
    edit->addSeparator();
    m_compareAction = edit->addAction(u"Co&mpare Two Events"_s, QKeySequence(Qt::CTRL | Qt::Key_D),
                                      this, &MainWindow::compareSelected);
    m_compareAction->setEnabled(false);
    m_compareAction->setToolTip(u"Select exactly two events to compare them side by side"_s);
    m_table->addAction(m_compareAction);
    m_stats->addMenuActions(view);

    QMenu *help = menuBar()->addMenu(u"&Help"_s);
    help->addAction(u"&Keyboard Shortcuts"_s, QKeySequence::HelpContents, this,
                    &MainWindow::showShortcuts);
}

// The row menu: what acts on the selected rows, each once (the table also holds every table
// action for its shortcut, which is why it is not an ActionsContextMenu).
void MainWindow::showRowMenu(const QPoint &position)
{
    QMenu *menu = createRowMenu();
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

QMenu *MainWindow::createRowMenu()
{
    auto *menu = new QMenu(this);
    menu->addMenu(m_copy->copyMenu());
    menu->addAction(m_compareAction);
    menu->addAction(m_replayAction);
    menu->addAction(m_editReplayAction);
    menu->addSeparator();
    menu->addAction(m_deleteAction);
    return menu;
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog(ShortcutsDialog::menuActions(menuBar()), this).exec();
}

void MainWindow::editSettings()
{
    const CaptureSettings before = AppSettings::loadCapture();
    SettingsDialog dialog(before, this);
    dialog.setRunning(m_session->capture()->address(), m_session->capture()->port());
    if (dialog.exec() != QDialog::Accepted)
        return;
    AppSettings::saveCapture(dialog.settings());
    statusBar()->showMessage(applySettings(before, dialog.settings()), 10'000);
}

// Limits the user changed apply at once: capture restarts on the same address and port, after
// answering and storing what is pending. Where to listen and where sessions go wait for the next
// start, so senders keep the address they were given. Limits left as they were are not applied,
// so a limit given on the command line for this run stays.
QString MainWindow::applySettings(const CaptureSettings &before, const CaptureSettings &after)
{
    const bool limitsChanged = after.limits != before.limits;
    if (limitsChanged) {
        if (const std::optional<QString> error = m_session->capture()->applyLimits(after.limits))
            return u"Settings saved, but the new limits could not be applied: %1"_s.arg(*error);
    }
    const bool restartNeeded = after.address != before.address || after.port != before.port
        || after.sessionDirectory != before.sessionDirectory;
    if (limitsChanged && restartNeeded)
        return u"Settings saved: the new limits apply now; the address and the session folder "
               "the next time Hookscope starts."_s;
    if (limitsChanged)
        return u"Settings saved: the new limits apply now."_s;
    if (restartNeeded)
        return u"Settings saved: the address and the session folder take effect the next time "
               "Hookscope starts."_s;
    return u"Settings saved."_s;
}

void MainWindow::applySavedRules()
{
    const QByteArray saved = QSettings().value(u"rules/json"_s).toByteArray();
    if (saved.isEmpty())
        return;
    auto rules = ResponseRules::fromJson(saved, u"saved rules"_s);
    if (const auto *error = std::get_if<QString>(&rules))
        return statusBar()->showMessage(*error);
    m_session->capture()->setRules(
        std::make_shared<ResponseRules>(std::get<ResponseRules>(std::move(rules))));
}

void MainWindow::editRules()
{
    RulesDialog dialog(*m_session->capture()->rules(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_session->capture()->setRules(std::make_shared<ResponseRules>(dialog.rules()));
    QSettings().setValue(u"rules/json"_s, dialog.rules().toJson());
}

void MainWindow::setSecrets(const SecretSet &saved, const SecretSet &commandLine)
{
    m_savedSecrets = saved;
    m_commandLineSecrets = commandLine;
}

void MainWindow::editSecrets()
{
    SecretsDialog dialog(m_savedSecrets, int(m_commandLineSecrets.size()), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_savedSecrets = dialog.secrets();
    if (const auto error = m_savedSecrets.saveFile(SecretSet::userFilePath()))
        statusBar()->showMessage(*error);
    SecretSet all = m_savedSecrets;
    all.merge(m_commandLineSecrets);
    m_session->setAnalyzer(m_session->analyzer()->withVerifier(SignatureVerifier(all)));
}

void MainWindow::recheckSession()
{
    m_session->recheck();
}

void MainWindow::showRecheckProgress(int percent)
{
    statusBar()->showMessage(u"Checking the session again: %1%"_s.arg(percent));
}

QStringList MainWindow::importSchema(const QString &path)
{
    return m_session->importSchema(path);
}

void MainWindow::loadSchema()
{
    const QString path = QFileDialog::getOpenFileName(
        this, u"Load Schema"_s, QString(),
        u"OpenAPI or JSON Schema (*.json *.yaml *.yml);;All files (*)"_s);
    if (path.isEmpty())
        return;
    const QStringList errors = importSchema(path);
    if (!errors.isEmpty())
        QMessageBox::warning(this, u"Load Schema"_s, errors.join(u'\n'));
}

void MainWindow::showSchemas()
{
    SchemasDialog dialog(m_session->analyzer()->schemas(), this);
    connect(&dialog, &SchemasDialog::filterToTypeRequested, this, [this](const QString &type) {
        m_filterBar->apply(u"event == "_s + filterQuote(type));
    });
    dialog.exec();
}

QList<qint64> MainWindow::selectedSeqs() const
{
    QList<qint64> seqs;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        seqs.append(index.data(ModelRoles::SeqRole).toLongLong());
    std::sort(seqs.begin(), seqs.end());
    return seqs;
}

QList<qint64> MainWindow::visibleSeqs() const
{
    QList<qint64> seqs;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        seqs.append(m_proxy->index(row, 0).data(ModelRoles::SeqRole).toLongLong());
    return seqs;
}

QList<qint64> MainWindow::allSeqs() const
{
    QList<qint64> seqs;
    for (int row = 0; row < m_model->rowCount(); ++row)
        seqs.append(m_model->summaryAt(row).seq);
    return seqs;
}

void MainWindow::replaySelected()
{
    const QList<qint64> seqs = selectedSeqs();
    if (seqs.isEmpty())
        return;
    if (m_session->isReadOnly()) // a replay's answer is kept with its event, in the file
        return statusBar()->showMessage(u"Not replayed: %1"_s.arg(m_session->readOnlyReason()),
                                        10'000);
    ReplayDialog dialog(m_copy->sentTo(), QSettings().value(u"replay/target"_s).toString(), this);
    if (dialog.exec() != QDialog::Accepted || !dialog.target().isValid())
        return;
    QSettings().setValue(u"replay/target"_s, dialog.target().toString());
    m_session->deliveries()->replay(seqs, dialog.target(), dialog.resign());
}

// Compose, non-modal: from the shown event (Edit and Replay) or from its type's example.
void MainWindow::compose(bool fromShown)
{
    SecretSet secrets = m_savedSecrets;
    secrets.merge(m_commandLineSecrets);
    QUrl own; // the capture's own address takes a single attempt
    own.setScheme(u"http"_s);
    own.setHost(m_session->capture()->address().toString());
    own.setPort(m_session->capture()->port());
    auto *dialog = new ComposeDialog(m_session->analyzer()->schemas(), secrets, own, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTarget(QSettings().value(u"compose/target"_s).toString());
    connect(dialog, &ComposeDialog::sendFinished, this, [dialog] {
        QSettings().setValue(u"compose/target"_s, dialog->targetEdit()->text().trimmed());
    });
    const std::optional<Event> shown =
        m_shownSeq ? m_session->reader().load(m_shownSeq) : std::nullopt;
    const QString type = shown ? m_session->analyzer()->analyze(*shown).eventType : QString();
    if (shown)
        dialog->setSelectedEvent(*shown, type);
    fromShown &&shown ? dialog->startFromEvent(*shown, type) : dialog->startFromExample(type);
    dialog->show();
}

void MainWindow::toggleForwarding(bool on)
{
    if (!on)
        return m_session->deliveries()->stopForwarding();
    bool ok = false;
    const QString target = QInputDialog::getText(
        this, u"Forward Live Events"_s, u"Send every captured event on to:"_s, QLineEdit::Normal,
        QSettings().value(u"forward/target"_s).toString(), &ok);
    if (!ok || target.trimmed().isEmpty())
        return m_forwardAction->setChecked(false);
    QSettings().setValue(u"forward/target"_s, target.trimmed());
    startForwarding(QUrl::fromUserInput(target.trimmed()));
}

void MainWindow::startForwarding(const QUrl &target)
{
    if (const auto loop = m_session->deliveries()->startForwarding(target)) {
        QMessageBox::warning(this, u"Forward Live Events"_s, *loop);
        return m_forwardAction->setChecked(false);
    }
    m_forwardAction->setChecked(true);
    m_forwardAction->setText(u"&Forwarding to %1"_s.arg(target.toString(QUrl::RemoveUserInfo)));
}

void MainWindow::deliveryArrived(const DeliveryResult &result)
{
    const QString answer =
        result.ok() ? u"%1 in %2 ms"_s.arg(result.status).arg(result.elapsedMs) : result.error;
    statusBar()->showMessage(u"%1 #%2 → %3"_s.arg(result.kind).arg(result.seq).arg(answer), 5000);
    if (m_table->currentIndex().data(ModelRoles::SeqRole).toLongLong() == result.seq)
        m_detail->showDeliveries(m_session->reader().deliveries(result.seq));
}

void MainWindow::openPayloads()
{
    // A .json file is one payload whatever its top level; this choice splits arrays instead.
    const QString splitFilter = u"JSON arrays, one payload per element (*.json)"_s;
    QString chosenFilter;
    const QStringList files =
        QFileDialog::getOpenFileNames(this, u"Open Payloads"_s, QString(),
                                      u"Payloads (*.json *.ndjson *.jsonl *.har *.http *.txt);;"_s
                                          + splitFilter + u";;All files (*)"_s,
                                      &chosenFilter);
    if (!files.isEmpty())
        loadFiles(files, ImportOptions { chosenFilter == splitFilter });
}

void MainWindow::loadFiles(const QStringList &paths, ImportOptions options)
{
    if (m_session->isReadOnly()) // they would go into capture's session, not the one shown
        return statusBar()->showMessage(u"Not loaded: %1"_s.arg(m_session->readOnlyReason()),
                                        10'000);
    m_loadProgress->setRange(0, 0); // busy until the files are counted
    m_loadProgress->show();
    m_cancelLoad->show();
    m_loader->load(paths, options);
}

void MainWindow::loadFinished(int events, const QList<ImportError> &errors, bool cancelled)
{
    m_cancelLoad->hide();
    m_loadProgress->hide();
    statusBar()->showMessage(
        u"Loaded %1 events%2%3"_s.arg(events).arg(
            errors.isEmpty() ? QString() : u", %1 problems"_s.arg(errors.size()),
            cancelled ? u" (cancelled)"_s : QString()),
        10'000);
    if (errors.isEmpty())
        return;
    QStringList lines;
    for (const ImportError &error : errors)
        lines.append(error.line > 0
                         ? u"%1:%2: %3"_s.arg(error.file).arg(error.line).arg(error.reason)
                         : u"%1: %2"_s.arg(error.file, error.reason));
    // Not modal: loading goes on being usable while the user reads what failed.
    auto *box = new QMessageBox(
        QMessageBox::Warning, u"Open Payloads"_s,
        u"%1 files or lines could not be loaded; the rest was."_s.arg(errors.size()),
        QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDetailedText(lines.join(u'\n'));
    box->open();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    if (!paths.isEmpty())
        loadFiles(paths);
}

void MainWindow::moveSelection(int delta)
{
    const int rows = m_proxy->rowCount();
    if (rows == 0)
        return;
    const int current = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
    const int next = std::clamp(current + delta, 0, rows - 1);
    m_table->setCurrentIndex(m_proxy->index(next, EventTableModel::PathColumn));
}

// Deleting is for good (the events leave the session file), so more than one asks first. The
// row that takes the place of the first deleted one is selected, so the detail shows an event
// that is still there and the keyboard carries on from where it was.
void MainWindow::deleteSelected()
{
    const QList<qint64> seqs = selectedSeqs();
    if (seqs.isEmpty())
        return;
    if (seqs.size() > 1
        && QMessageBox::question(this, u"Delete Events"_s,
                                 u"Delete %1 events from the session? This cannot be undone."_s.arg(
                                     QLocale().toString(qint64(seqs.size()))),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
        return;
    int firstRow = m_proxy->rowCount();
    for (const QItemSelectionRange &range : m_table->selectionModel()->selection())
        firstRow = std::min(firstRow, range.top());
    m_session->remove(seqs);
    const int rows = m_proxy->rowCount();
    if (rows > 0)
        m_table->selectRow(std::min(firstRow, rows - 1));
    else
        m_table->selectionModel()->clear();
    showSelected();
    updateStatus();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/splitter"_s, m_splitter->saveState());
    settings.setValue(u"window/tableHeader"_s, m_table->horizontalHeader()->saveState());
    settings.setValue(u"window/tableColumns"_s, int(EventTableModel::ColumnCount));
    settings.setValue(u"filter/history"_s, m_filterBar->history());
    settings.setValue(u"window/state"_s, saveState()); // docks: shown or hidden, where, how big
    m_stats->saveSettings(settings);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    m_splitter->restoreState(settings.value(u"window/splitter"_s).toByteArray());
    m_table->horizontalHeader()->restoreState(
        settings.value(u"window/tableHeader"_s).toByteArray());
    // Qt shows the columns a saved header did not know yet: they start hidden, as at first launch.
    const int known =
        settings.value(u"window/tableColumns"_s, int(EventTableModel::ContentTypeColumn)).toInt();
    for (int column = known; column < EventTableModel::ColumnCount; ++column)
        m_table->setColumnHidden(column, true);
    m_filterBar->setHistory(settings.value(u"filter/history"_s).toStringList());
    restoreState(settings.value(u"window/state"_s).toByteArray());
    m_stats->restoreSettings(settings);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    fitOnScreen(); // now that the window has its frame
}

// A window saved on a larger monitor, or on one since unplugged, must still fit, whole, on the
// screen it opens on: Qt restores the size as it was.
void MainWindow::fitOnScreen()
{
    const QRect available = screen()->availableGeometry();
    const QSize frame = frameGeometry().size() - size();
    resize(size().boundedTo(available.size() - frame));
    QRect placed = frameGeometry();
    placed.moveRight(std::min(placed.right(), available.right()));
    placed.moveBottom(std::min(placed.bottom(), available.bottom()));
    placed.moveLeft(std::max(placed.left(), available.left()));
    placed.moveTop(std::max(placed.top(), available.top()));
    move(placed.topLeft());
}

// Paused, the status bar says so where it says where capture listens, and its button resumes.
void MainWindow::showPaused(bool paused)
{
    m_pauseAction->setChecked(paused);
    m_pauseAction->setText(paused ? u"Resume &Capture"_s : u"&Pause Capture"_s);
    m_listening->setText(
        (paused ? u"Paused: answering 503 to every request on %1/"_s : u"Listening on %1/"_s)
            .arg(m_session->capture()->listenUrl()));
}

void MainWindow::showReadOnly()
{
    const bool readOnly = m_session->isReadOnly();
    m_readOnlyNote->setText(u"<b>Read-only.</b> "_s + m_session->readOnlyReason().toHtmlEscaped());
    m_readOnlyNote->setToolTip(m_session->readOnlyReason());
    m_readOnlyNote->setVisible(readOnly);
    for (QAction *writes : { m_deleteAction, m_replayAction, m_openPayloadsAction })
        writes->setEnabled(!readOnly);
    setAcceptDrops(!readOnly);
}

void MainWindow::createStatusBar()
{
    m_listening->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pauseButton->setAutoRaise(true);
    m_pauseButton->setDefaultAction(m_pauseAction);
    statusBar()->addWidget(m_pauseButton);
    statusBar()->addWidget(m_listening, 1);
    statusBar()->addWidget(m_readOnlyNote, 2);
    m_readOnlyNote->setWordWrap(true);
    m_readOnlyNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readOnlyNote->hide();
    statusBar()->addPermanentWidget(m_loadProgress);
    statusBar()->addPermanentWidget(m_cancelLoad);
    m_loadProgress->setMaximumWidth(260);
    m_loadProgress->hide();
    m_cancelLoad->hide();
    statusBar()->addPermanentWidget(m_count);
    statusBar()->addPermanentWidget(m_rate);
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &MainWindow::updateStatus);
    timer->start(1000);
    updateStatus();
}

void MainWindow::updateStatus()
{
    const qsizetype total = m_session->eventCount();
    m_count->setText(countText(total));
    m_table->setVisible(total > 0);
    m_emptyState->setVisible(total == 0);
    updateNoMatch();
    m_rate->setText(u"%1/s"_s.arg(m_session->arrivalRate(), 0, 'f', 1));
}

// "1 event", "12,345 events" (in the user's locale); with a filter, how many of them it shows,
// so a filter that matches nothing says so rather than leaving an empty table.
QString MainWindow::countText(qsizetype total) const
{
    const QLocale locale;
    const QString all =
        total == 1 ? u"1 event"_s : u"%1 events"_s.arg(locale.toString(qint64(total)));
    if (m_proxy->filter().isEmpty())
        return all;
    return u"%1 of %2"_s.arg(locale.toString(qint64(m_proxy->rowCount())), all);
}

// The current row when it is selected, else the one selected row, else none: Ctrl+End moves the
// current row without selecting it, and the detail must not show a row the table does not mark.
QModelIndex MainWindow::shownIndex() const
{
    const QItemSelectionModel *selection = m_table->selectionModel();
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid() && selection->isRowSelected(current.row(), {}))
        return current;
    if (selectedRowCount() == 1)
        return selection->selection().first().topLeft();
    return {};
}

void MainWindow::showSelected(bool again)
{
    const QModelIndex shown = shownIndex();
    const qint64 seq = shown.isValid() ? shown.data(ModelRoles::SeqRole).toLongLong() : 0;
    if (seq == m_shownSeq && !again)
        return;
    m_shownSeq = seq;
    if (!shown.isValid()) {
        m_session->cancelSelection();
        return m_detail->clear();
    }
    // Read, parsed and analysed in full (the table keeps no violation list) off this thread:
    // showLoaded() shows it when it is still the one selected.
    m_session->selectEvent(seq);
}

void MainWindow::showLoaded(qint64 seq, const LoadedEvent &loaded)
{
    if (seq != m_shownSeq)
        return;
    m_detail->setSchemas(m_session->analyzer()->schemas());
    m_detail->showEvent(loaded.event, loaded.analysis, loaded.body);
    m_detail->showDeliveries(loaded.deliveries);
}

// Counted from the selection's ranges: selectedRows() would list every index of a million-row
// Select All on each change.
int MainWindow::selectedRowCount() const
{
    int rows = 0;
    for (const QItemSelectionRange &range : m_table->selectionModel()->selection())
        rows += range.height();
    return rows;
}

void MainWindow::compareSelected()
{
    const QList<qint64> seqs = selectedSeqs();
    if (seqs.size() != 2)
        return statusBar()->showMessage(u"Select exactly two events to compare."_s, 5000);
    if (!m_diffDialog) {
        m_diffDialog = new DiffDialog(this);
        m_diffDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_diffDialog->setWindowTitle(u"Compare #%1 and #%2"_s.arg(seqs.at(0)).arg(seqs.at(1)));
    m_diffDialog->awaitComparison(seqs.at(0), seqs.at(1));
    m_diffDialog->show();
    m_diffDialog->raise();
    m_session->compare(seqs.at(0), seqs.at(1));
}

// The session reads both events and diffs them off the GUI thread (10 MiB bodies take seconds).
void MainWindow::connectCompare()
{
    connect(m_session, &Session::comparisonReady, this, [this](const EventComparison &compared) {
        if (m_diffDialog)
            m_diffDialog->showComparison(compared);
    });
    connect(m_session, &Session::comparisonFailed, this, [this](qint64 missingSeq) {
        if (m_diffDialog)
            m_diffDialog->close();
        statusBar()->showMessage(
            u"Could not read event #%1 from the session file."_s.arg(missingSeq), 5000);
    });
}
