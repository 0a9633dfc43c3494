#include "settingsdialog.h"

#include "bindwarning.h"
#include "event/userfolders.h"
#include "settings/limitfields.h"
#include "tints.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// An empty limit field means the default, which its placeholder shows.
std::variant<qint64, QString> parseOrDefault(const LimitField &field, const QString &text)
{
    if (text.trimmed().isEmpty())
        return field.get(CaptureLimits {});
    return field.parse(text);
}

QString defaultSessionDirectory()
{
    return UserFolders::sessions();
}
} // namespace

SettingsDialog::SettingsDialog(const CaptureSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_address(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_sessionDirectory(new QLineEdit(this))
    , m_errors(new QLabel(this))
    , m_warnings(new QLabel(this))
    , m_running(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                         | QDialogButtonBox::RestoreDefaults,
                                     this))
{
    setWindowTitle(u"Settings"_s);
    // As the README says: limits at once, where to listen and store at the next start.
    auto *note = new QLabel(u"Changed limits apply at once. The address, port and session folder "
                            u"take effect the next time Hookscope starts; --bind, --port and "
                            u"--session on the command line override them for one run."_s,
                            this);
    note->setWordWrap(true);
    m_running->setWordWrap(true);
    m_running->setTextFormat(Qt::PlainText);
    m_running->hide();
    for (QLabel *label : { m_errors, m_warnings }) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setAutoFillBackground(true);
        label->setMargin(6);
        label->setForegroundRole(QPalette::Text); // tints are checked against Text
    }
    m_errors->setAccessibleName(u"Errors"_s);
    m_warnings->setAccessibleName(u"Warnings"_s);
    tintMessages();
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &SettingsDialog::restoreDefaults);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_running);
    layout->addWidget(createCaptureGroup());
    layout->addWidget(createLimitsGroup());
    layout->addWidget(m_errors);
    layout->addWidget(m_warnings);
    layout->addWidget(note);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(560); // the default session folder's path fits
    setSettings(settings);
}

void SettingsDialog::setRunning(const QHostAddress &address, quint16 port)
{
    const bool differs = port != m_given.port || address != m_given.address;
    m_running->setText(
        u"Capture listens on %1 now: this run's --bind or --port overrides the saved %2, which "
        "the fields below show and the next start uses."_s.arg(
            BindWarning::endpoint(address, port),
            BindWarning::endpoint(m_given.address, m_given.port)));
    m_running->setVisible(differs);
}

QWidget *SettingsDialog::createCaptureGroup()
{
    auto *group = new QGroupBox(u"Capture"_s, this);
    m_address->setPlaceholderText(u"an IP address, such as 127.0.0.1"_s);
    m_address->setToolTip(u"An IP address of this machine: 127.0.0.1 or ::1 (this machine only), "
                          u"0.0.0.0 or :: (every network interface)."_s);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(u"Any free port"_s);
    m_port->setGroupSeparatorShown(false); // 8080, not 8,080
    m_sessionDirectory->setPlaceholderText(defaultSessionDirectory());
    m_sessionDirectory->setToolTip(u"Where new sessions are created; empty: the default."_s);
    auto *browse = new QPushButton(u"Browse…"_s, this);
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::browseSessionDirectory);
    auto *directory = new QHBoxLayout;
    directory->addWidget(m_sessionDirectory, 1);
    directory->addWidget(browse);
    auto *directoryLabel = new QLabel(u"Session &folder:"_s, this);
    directoryLabel->setBuddy(m_sessionDirectory); // a row holding a layout gets no buddy itself
    auto *form = new QFormLayout(group);
    form->addRow(u"Bind &address:"_s, m_address);
    form->addRow(u"&Port:"_s, m_port);
    form->addRow(directoryLabel, directory);
    for (QLineEdit *edit : { m_address, m_sessionDirectory })
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_port, &QSpinBox::valueChanged, this, &SettingsDialog::validate);
    return group;
}

QString SettingsDialog::limitLabel(const LimitField &field)
{
    static const QHash<QString, QString> labels {
        { u"max-body"_s, u"Largest body"_s },
        { u"max-headers"_s, u"Most header lines"_s },
        { u"max-head"_s, u"Largest request head"_s },
        { u"max-target"_s, u"Longest request target"_s },
        { u"max-connections"_s, u"Most open connections"_s },
        { u"idle-timeout"_s, u"Idle timeout"_s },
        { u"head-timeout"_s, u"Head timeout"_s },
        { u"body-timeout"_s, u"Body timeout"_s },
        { u"min-body-rate"_s, u"Least body rate"_s },
    };
    QString fallback = field.option;
    fallback.replace(u'-', u' ');
    return labels.value(field.option, fallback.left(1).toUpper() + fallback.mid(1));
}

// One line edit per limit, in the command line's notation, so a limit added to limitFields()
// appears here without a change.
QWidget *SettingsDialog::createLimitsGroup()
{
    auto *group = new QGroupBox(u"Limits"_s, this);
    auto *form = new QFormLayout(group);
    for (const LimitField &field : limitFields()) {
        auto *edit = new QLineEdit(this);
        edit->setToolTip(u"%1\nOn the command line: --%2 %3"_s.arg(field.description, field.option,
                                                                   field.valueName()));
        edit->setPlaceholderText(field.format(field.get(CaptureLimits {})));
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::validate);
        m_limitEdits.insert(field.option, edit);
        form->addRow(limitLabel(field) + u':', edit);
    }
    return group;
}

