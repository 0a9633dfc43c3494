#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

// "Find in this event": a text box with previous/next and what was found, shown by Ctrl+F in
// the detail view and hidden by Escape. Enter finds the next match, Shift+Enter the previous;
// the owner does the finding (findRequested) and says how it went (setStatus).
class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(QWidget *parent = nullptr);

    void start(); // shows the bar with its text selected, ready to type
    QString text() const;
    void setStatus(const QString &status, bool found);
    QLineEdit *lineEdit() const { return m_edit; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void findRequested(const QString &text, bool backward);
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_edit; // owned through QObject parenting
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_status;
};
