#include "copyactions.h"

#include "capture/captureservice.h"
#include "formats/exportwriter.h"
#include "store/sessionstore.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {
const auto kRedactKey = u"export/redact"_s;

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

CopyActions::CopyActions(CaptureService *capture, const SessionStore *reader,
                         SelectionProvider selected, SelectionProvider visible,
                         SelectionProvider all, QWidget *window)
    : QObject(window)
    , m_capture(capture)
    , m_reader(reader)
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
    const ExportOptions options { m_capture->listenUrl(), redact() };
    QByteArrayList parts;
    for (qint64 seq : m_selected()) {
        const std::optional<Event> event = m_reader->load(seq);
        if (event)
            parts.append(
                exportEvent(format, *event, m_capture->analyzer()->analyze(*event), options));
    }
    return parts.join("\n\n");
}

void CopyActions::copy(ExportFormat format)
{
    const QByteArray text = copyText(format);
    if (!text.isEmpty())
        QApplication::clipboard()->setText(QString::fromUtf8(text));
}

QString CopyActions::exportTo(const QString &path, ExportFormat format,
                              const QList<qint64> &seqs) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return u"%1: %2"_s.arg(path, file.errorString());
    ExportWriter writer(&file, format, { m_capture->listenUrl(), redact() });
    for (qint64 seq : seqs) {
        const std::optional<Event> event = m_reader->load(seq);
        if (event && !writer.add(*event, m_capture->analyzer()->analyze(*event)))
            return u"%1: %2"_s.arg(path, file.errorString());
    }
    if (!writer.finish() || !file.commit())
        return u"%1: %2"_s.arg(path, file.errorString());
    return {};
}

QStringList CopyActions::saveFixtures(const QString &folder, const QList<qint64> &seqs) const
{
    QStringList errors;
    FixtureFolderWriter writer(folder, redact());
    for (qint64 seq : seqs) {
        const std::optional<Event> event = m_reader->load(seq);
        if (!event)
            continue;
        const auto result = writer.write(*event, m_capture->analyzer()->analyze(*event).eventType);
        if (!result.error.isEmpty())
            errors.append(result.error);
    }
    return errors;
}

void CopyActions::saveFixturesDialog()
{
    const QList<qint64> seqs = m_selected();
    if (seqs.isEmpty())
        return;
    const QString folder = QFileDialog::getExistingDirectory(m_window, u"Save Fixtures Into"_s);
    if (folder.isEmpty())
        return;
    const QStringList errors = saveFixtures(folder, seqs);
    if (!errors.isEmpty())
        QMessageBox::warning(m_window, u"Save Fixtures"_s, errors.join(u'\n'));
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
    const QString error = exportTo(path, format, filteredOnly ? m_visible() : m_all());
    if (!error.isEmpty())
        QMessageBox::warning(m_window, u"Export"_s, error);
}
