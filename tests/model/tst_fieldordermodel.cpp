// The Fields tree's order (issue 14 item 2): as sent by default, by key after a header click,
// and as sent again after the next one; every row keeps its own pointer and value.
#include "models/fieldordermodel.h"
#include "models/jsontreemodel.h"
#include "models/modelroles.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
std::shared_ptr<const JsonDocument> document(const QByteArray &json)
{
    return std::make_shared<const JsonDocument>(JsonDocument::parse(json));
}

// The keys under PARENT, in the order the model shows them.
QStringList keys(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList out;
    for (int row = 0; row < model.rowCount(parent); ++row)
        out.append(model.index(row, JsonTreeModel::KeyColumn, parent).data().toString());
    return out;
}

// Each row's pointer and value, in the order shown: what Copy JSON Pointer and filters read.
QStringList rows(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList out;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex key = model.index(row, JsonTreeModel::KeyColumn, parent);
        out.append(key.data(ModelRoles::PointerRole).toString() + u'='
                   + key.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString());
    }
    return out;
}
} // namespace

class TestFieldOrderModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void byKeyAndBack_data();
    void byKeyAndBack();
    void nestedMembersAndRowsKeepTheirData();
    void orderSurvivesTheNextDocument();
};

void TestFieldOrderModel::byKeyAndBack_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("sent");
    QTest::addColumn<QStringList>("sorted");
    QTest::newRow("members") << R"({"id":1,"reference":2,"url":3,"status":4,"Method":5})"_ba
                             << QStringList { u"id"_s, u"reference"_s, u"url"_s, u"status"_s,
                                              u"Method"_s }
                             << QStringList { u"id"_s, u"Method"_s, u"reference"_s, u"status"_s,
                                              u"url"_s };
    QTest::newRow("numbers in keys by value")
        << R"({"item10":1,"item2":2,"item1":3})"_ba
        << QStringList { u"item10"_s, u"item2"_s, u"item1"_s }
        << QStringList { u"item1"_s, u"item2"_s, u"item10"_s };
    QTest::newRow("duplicates stay in the order sent")
        << R"({"b":1,"a":2,"b":3})"_ba << QStringList { u"b"_s, u"a"_s, u"b"_s }
        << QStringList { u"a"_s, u"b"_s, u"b"_s };
    QStringList elements;
    for (int i = 0; i < 12; ++i)
        elements.append(u"[%1]"_s.arg(i));
    QTest::newRow("array elements keep their order")
        << "[0,1,2,3,4,5,6,7,8,9,10,11]"_ba << elements << elements;
}

void TestFieldOrderModel::byKeyAndBack()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, sent);
    QFETCH(QStringList, sorted);
    JsonTreeModel source;
    FieldOrderModel order;
    QAbstractItemModelTester tester(&order, QAbstractItemModelTester::FailureReportingMode::QtTest);
    order.setSourceModel(&source);
    source.setDocument(document(json));
    QCOMPARE(order.order(), FieldOrderModel::Order::AsSent);
    QCOMPARE(keys(order), sent);
    order.toggleOrder();
    QCOMPARE(order.order(), FieldOrderModel::Order::ByKey);
    QCOMPARE(keys(order), sorted);
    order.toggleOrder();
    QCOMPARE(order.order(), FieldOrderModel::Order::AsSent);
    QCOMPARE(keys(order), sent);
}

void TestFieldOrderModel::nestedMembersAndRowsKeepTheirData()
{
    JsonTreeModel source;
    FieldOrderModel order;
    QAbstractItemModelTester tester(&order, QAbstractItemModelTester::FailureReportingMode::QtTest);
    order.setSourceModel(&source);
    source.setDocument(document(R"({"z":{"y":"1","x":"2"},"a":[{"d":3,"c":4}]})"));
    order.setOrder(FieldOrderModel::Order::ByKey);
    QCOMPARE(keys(order), (QStringList { u"a"_s, u"z"_s }));
    const QModelIndex z = order.index(1, 0);
    QCOMPARE(rows(order, z), (QStringList { u"/z/x=2"_s, u"/z/y=1"_s }));
    const QModelIndex item = order.index(0, 0, order.index(0, 0));
    QCOMPARE(rows(order, item), (QStringList { u"/a/0/c=4"_s, u"/a/0/d=3"_s }));
    // A row found through the proxy is the source's row for the same pointer.
    const QModelIndex x = order.index(0, 0, z);
    QCOMPARE(order.mapToSource(x), source.indexOfPointer(u"/z/x"_s));
}

void TestFieldOrderModel::orderSurvivesTheNextDocument()
{
    JsonTreeModel source;
    FieldOrderModel order;
    QAbstractItemModelTester tester(&order, QAbstractItemModelTester::FailureReportingMode::QtTest);
    order.setSourceModel(&source);
    source.setDocument(document(R"({"b":1,"a":2})"));
    order.setOrder(FieldOrderModel::Order::ByKey);
    source.setDocument(document(R"({"d":1,"c":2})"));
    QCOMPARE(keys(order), (QStringList { u"c"_s, u"d"_s }));
    order.setOrder(FieldOrderModel::Order::AsSent);
    QCOMPARE(keys(order), (QStringList { u"d"_s, u"c"_s }));
}

QTEST_GUILESS_MAIN(TestFieldOrderModel)
#include "tst_fieldordermodel.moc"
