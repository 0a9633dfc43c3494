// The Fields tab explains each field: the Schema type column and, for the selected field, its
// documentation under the tree (the allowed value the field holds marked ▸).
#include "analysis/analyzer.h"
#include "detailview.h"
#include "models/fieldordermodel.h"
#include "models/jsontreemodel.h"

#include <QLabel>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

class TestDetailViewDocs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void selectedFieldShowsItsDocumentation();
};

void TestDetailViewDocs::selectedFieldShowsItsDocumentation()
{
    const Analyzer analyzer(SchemaRegistry::withBundledCatalog());
    Event event;
    event.method = "POST";
    event.target = "/hooks/identification_origination";
    event.body = R"({"identification_origination_id":"x","status":"esign_pending"})";
    DetailView view;
    view.setSchemas(analyzer.schemas());
    view.showEvent(event, analyzer.analyze(event));
    view.show();
    const JsonTreeModel *model = view.fieldsModel();
    const QModelIndex status = model->indexOfPointer(u"/status"_s);
    QCOMPARE(status.siblingAtColumn(JsonTreeModel::SchemaTypeColumn).data().toString(), u"enum"_s);
    QVERIFY(!view.fieldsView()->isColumnHidden(JsonTreeModel::SchemaTypeColumn));
    view.fieldsView()->setCurrentIndex(view.fieldsOrder()->mapFromSource(status));
    const QString text = view.fieldDocView()->text();
    QVERIFY2(
        text.startsWith(u"status: enum, required\nThe status of the identification origination."_s),
        qPrintable(text));
    QVERIFY(text.contains(u"▸ \"esign_pending\""_s));
    QVERIFY(text.contains(u"\"identification_trigger_pending\""_s));
    QVERIFY(text.contains(u"Example: \"esign_pending\""_s));
    QVERIFY(view.fieldDocView()->isVisible());
    const QModelIndex esigning = model->index(0, JsonTreeModel::KeyColumn);
    QVERIFY(esigning.data(Qt::ToolTipRole).toString().contains(u"optional"_s)
            || esigning.data(Qt::ToolTipRole).toString().contains(u"required"_s));
}

QTEST_MAIN(TestDetailViewDocs)
#include "tst_detailviewdocs.moc"
