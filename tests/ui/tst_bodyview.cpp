#include "bodyview.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The Raw tab's hex dump: offset, 16 bytes in hex, the same bytes as text.
class TestBodyView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hexDumpRows();
    void hexDumpStopsAtTheLimit();
    void prettyJsonKeepsWhatWasSent();
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

// Raw ▸ Pretty re-indents and nothing else: order, duplicates, numbers and escapes as sent.
void TestBodyView::prettyJsonKeepsWhatWasSent()
{
    BodyView view;
    view.setBody(R"({"z":12345678901234567890,"a":[1.50,1e2,-0.0],"z":"\u00fc"})"_ba);
    QCOMPARE(view.mode(), BodyView::Mode::PrettyJson);
    QCOMPARE(view.shownText(),
             u"{\n    \"z\": 12345678901234567890,\n    \"a\": [\n        1.50,\n        1e2,\n"
             "        -0.0\n    ],\n    \"z\": \"\\u00fc\"\n}"_s);
}

QTEST_MAIN(TestBodyView)
#include "tst_bodyview.moc"
