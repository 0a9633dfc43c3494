#include "diff/diffmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
Event makeEvent(const QByteArray &body, const HeaderList &headers = {},
                const QByteArray &target = "/hooks"_ba)
{
    Event event;
    event.method = "POST"_ba;
    event.target = target;
    event.headers = headers;
    event.body = body;
    return event;
}

QByteArray readData(const QString &name)
{
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA) + u"/diff/"_s + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every row, column 0, depth first: the order a fully expanded tree view shows.
QModelIndexList walk(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QModelIndexList rows;
    QModelIndexList stack;
    for (int row = model.rowCount(parent) - 1; row >= 0; --row)
        stack.append(model.index(row, 0, parent));
    while (!stack.isEmpty()) {
        const QModelIndex index = stack.takeLast();
        rows.append(index);
        for (int row = model.rowCount(index) - 1; row >= 0; --row)
            stack.append(model.index(row, 0, index));
    }
    return rows;
}

QString describe(const QModelIndex &index)
{
    const auto kind = DiffKind(index.data(DiffModel::DiffKindRole).toInt());
    return diffKindName(kind) + u':' + index.data(DiffModel::PointerRole).toString();
}

// The differences as a full walk of the tree finds them.
QString walkedDifferences(const QAbstractItemModel &model)
{
    QStringList parts;
    for (const QModelIndex &index : walk(model)) {
        if (index.data(DiffModel::IsDifferenceRole).toBool())
            parts.append(describe(index));
    }
    return parts.join(u"; "_s);
}

// The differences as nextDifference() visits them, starting from nothing, stopping at the wrap.
QString navigatedDifferences(const DiffModel &model)
{
    QStringList parts;
    QModelIndex at = model.nextDifference({});
    for (int n = 0; n < model.differenceCount(); ++n) {
        if (model.differenceNumber(at) != n)
            return u"wrong number %1 at step %2"_s.arg(model.differenceNumber(at)).arg(n);
        parts.append(describe(at));
        at = model.nextDifference(at);
    }
    if (at != model.nextDifference({}))
        return u"did not wrap to the first"_s;
    return parts.join(u"; "_s);
}

QModelIndex findRow(const QAbstractItemModel &model, const QModelIndex &parent, const QString &key)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data().toString() == key)
            return index;
    }
    return {};
}

QString cell(const QModelIndex &index, int column)
{
    return index.siblingAtColumn(column).data().toString();
}

// Compares the current test row's bodies (columns "left" and "right").
void compareRow(DiffModel &model)
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    model.setEvents(makeEvent(left), makeEvent(right));
}

DiffKind kindOf(const QModelIndex &index)
{
    return DiffKind(index.data(DiffModel::DiffKindRole).toInt());
}
} // namespace

class TestDiffModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pairs_data();
    void pairs();
    void kindsAtSeveralDepths();
    void valuesAsSent_data();
    void valuesAsSent();
    void copyValueIsAsSent();
    void identicalEventsHaveNoDifferences();
    void navigationOrderAndWrapAround();
    void headersSection();
    void nonJsonBodies_data();
    void nonJsonBodies();
    void typeChangedContainerShowsBothSides();
    void largeArrayIsGroupedAndNavigable();
    void largeObjectsUnionAcrossGroups();
    void pointerRoleEscapesTokens();
    void resetIsTheOnlyStructuralSignal();
    void clearEmptiesTheModel();
};

