#include "sessioncontroller.h"

#include "event/userfolders.h"
#include "session/session.h"
#include "store/sessionlock.h"
#include "store/sessionstore.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
const auto kRecentKey = u"sessions/recent"_s;
const auto kSessionFilter = u"Hookscope sessions (*.hookscope);;All files (*)"_s;
} // namespace

SessionController::SessionController(Session *session, QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
{
    remember(session->path());
}

void SessionController::populate(QMenu *file)
{
    file->addAction(u"&New Session"_s, QKeySequence::New, this, &SessionController::newSession);
    file->addAction(u"&Open Session…"_s, QKeySequence::Open, this, &SessionController::openSession);
    m_recentMenu = file->addMenu(u"Open &Recent"_s);
    fillRecentMenu();
    file->addSeparator();
    m_clearAction = file->addAction(u"C&lear Session…"_s, this, &SessionController::clearSession);
}

QStringList SessionController::recentSessions() const
{
    return QSettings().value(kRecentKey).toStringList();
}

void SessionController::remember(const QString &path)
{
    QStringList recent = recentSessions();
    recent.removeAll(path);
    recent.prepend(path);
    QSettings().setValue(kRecentKey, recent.mid(0, kRecentCount));
    fillRecentMenu();
}

void SessionController::fillRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    for (const QString &path : recentSessions()) {
        if (QFileInfo::exists(path) && path != m_session->path())
            m_recentMenu
                ->addAction(QFileInfo(path).fileName(), this, [this, path] { switchTo(path); })
                ->setToolTip(path);
    }
    m_recentMenu->setEnabled(!m_recentMenu->isEmpty());
}

bool SessionController::switchTo(const QString &path)
{
    if (const auto error = m_session->switchTo(path)) {
        QMessageBox::warning(m_window, u"Hookscope"_s, *error);
        // Back to the one that worked; capture may have stopped, so one it can write.
        const QStringList recent = recentSessions();
        const auto writable = std::find_if(recent.cbegin(), recent.cend(), [](const QString &p) {
            return !SessionLock::heldElsewhere(p);
        });
        m_session->switchTo(writable == recent.cend() ? recent.value(0) : *writable);
        return false;
    }
    if (m_clearAction)
        m_clearAction->setEnabled(!m_session->isReadOnly());
    remember(path);
    Q_EMIT sessionChanged(path);
    return true;
}

void SessionController::newSession()
{
    switchTo(SessionStore::newDefaultSessionPath());
}

void SessionController::openSession()
{
    QFileDialog dialog(m_window, u"Open Session"_s, QFileInfo(m_session->path()).absolutePath(),
                       kSessionFilter);
    dialog.setFileMode(QFileDialog::ExistingFile);
    // Sessions made before the folder lost its doubled name stay one click away.
    if (const QString old = UserFolders::legacySessions(); QDir(old).exists())
        dialog.setSidebarUrls(dialog.sidebarUrls() << QUrl::fromLocalFile(old));
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty())
        switchTo(dialog.selectedFiles().constFirst());
}

void SessionController::clearSession()
{
    const auto answer =
        QMessageBox::question(m_window, u"Clear Session"_s,
                              u"Delete every event in %1? This cannot be undone."_s.arg(
                                  QFileInfo(m_session->path()).fileName()));
    if (answer != QMessageBox::Yes)
        return;
    m_session->clear();
    Q_EMIT sessionCleared();
}
