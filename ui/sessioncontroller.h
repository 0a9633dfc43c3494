#pragma once

#include <QObject>
#include <QStringList>

class Session;
class QAction;
class QMenu;
class QWidget;

// File ▸ New / Open / Open Recent / Clear: switches the capture to another session file and
// keeps the list of recent sessions in the settings. What the session then shows is Session's.
class SessionController : public QObject
{
    Q_OBJECT
public:
    SessionController(Session *session, QWidget *window); // neither owned
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

    Session *m_session; // not owned
    QWidget *m_window; // not owned
    QMenu *m_recentMenu = nullptr;
    QAction *m_clearAction = nullptr; // disabled while the session shown is read-only
};