void TestDiffModel::pairs_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<QString>("differences");

    QTest::newRow("identical JSON") << R"({"a":[1,{"b":null}]})"_ba
                                    << R"({"a":[1,{"b":null}]})"_ba << QString();
    QTest::newRow("same JSON, other bytes") << R"({"a":1,"b":2})"_ba
                                            << "{ \"b\": 2,\n  \"a\": 1 }"_ba << QString();
    QTest::newRow("several depths")
        << R"({"a":1,"n":{"m":{"k":"x","keep":0},"gone":true}})"_ba
        << R"({"a":2,"n":{"m":{"k":"y","keep":0},"new":[1]}})"_ba
        << u"changed:/a; changed:/n/m/k; removed:/n/gone; added:/n/new"_s;
    QTest::newRow("arrays of different lengths")
        << R"({"x":[1,2,3],"y":[{"v":1}]})"_ba
        << R"({"x":[1],"y":[{"v":1},{"v":2},{"v":3}]})"_ba
        << u"removed:/x/1; removed:/x/2; added:/y/1; added:/y/2"_s;
    QTest::newRow("type changes") << R"({"s":"1","o":{"p":1},"n":null})"_ba
                                  << R"({"s":1,"o":[1],"n":{"q":2}})"_ba
                                  << u"type changed:/s; type changed:/o; type changed:/n"_s;
    QTest::newRow("root type change") << R"({"a":1})"_ba
                                      << R"([1])"_ba << u"type changed:"_s;
    QTest::newRow("escaped pointers") << R"({"a/b":{"c~d":1}})"_ba
                                      << R"({"a/b":{"c~d":2}})"_ba << u"changed:/a~1b/c~0d"_s;
    QTest::newRow("root arrays") << R"([[1],[2,3]])"_ba
                                 << R"([[1],[2,4],[]])"_ba << u"changed:/1/1; added:/2"_s;
    QTest::newRow("text bodies") << "a=1&b=2"_ba
                                 << "a=1&b=3"_ba << u"changed:"_s;
    QTest::newRow("JSON against empty") << R"({"a":1})"_ba << QByteArray() << u"type changed:"_s;
    QTest::newRow("Solaris identification")
        << readData(u"identification_pending.json"_s)
        << readData(u"identification_successful.json"_s)
        // in the sender's order: id, reference, url, status, completed_at, method, attempts, ...
        << u"changed:/status; added:/completed_at; added:/attempts/1; added:/metadata/account_id"_s;
}

void TestDiffModel::pairs()
{
    QFETCH(QString, differences);
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    compareRow(model);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(walkedDifferences(model), differences);
    QCOMPARE(navigatedDifferences(model), differences);
    QCOMPARE(model.differenceCount(), model.diff().differenceCount());
    QCOMPARE(model.differenceCount(), differences.isEmpty() ? 0 : differences.count(u';') + 1);
    // Parents are consistent everywhere, whatever order the rows were created in.
    for (const QModelIndex &index : walk(model))
        QCOMPARE(model.index(index.row(), 0, index.parent()), index);
}

void TestDiffModel::kindsAtSeveralDepths()
{
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents(makeEvent(R"({"a":1,"n":{"m":{"k":"x","keep":0}},"o":{}})"_ba),
                    makeEvent(R"({"a":1,"n":{"m":{"k":"y","keep":0}},"o":{"p":{"q":[true]}}})"_ba));
    const QModelIndex body = model.sectionIndex(DiffModel::BodySection);
    QCOMPARE(cell(body, DiffModel::FieldColumn), u"Body"_s);
    QCOMPARE(kindOf(body), DiffKind::Changed);
    QCOMPARE(body.data(DiffModel::DifferenceCountRole).toInt(), 2);
    QCOMPARE(cell(body, DiffModel::ChangeColumn), u"2 differences"_s);

    const QModelIndex a = findRow(model, body, u"a"_s);
    QCOMPARE(kindOf(a), DiffKind::Same); // kept for context
    QCOMPARE(cell(a, DiffModel::LeftColumn), u"1"_s);
    QCOMPARE(cell(a, DiffModel::ChangeColumn), QString());

    const QModelIndex m = findRow(model, findRow(model, body, u"n"_s), u"m"_s);
    QCOMPARE(kindOf(m), DiffKind::Changed);
    QVERIFY(!m.data(DiffModel::IsDifferenceRole).toBool());
    const QModelIndex k = findRow(model, m, u"k"_s);
    QCOMPARE(kindOf(k), DiffKind::Changed);
    QVERIFY(k.data(DiffModel::IsDifferenceRole).toBool());
    QCOMPARE(cell(k, DiffModel::LeftColumn), u"\"x\""_s);
    QCOMPARE(cell(k, DiffModel::RightColumn), u"\"y\""_s);
    QCOMPARE(k.data(DiffModel::LeftValueRole).toString(), u"x"_s); // Copy Value: the text
    QCOMPARE(kindOf(findRow(model, m, u"keep"_s)), DiffKind::Same);

    // Inside an added member: rows inherit Added, values on the right only, not counted.
    const QModelIndex p = findRow(model, findRow(model, body, u"o"_s), u"p"_s);
    QCOMPARE(kindOf(p), DiffKind::Added);
    QVERIFY(p.data(DiffModel::IsDifferenceRole).toBool());
    QCOMPARE(cell(p, DiffModel::LeftColumn), QString());
    QVERIFY(!p.data(DiffModel::LeftValueRole).isValid());
    QCOMPARE(cell(p, DiffModel::RightColumn), u"{1}"_s);
    const QModelIndex q = findRow(model, p, u"q"_s);
    QCOMPARE(kindOf(q), DiffKind::Added);
    QVERIFY(!q.data(DiffModel::IsDifferenceRole).toBool());
    const QModelIndex element = model.index(0, 0, q);
    QCOMPARE(cell(element, DiffModel::FieldColumn), u"[0]"_s);
    QCOMPARE(cell(element, DiffModel::RightColumn), u"true"_s);
    QCOMPARE(element.data(DiffModel::PointerRole).toString(), u"/o/p/q/0"_s);
    QVERIFY(model.flags(element) & Qt::ItemNeverHasChildren);
}

