#pragma once

#include "rules/responserules.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;

// Edits the response rules as their JSON (the same form --rules FILE takes), checking them
// before they are accepted: a rule that does not compile never reaches the server.
class RulesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RulesDialog(const ResponseRules &rules, QWidget *parent = nullptr);

    ResponseRules rules() const { return m_rules; }
    QPlainTextEdit *editor() const { return m_editor; }
    void accept() override;

    static QString example();

private:
    ResponseRules m_rules;
    QPlainTextEdit *m_editor; // owned through QObject parenting
    QLabel *m_error; // owned through QObject parenting
};
