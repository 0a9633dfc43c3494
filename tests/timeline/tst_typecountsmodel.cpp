#include "timeline/typecountsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
EventSummary summary(const QString &type, int errors, int warnings = 0)
{
    EventSummary s;
    s.eventType = type;
    s.errorCount = quint16(errors);
    s.warningCount = quint16(warnings);
    return s;
}

TypeCounts countsOf(const QList<EventSummary> &summaries)
{
    TypeCounts counts;
    for (const EventSummary &s : summaries)
        counts.add(s);
    return counts;
}

QString rowText(const QAbstractItemModel &model, int row)
{
    QStringList cells;
    for (int column = 0; column < model.columnCount(); ++column)
        cells.append(model.index(row, column).data().toString());
    return cells.join(u' ');
}
} // namespace

class TestTypeCountsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tallies_data();
    void tallies();
    void batchesUpdateInPlaceAndAppend();
    void recountRemovesAndAppendsWithoutReset();
    void rolesForViews();
    void inferredAndSaidAreOneRow();
};

void TestTypeCountsModel::tallies_data()
{
    QTest::addColumn<QList<EventSummary>>("events");
    QTest::addColumn<QStringList>("rows");
    QTest::newRow("none") << QList<EventSummary>() << QStringList();
    QTest::newRow("one valid") << QList<EventSummary> { summary(u"A"_s, 0) }
                               << QStringList { u"A 1 0 0"_s };
    QTest::newRow("errors add up, invalid counts events")
        << QList<EventSummary> { summary(u"A"_s, 3), summary(u"A"_s, 2, 1), summary(u"A"_s, 0, 4) }
        << QStringList { u"A 3 2 5"_s };
    QTest::newRow("order of first appearance, unknown type named")
        << QList<EventSummary> { summary(u"B"_s, 0), summary(u""_s, 1), summary(u"A?"_s, 0),
                                 summary(u"B"_s, 1) }
        << QStringList { u"B 2 1 1"_s, u"(unknown type) 1 1 1"_s, u"A? 1 0 0"_s };
    // One type is one row, whether its events said it or it was inferred (issue 16, item 10).
    QTest::newRow("inferred joins the type it names")
        << QList<EventSummary> { summary(u"A?"_s, 0), summary(u"A"_s, 1), summary(u"A?"_s, 2) }
        << QStringList { u"A 3 2 3"_s };
    QTest::newRow("said first, then inferred")
        << QList<EventSummary> { summary(u"A"_s, 0), summary(u"A?"_s, 0), summary(u"B?"_s, 0) }
        << QStringList { u"A 2 0 0"_s, u"B? 1 0 0"_s };
}

void TestTypeCountsModel::tallies()
{
    QFETCH(QList<EventSummary>, events);
    QFETCH(QStringList, rows);
    TypeCountsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.add(countsOf(events));
    QCOMPARE(model.rowCount(), rows.size());
    for (int row = 0; row < rows.size(); ++row)
        QCOMPARE(rowText(model, row), rows.at(row));
}

void TestTypeCountsModel::batchesUpdateInPlaceAndAppend()
{
    TypeCountsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.add(countsOf({ summary(u"A"_s, 0), summary(u"B"_s, 0), summary(u"C"_s, 0) }));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    model.add(countsOf(
        { summary(u"B"_s, 1), summary(u"C"_s, 0), summary(u"D"_s, 0), summary(u"E"_s, 2) }));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(1, 0));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(2, TypeCountsModel::ColumnCount - 1));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 3);
    QCOMPARE(inserted.at(0).at(2).toInt(), 4);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(rowText(model, 1), u"B 2 1 1"_s);
    QCOMPARE(rowText(model, 4), u"E 1 1 2"_s);
    QCOMPARE(model.rowOfType(u"E"_s), 4);
    QCOMPARE(model.rowOfType(u"Z"_s), -1);
}

void TestTypeCountsModel::recountRemovesAndAppendsWithoutReset()
{
    TypeCountsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.add(countsOf(
        { summary(u"A"_s, 0), summary(u"B"_s, 1), summary(u"C"_s, 0), summary(u"D"_s, 0) }));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    // B and D are gone (deleted), C was re-checked, F is new.
    model.setCounts(countsOf({ summary(u"F"_s, 0), summary(u"C"_s, 2), summary(u"A"_s, 0) }));
    QCOMPARE(removed.size(), 2);
    QCOMPARE(removed.at(0).at(1).toInt(), 3); // from the bottom up
    QCOMPARE(removed.at(1).at(1).toInt(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(rowText(model, 0), u"A 1 0 0"_s);
    QCOMPARE(rowText(model, 1), u"C 1 1 2"_s);
    QCOMPARE(rowText(model, 2), u"F 1 0 0"_s);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setCounts(model.counts());
    QCOMPARE(changed.size(), 0);
    model.setCounts({});
    QCOMPARE(model.rowCount(), 0);
}

void TestTypeCountsModel::rolesForViews()
{
    TypeCountsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.add(countsOf({ summary(u""_s, 2, 1), summary(u"IDENTIFICATION"_s, 0, 3) }));
    const QModelIndex unknown = model.index(0, TypeCountsModel::TypeColumn);
    QCOMPARE(unknown.data(TypeCountsModel::EventTypeRole).toString(), QString());
    QCOMPARE(unknown.data(TypeCountsModel::SortRole).toString(), QString());
    QCOMPARE(unknown.data().toString(), TypeCountsModel::unknownTypeText());
    QCOMPARE(model.index(0, TypeCountsModel::ErrorsColumn).data(TypeCountsModel::SortRole),
             QVariant(qint64(2)));
    QCOMPARE(
        model.index(0, TypeCountsModel::InvalidColumn).data(TypeCountsModel::SeverityRole).toInt(),
        0);
    QCOMPARE(
        model.index(1, TypeCountsModel::InvalidColumn).data(TypeCountsModel::SeverityRole).toInt(),
        -1);
    QCOMPARE(
        model.index(0, TypeCountsModel::TypeColumn).data(TypeCountsModel::SeverityRole).toInt(),
        -1);
    QVERIFY(model.index(1, 0).data(Qt::ToolTipRole).toString().contains(u"3 warnings"_s));
    QCOMPARE(
        model.headerData(TypeCountsModel::ErrorsColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
        u"Errors"_s);
}

void TestTypeCountsModel::inferredAndSaidAreOneRow()
{
    TypeCountsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.add(countsOf({ summary(u"A?"_s, 0) }));
    QCOMPARE(model.index(0, 0).data(TypeCountsModel::EventTypeRole).toString(), u"A?"_s);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.add(countsOf({ summary(u"A"_s, 0), summary(u"A"_s, 0) }));
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOfType(u"A"_s), 0);
    QCOMPARE(model.rowOfType(u"A?"_s), 0);
    const TypeCounts::Tally &tally = model.counts().tallies().at(0);
    QCOMPARE(tally.events, 3);
    QCOMPARE(tally.inferred, 1);
    QVERIFY(tally.mixed());
    QCOMPARE(model.index(0, 0).data(TypeCountsModel::EventTypeRole).toString(), u"A"_s);
    QVERIFY2(
        model.index(0, 0).data(Qt::ToolTipRole).toString().contains(u"1 of them inferred (A?)"_s),
        qPrintable(model.index(0, 0).data(Qt::ToolTipRole).toString()));
}

QTEST_GUILESS_MAIN(TestTypeCountsModel)
#include "tst_typecountsmodel.moc"