// Every body row, expanded, as "field=left|right change": what the Body tab shows.
void TestDiffModel::valuesAsSent_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<int>("differences");

    QTest::newRow("order as sent, numbers as sent")
        << R"({"id":"n1","big":12345678901234567890,"price":1.50,"exp":1e2,"neg":-0.0})"_ba
        << R"({"id":"n1","big":12345678901234567891,"price":1.5,"exp":100,"neg":0})"_ba
        << QStringList { uR"(id="n1"|"n1" )"_s,
                         u"big=12345678901234567890|12345678901234567891 changed"_s,
                         u"price=1.50|1.5 same value, written differently"_s,
                         u"exp=1e2|100 same value, written differently"_s,
                         u"neg=-0.0|0 same value, written differently"_s }
        << 1;
    QTest::newRow("reordered members align by name, in the left's order")
        << R"({"b":1,"a":2})"_ba
        << R"({"a":2,"b":1})"_ba << QStringList { u"b=1|1 "_s, u"a=2|2 "_s } << 0;
    QTest::newRow("duplicates are rows")
        << R"({"a":1,"a":2})"_ba
        << R"({"a":1})"_ba << QStringList { u"a=1|1 "_s, u"a=2| removed"_s } << 1;
    QTest::newRow("arrays by index")
        << R"({"l":[1.0,2]})"_ba
        << R"({"l":[1,3,4]})"_ba
        << QStringList { u"l=[2]|[3] 2 differences"_s,
                         u"[0]=1.0|1 same value, written differently"_s, u"[1]=2|3 changed"_s,
                         u"[2]=|4 added"_s }
        << 2;
    QTest::newRow("scalar bodies")
        << "1.50"_ba
        << "1.5"_ba << QStringList { u"Body=1.50|1.5 same value, written differently"_s } << 0;
}

void TestDiffModel::valuesAsSent()
{
    QFETCH(QStringList, rows);
    QFETCH(int, differences);
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    compareRow(model);
    const QModelIndex body = model.sectionIndex(DiffModel::BodySection);
    QStringList shown;
    // A scalar body is the Body row itself; otherwise its members.
    const QModelIndexList indexes =
        model.rowCount(body) > 0 ? walk(model, body) : QModelIndexList { body };
    for (const QModelIndex &index : indexes) {
        shown.append(cell(index, DiffModel::FieldColumn) + u'=' + cell(index, DiffModel::LeftColumn)
                     + u'|' + cell(index, DiffModel::RightColumn) + u' '
                     + cell(index, DiffModel::ChangeColumn));
    }
    QCOMPARE(shown, rows);
    QCOMPARE(model.differenceCount(), differences);
}

