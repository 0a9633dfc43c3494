#include "capture/captureservice.h"
#include "composedialog.h"
#include "formats/rawhttpreader.h"
#include "loopbacktarget.h"
#include "mainwindow.h"
#include "session/session.h"
#include "signature/signatureverifier.h"
#include "webhookclient.h"

#include <QComboBox>
#include <QDateTime>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {
const QByteArray kSecret = "compose-subscription-secret"_ba;

QByteArray answer(int status)
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: 7\r\n\r\nanswer!";
}

// Answers the statuses in turn (set as each request arrives, before the target answers it).
void answerInTurn(LoopbackTarget &target, const QList<int> &statuses)
{
    QObject::connect(&target, &LoopbackTarget::requestReceived, &target, [&target, statuses] {
        const qsizetype index = qMin(target.requests().size(), statuses.size()) - 1;
        target.setResponse(answer(statuses.at(index)));
    });
}

Event parsed(const QByteArray &raw)
{
    RawHttpReader reader(raw);
    QString error;
    const std::optional<Event> event = reader.next(&error);
    return event.value_or(Event());
}

// The lines of the editor marked with a background, 1-based.
QList<int> markedLines(const QPlainTextEdit *editor)
{
    QList<int> lines;
    for (const QTextEdit::ExtraSelection &mark : editor->extraSelections())
        lines.append(mark.cursor.block().blockNumber() + 1);
    return lines;
}

int errorRows(const QTreeWidget *problems, const QString &pointer = {})
{
    int rows = 0;
    for (int i = 0; i < problems->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = problems->topLevelItem(i);
        rows += !item->text(2).contains(u"not documented"_s)
            && (pointer.isEmpty() || item->text(1) == pointer);
    }
    return rows;
}

// Replaces the first TEXT of the editor's body with BY, as typing would (one undoable edit).
void edit(QPlainTextEdit *editor, const QString &text, const QString &by)
{
    const QTextCursor found = editor->document()->find(text);
    QVERIFY2(!found.isNull(), qPrintable(text));
    QTextCursor cursor = found;
    cursor.insertText(by);
}
} // namespace

class tst_ComposeDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void invalidBodyShowsViolationsBeforeSending();
    void nothingIsSentWithoutATarget();
    void editAndReplayStartsFromTheEvent();
    void windowOpensTheSelectedEventThere();

private:
    SchemaRegistry m_registry;
    SecretSet m_secrets;
};

void tst_ComposeDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_registry = SchemaRegistry::withBundledCatalog();
    m_secrets.add(u"solaris"_s, kSecret);
}

