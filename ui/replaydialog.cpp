#include "replaydialog.h"

#include "signature/secretset.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

ReplayDialog::ReplayDialog(const QString &sentTo, const QString &lastTarget, QWidget *parent)
    : QDialog(parent)
    , m_target(new QComboBox(this))
    , m_scheme(new QComboBox(this))
    , m_secret(new QLineEdit(this))
{
    setWindowTitle(u"Replay"_s);
    m_target->setEditable(true);
    m_target->setInsertPolicy(QComboBox::NoInsert);
    for (const QString &url : { sentTo, lastTarget }) {
        if (!url.isEmpty() && m_target->findText(url) < 0)
            m_target->addItem(url);
    }
    m_target->setCurrentIndex(0);
    m_target->lineEdit()->setPlaceholderText(u"http://127.0.0.1:3000/webhooks"_s);
    auto *pathNote = new QLabel(u"Without a path, each event goes to its own path."_s, this);
    m_scheme->addItem(u"Send as captured"_s, QString());
    for (const QString &scheme : SecretSet::schemes())
        m_scheme->addItem(u"Sign again: %1"_s.arg(scheme), scheme);
    m_secret->setEchoMode(QLineEdit::Password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(u"Target URL"_s, m_target);
    form->addRow(QString(), pathNote);
    form->addRow(u"Signature"_s, m_scheme);
    form->addRow(u"Secret"_s, m_secret);
    form->addRow(buttons);
    resize(520, 160);
}

QUrl ReplayDialog::target() const
{
    return QUrl::fromUserInput(m_target->currentText().trimmed());
}

QLineEdit *ReplayDialog::targetEdit() const
{
    return m_target->lineEdit();
}

ResignOptions ReplayDialog::resign() const
{
    ResignOptions options;
    options.scheme = m_scheme->currentData().toString();
    options.secret = m_secret->text().toUtf8();
    return options;
}
