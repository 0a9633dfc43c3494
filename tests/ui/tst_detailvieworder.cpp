// The Fields tab's order (issue 14 item 2): as sent by default; a click on the Key header sorts
// by key and the next one gives back the sender's order. After sorting, the row menu's Copy
// JSON Pointer and Apply as Filter still act on the row that was clicked.
#include "analysis/analyzer.h"
#include "detailview.h"
#include "models/fieldordermodel.h"
#include "models/jsontreemodel.h"
#include "models/modelroles.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {
QStringList topKeys(const QTreeView &view)
{
    QStringList out;
    for (int row = 0; row < view.model()->rowCount(); ++row)
        out.append(view.model()->index(row, JsonTreeModel::KeyColumn).data().toString());
    return out;
}

void clickKeyHeader(QTreeView &view)
{
    QHeaderView *header = view.header();
    const int x = header->sectionViewportPosition(JsonTreeModel::KeyColumn) + 10;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
}

// Opens the row menu of the row showing KEY and triggers ACTION in it.
void triggerRowAction(QTreeView &view, const QString &key, const QString &action)
{
    const QModelIndexList found =
        view.model()->match(view.model()->index(0, 0), Qt::DisplayRole, key, 1, Qt::MatchExactly);
    QVERIFY(!found.isEmpty());
    bool triggered = false;
    QTimer::singleShot(0, &view, [&triggered, action] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        for (QAction *item : menu->actions()) {
            if (item->text() == action) {
                item->trigger();
                triggered = true;
            }
        }
        menu->close();
    });
    Q_EMIT view.customContextMenuRequested(view.visualRect(found.first()).center());
    QVERIFY(triggered);
}
} // namespace

class TestDetailViewOrder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void keyHeaderSortsAndRowsKeepTheirField();
};

void TestDetailViewOrder::keyHeaderSortsAndRowsKeepTheirField()
{
    const Analyzer analyzer { SchemaRegistry() };
    Event event;
    event.method = "POST";
    event.target = "/hooks";
    event.headers = { { "Content-Type", "application/json" } };
    event.body = R"({"zeta":"last","alpha":12345678901234567891,"mid":true})";
    DetailView view;
    view.resize(900, 600);
    view.showEvent(event, analyzer.analyze(event));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTreeView &fields = *view.fieldsView();
    QTRY_COMPARE(topKeys(fields), (QStringList { u"zeta"_s, u"alpha"_s, u"mid"_s }));

    clickKeyHeader(fields);
    QCOMPARE(view.fieldsOrder()->order(), FieldOrderModel::Order::ByKey);
    QCOMPARE(topKeys(fields), (QStringList { u"alpha"_s, u"mid"_s, u"zeta"_s }));
    QVERIFY(fields.header()->isSortIndicatorShown());

    triggerRowAction(fields, u"zeta"_s, u"Copy JSON Pointer"_s);
    QCOMPARE(QApplication::clipboard()->text(), u"/zeta"_s);
    triggerRowAction(fields, u"alpha"_s, u"Copy Value"_s);
    QCOMPARE(QApplication::clipboard()->text(), u"12345678901234567891"_s);
    QSignalSpy applied(&view, &DetailView::applyFilterRequested);
    triggerRowAction(fields, u"mid"_s, u"Apply as Filter"_s);
    QCOMPARE(applied.size(), 1);
    QVERIFY2(applied.first().first().toString().startsWith(u"json.mid"_s),
             qPrintable(applied.first().first().toString()));

    clickKeyHeader(fields);
    QCOMPARE(view.fieldsOrder()->order(), FieldOrderModel::Order::AsSent);
    QCOMPARE(topKeys(fields), (QStringList { u"zeta"_s, u"alpha"_s, u"mid"_s }));
    QVERIFY(!fields.header()->isSortIndicatorShown());
    triggerRowAction(fields, u"zeta"_s, u"Copy JSON Pointer"_s);
    QCOMPARE(QApplication::clipboard()->text(), u"/zeta"_s);
}

QTEST_MAIN(TestDetailViewOrder)
#include "tst_detailvieworder.moc"
