#include "rulesdialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

RulesDialog::RulesDialog(const ResponseRules &rules, QWidget *parent)
    : QDialog(parent)
    , m_rules(rules)
    , m_editor(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(u"Response Rules"_s);
    auto *help = new QLabel(
        u"Rules are tried in order; the first whose filter matches answers. Without a match "
        "Hookscope answers 200 {}. The WEBHOOK-SUBSCRIPTION check is answered 200 unless a "
        "rule names it. Solaris cancels the subscription on 410 and drops the event on 422."_s,
        this);
    help->setWordWrap(true);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlainText(rules.isEmpty() ? example() : QString::fromUtf8(rules.toJson()));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #d0342c"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &RulesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RulesDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(help);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(720, 480);
}

QString RulesDialog::example()
{
    return uR"([
  {"filter": "event == \"IDENTIFICATION\" && json.status == \"failed\"", "status": 422,
   "body": {"error": "rejected by Hookscope rule"}},
  {"filter": "header[\"Solaris-Webhook-Attempt\"] < 3", "status": 500, "delayMs": 2000,
   "body": "try again"}
]
)"_s;
}

void RulesDialog::accept()
{
    const QString text = m_editor->toPlainText().trimmed();
    auto parsed = ResponseRules::fromJson(text.isEmpty() ? "[]"_ba : text.toUtf8(), u"rules"_s);
    if (const auto *error = std::get_if<QString>(&parsed)) {
        m_error->setText(*error);
        return;
    }
    m_rules = std::get<ResponseRules>(std::move(parsed));
    QDialog::accept();
}
