#include "bodyview.h"

#include <QCheckBox>
#include <QFile>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>

using namespace Qt::StringLiterals;

// The Raw tab's hex dump: offset, 16 bytes in hex, the same bytes as text.
class TestBodyView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hexDumpRows();
    void hexDumpStopsAtTheLimit();
    void showAllSaveAndWrap();
};

void TestBodyView::hexDumpRows()
{
    const QByteArray bytes = "{\"a\":\"%1\"}\r\n\x01\x7f\xff"_ba;
    QCOMPARE(BodyView::hexDump(bytes, 1024),
             u"00000000  7b 22 61 22 3a 22 25 31 22 7d 0d 0a 01 7f ff     {\"a\":\"%1\"}.....\n"_s);
    const QByteArray twoRows(20, 'x');
    const QStringList rows = BodyView::hexDump(twoRows, 1024).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 2);
    QVERIFY(rows.at(0).startsWith(u"00000000  78 78"_s));
    QVERIFY(rows.at(1).startsWith(u"00000010  78 78 78 78 "_s));
    QVERIFY(rows.at(1).endsWith(u"  xxxx"_s));
}

void TestBodyView::hexDumpStopsAtTheLimit()
{
    const QString dump = BodyView::hexDump(QByteArray(100, 'y'), 32);
    QCOMPARE(dump.count(u'\n'), 2);
    QVERIFY(!dump.contains(u"00000020"_s));
}

// Beyond the 2 MiB preview the whole body shows on request; Save writes the exact bytes; word
// wrap toggles (issue 16, item 13).
void TestBodyView::showAllSaveAndWrap()
{
    BodyView view;
    // Lines, as a large NDJSON or pretty-printed body has them (one 2 MiB line is a layout
    // test of QPlainTextEdit, not of this view).
    QByteArray body = "\"head\"\n"_ba;
    while (body.size() <= BodyView::kTextLimit)
        body += QByteArray(99, 'a') + '\n';
    body += "tail-marker\r\n"_ba;
    view.setBody(body);
    QVERIFY(view.isCut());
    QVERIFY(!view.shownText().contains(u"tail-marker"_s));
    QVERIFY(!view.find(u"tail-marker"_s, false));
    view.showAll();
    QVERIFY(!view.isCut());
    QVERIFY(view.shownText().contains(u"tail-marker"_s));
    QVERIFY(view.find(u"TAIL-marker"_s, false));
    QCOMPARE(view.textEdit()->textCursor().selectedText(), u"tail-marker"_s);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"body.bin"_s);
    QCOMPARE(view.saveTo(path), QString());
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), body);
    QVERIFY(!view.saveTo(dir.filePath(u"no/such/folder/x"_s)).isEmpty());

    QCOMPARE(view.textEdit()->lineWrapMode(), QPlainTextEdit::NoWrap);
    auto *wrap = view.findChild<QCheckBox *>();
    QVERIFY(wrap);
    wrap->click();
    QCOMPARE(view.textEdit()->lineWrapMode(), QPlainTextEdit::WidgetWidth);

    view.setBody("{}"_ba); // the next body starts cut again, when it is large
    view.setBody(body);
    QVERIFY(view.isCut());
}

QTEST_MAIN(TestBodyView)
#include "tst_bodyview.moc"