void SettingsDialog::setSettings(const CaptureSettings &settings)
{
    m_given = settings;
    m_address->setText(settings.address.toString());
    m_port->setValue(settings.port);
    m_sessionDirectory->setText(settings.sessionDirectory);
    for (const LimitField &field : limitFields())
        m_limitEdits.value(field.option)->setText(field.format(field.get(settings.limits)));
    validate();
}

void SettingsDialog::restoreDefaults()
{
    setSettings(CaptureSettings {});
}

CaptureSettings SettingsDialog::settings() const
{
    CaptureSettings edited = m_given;
    edited.address = QHostAddress(m_address->text().trimmed());
    edited.port = quint16(m_port->value());
    edited.sessionDirectory = m_sessionDirectory->text().trimmed();
    for (const LimitField &field : limitFields()) {
        const auto value = parseOrDefault(field, m_limitEdits.value(field.option)->text());
        if (const auto *number = std::get_if<qint64>(&value))
            field.set(edited.limits, *number);
    }
    return edited;
}

QStringList SettingsDialog::addressProblems(QStringList *warnings) const
{
    const QString text = m_address->text().trimmed();
    const QHostAddress address(text);
    if (text.isEmpty())
        return { u"Bind address: enter an IP address, such as 127.0.0.1."_s };
    if (address.isNull())
        return { u"Bind address: \"%1\" is not an IP address (such as 127.0.0.1, ::1 or "
                 u"0.0.0.0)."_s.arg(text) };
    if (BindWarning::reachableFromOtherMachines(address))
        warnings->append(
            u"Bind address %1: reachable from other machines. Anyone who can reach it can send "
            u"events into your sessions. Use 127.0.0.1 unless you need this."_s.arg(
                BindWarning::endpoint(address, quint16(m_port->value()))));
    if (m_port->value() > 0 && m_port->value() < 1024)
        warnings->append(
            u"Port %1: ports below 1024 usually need administrator rights."_s.arg(m_port->value()));
    return {};
}

QStringList SettingsDialog::directoryProblems(QStringList *warnings) const
{
    const QString path = m_sessionDirectory->text().trimmed();
    if (path.isEmpty())
        return {};
    const QFileInfo info(path);
    if (info.isRelative())
        return { u"Session folder: \"%1\" is not an absolute path."_s.arg(path) };
    if (info.exists() && !info.isDir())
        return { u"Session folder: \"%1\" is a file, not a folder."_s.arg(path) };
    if (!info.exists())
        warnings->append(u"Session folder: \"%1\" does not exist yet; it will be created."_s.arg(
            QDir::toNativeSeparators(path)));
    else if (!info.isWritable())
        warnings->append(u"Session folder: \"%1\" is not writable for you."_s.arg(
            QDir::toNativeSeparators(path)));
    return {};
}

// Each message of LimitField::parse names its option ("--max-body: …"); here the field's label
// is what the user sees.
QStringList SettingsDialog::limitProblems() const
{
    QStringList problems;
    for (const LimitField &field : limitFields()) {
        const auto value = parseOrDefault(field, m_limitEdits.value(field.option)->text());
        if (const auto *message = std::get_if<QString>(&value)) {
            const QString prefix = u"--"_s + field.option;
            const QString reason =
                message->startsWith(prefix) ? message->mid(prefix.size()) : u": "_s + *message;
            problems.append(limitLabel(field) + reason);
        }
    }
    return problems;
}

void SettingsDialog::validate()
{
    QStringList warnings;
    const QStringList errors =
        addressProblems(&warnings) + directoryProblems(&warnings) + limitProblems();
    m_errors->setText(errors.join(u'\n'));
    m_errors->setVisible(!errors.isEmpty());
    m_warnings->setText(warnings.join(u'\n'));
    m_warnings->setVisible(!warnings.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(errors.isEmpty());
}

QString SettingsDialog::errorText() const
{
    return m_errors->text();
}

QString SettingsDialog::warningText() const
{
    return m_warnings->text();
}

void SettingsDialog::accept()
{
    validate();
    if (errorText().isEmpty())
        QDialog::accept();
}

void SettingsDialog::browseSessionDirectory()
{
    const QString start = m_sessionDirectory->text().trimmed();
    const QString chosen = QFileDialog::getExistingDirectory(
        this, u"Session Folder"_s, start.isEmpty() ? defaultSessionDirectory() : start);
    if (!chosen.isEmpty())
        m_sessionDirectory->setText(chosen);
}

void SettingsDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        tintMessages();
}

// The message labels' own palettes: setting a child's palette does not notify this dialog
// again, so this cannot recurse.
void SettingsDialog::tintMessages()
{
    const std::pair<QLabel *, Tints::Kind> messages[] = { { m_errors, Tints::Kind::Error },
                                                          { m_warnings, Tints::Kind::Warning } };
    for (const auto &[label, kind] : messages) {
        QPalette tinted = palette();
        tinted.setColor(QPalette::Window, Tints::background(kind, palette()));
        label->setPalette(tinted);
    }
}
