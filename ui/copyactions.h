#pragma once

#include "exporting/selectionexport.h"
#include "formats/exporters.h"

#include <QObject>

#include <functional>

class Session;
class QMenu;
class QWidget;
class SessionStore;

// "Copy As" and "Save As Fixtures" for the selected events, and "Export" of the session or the
// filtered view, through the formats library. Redaction (signatures, authorization, cookies) is
// a checkable option kept in the settings.
class CopyActions : public QObject
{
    Q_OBJECT
public:
    using SelectionProvider = std::function<QList<qint64>()>;

    CopyActions(const Session *session, SelectionProvider selected, SelectionProvider visible,
                SelectionProvider all, QWidget *window); // pointers not owned

    void populate(QMenu *fileMenu, QMenu *editMenu);
    QMenu *copyMenu() const { return m_copyMenu; }
    // The clipboard text for the selected events in one format (several: separated by blank lines).
    QByteArray copyText(ExportFormat format) const;
    void copy(ExportFormat format);
    // Write events now, on this thread (the menu's dialogs do it in the background): one file in
    // one format (an error message naming the file, or {}), or fixture files into a folder.
    QString exportTo(const QString &path, ExportFormat format, const QList<qint64> &seqs) const;
    QStringList saveFixtures(const QString &folder, const QList<qint64> &seqs) const;
    bool redact() const;
    // The base URL copied commands send to; empty: where each request was sent.
    QString baseUrl() const;
    void setBaseUrl(const QString &url);
    // Where the first selected request was sent: its Host as a base URL, or this capture's
    // address when it has none; empty with nothing selected.
    QString sentTo() const;

Q_SIGNALS:
    // What was put on the clipboard, for the status bar: "Copied 2 events as curl Command".
    void copied(const QString &message);

private:
    ExportOptions exportOptions() const;
    void baseUrlDialog();
    void exportInBackground(const QList<qint64> &seqs, const SelectionExport &what);
    void exportDialog(bool filteredOnly);
    void saveFixturesDialog();

    const Session *m_session; // not owned
    const SessionStore *m_reader; // the session's
    SelectionProvider m_selected;
    SelectionProvider m_visible;
    SelectionProvider m_all;
    QWidget *m_window; // not owned
    QMenu *m_copyMenu = nullptr;
};