void TestDiffModel::copyValueIsAsSent()
{
    DiffModel model;
    model.setEvents(makeEvent(R"({"o":{"big":12345678901234567890,"a":1,"a":2},"s":"x\ty"})"_ba),
                    makeEvent(R"({"o":{},"s":"z"})"_ba));
    const QModelIndex body = model.sectionIndex(DiffModel::BodySection);
    const QModelIndex o = findRow(model, body, u"o"_s);
    QCOMPARE(o.data(DiffModel::LeftValueRole).toString(),
             u"{\n    \"big\": 12345678901234567890,\n    \"a\": 1,\n    \"a\": 2\n}"_s);
    const QModelIndex big = findRow(model, o, u"big"_s);
    QCOMPARE(big.data(DiffModel::LeftValueRole).toString(), u"12345678901234567890"_s);
    QVERIFY(!big.data(DiffModel::RightValueRole).isValid());
    const QModelIndex s = findRow(model, body, u"s"_s);
    QCOMPARE(s.data(DiffModel::LeftValueRole).toString(), u"x\ty"_s); // a string: its text
    QCOMPARE(cell(s, DiffModel::LeftColumn), uR"("x\ty")"_s); // the cell: as sent
}

void TestDiffModel::identicalEventsHaveNoDifferences()
{
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Event event = makeEvent(readData(u"identification_pending.json"_s),
                                  { { "Content-Type"_ba, "application/json"_ba } });
    model.setEvents(event, event);
    QCOMPARE(model.differenceCount(), 0);
    QVERIFY(!model.nextDifference({}).isValid());
    QVERIFY(!model.previousDifference({}).isValid());
    QVERIFY(!model.differenceIndex(0).isValid());
    for (int section = 0; section < 3; ++section) {
        const QModelIndex index = model.index(section, 0);
        QCOMPARE(kindOf(index), DiffKind::Same);
        QCOMPARE(cell(index, DiffModel::ChangeColumn), u"identical"_s);
    }
    for (const QModelIndex &index : walk(model))
        QCOMPARE(kindOf(index), DiffKind::Same);
    QCOMPARE(model.rowCount(model.sectionIndex(DiffModel::BodySection)), 7);
}

void TestDiffModel::navigationOrderAndWrapAround()
{
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents(makeEvent(R"({"a":1,"b":{"c":1},"d":2,"e":3})"_ba, { { "X"_ba, "1"_ba } }),
                    makeEvent(R"({"a":1,"b":{"c":2,"x":{"y":1}},"d":2,"e":4})"_ba,
                              { { "X"_ba, "2"_ba } }, "/other"_ba));
    // target, header X, /b/c, /b/x, /e
    QCOMPARE(model.differenceCount(), 5);
    const QModelIndex first = model.nextDifference({});
    QCOMPARE(first.data(DiffModel::PointerRole).toString(), u"target"_s);
    QCOMPARE(first.parent(), model.sectionIndex(DiffModel::RequestSection));
    const QModelIndex last = model.previousDifference({});
    QCOMPARE(last.data(DiffModel::PointerRole).toString(), u"/e"_s);
    QCOMPARE(model.differenceNumber(last), 4);
    QCOMPARE(model.nextDifference(last), first); // wraps forward
    QCOMPARE(model.previousDifference(first), last); // wraps backward

    // Walking backwards visits the same rows in reverse.
    QStringList backwards;
    QModelIndex at = last;
    for (int n = 0; n < 5; ++n, at = model.previousDifference(at))
        backwards.prepend(at.data(DiffModel::PointerRole).toString());
    QCOMPARE(backwards.join(u' '), u"target X /b/c /b/x /e"_s);

    // From a row that is not a difference: the nearest difference below or above it.
    const QModelIndex body = model.sectionIndex(DiffModel::BodySection);
    const QModelIndex d = findRow(model, body, u"d"_s);
    QCOMPARE(model.nextDifference(d).data(DiffModel::PointerRole).toString(), u"/e"_s);
    QCOMPARE(model.previousDifference(d).data(DiffModel::PointerRole).toString(), u"/b/x"_s);
    const QModelIndex b = findRow(model, body, u"b"_s);
    QCOMPARE(model.differenceNumber(b), -1);
    QCOMPARE(model.nextDifference(b).data(DiffModel::PointerRole).toString(), u"/b/c"_s);
    QCOMPARE(model.nextDifference(body).data(DiffModel::PointerRole).toString(), u"/b/c"_s);
    // From inside an added member: the added member itself is above, /e below.
    const QModelIndex y = findRow(model, findRow(model, b, u"x"_s), u"y"_s);
    QCOMPARE(model.previousDifference(y).data(DiffModel::PointerRole).toString(), u"/b/x"_s);
    QCOMPARE(model.nextDifference(y).data(DiffModel::PointerRole).toString(), u"/e"_s);
    // Any column of a row works; the answer is always column 0.
    QCOMPARE(model.nextDifference(d.siblingAtColumn(DiffModel::ChangeColumn)).column(), 0);
    QVERIFY(!model.differenceIndex(5).isValid());
    QVERIFY(!model.differenceIndex(-1).isValid());
}

