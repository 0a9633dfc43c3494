#include "models/eventtablemodel.h"
#include "models/modelroles.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
EventSummary summary(qint64 seq, const QString &type = u"BOOKING"_s, quint16 errors = 0)
{
    EventSummary s;
    s.seq = seq;
    s.receivedAtMs = 1'700'000'000'000 + seq;
    s.method = u"POST"_s;
    s.target = u"/hooks/%1"_s.arg(seq);
    s.eventType = type;
    s.bodySize = quint32(100 + seq);
    s.status = 200;
    s.errorCount = errors;
    s.bodyKind = BodyKind::Json;
    s.schemaChecked = true;
    return s;
}
} // namespace

class TestEventTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void batchIsOneInsertWithExactRange();
    void nothingQueuedInsertsNothing();
    void flushTimerBatchesABurst();
    void rowOfSeq();
    void removeScatteredRows();
    void removeHalfOfAHundredThousand();
    void updateSummaryChangesOneRow();
    void rolesAreTyped();
    void contentTypeAndAttemptColumns();
    void attemptHeaders_data();
    void attemptHeaders();
    void stringsAreShared();

private:
    EventTableModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestEventTableModel::init()
{
    m_model = new EventTableModel;
    m_tester = new QAbstractItemModelTester(m_model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestEventTableModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void TestEventTableModel::batchIsOneInsertWithExactRange()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->enqueue({ summary(1), summary(2) });
    m_model->enqueue({ summary(3) });
    QCOMPARE(m_model->rowCount(), 0);
    m_model->flush();
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    m_model->enqueue({ summary(4), summary(5) });
    m_model->flush();
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 3);
    QCOMPARE(inserted.at(1).at(2).toInt(), 4);
    QCOMPARE(m_model->rowCount(), 5);
}

void TestEventTableModel::nothingQueuedInsertsNothing()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->flush();
    QCOMPARE(inserted.size(), 0);
}

void TestEventTableModel::flushTimerBatchesABurst()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    for (int i = 1; i <= 1000; ++i)
        m_model->enqueue({ summary(i) });
    QTRY_COMPARE(m_model->rowCount(), 1000);
    QCOMPARE(inserted.size(), 1);
}

void TestEventTableModel::rowOfSeq()
{
    m_model->enqueue({ summary(3), summary(5), summary(9) });
    m_model->flush();
    QCOMPARE(m_model->rowOfSeq(3), 0);
    QCOMPARE(m_model->rowOfSeq(9), 2);
    QCOMPARE(m_model->rowOfSeq(4), -1);
    QCOMPARE(m_model->rowOfSeq(10), -1);
}

void TestEventTableModel::removeScatteredRows()
{
    QList<EventSummary> rows;
    for (int i = 1; i <= 10; ++i)
        rows.append(summary(i));
    m_model->enqueue(rows);
    m_model->flush();
    const QPersistentModelIndex kept = m_model->index(7, 0); // seq 8
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->removeSeqs({ 2, 5, 9 });
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->rowCount(), 7);
    QCOMPARE(kept.row(), 5);
    QCOMPARE(kept.data(ModelRoles::SeqRole).toLongLong(), 8);
}

