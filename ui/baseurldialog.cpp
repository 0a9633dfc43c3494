#include "baseurldialog.h"

#include "formats/exportwriter.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

BaseUrlDialog::BaseUrlDialog(const QString &current, const QString &sentTo, QWidget *parent)
    : QDialog(parent)
    , m_url(new QLineEdit(current, this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(u"Commands Send To"_s);
    auto *label = new QLabel(u"Base URL for copied curl, HTTPie and raw commands. Empty: where "
                             u"each request was sent (its Host header and path)."_s,
                             this);
    label->setWordWrap(true);
    m_url->setPlaceholderText(sentTo.isEmpty() ? u"where each request was sent"_s : sentTo);
    m_url->setClearButtonEnabled(true);
    m_problem->setTextFormat(Qt::PlainText);
    connect(m_url, &QLineEdit::textChanged, this, &BaseUrlDialog::check);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_url);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    resize(480, sizeHint().height());
    check();
}

QString BaseUrlDialog::url() const
{
    return m_url->text().trimmed();
}

void BaseUrlDialog::check()
{
    const bool ok = url().isEmpty() || ExportOptions::isBaseUrl(url());
    m_problem->setText(ok ? QString() : u"\"%1\" is not an http:// or https:// URL."_s.arg(url()));
    m_problem->setVisible(!ok);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}