void TestDiffModel::headersSection()
{
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const HeaderList left { { "Content-Type"_ba, "application/json"_ba },
                            { "Solaris-Webhook-Attempt"_ba, "1"_ba },
                            { "X-Tag"_ba, "a"_ba },
                            { "X-Tag"_ba, "b"_ba } };
    const HeaderList right { { "content-type"_ba, "application/json"_ba },
                             { "Solaris-Webhook-Attempt"_ba, "2"_ba },
                             { "x-tag"_ba, "a"_ba },
                             { "X-Extra"_ba, "1"_ba } };
    Event leftEvent = makeEvent("{}"_ba, left);
    leftEvent.seq = 12;
    model.setEvents(leftEvent, makeEvent("{}"_ba, right));
    QCOMPARE(model.headerData(DiffModel::LeftColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
             u"Left (#12)"_s);
    QCOMPARE(model.headerData(DiffModel::RightColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
             u"Right"_s); // a loaded event without a sequence number
    const QModelIndex headers = model.sectionIndex(DiffModel::HeadersSection);
    QCOMPARE(cell(headers, DiffModel::FieldColumn), u"Headers"_s);
    QCOMPARE(cell(headers, DiffModel::ChangeColumn), u"3 differences"_s);
    QCOMPARE(model.rowCount(headers), 5);
    QStringList rows;
    for (int row = 0; row < model.rowCount(headers); ++row) {
        const QModelIndex index = model.index(row, 0, headers);
        rows.append(cell(index, DiffModel::FieldColumn) + u'=' + cell(index, DiffModel::LeftColumn)
                    + u'|' + cell(index, DiffModel::RightColumn) + u' '
                    + cell(index, DiffModel::ChangeColumn));
    }
    QCOMPARE(rows,
             QStringList({ u"Content-Type=application/json|application/json "_s,
                           u"Solaris-Webhook-Attempt=1|2 changed"_s, u"X-Tag=a|a "_s,
                           u"X-Tag=b| removed"_s, u"X-Extra=|1 added"_s }));
    QCOMPARE(model.differenceCount(), 3);
    QCOMPARE(model.index(1, 0, headers).data(DiffModel::LeftValueRole).toString(), u"1"_s);
}

void TestDiffModel::nonJsonBodies_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("leftText");

    QTest::newRow("same text") << "hello\nworld"_ba
                               << "hello\nworld"_ba << int(DiffKind::Same) << u"identical"_s
                               << u"hello↵world"_s;
    QTest::newRow("text changed on line 2")
        << "hello\nworld"_ba
        << "hello\nWorld!"_ba << int(DiffKind::Changed)
        << u"changed: 11 → 12 bytes, first difference at byte 6 (line 2)"_s << u"hello↵world"_s;
    QTest::newRow("JSON against text")
        << R"({"a":1})"_ba
        << "a=1"_ba << int(DiffKind::TypeChanged)
        << u"json → text; 7 → 3 bytes, first difference at byte 0 (line 1)"_s << uR"({"a":1})"_s;
    QTest::newRow("invalid JSON against JSON")
        << R"({"a":)"_ba
        << R"({"a":1})"_ba << int(DiffKind::TypeChanged)
        << u"invalid JSON → json; 5 → 7 bytes, first difference at byte 5 (line 1)"_s
        << uR"({"a":)"_s;
    QTest::newRow("binary") << "\x00\x01\x02"_ba
                            << "\x00\x01\x03"_ba << int(DiffKind::Changed)
                            << u"changed: 3 → 3 bytes, first difference at byte 2 (line 1)"_s
                            << u"3 bytes: 00 01 02"_s;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << int(DiffKind::Same)
                                << u"identical"_s << u"(empty)"_s;
    QByteArray deep(10000, '[');
    deep += QByteArray(10000, ']');
    QTest::newRow("10000-deep JSON is shown as what it is")
        << deep << QByteArray(deep).replace(5000, 1, "{") << int(DiffKind::Changed)
        << u"changed: 20000 → 20000 bytes, first difference at byte 5000 (line 1)"_s
        << QString(300, u'[') + u" …"_s;
}

void TestDiffModel::nonJsonBodies()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    QFETCH(int, kind);
    QFETCH(QString, change);
    QFETCH(QString, leftText);
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents(makeEvent(left), makeEvent(right));
    QCOMPARE(model.diff().bodyMode, EventDiff::BodyMode::Bytes);
    const QModelIndex body = model.sectionIndex(DiffModel::BodySection);
    QCOMPARE(int(kindOf(body)), kind);
    QCOMPARE(model.rowCount(body), 0);
    QVERIFY(model.flags(body) & Qt::ItemNeverHasChildren);
    QCOMPARE(cell(body, DiffModel::ChangeColumn), change);
    QCOMPARE(cell(body, DiffModel::LeftColumn), leftText);
    QCOMPARE(body.data(DiffModel::LeftValueRole).toByteArray(), left);
    QCOMPARE(body.data(DiffModel::RightValueRole).toByteArray(), right);
    const bool differs = kind != int(DiffKind::Same);
    QCOMPARE(model.differenceCount(), differs ? 1 : 0);
    QCOMPARE(model.nextDifference({}), differs ? body : QModelIndex());
}