void TestEventTableModel::removeHalfOfAHundredThousand()
{
    QList<EventSummary> rows;
    for (int i = 1; i <= 100'000; ++i)
        rows.append(summary(i));
    m_model->enqueue(rows);
    m_model->flush();
    QList<qint64> odd;
    for (int i = 1; i <= 100'000; i += 2)
        odd.append(i);
    m_model->removeSeqs(odd);
    QCOMPARE(m_model->rowCount(), 50'000);
    QCOMPARE(m_model->summaryAt(0).seq, 2);
    QCOMPARE(m_model->summaryAt(49'999).seq, 100'000);
}

void TestEventTableModel::updateSummaryChangesOneRow()
{
    m_model->enqueue({ summary(1), summary(2) });
    m_model->flush();
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->updateSummaries({ summary(2, u"IDENTIFICATION"_s, 3) });
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(m_model->index(1, EventTableModel::ValidityColumn).data().toString(), u"3 errors"_s);
    QCOMPARE(
        m_model->index(1, EventTableModel::ValidityColumn).data(ModelRoles::SeverityRole).toInt(),
        int(Severity::Error));
}

void TestEventTableModel::rolesAreTyped()
{
    m_model->enqueue({ summary(42) });
    m_model->flush();
    const QModelIndex size = m_model->index(0, EventTableModel::SizeColumn);
    QCOMPARE(size.data(ModelRoles::SortRole).typeId(), QMetaType::UInt);
    QCOMPARE(size.data(ModelRoles::SortRole).toUInt(), 142u);
    QCOMPARE(size.data().toString(), u"142 bytes"_s);
    QCOMPARE(m_model->index(0, EventTableModel::TimeColumn).data(ModelRoles::SortRole).toLongLong(),
             1'700'000'000'042);
    QCOMPARE(m_model->index(0, EventTableModel::ValidityColumn).data().toString(), u"valid"_s);
    QCOMPARE(m_model->index(0, EventTableModel::PathColumn).data().toString(), u"/hooks/42"_s);
}

void TestEventTableModel::contentTypeAndAttemptColumns()
{
    EventSummary retried = summary(1), first = summary(2);
    retried.contentType = u"application/json; charset=utf-8"_s;
    retried.attempt = 12;
    first.attempt = 2;
    m_model->enqueue({ retried, first });
    m_model->flush();
    QCOMPARE(
        m_model->headerData(EventTableModel::ContentTypeColumn, Qt::Horizontal, Qt::DisplayRole),
        u"Content type"_s);
    QCOMPARE(m_model->headerData(EventTableModel::AttemptColumn, Qt::Horizontal, Qt::DisplayRole),
             u"Attempt"_s);
    QCOMPARE(m_model->index(0, EventTableModel::ContentTypeColumn).data().toString(),
             u"application/json; charset=utf-8"_s);
    QCOMPARE(m_model->index(1, EventTableModel::ContentTypeColumn).data().toString(), QString());
    // A number, sorted as one (12 after 2), right-aligned like the other counts.
    const QModelIndex attempt = m_model->index(0, EventTableModel::AttemptColumn);
    QCOMPARE(attempt.data().toInt(), 12);
    QVERIFY(attempt.data(ModelRoles::SortRole).toInt()
            > m_model->index(1, EventTableModel::AttemptColumn).data(ModelRoles::SortRole).toInt());
    QCOMPARE(attempt.data(Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
}

void TestEventTableModel::attemptHeaders_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<int>("attempt");
    QTest::newRow("Solaris") << HeaderList { { "Solaris-Webhook-Attempt", "3" } } << 3;
    QTest::newRow("lower case, spaces") << HeaderList { { "x-webhook-attempt", " 7 " } } << 7;
    QTest::newRow("bare Attempt") << HeaderList { { "Attempt", "1" } } << 1;
    QTest::newRow("not a number") << HeaderList { { "Solaris-Webhook-Attempt", "two" } } << 0;
    QTest::newRow("name only ends in attempt")
        << HeaderList { { "X-Reattempt", "4" }, { "X-Attempts", "5" } } << 0;
    QTest::newRow("none") << HeaderList { { "Content-Type", "application/json" } } << 0;
    QTest::newRow("beyond 16 bits")
        << HeaderList { { "Solaris-Webhook-Attempt", "70000" } } << 65535;
}

void TestEventTableModel::attemptHeaders()
{
    QFETCH(HeaderList, headers);
    QFETCH(int, attempt);
    QCOMPARE(int(EventSummary::attemptOf(headers)), attempt);
}

void TestEventTableModel::stringsAreShared()
{
    // Strings built at run time, as the capture thread builds them (literals are never "shared").
    EventSummary first = summary(1), second = summary(2);
    first.eventType = QString::fromLatin1("BOOKING");
    second.eventType = QString::fromLatin1("BOOKING");
    first.method = QString::fromLatin1("POST");
    second.method = QString::fromLatin1("POST");
    m_model->enqueue({ first, second });
    m_model->flush();
    QVERIFY(m_model->summaryAt(0).eventType.isSharedWith(m_model->summaryAt(1).eventType));
    QVERIFY(m_model->summaryAt(0).method.isSharedWith(m_model->summaryAt(1).method));
}

QTEST_GUILESS_MAIN(TestEventTableModel)
#include "tst_eventtablemodel.moc"
