#include "models/knowneventsmodel.h"
#include "models/modelroles.h"
#include "schema/schemaregistry.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;

class TestKnownEventsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { m_registry = SchemaRegistry::withBundledCatalog(); }
    void everyEventIsARow();
    void fieldsNestUnderTheirEvent();
    void searchKeepsMatchingFieldsAndTheirEvents();

private:
    SchemaRegistry m_registry;
};

void TestKnownEventsModel::everyEventIsARow()
{
    KnownEventsModel model(m_registry);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), m_registry.eventTypes().size());
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString type = model.index(row, 0).data().toString();
        QCOMPARE(type, m_registry.eventTypes().at(row));
        QCOMPARE(model.index(row, KnownEventsModel::TypeColumn).data().toString(),
                 m_registry.urlKey(type));
        QCOMPARE(model.index(row, KnownEventsModel::DescriptionColumn).data().toString(),
                 m_registry.description(type));
        QVERIFY(model.index(row, 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(m_registry.sourceOf(type)));
    }
}

void TestKnownEventsModel::fieldsNestUnderTheirEvent()
{
    KnownEventsModel model(m_registry);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex event = model.indexOfEvent(u"CONSUMER_FRONTING_APPLICATION"_s);
    QVERIFY(event.isValid());
    QModelIndex amount;
    for (int row = 0; row < model.rowCount(event); ++row) {
        if (model.index(row, 0, event).data().toString() == u"amount"_s)
            amount = model.index(row, 0, event);
    }
    QVERIFY(amount.isValid());
    QCOMPARE(amount.data(ModelRoles::PointerRole).toString(), u"/amount"_s);
    QCOMPARE(model.rowCount(amount), 3); // value, currency, unit
    const QModelIndex unit = model.index(2, 0, amount);
    QCOMPARE(unit.data().toString(), u"value"_s); // sorted: currency, unit, value
    QCOMPARE(model.index(0, KnownEventsModel::RequiredColumn, amount).data().toString(),
             u"required"_s);
    QCOMPARE(model.index(1, KnownEventsModel::TypeColumn, amount).data().toString(), u"enum"_s);
    QCOMPARE(unit.data(ModelRoles::EventTypeRole).toString(), u"CONSUMER_FRONTING_APPLICATION"_s);
    QCOMPARE(model.parent(unit), amount);
}

void TestKnownEventsModel::searchKeepsMatchingFieldsAndTheirEvents()
{
    KnownEventsModel model(m_registry);
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setRecursiveFilteringEnabled(true);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterFixedString(u"e-signing resource"_s);
    QCOMPARE(proxy.rowCount(), 1);
    const QModelIndex event = proxy.index(0, 0);
    QCOMPARE(event.data().toString(), u"IDENTIFICATION_ORIGINATION"_s);
    QCOMPARE(proxy.rowCount(event), 1);
    QCOMPARE(proxy.index(0, 0, event).data().toString(), u"esigning_id"_s);
}

QTEST_GUILESS_MAIN(TestKnownEventsModel)
#include "tst_knowneventsmodel.moc"
