#include "analysis/jsonwarnings.h"
#include "models/jsontreemodel.h"
#include "models/modelroles.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QJsonDocument parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json);
}

QModelIndex childByKey(const QAbstractItemModel &model, const QModelIndex &parent,
                       const QString &key)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data().toString() == key)
            return index;
    }
    return {};
}
// Every row, depth first: "pointer key=display (type) raw".
void collectRows(const QAbstractItemModel &model, const QModelIndex &parent, QStringList &out)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        out.append(u"%1 %2=%3 (%4) %5"_s.arg(
            index.data(ModelRoles::PointerRole).toString(), index.data().toString(),
            index.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(),
            index.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(),
            index.data(ModelRoles::RawRole).toString()));
        collectRows(model, index, out);
    }
}

std::shared_ptr<const JsonDocument> document(const QByteArray &json)
{
    return std::make_shared<const JsonDocument>(JsonDocument::parse(json));
}
} // namespace

class TestJsonTreeModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelTesterOnNestedDocument();
    void valuesStayTyped();
    void parentIsConsistent();
    void hugeArrayIsGrouped();
    void violationsTintTheirField();
    void missingRequiredFieldIsAPlaceholder();
    void indexOfPointer();
    void pointerTokensAreEscaped();
    void rowsAsSent_data();
    void rowsAsSent();
    void duplicateWarningOnTheRepeatedMember();
};

void TestJsonTreeModel::modelTesterOnNestedDocument()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(parse(R"({"a": {"b": [1, {"c": null}], "d": true}, "e": "x", "f": []})"));
    QCOMPARE(model.rowCount(), 3);
    model.setDocument(parse(R"([1, 2, 3])"));
    QCOMPARE(model.rowCount(), 3);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestJsonTreeModel::valuesStayTyped()
{
    JsonTreeModel model;
    model.setDocument(parse(
        R"({"int": 10000, "big": 9007199254740993, "float": 0.1, "bool": false, "null": null, "str": "s"})"));
    const auto value = [&](const QString &key, int role) {
        return childByKey(model, {}, key).siblingAtColumn(JsonTreeModel::ValueColumn).data(role);
    };
    QCOMPARE(value(u"int"_s, ModelRoles::ValueRole).typeId(), QMetaType::LongLong);
    QCOMPARE(value(u"int"_s, ModelRoles::ValueRole).toLongLong(), 10000);
    QCOMPARE(value(u"big"_s, Qt::DisplayRole).toString(), u"9007199254740993"_s);
    QCOMPARE(value(u"float"_s, ModelRoles::ValueRole).typeId(), QMetaType::Double);
    QCOMPARE(value(u"float"_s, Qt::DisplayRole).toString(), u"0.1"_s);
    QCOMPARE(value(u"bool"_s, ModelRoles::ValueRole).typeId(), QMetaType::Bool);
    QCOMPARE(value(u"null"_s, Qt::DisplayRole).toString(), u"null"_s);
    QCOMPARE(childByKey(model, {}, u"int"_s)
                 .siblingAtColumn(JsonTreeModel::TypeColumn)
                 .data()
                 .toString(),
             u"integer"_s);
    QCOMPARE(childByKey(model, {}, u"float"_s)
                 .siblingAtColumn(JsonTreeModel::TypeColumn)
                 .data()
                 .toString(),
             u"number"_s);
}

void TestJsonTreeModel::parentIsConsistent()
{
    JsonTreeModel model;
    model.setDocument(parse(R"({"a": {"b": {"c": [10, 20]}}})"));
    const QModelIndex a = childByKey(model, {}, u"a"_s);
    const QModelIndex b = childByKey(model, a, u"b"_s);
    const QModelIndex c = childByKey(model, b, u"c"_s);
    const QModelIndex second = model.index(1, 0, c);
    QCOMPARE(second.data().toString(), u"[1]"_s);
    QCOMPARE(model.parent(second), c);
    QCOMPARE(model.parent(c), b);
    QCOMPARE(model.parent(a), QModelIndex());
    QCOMPARE(second.data(ModelRoles::PointerRole).toString(), u"/a/b/c/1"_s);
}

void TestJsonTreeModel::hugeArrayIsGrouped()
{
    QJsonArray array;
    for (int i = 0; i < 1'000'000; ++i)
        array.append(i);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(QJsonDocument(array));
    QCOMPARE(model.rowCount(), 1000);
    const QModelIndex last = model.index(999, 0);
    QCOMPARE(last.data().toString(), u"[999000 … 999999]"_s);
    QCOMPARE(model.rowCount(last), 1000);
    QCOMPARE(model.index(999, JsonTreeModel::ValueColumn, last).data().toString(), u"999999"_s);
    QCOMPARE(model.index(999, 0, last).data(ModelRoles::PointerRole).toString(), u"/999999"_s);
}

void TestJsonTreeModel::violationsTintTheirField()
{
    JsonTreeModel model;
    const Violations violations { { u"/status"_s, u"enum"_s, Severity::Error, u"status is bad"_s },
                                  { u"/extra"_s, u"undocumented"_s, Severity::Warning,
                                    u"not in the schema"_s } };
    model.setDocument(parse(R"({"status": "successful", "extra": 1, "ok": 2})"), violations);
    const QModelIndex status = childByKey(model, {}, u"status"_s);
    QCOMPARE(status.data(ModelRoles::SeverityRole).toInt(), int(Severity::Error));
    QCOMPARE(status.siblingAtColumn(JsonTreeModel::MessageColumn).data().toString(),
             u"status is bad"_s);
    QCOMPARE(status.data(Qt::ToolTipRole).toString(), u"status is bad"_s);
    QCOMPARE(childByKey(model, {}, u"extra"_s).data(ModelRoles::SeverityRole).toInt(),
             int(Severity::Warning));
    QCOMPARE(childByKey(model, {}, u"ok"_s).data(ModelRoles::SeverityRole).toInt(), -1);
}

