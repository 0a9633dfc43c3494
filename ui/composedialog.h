#pragma once

#include "compose/composedrequest.h"
#include "compose/compositioncheck.h"
#include "delivery/webhooksender.h"
#include "schema/schemaregistry.h"
#include "signature/secretset.h"

#include <QDialog>
#include <QTimer>
#include <QUrl>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;

// Compose (Capture ▸ Compose Webhook, and Edit and Replay on a row): play the sender. The body
// is checked against the event's schema while it is typed, each problem marked on its line and
// listed with the Fields tab's message; the headers are a table; the target (required), the
// signing scheme and secret (one the user keeps, or typed; never shown) and the retry schedule
// are chosen; Send goes through WebhookSender as `hookscope send` does. Every attempt is listed,
// marked "sent", with the exact request bytes written to the target beside its answer.
class ComposeDialog : public QDialog
{
    Q_OBJECT
public:
    ComposeDialog(SchemaRegistry registry, SecretSet secrets, QUrl ownCapture,
                  QWidget *parent = nullptr);
    ~ComposeDialog() override;

    // The event selected in the window, offered by "From Selected Event".
    void setSelectedEvent(const Event &event, const QString &eventType);
    void startFromExample(const QString &eventType);
    void startFromEvent(const Event &event, const QString &eventType);
    void setTarget(const QString &target);

    // What the dialog would send now.
    ComposedRequest request() const;
    // Checks the body now (typing checks it after a short pause).
    void checkNow();
    const QList<LineViolation> &problems() const { return m_problems; }
    // Sends the request, or says in statusText() why not.
    void send();
    bool isSending() const { return m_sender != nullptr; }

    QComboBox *eventBox() const { return m_event; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QTreeWidget *problemsView() const { return m_problemsView; }
    QTableWidget *headersTable() const { return m_headers; }
    QLineEdit *targetEdit() const { return m_target; }
    QComboBox *schemeBox() const { return m_scheme; }
    QComboBox *secretBox() const { return m_savedSecret; }
    QLineEdit *secretEdit() const { return m_secret; }
    QLineEdit *retryEdit() const { return m_retry; }
    QPushButton *sendButton() const { return m_send; }
    QTreeWidget *attemptsView() const { return m_attempts; }
    QPlainTextEdit *sentView() const { return m_sentView; }
    QPlainTextEdit *answerView() const { return m_answerView; }
    QString statusText() const;

    enum AttemptRole { SentBytesRole = Qt::UserRole + 1, AnswerRole };

Q_SIGNALS:
    void sendFinished();

private:
    QWidget *createBodyPane();
    QWidget *createSendPane();
    QWidget *createAttemptsPane();
    void apply(const ComposedRequest &request);
    QByteArray body() const;
    void setHeaders(const HeaderList &headers);
    HeaderList headers() const;
    void fillSecrets();
    void markLines();
    void showAttempt(const WebhookSender::Attempt &attempt);
    void showSelectedAttempt();
    void finishSending();

    SchemaRegistry m_registry;
    CompositionCheck m_check;
    SecretSet m_secrets;
    QUrl m_own;
    std::optional<Event> m_selected;
    QString m_selectedType;
    QList<LineViolation> m_problems;
    // The body as started from and the editor's text of it: sent byte for byte while the text is
    // unedited (an editor keeps neither CR LF nor invalid UTF-8).
    QByteArray m_startBody;
    QString m_startText;
    QTimer m_checkTimer;
    WebhookSender *m_sender = nullptr; // owned while sending, through QObject parenting

    // owned through QObject parenting
    QComboBox *m_event;
    QPushButton *m_fromSelected;
    QPlainTextEdit *m_body;
    QTreeWidget *m_problemsView;
    QTableWidget *m_headers;
    QLineEdit *m_target;
    QComboBox *m_scheme;
    QComboBox *m_savedSecret;
    QLineEdit *m_secret;
    QLineEdit *m_retry;
    QLineEdit *m_timeout;
    QPushButton *m_send;
    QLabel *m_status;
    QTreeWidget *m_attempts;
    QPlainTextEdit *m_sentView;
    QPlainTextEdit *m_answerView;
};
