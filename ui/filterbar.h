#pragma once

#include "filter/filter.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;
class QToolButton;

// The filter expression box: compiles as the user types (debounced), tints itself green or red,
// says where an invalid expression breaks, completes field names, operators and event types, and
// remembers the expressions that were applied.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    QLineEdit *lineEdit() const { return m_edit; }
    QString errorText() const;
    QStringList history() const { return m_history; }
    QStringList completions() const; // what the completion popup offers now
    void setHistory(const QStringList &history);
    void setEventTypes(const QStringList &types) { m_eventTypes = types; }
    void setHeaderNames(const QStringList &names) { m_headerNames = names; }
    // Replaces the text and applies it at once ("Apply as filter").
    void apply(const QString &expression);
    // Replaces the text and leaves it for the user to finish ("Prepare as filter").
    void prepare(const QString &expression);
    void setProgress(int percent); // -1 hides it

    static constexpr int kDebounceMs = 300;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void filterChanged(const Filter &filter);
    void cancelRequested(); // the user stopped a filter that scans the session

private:
    void compileNow();
    void remember(const QString &expression);
    void updateCompletions();
    void setValidity(bool valid, bool empty);

    QLineEdit *m_edit; // owned through QObject parenting
    QToolButton *m_historyButton; // owned through QObject parenting
    QLabel *m_message; // owned through QObject parenting
    QLabel *m_progress; // owned through QObject parenting
    QToolButton *m_cancel; // owned through QObject parenting

public:
    QToolButton *stopButton() const { return m_cancel; }

private:
    QCompleter *m_completer; // owned through QObject parenting
    QStringListModel *m_completions; // owned through QObject parenting
    QTimer m_debounce;
    QStringList m_history;
    QStringList m_eventTypes;
    QStringList m_headerNames;
    QHash<QString, qsizetype> m_completionCursors; // where the cursor goes after each completion
    QString m_applied;
    QPalette m_basePalette;
};