void TestJsonTreeModel::missingRequiredFieldIsAPlaceholder()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Violations violations { { u"/amount/currency"_s, u"required"_s, Severity::Error,
                                    u"currency is required"_s } };
    model.setDocument(parse(R"({"amount": {"value": 1}})"), violations);
    const QModelIndex amount = childByKey(model, {}, u"amount"_s);
    QCOMPARE(model.rowCount(amount), 2);
    const QModelIndex missing = childByKey(model, amount, u"currency"_s);
    QVERIFY(missing.isValid());
    QCOMPARE(missing.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), u"(missing)"_s);
    QCOMPARE(missing.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(), u"missing"_s);
    QCOMPARE(missing.data(ModelRoles::SeverityRole).toInt(), int(Severity::Error));
}

void TestJsonTreeModel::indexOfPointer()
{
    JsonTreeModel model;
    QJsonArray big;
    for (int i = 0; i < 2500; ++i)
        big.append(QJsonObject { { u"id"_s, i } });
    model.setDocument(QJsonDocument(QJsonObject { { u"items"_s, big }, { u"x"_s, 1 } }));
    const QModelIndex found = model.indexOfPointer(u"/items/2042/id"_s);
    QVERIFY(found.isValid());
    QCOMPARE(found.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), u"2042"_s);
    QVERIFY(!model.indexOfPointer(u"/items/9999"_s).isValid());
    QVERIFY(!model.indexOfPointer(u"/nope"_s).isValid());
}

void TestJsonTreeModel::pointerTokensAreEscaped()
{
    JsonTreeModel model;
    model.setDocument(parse(R"({"a/b": {"c~d": 1}})"));
    const QModelIndex inner = model.index(0, 0, model.index(0, 0));
    QCOMPARE(inner.data(ModelRoles::PointerRole).toString(), u"/a~1b/c~0d"_s);
    QCOMPARE(model.indexOfPointer(u"/a~1b/c~0d"_s), inner);
}

void TestJsonTreeModel::rowsAsSent_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("rows");
    QTest::newRow("issue 14's example")
        << QByteArray(R"({"id":"n1","big":12345678901234567890,"price":1.50,"exp":1e2,"neg":-0.0})")
        << QStringList { u"/id id=n1 (string) \"n1\""_s,
                         u"/big big=12345678901234567890 (integer) 12345678901234567890"_s,
                         u"/price price=1.50 (number) 1.50"_s, u"/exp exp=1e2 (integer) 1e2"_s,
                         u"/neg neg=-0.0 (integer) -0.0"_s };
    QTest::newRow("order, not sorted")
        << QByteArray(R"({"z":{"b":1,"a":[true]},"y":null})")
        << QStringList { u"/z z={2} (object) "_s, u"/z/b b=1 (integer) 1"_s,
                         u"/z/a a=[1] (array) "_s, u"/z/a/0 [0]=true (boolean) true"_s,
                         u"/y y=null (null) null"_s };
    QTest::newRow("duplicates are rows")
        << QByteArray(R"({"a":1,"a":"2"})")
        << QStringList { u"/a a=1 (integer) 1"_s, u"/a a=2 (string) \"2\""_s };
    QTest::newRow("escapes decoded for display, raw as sent")
        << QByteArray(R"({"k\u0041":"x\ny"})")
        << QStringList { u"/kA kA=x\ny (string) \"x\\ny\""_s };
    QTest::newRow("scalar root")
        << QByteArray(" 12345678901234567891 ")
        << QStringList { u" (body)=12345678901234567891 (integer) 12345678901234567891"_s };
    QTest::newRow("string root") << QByteArray(R"("x")")
                                 << QStringList { u" (body)=x (string) \"x\""_s };
    QTest::newRow("array root") << QByteArray(
        "[1.0, []]") << QStringList { u"/0 [0]=1.0 (integer) 1.0"_s, u"/1 [1]=[0] (array) "_s };
    QTest::newRow("not JSON") << QByteArray("{") << QStringList {};
}

void TestJsonTreeModel::rowsAsSent()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, rows);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(document(json));
    QStringList seen;
    collectRows(model, {}, seen);
    QCOMPARE(seen, rows);
}

void TestJsonTreeModel::duplicateWarningOnTheRepeatedMember()
{
    const auto body = document(R"({"a":1,"b":{"a":2,"a":3}})");
    Violations violations;
    JsonWarnings::append(*body, violations);
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.constFirst().pointer, u"/b/a"_s);
    QCOMPARE(violations.constFirst().keyword, u"duplicate"_s);
    QCOMPARE(violations.constFirst().severity, Severity::Warning);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(body, violations);
    const QModelIndex b = model.index(1, 0);
    QCOMPARE(model.rowCount(b), 2);
    QCOMPARE(model.index(0, 0, b).data(ModelRoles::SeverityRole).toInt(), -1);
    QCOMPARE(model.index(1, 0, b).data(ModelRoles::SeverityRole).toInt(), int(Severity::Warning));
    QVERIFY(model.index(1, JsonTreeModel::MessageColumn, b)
                .data()
                .toString()
                .contains(u"more than once"_s));
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