void TestDiffModel::typeChangedContainerShowsBothSides()
{
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents(makeEvent(R"({"a":{"x":1,"y":"s"}})"_ba), makeEvent(R"({"a":[true]})"_ba));
    const QModelIndex a = findRow(model, model.sectionIndex(DiffModel::BodySection), u"a"_s);
    QCOMPARE(kindOf(a), DiffKind::TypeChanged);
    QCOMPARE(cell(a, DiffModel::ChangeColumn), u"type changed: object → array"_s);
    QCOMPARE(model.rowCount(a), 3);
    QStringList children;
    for (int row = 0; row < 3; ++row) {
        const QModelIndex child = model.index(row, 0, a);
        QVERIFY(!child.data(DiffModel::IsDifferenceRole).toBool());
        children.append(cell(child, DiffModel::FieldColumn) + u' ' + describe(child));
    }
    QCOMPARE(children,
             QStringList({ u"x removed:/a/x"_s, u"y removed:/a/y"_s, u"[0] added:/a/0"_s }));
    QCOMPARE(model.differenceCount(), 1);
}

void TestDiffModel::largeArrayIsGroupedAndNavigable()
{
    QJsonArray left;
    for (int i = 0; i < 2500; ++i)
        left.append(QJsonObject { { u"i"_s, i } });
    QJsonArray right = left;
    for (int i : { 5, 1500, 2400 })
        right[i] = QJsonObject { { u"i"_s, -i } };
    right.append(u"tail"_s);
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents(makeEvent(QJsonDocument(left).toJson()),
                    makeEvent(QJsonDocument(right).toJson()));
    const QModelIndex body = model.sectionIndex(DiffModel::BodySection);
    QCOMPARE(model.rowCount(body), 3);
    QCOMPARE(cell(model.index(1, 0, body), DiffModel::FieldColumn), u"[1000 … 1999]"_s);
    QCOMPARE(cell(model.index(2, 0, body), DiffModel::FieldColumn), u"[2000 … 2500]"_s);
    QCOMPARE(model.index(0, 0, body).data(DiffModel::DifferenceCountRole).toInt(), 1);
    QCOMPARE(model.index(2, 0, body).data(DiffModel::DifferenceCountRole).toInt(), 2);
    QCOMPARE(navigatedDifferences(model),
             u"changed:/5/i; changed:/1500/i; changed:/2400/i; added:/2500"_s);
    const QModelIndex third = model.differenceIndex(2);
    QCOMPARE(third.parent().data(DiffModel::PointerRole).toString(), u"/2400"_s);
    QCOMPARE(third.parent().parent(), model.index(2, 0, body));
    QCOMPARE(cell(third, DiffModel::RightColumn), u"-2400"_s);
}

