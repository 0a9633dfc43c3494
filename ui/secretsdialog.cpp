#include "secretsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SecretsDialog::SecretsDialog(const SecretSet &saved, int commandLineCount, QWidget *parent)
    : QDialog(parent)
    , m_secrets(saved)
    , m_list(new QTreeWidget(this))
    , m_scheme(new QComboBox(this))
    , m_eventType(new QLineEdit(this))
    , m_value(new QLineEdit(this))
{
    setWindowTitle(u"Signature Secrets"_s);
    m_list->setHeaderLabels({ u"Secret"_s, u"Scheme"_s, u"Event type"_s });
    m_list->setRootIsDecorated(false);
    m_scheme->addItems(SecretSet::schemes());
    m_eventType->setPlaceholderText(
        u"optional, e.g. IDENTIFICATION (Solaris: one secret per subscription)"_s);
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setPlaceholderText(u"the secret (whsec_… for Standard Webhooks and Stripe)"_s);
    auto *add = new QPushButton(u"Add"_s, this);
    auto *remove = new QPushButton(u"Remove Selected"_s, this);
    connect(add, &QPushButton::clicked, this, [this] {
        addSecret(m_scheme->currentText(), m_eventType->text().trimmed(), m_value->text().toUtf8());
        m_value->clear();
    });
    connect(remove, &QPushButton::clicked, this, &SecretsDialog::removeSelected);
    auto *form = new QFormLayout;
    form->addRow(u"Scheme"_s, m_scheme);
    form->addRow(u"Event type"_s, m_eventType);
    form->addRow(u"Secret"_s, m_value);
    auto *note = new QLabel(
        u"Saved in %1 (readable by you only), never in sessions or exports.%2"_s.arg(
            SecretSet::userFilePath(),
            commandLineCount
                ? u"\n%1 more from --secret apply to this run only."_s.arg(commandLineCount)
                : QString()),
        this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(remove, 0, Qt::AlignRight);
    layout->addLayout(form);
    layout->addWidget(add, 0, Qt::AlignRight);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(640, 460);
    refresh();
}

void SecretsDialog::addSecret(const QString &scheme, const QString &eventType,
                              const QByteArray &value)
{
    if (value.isEmpty())
        return;
    m_secrets.add(scheme, value, eventType);
    refresh();
}

void SecretsDialog::removeSelected()
{
    QStringList labels;
    for (const QTreeWidgetItem *item : m_list->selectedItems())
        labels.append(item->text(0));
    SecretSet kept;
    for (const Secret &secret : m_secrets.secrets()) {
        if (!labels.contains(secret.label))
            kept.add(secret.scheme, secret.value, secret.eventType);
    }
    for (const HmacConfig &config : m_secrets.hmacConfigs())
        kept.addHmacConfig(config);
    m_secrets = kept;
    refresh();
}

void SecretsDialog::refresh()
{
    m_list->clear();
    for (const Secret &secret : m_secrets.secrets())
        m_list->addTopLevelItem(
            new QTreeWidgetItem({ secret.label, secret.scheme, secret.eventType }));
    m_list->resizeColumnToContents(0);
}