// Issue 19: open from a catalog example, break a field (its line marked, the Fields tab's
// message listed, nothing sent), fix it, send to a target answering 500 then 200: two attempts,
// each kept as sent, signed, and verified by Hookscope's own verifier.
void tst_ComposeDialog::invalidBodyShowsViolationsBeforeSending()
{
    LoopbackTarget target;
    QVERIFY(target.listen());
    answerInTurn(target, { 500, 200 });
    ComposeDialog dialog(m_registry, m_secrets, QUrl(u"http://127.0.0.1:1"_s));
    dialog.show();
    dialog.startFromExample(u"identification"_s);
    QCOMPARE(dialog.eventBox()->currentText(), u"IDENTIFICATION"_s);
    QCOMPARE(errorRows(dialog.problemsView()), 0);
    QVERIFY(markedLines(dialog.bodyEdit()).isEmpty());
    QCOMPARE(dialog.schemeBox()->currentData().toString(), u"solaris"_s);
    QCOMPARE(dialog.secretBox()->currentIndex(), 1); // the user's own Solaris secret
    QVERIFY(!dialog.secretBox()->currentText().contains(QString::fromLatin1(kSecret)));

    const QString body = dialog.bodyEdit()->toPlainText();
    const int methodLine = int(body.left(body.indexOf(u"\"method\""_s)).count(u'\n')) + 1;
    QVERIFY(methodLine > 1);
    edit(dialog.bodyEdit(), u"\"method\": \"bank\""_s, u"\"method\": 7"_s);
    QTRY_VERIFY(errorRows(dialog.problemsView(), u"/method"_s) > 0); // after a pause in typing
    const QList<LineViolation> problems = dialog.problems();
    const auto wrong = std::find_if(problems.cbegin(), problems.cend(), [](const auto &p) {
        return p.violation.pointer == u"/method"_s;
    });
    QCOMPARE(wrong->line, methodLine);
    QVERIFY(markedLines(dialog.bodyEdit()).contains(methodLine));
    Event captured; // the same bytes captured: the Fields tab's messages
    captured.headers = { { "Content-Type", "application/json" } };
    captured.body = dialog.bodyEdit()->toPlainText().toUtf8();
    const EventAnalysis analysis = Analyzer(m_registry).analyzeAs(captured, u"IDENTIFICATION"_s);
    QVERIFY(analysis.errorCount() > 0);
    QStringList fieldsTab;
    for (const Violation &violation : analysis.violations)
        fieldsTab.append(QString::number(methodLine) + u' ' + violation.message);
    QStringList listed;
    for (int i = 0; i < dialog.problemsView()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *row = dialog.problemsView()->topLevelItem(i);
        listed.append(row->text(0) + u' ' + row->text(2));
    }
    fieldsTab.sort();
    listed.sort();
    QCOMPARE(listed, fieldsTab);
    QVERIFY(target.requests().isEmpty());

    edit(dialog.bodyEdit(), u"\"method\": 7"_s, u"\"method\": \"bank\""_s);
    QTRY_COMPARE(errorRows(dialog.problemsView()), 0);
    QVERIFY(markedLines(dialog.bodyEdit()).isEmpty());

    dialog.targetEdit()->setText(target.url(u"/hooks"_s).toString());
    dialog.retryEdit()->setText(u"10ms"_s);
    QSignalSpy finished(&dialog, &ComposeDialog::sendFinished);
    QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
    QVERIFY(finished.wait(10'000));
    QTreeWidget *attempts = dialog.attemptsView();
    QCOMPARE(attempts->topLevelItemCount(), 2);
    QCOMPARE(target.requests().size(), 2);
    const SignatureVerifier verifier(m_secrets);
    QByteArray webhookId;
    for (int i = 0; i < 2; ++i) {
        const QTreeWidgetItem *attempt = attempts->topLevelItem(i);
        QCOMPARE(attempt->text(1), u"sent"_s);
        QCOMPARE(attempt->text(2), QString::number(i + 1));
        QCOMPARE(attempt->text(3), i == 0 ? u"500 X"_s : u"200 X"_s);
        const QByteArray sent = attempt->data(0, ComposeDialog::SentBytesRole).toByteArray();
        QCOMPARE(sent, target.requests().at(i)); // kept byte for byte as the target read it
        QVERIFY(!sent.contains(kSecret));
        const Event request = parsed(sent);
        QCOMPARE(request.body, dialog.bodyEdit()->toPlainText().toUtf8());
        QCOMPARE(request.headerValue("Solaris-Webhook-Attempt"), QByteArray::number(i + 1));
        QCOMPARE(request.headerValue("Solaris-Webhook-Event-Type"), "IDENTIFICATION"_ba);
        QVERIFY(request.headerValue("Solaris-Webhook-Signature").startsWith("sha256="));
        webhookId = i == 0 ? request.headerValue("Solaris-Webhook-Id") : webhookId;
        QCOMPARE(request.headerValue("Solaris-Webhook-Id"), webhookId);
        QCOMPARE(
            verifier.verify(request, u"IDENTIFICATION"_s, QDateTime::currentSecsSinceEpoch()).state,
            SignatureState::Valid);
    }
    QVERIFY(attempts->topLevelItem(0)->text(5).startsWith(u"retrying in 10ms"_s));
    QCOMPARE(attempts->topLevelItem(1)->text(5), u"accepted"_s);
    // The view shows the last attempt (an editor shows CR LF as line ends; the bytes are kept).
    QCOMPARE(dialog.sentView()->toPlainText(),
             QString::fromUtf8(target.requests().at(1)).replace(u"\r\n"_s, u"\n"_s));
    QVERIFY(dialog.answerView()->toPlainText().startsWith(u"HTTP/1.1 200 X"_s));
    QVERIFY(!dialog.statusText().contains(QString::fromLatin1(kSecret)));
}

void tst_ComposeDialog::nothingIsSentWithoutATarget()
{
    ComposeDialog dialog(m_registry, m_secrets, {});
    dialog.startFromExample(u"BOOKING"_s);
    QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
    QVERIFY(!dialog.isSending());
    QCOMPARE(dialog.attemptsView()->topLevelItemCount(), 0);
    QVERIFY2(dialog.statusText().startsWith(u"Target: required"_s),
             qPrintable(dialog.statusText()));
}

// Edit and Replay: the captured body exactly, its headers in the table less what the connection
// owns, the event type picked.
void tst_ComposeDialog::editAndReplayStartsFromTheEvent()
{
    Event event;
    event.method = "POST";
    event.target = "/hooks";
    event.body = "{\"id\":\"b1\",\r\n \"amount\": 1.50}"_ba;
    event.headers = { { "Host", "127.0.0.1:8080" },
                      { "Content-Type", "application/json" },
                      { "Content-Length", "30" },
                      { "Solaris-Webhook-Event-Type", "BOOKING" } };
    ComposeDialog dialog(m_registry, m_secrets, {});
    dialog.setSelectedEvent(event, u"BOOKING"_s);
    dialog.startFromEvent(event, u"BOOKING"_s);
    QCOMPARE(dialog.eventBox()->currentText(), u"BOOKING"_s);
    QCOMPARE(dialog.request().body, event.body);
    QCOMPARE(dialog.headersTable()->rowCount(), 2);
    QCOMPARE(dialog.headersTable()->item(0, 0)->text(), u"Content-Type"_s);
    QCOMPARE(dialog.headersTable()->item(1, 1)->text(), u"BOOKING"_s);
    QCOMPARE(dialog.request().headers.size(), 2);
}

// The window's hooks: Edit and Replay on the row menu opens Compose with the selected event's
// exact body, its type chosen, and the capture's own address known (one attempt there).
void tst_ComposeDialog::windowOpensTheSelectedEventThere()
{
    QTemporaryDir dir;
    CaptureOptions options;
    options.port = 0;
    options.sessionPath = dir.filePath(u"compose.hookscope"_s);
    options.analyzer = std::make_shared<Analyzer>(m_registry);
    CaptureService capture;
    QCOMPARE(capture.start(options), std::nullopt);
    Session session(&capture);
    MainWindow window(&session);
    window.show();
    const QByteArray body = R"({"id":"abc","status":"created"})"_ba;
    QVERIFY(WebhookClient().post(capture.listenUrl() + u"/hooks"_s, body));
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 1, 10'000);
    window.tableView()->selectRow(0);
    std::unique_ptr<QMenu> menu(window.createRowMenu());
    QAction *editAndReplay = nullptr;
    for (QAction *action : menu->actions())
        editAndReplay =
            action->text().remove(u'&') == u"Edit and Replay…"_s ? action : editAndReplay;
    QVERIFY(editAndReplay);
    QVERIFY(window.findChildren<ComposeDialog *>().isEmpty()); // not before it is asked for
    editAndReplay->trigger();
    auto *dialog = window.findChild<ComposeDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->eventBox()->currentText(), u"IDENTIFICATION"_s);
    QCOMPARE(dialog->request().body, body);
    dialog->targetEdit()->setText(capture.listenUrl() + u"/again"_s);
    dialog->secretEdit()->setText(u"typed"_s);
    dialog->retryEdit()->setText(u"10ms,10ms"_s);
    QSignalSpy finished(dialog, &ComposeDialog::sendFinished);
    dialog->send();
    QVERIFY(dialog->statusText().contains(u"own capture address: one attempt"_s));
    QVERIFY(finished.wait(10'000));
    QCOMPARE(dialog->attemptsView()->topLevelItemCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(window.tableView()->model()->rowCount(), 2, 10'000);
}

QTEST_MAIN(tst_ComposeDialog)
#include "tst_composedialog.moc"