void TestDiffModel::largeObjectsUnionAcrossGroups()
{
    // Each side has members the other lacks, spread over several range groups.
    QJsonObject left;
    QJsonObject right;
    for (int i = 0; i < 3000; ++i) {
        const QString key = u"k%1"_s.arg(i, 4, 10, QChar(u'0'));
        if (i % 7 != 0)
            left.insert(key, i);
        if (i % 11 != 0)
            right.insert(key, i % 13 == 0 ? -i : i);
    }
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QByteArray leftBytes = QJsonDocument(left).toJson();
    const QByteArray rightBytes = QJsonDocument(right).toJson();
    model.setEvents(makeEvent(leftBytes), makeEvent(rightBytes));
    const QModelIndex body = model.sectionIndex(DiffModel::BodySection);
    QCOMPARE(model.rowCount(body), 3); // 3000 member names in the union
    QCOMPARE(cell(model.index(0, 0, body), DiffModel::FieldColumn), u"{0 … 999}"_s);
    const QString walked = walkedDifferences(model);
    QCOMPARE(navigatedDifferences(model), walked);
    QCOMPARE(model.differenceCount(), walked.count(u';') + 1);
    QCOMPARE(model.differenceCount(),
             int(diffJson(JsonDocument::parse(leftBytes), JsonDocument::parse(rightBytes)).size()));
}

void TestDiffModel::pointerRoleEscapesTokens()
{
    DiffModel model;
    model.setEvents(makeEvent(R"({"a/b":{"~":[0,{"":1}]}})"_ba),
                    makeEvent(R"({"a/b":{"~":[0,{"":2}]}})"_ba));
    const QModelIndex leaf = model.nextDifference({});
    QCOMPARE(leaf.data(DiffModel::PointerRole).toString(), u"/a~1b/~0/1/"_s);
    QCOMPARE(cell(leaf, DiffModel::FieldColumn), QString());
    QCOMPARE(cell(leaf.parent(), DiffModel::FieldColumn), u"[1]"_s);
    QCOMPARE(leaf.parent().parent().data(DiffModel::PointerRole).toString(), u"/a~1b/~0"_s);
    QCOMPARE(leaf.data(Qt::ToolTipRole).toString(), u"/a~1b/~0/1/"_s);
}

void TestDiffModel::resetIsTheOnlyStructuralSignal()
{
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    model.setEvents(makeEvent(readData(u"identification_pending.json"_s)),
                    makeEvent(readData(u"identification_successful.json"_s)));
    QCOMPARE(resets.size(), 1);
    // Opening rows lazily (here: by navigating) changes nothing a view already knows about.
    for (QModelIndex at = model.nextDifference({}); model.differenceNumber(at) < 3;
         at = model.nextDifference(at)) { }
    walk(model);
    QCOMPARE(inserts.size(), 0);
    QCOMPARE(layouts.size(), 0);
    QCOMPARE(resets.size(), 1);
}

void TestDiffModel::clearEmptiesTheModel()
{
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents(makeEvent("{}"_ba), makeEvent("[]"_ba));
    QCOMPARE(model.differenceCount(), 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.differenceCount(), 0);
    QVERIFY(!model.nextDifference({}).isValid());
}

QTEST_GUILESS_MAIN(TestDiffModel)
#include "tst_diffmodel.moc"
