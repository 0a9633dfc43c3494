#pragma once

#include <QObject>
#include <QStringList>

class CaptureService;
class QMenu;
class QWidget;

// File ▸ New / Open / Open Recent / Clear: switches the capture to another session file and
// keeps the list of recent sessions in the settings.
class SessionController : public QObject
{
    Q_OBJECT
public:
    SessionController(CaptureService *capture, QWidget *window); // neither owned
    void populate(QMenu *fileMenu);
    QStringList recentSessions() const;

    bool switchTo(const QString &path);
    void newSession();
    void openSession();
    void clearSession();

    static constexpr int kRecentCount = 10;

Q_SIGNALS:
    void sessionChanged(const QString &path);
    void sessionCleared();

private:
    void remember(const QString &path);
    void fillRecentMenu();

    CaptureService *m_capture; // not owned
    QWidget *m_window; // not owned
    QMenu *m_recentMenu = nullptr;
};
