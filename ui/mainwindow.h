#pragma once

#include "event/eventsummary.h"
#include "store/sessionstore.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QSet>

#include <deque>

class CaptureService;
class DetailView;
class EventTableModel;
class QLabel;
class EventFilterModel;
class FilterBar;
class QTableView;
struct CapturedBatch;

// The window: the event table above, the selected event's detail below, and a status bar with
// where Hookscope listens, how many events it holds and how fast they arrive.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(CaptureService *capture, QWidget *parent = nullptr); // capture not owned
    ~MainWindow() override;

    // Shows the events already in the session file (a reopened session), in the background.
    void loadExistingEvents();

    EventTableModel *tableModel() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    DetailView *detailView() const { return m_detail; }
    FilterBar *filterBar() const { return m_filterBar; }
    EventFilterModel *filterModel() const { return m_proxy; }

private:
    void createMenus();
    void createStatusBar();
    void addBatch(const CapturedBatch &batch);
    void showSelected();
    void updateStatus();

    CaptureService *m_capture; // not owned
    SessionStore m_reader; // the GUI thread's read-only connection to the session
    EventTableModel *m_model; // owned through QObject parenting
    EventFilterModel *m_proxy;
    FilterBar *m_filterBar;
    QTableView *m_table;
    DetailView *m_detail;
    QLabel *m_listening;
    QLabel *m_count;
    QLabel *m_rate;
    QSet<QString> m_seenTypes;
    std::deque<qint64> m_recentArrivals; // ms timestamps of the last minute's events, for the rate
};
