#include "diff/headerdiff.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// "Name: value" per line.
HeaderList headers(const QByteArray &text)
{
    HeaderList list;
    for (const QByteArray &line : text.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            list.append({ line.first(colon), line.mid(colon + 1).trimmed() });
    }
    return list;
}

// "same:Content-Type=a|a; removed:X-Tag=b|" : kind, name, left and right value.
QString summary(const QList<DiffEntry> &rows)
{
    QStringList parts;
    for (const DiffEntry &row : rows) {
        parts.append(diffKindName(row.kind) + u':' + row.pointer + u'=' + row.left.toString() + u'|'
                     + row.right.toString());
    }
    return parts.join(u"; "_s);
}
} // namespace

class TestHeaderDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void align_data();
    void align();
    void absentSideIsUndefined();
    void valuesAreComparedAsBytes();
};

void TestHeaderDiff::align_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<QString>("rows");

    QTest::newRow("identical")
        << "Host: a\nContent-Type: application/json"_ba
        << "Host: a\nContent-Type: application/json"_ba
        << u"same:Host=a|a; same:Content-Type=application/json|application/json"_s;
    QTest::newRow("name case is ignored") << "Content-Type: x"_ba
                                          << "content-type: x"_ba << u"same:Content-Type=x|x"_s;
    QTest::newRow("value case is not") << "X-Mode: Test"_ba
                                       << "X-Mode: test"_ba << u"changed:X-Mode=Test|test"_s;
    QTest::newRow("added keeps the right's spelling")
        << "A: 1"_ba
        << "A: 1\nx-NEW: 2"_ba << u"same:A=1|1; added:x-NEW=|2"_s;
    QTest::newRow("removed") << "A: 1\nB: 2"_ba
                             << "A: 1"_ba << u"same:A=1|1; removed:B=2|"_s;
    QTest::newRow("duplicates, fewer on the right")
        << "X-Tag: a\nX-Tag: b"_ba
        << "x-tag: a"_ba << u"same:X-Tag=a|a; removed:X-Tag=b|"_s;
    QTest::newRow("duplicates, more on the right")
        << "X-Tag: a"_ba
        << "X-TAG: a\nx-tag: c"_ba << u"same:X-Tag=a|a; added:x-tag=|c"_s;
    QTest::newRow("duplicates compared in order")
        << "X: 1\nY: 1\nX: 2"_ba
        << "X: 1\nX: 3"_ba << u"same:X=1|1; changed:X=2|3; removed:Y=1|"_s;
    QTest::newRow("grouped in the left's order, then the right's new names")
        << "A: 1\nB: 1"_ba
        << "C: 1\nB: 1\nD: 1\nA: 1"_ba << u"same:A=1|1; same:B=1|1; added:C=|1; added:D=|1"_s;
    QTest::newRow("empty sides") << QByteArray() << QByteArray() << QString();
    QTest::newRow("all new") << QByteArray() << "A: 1"_ba << u"added:A=|1"_s;
}

void TestHeaderDiff::align()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    QFETCH(QString, rows);
    const QList<DiffEntry> aligned = alignHeaders(headers(left), headers(right));
    QCOMPARE(summary(aligned), rows);
    QList<DiffEntry> differing = aligned;
    differing.removeIf([](const DiffEntry &row) { return row.kind == DiffKind::Same; });
    QCOMPARE(summary(diffHeaders(headers(left), headers(right))), summary(differing));
}

void TestHeaderDiff::absentSideIsUndefined()
{
    const QList<DiffEntry> rows = diffHeaders(headers("A: 1"_ba), headers("B: 2"_ba));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).kind, DiffKind::Removed);
    QVERIFY(rows.at(0).right.isUndefined());
    QCOMPARE(rows.at(1).kind, DiffKind::Added);
    QVERIFY(rows.at(1).left.isUndefined());
}

void TestHeaderDiff::valuesAreComparedAsBytes()
{
    // Two different invalid UTF-8 bytes both read as U+FFFD, yet they differ.
    const HeaderList left { { "X"_ba, "\xff"_ba } };
    const HeaderList right { { "X"_ba, "\xfe"_ba } };
    const QList<DiffEntry> rows = diffHeaders(left, right);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().kind, DiffKind::Changed);
    QCOMPARE(rows.first().left, rows.first().right);
}

QTEST_GUILESS_MAIN(TestHeaderDiff)
#include "tst_headerdiff.moc"
