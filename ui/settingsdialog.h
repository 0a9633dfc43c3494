#pragma once

#include "settings/capturesettings.h"

#include <QDialog>
#include <QHash>

class QDialogButtonBox;
class QHostAddress;
class QLabel;
class QLineEdit;
class QSpinBox;
struct LimitField;

// Settings: where capture listens, where new sessions go, and every capture limit (one field per
// entry of limitFields(), written as on the command line: "10M", "30s"). Checks as the user
// types: an address that is not an IP or a limit that does not parse or is out of range blocks
// OK with the reason; a bind wider than loopback, a privileged port or a folder still to be
// created only warn. The caller saves settings() (AppSettings::saveCapture); they take effect
// on the next start.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const CaptureSettings &settings, QWidget *parent = nullptr);

    // What the fields say; a field that does not parse keeps the value given.
    CaptureSettings settings() const;
    void setSettings(const CaptureSettings &settings);
    void restoreDefaults();
    // Where capture listens in this run; said above the fields when --bind or --port differs
    // from the saved settings, so the dialog never hides the port in use.
    void setRunning(const QHostAddress &address, quint16 port);
    QLabel *runningNote() const { return m_running; }
    // Empty when the fields can be saved; else one line per problem, naming the field.
    QString errorText() const;
    QString warningText() const;

    QLineEdit *addressEdit() const { return m_address; }
    QSpinBox *portBox() const { return m_port; }
    QLineEdit *sessionDirectoryEdit() const { return m_sessionDirectory; }
    // The field of the limit with this command-line option ("max-body"), or nullptr.
    QLineEdit *limitEdit(const QString &option) const { return m_limitEdits.value(option); }
    // "Largest body" for "max-body": how the dialog and its messages name a limit.
    static QString limitLabel(const LimitField &field);
    QDialogButtonBox *buttons() const { return m_buttons; }

public Q_SLOTS:
    void accept() override; // refuses while errorText() is not empty

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createCaptureGroup();
    QWidget *createLimitsGroup();
    void browseSessionDirectory();
    void validate();
    void tintMessages();
    QStringList addressProblems(QStringList *warnings) const;
    QStringList directoryProblems(QStringList *warnings) const;
    QStringList limitProblems() const;

    CaptureSettings m_given; // what the dialog opened with (or the defaults once restored)
    QLineEdit *m_address; // owned through QObject parenting
    QSpinBox *m_port;
    QLineEdit *m_sessionDirectory;
    QHash<QString, QLineEdit *> m_limitEdits; // by LimitField::option
    QLabel *m_errors;
    QLabel *m_warnings;
    QLabel *m_running; // this run's address when the command line overrides the saved one
    QDialogButtonBox *m_buttons;
};
