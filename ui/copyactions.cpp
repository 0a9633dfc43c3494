#include "copyactions.h"

#include "baseurldialog.h"

#include "formats/exportwriter.h"
#include "jobs/jobtracker.h"
#include "session/capturecontrol.h"
#include "session/session.h"
#include "store/sessionstore.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {
const auto kRedactKey = u"export/redact"_s;
const auto kFixtureFolderKey = u"export/fixtureFolder"_s;
const auto kBaseUrlKey = u"export/baseUrl"_s; // empty: where each request was sent

struct FormatEntry
{
    ExportFormat format;
    QString label;
};

const QList<FormatEntry> &copyFormats()
{
    static const QList<FormatEntry> formats {
        { ExportFormat::Curl, u"curl Command"_s },
        { ExportFormat::JsonBody, u"JSON Body"_s },
        { ExportFormat::Fixtures, u"Hookscope Fixture"_s },
        { ExportFormat::Httpie, u"HTTPie Command"_s },
        { ExportFormat::Raw, u"Raw HTTP/1.1"_s },
        { ExportFormat::Har, u"HAR Entry"_s },
    };
    return formats;
}
} // namespace

CopyActions::CopyActions(const Session *session, SelectionProvider selected,
                         SelectionProvider visible, SelectionProvider all, QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_reader(&session->reader())
    , m_selected(std::move(selected))
    , m_visible(std::move(visible))
    , m_all(std::move(all))
    , m_window(window)
{ }

bool CopyActions::redact() const
{
    return QSettings().value(kRedactKey, false).toBool();
}

void CopyActions::populate(QMenu *file, QMenu *edit)
{
    m_copyMenu = edit->addMenu(u"Copy &As"_s);
    for (const FormatEntry &entry : copyFormats()) {
        QAction *action = m_copyMenu->addAction(entry.label, this,
                                                [this, format = entry.format] { copy(format); });
        if (entry.format == ExportFormat::Curl)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    }
    m_copyMenu->addSeparator();
    m_copyMenu->addAction(u"Commands &Send To…"_s, this, &CopyActions::baseUrlDialog);
    QAction *redaction = edit->addAction(u"&Redact Secrets in Copies and Exports"_s);
    redaction->setCheckable(true);
    redaction->setChecked(redact());
    connect(redaction, &QAction::toggled, this,
            [](bool on) { QSettings().setValue(kRedactKey, on); });
    file->addAction(u"Save Selected as &Fixtures…"_s, this, &CopyActions::saveFixturesDialog);
    file->addAction(u"&Export Session…"_s, this, [this] { exportDialog(false); });
    file->addAction(u"Export &Filtered View…"_s, this, [this] { exportDialog(true); });
}

QByteArray CopyActions::copyText(ExportFormat format) const
{
    const ExportOptions options = exportOptions();
    QByteArrayList parts;
    for (qint64 seq : m_selected()) {
        const std::optional<Event> event = m_reader->load(seq);
        if (event)
            parts.append(
                exportEvent(format, *event, m_session->analyzer()->analyze(*event), options));
    }
    return parts.join("\n\n");
}

void CopyActions::copy(ExportFormat format)
{
    const QByteArray text = copyText(format);
    if (text.isEmpty())
        return Q_EMIT copied(u"Nothing copied: select an event first."_s);
    QApplication::clipboard()->setText(QString::fromUtf8(text));
    const qsizetype count = m_selected().size();
    const auto entry = std::find_if(copyFormats().cbegin(), copyFormats().cend(),
                                    [format](const FormatEntry &e) { return e.format == format; });
    Q_EMIT copied(
        u"Copied %1 as %2%3."_s.arg(count == 1 ? u"1 event"_s : u"%1 events"_s.arg(count),
                                    entry != copyFormats().cend() ? entry->label : u"text"_s,
                                    redact() ? u" (secrets redacted)"_s : QString()));
}

QString CopyActions::exportTo(const QString &path, ExportFormat format,
                              const QList<qint64> &seqs) const
{
    return exportSelection(*m_reader, *m_session->analyzer(), seqs,
                           { format, exportOptions(), path, false })
        .value(0);
}

QStringList CopyActions::saveFixtures(const QString &folder, const QList<qint64> &seqs) const
{
    return exportSelection(*m_reader, *m_session->analyzer(), seqs,
                           { ExportFormat::Fixtures, exportOptions(), folder, true });
}

QString CopyActions::baseUrl() const
{
    return QSettings().value(kBaseUrlKey).toString();
}

void CopyActions::setBaseUrl(const QString &url)
{
    QSettings().setValue(kBaseUrlKey, url.trimmed());
}

QString CopyActions::sentTo() const
{
    const QList<qint64> seqs = m_selected();
    const std::optional<Event> event = seqs.isEmpty() ? std::nullopt : m_reader->load(seqs.first());
    return event ? requestBaseUrl(*event, m_session->capture()->listenUrl()) : QString();
}

// curl, HTTPie and raw commands go where each request was sent unless the user names a URL
// here; events without a Host go to this capture's own address.
void CopyActions::baseUrlDialog()
{
    BaseUrlDialog dialog(baseUrl(), sentTo(), m_window);
    if (dialog.exec() == QDialog::Accepted)
        setBaseUrl(dialog.url());
}

ExportOptions CopyActions::exportOptions() const
{
    return { baseUrl(), redact(), m_session->capture()->listenUrl() };
}

// A large export takes seconds: it runs on a worker thread with its own connection to the
// session file, behind a progress dialog whose Cancel leaves no file behind.
void CopyActions::exportInBackground(const QList<qint64> &seqs, const SelectionExport &what)
{
    const QString session = m_reader->path();
    const auto analyzer = m_session->analyzer();
    auto *progress =
        new QProgressDialog(u"Writing %1 events to %2…"_s.arg(seqs.size()).arg(what.target),
                            u"Cancel"_s, 0, int(seqs.size()), m_window);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(400);
    // The dialog owns the job: each export has its own, and a closed dialog gets no result.
    auto *job = new JobTracker(progress);
    connect(job, &JobTracker::progressChanged, progress, &QProgressDialog::setValue);
    connect(progress, &QProgressDialog::canceled, progress, [job, progress] {
        job->cancel(); // the worker sees it and removes what it wrote
        progress->deleteLater();
    });
    job->start(
        [session, analyzer, seqs, what](JobControl &control) {
            SessionStore store;
            if (const Status opened = store.open(session, SessionStore::Access::ReadOnly); !opened)
                return QStringList { opened.error() };
            return exportSelection(store, *analyzer, seqs, what, [&control](qint64 done) {
                control.setProgress(int(done));
                return !control.isCancelled();
            });
        },
        [this, progress](const QStringList &errors) {
            progress->deleteLater();
            if (!errors.isEmpty())
                QMessageBox::warning(m_window, u"Export"_s, errors.join(u'\n'));
        });
}

void CopyActions::saveFixturesDialog()
{
    const QList<qint64> seqs = m_selected();
    if (seqs.isEmpty())
        return;
    // Fixtures go where fixtures went last, not where payloads were last loaded from: with no
    // folder given, the dialog would open in the last one any file dialog visited.
    const QString folder = QFileDialog::getExistingDirectory(
        m_window, u"Save Fixtures Into"_s,
        QSettings()
            .value(kFixtureFolderKey,
                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString());
    if (folder.isEmpty())
        return;
    QSettings().setValue(kFixtureFolderKey, folder);
    exportInBackground(seqs, { ExportFormat::Fixtures, exportOptions(), folder, true });
}

void CopyActions::exportDialog(bool filteredOnly)
{
    QString chosen;
    const QString path = QFileDialog::getSaveFileName(
        m_window, filteredOnly ? u"Export Filtered View"_s : u"Export Session"_s, QString(),
        u"HAR 1.2 (*.har);;NDJSON (*.ndjson)"_s, &chosen);
    if (path.isEmpty())
        return;
    const ExportFormat format =
        chosen.startsWith(u"NDJSON"_s) ? ExportFormat::Ndjson : ExportFormat::Har;
    exportInBackground(filteredOnly ? m_visible() : m_all(),
                       { format, exportOptions(), path, false });
}
