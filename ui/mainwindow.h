#pragma once

#include "event/deliveryresult.h"
#include "event/eventsummary.h"
#include "formats/importer.h"
#include "settings/capturesettings.h"
#include "signature/secretset.h"
#include "statsdocks.h"

#include <QMainWindow>
#include <QPointer>

class BindWarning;
class DetailView;
class DiffDialog;
class CopyActions;
class DeliveryController;
class EmptyState;
class PayloadLoader;
class QDockWidget;
class QProgressBar;
class QPushButton;
class QSplitter;
class Session;
struct LoadedEvent;
class SessionController;
class EventTableModel;
class QLabel;
class QMenu;
class EventFilterModel;
class FilterBar;
class QTableView;
class QToolButton;

// The window: the event table above, the selected event's detail below, and a status bar with
// where Hookscope listens, how many events it holds and how fast they arrive. It lays out views
// over a Session and forwards what the user asks to it; it does not know capture.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Session *session, QWidget *parent = nullptr); // session not owned
    ~MainWindow() override;

    // The response rules saved from the Rules dialog, for when --rules did not give any.
    void applySavedRules();
    // The secrets kept in the user's file, and those given with --secret for this run only.
    void setSecrets(const SecretSet &saved, const SecretSet &commandLine);
    // Checks every stored event again with the current analyzer (after secrets or schemas change).
    void recheckSession();

    EventTableModel *tableModel() const;
    Session *session() const { return m_session; }
    QTableView *tableView() const { return m_table; }
    DetailView *detailView() const { return m_detail; }
    FilterBar *filterBar() const { return m_filterBar; }
    EmptyState *emptyState() const { return m_emptyState; }
    SessionController *sessions() const { return m_sessions; }
    EventFilterModel *filterModel() const;

private:
    void setUpTable();
    void setDefaultColumns();
    void connectParts();
    void sessionChanged(const QString &path);
    void moveSelection(int delta);
    void deleteSelected();
    void saveSettings() const;
    void restoreSettings();
    void createMenus();
    void editRules();
    void editSecrets();
    void loadSchema();
    void showSchemas();
    void showShortcuts();
    void showRowMenu(const QPoint &position);
    void editSettings();

public:
    // Imports a schema or OpenAPI file into the running analyzer and re-checks the session;
    // returns the import's errors (each names the file and where).
    QStringList importSchema(const QString &path);
    // Loads payload files and folders in the background, as if dropped on the window.
    void loadFiles(const QStringList &paths, ImportOptions options = {});
    // Live forward from the start (--forward URL).
    void startForwarding(const QUrl &target);
    CopyActions *copyActions() const { return m_copy; }
    DeliveryController *deliveries() const;
    PayloadLoader *loader() const { return m_loader; }
    QList<qint64> selectedSeqs() const;

    // Compares the two selected events in the DiffDialog (Edit ▸ Compare Two Events, Ctrl+D),
    // reusing the one open: the session reads and compares them, and the newest request wins.
    void compareSelected();
    QAction *compareAction() const { return m_compareAction; }
    QAction *pauseAction() const { return m_pauseAction; }
    // The table's right-click menu as it would open now (the caller owns it).
    QMenu *createRowMenu();
    StatsDocks *statsDocks() const { return m_stats; }
    // What Settings ▸ OK does after saving: see mainwindow.cpp. Returns what the status bar says.
    QString applySettings(const CaptureSettings &before, const CaptureSettings &after);

private:
    void createStatusBar();
    void showPaused(bool paused);
    // A session another process writes is shown read-only: it says so, and what would write to
    // the file is disabled (Session refuses it too).
    void showReadOnly();
    // Shows the selected event in the detail view; AGAIN also when it is the one shown already.
    void showSelected(bool again = false);
    QModelIndex shownIndex() const;
    void updateStatus();
    void updateNoMatch();
    void showLoaded(qint64 seq, const LoadedEvent &loaded);
    void showRecheckProgress(int percent);
    void openPayloads();
    void replaySelected();
    void compose(bool fromShown);
    void connectCompare();
    void toggleForwarding(bool on);
    void deliveryArrived(const DeliveryResult &result);
    void loadFinished(int events, const QList<ImportError> &errors, bool cancelled);
    QList<qint64> visibleSeqs() const;
    QList<qint64> allSeqs() const;
    void fitOnScreen();
    QString countText(qsizetype total) const;
    int selectedRowCount() const;
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

    Session *m_session; // not owned
    SessionController *m_sessions; // owned through QObject parenting
    PayloadLoader *m_loader;
    CopyActions *m_copy = nullptr;
    QAction *m_forwardAction = nullptr;
    QPushButton *m_cancelLoad;
    QProgressBar *m_loadProgress;
    EventTableModel *m_model; // the session's
    EventFilterModel *m_proxy; // the session's
    FilterBar *m_filterBar;
    QTableView *m_table;
    EmptyState *m_emptyState;
    DetailView *m_detail;
    QSplitter *m_splitter;
    BindWarning *m_bindWarning; // above the filter bar while capture listens beyond loopback
    QLabel *m_listening;
    QToolButton *m_pauseButton; // shows m_pauseAction in the status bar
    QAction *m_pauseAction = nullptr; // Capture ▸ Pause Capture
    QLabel *m_count;
    QLabel *m_rate;
    QLabel *m_readOnlyNote; // why the shown session is read-only; hidden when it is not
    QAction *m_openPayloadsAction = nullptr;
    SecretSet m_savedSecrets;
    SecretSet m_commandLineSecrets;
    QAction *m_compareAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_replayAction = nullptr;
    QAction *m_editReplayAction = nullptr;
    StatsDocks *m_stats; // owned through QObject parenting
    QPointer<DiffDialog> m_diffDialog; // the open Compare dialog; it deletes itself on close
    qint64 m_shownSeq = 0; // the event the detail view shows, 0 for none
    QLabel *m_noMatch = nullptr; // over the table while a filter matches nothing
};
