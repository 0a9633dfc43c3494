#include "filter/filter.h"
#include "filter/filterliterals.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Clauses = QList<QList<QByteArray>>;

namespace {
Filter compile(const QString &text)
{
    auto compiled = Filter::compile(text);
    if (!std::holds_alternative<Filter>(compiled))
        qFatal("does not compile: %s", qPrintable(text));
    return std::get<Filter>(compiled);
}

// Expressions whose raw literal may or may not show in a matching body.
const QStringList kExpressions = {
    uR"(json.status == "failed")"_s,
    uR"(json.status == failed)"_s,
    uR"(json.status == "FAILED")"_s,
    uR"(json.status == "faïled")"_s,
    uR"(json.name == "Jürgen")"_s,
    uR"(json.status == "f\uFFFDiled")"_s,
    uR"(json.amount == 1000)"_s,
    uR"(json.amount == "1000")"_s,
    uR"(json.amount == "1e3")"_s,
    uR"(json.amount >= 999)"_s,
    uR"(json.amount.value >= 10000)"_s,
    uR"(json.amount)"_s,
    uR"(json.amount.value != 1)"_s,
    uR"(json.*.value == 20000)"_s,
    uR"(json.list.0 == 1)"_s,
    uR"(json.list[*] == 1)"_s,
    uR"(json.status in {failed pending})"_s,
    uR"(json.status == "true")"_s,
    uR"(json.status == "null")"_s,
    uR"(json.status == "{\"a\":1}")"_s,
    uR"(json.status == "[\"failed\"]")"_s,
    uR"(json.status.* == "failed")"_s,
    uR"(json.status[0] == "failed")"_s,
    uR"(json.status contains "fail")"_s,
    uR"(json.status matches "^f")"_s,
    uR"(json.status != "failed")"_s,
    uR"(!(json.status == "failed"))"_s,
    uR"(json.status == "failed" || method == "POST")"_s,
    uR"(json.status == "failed" || json.status == "pending")"_s,
    uR"(json.status == "failed" && json.amount == 1000)"_s,
    uR"(json.status == "failed" && !invalid)"_s,
    uR"(body == "\"failed\"")"_s,
    uR"(body == "failed")"_s,
    uR"(body == "1000")"_s,
    uR"(body contains "FAIL")"_s,
    uR"(body contains "f\u0000")"_s,
    uR"(header["X-Status"] == "failed")"_s,
    uR"(failed)"_s,
    uR"("FAILED")"_s,
};

// Bodies that spell a value differently from the literal that matches it.
const QList<QByteArray> kBodies = {
    R"({"status":"failed"})",
    R"({"status": "failed", "amount": 1000})",
    R"({"status":"\u0066ailed"})",
    R"({"status":"fail\u0065d","amount":1e3})",
    R"({"status":"fa\/iled"})",
    R"({"status":"FAILED"})",
    R"({"status":"pending"})",
    R"({"status":["failed"]})",
    R"({"status":{"a":1}})",
    R"({"status": {"a": 1}})",
    R"({"status":{"x":"failed"}})",
    R"({"status":true})",
    R"({"status":null})",
    R"({"amount":1000})",
    R"({"amount":1e3})",
    R"({"amount":"1000"})",
    R"({"amount":1000.0})",
    R"({"amount":{"value":20000}})",
    R"({"amo\u0075nt":{"value":20000}})",
    R"({"amount" : { "value" : 2e4 }})",
    R"({"value":20000})",
    R"({"list":[1,2]})",
    R"({"list":{"0":1}})",
    R"({"status":"faïled"})",
    R"({"status":"fa\u00efled"})",
    R"({"name":"J\u00fcrgen"})",
    "{\"status\":\"f\xff"
    "iled\"}",
    "{\"status\":\"f\xef\xbf\xbd"
    "iled\"}",
    R"("failed")",
    "failed",
    "1000",
    "1e3",
    "\"failed\"",
    "FAIL\0ED"_ba,
    "f\0"_ba,
    QByteArray(),
    "{\"status\":\"failed\"",
    "\xef\xbb\xbf{\"status\":\"failed\"}",
};

Event eventWith(const QByteArray &body)
{
    Event event;
    event.seq = 1;
    event.method = "POST";
    event.target = "/hooks/failed";
    event.headers = { { "X-Status", "failed" } };
    event.body = body;
    return event;
}
} // namespace

class TestFilterLiterals : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requiredLiterals_data();
    void requiredLiterals();
    void neverRefusesAMatchingBody();
    void readsHeaders_data();
    void readsHeaders();
};

void TestFilterLiterals::requiredLiterals_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<Clauses>("clauses");
    const QByteArray backslash("\\");
    QTest::newRow("json string") << uR"(json.status == "failed")"_s
                                 << Clauses { { "failed", backslash },
                                              { "\"status\"", backslash } };
    QTest::newRow("json bare word")
        << uR"(json.status == failed)"_s
        << Clauses { { "failed", backslash }, { "\"status\"", backslash } };
    QTest::newRow("non-ASCII is UTF-8")
        << uR"(json.name == "Jürgen")"_s
        << Clauses { { "J\xc3\xbcrgen", backslash }, { "\"name\"", backslash } };
    const Clauses amount { { "\"amount\"", backslash } };
    const Clauses a { { "\"a\"", backslash } };
    QTest::newRow("number compares by value: only the key")
        << uR"(json.amount == 1000)"_s << amount;
    QTest::newRow("quoted number too") << uR"(json.amount == "1000")"_s << amount;
    QTest::newRow("object text") << uR"(json.a == "{\"b\":1}")"_s << a;
    QTest::newRow("replacement character") << uR"(json.a == "\uFFFD")"_s << a;
    QTest::newRow("lone surrogate") << uR"(json.a == "\uD800")"_s << a;
    QTest::newRow("empty") << uR"(json.a == "")"_s << a;
    QTest::newRow("contains ignores case") << uR"(json.a contains "x")"_s << a;
    QTest::newRow("matches") << uR"(json.a matches "x")"_s << a;
    QTest::newRow("every key of a path")
        << uR"(json.amount.value >= 10000)"_s
        << Clauses { { "\"amount\"", backslash }, { "\"value\"", backslash } };
    QTest::newRow("a numeric key may index an array")
        << uR"(json.items.0.id)"_s
        << Clauses { { "\"items\"", backslash }, { "\"id\"", backslash } };
    QTest::newRow("indexes and wildcards name nothing")
        << uR"(json.items[0][*].id)"_s
        << Clauses { { "\"items\"", backslash }, { "\"id\"", backslash } };
    QTest::newRow("not equal") << uR"(json.a != "x")"_s << Clauses {};
    QTest::newRow("negation") << uR"(!(json.a == "x"))"_s << Clauses {};
    QTest::newRow("and keeps both") << uR"(json.a == "x" && json.b == "y")"_s
                                    << Clauses { { "x", backslash },
                                                 { "\"a\"", backslash },
                                                 { "y", backslash },
                                                 { "\"b\"", backslash } };
    QTest::newRow("and with a summary term")
        << uR"(json.a == "x" && method == "POST")"_s
        << Clauses { { "x", backslash }, { "\"a\"", backslash } };
    QTest::newRow("or joins") << uR"(json.a == "x" or json.b == "y")"_s
                              << Clauses { { "x", backslash, "y", backslash } };
    QTest::newRow("or with a term that requires nothing")
        << uR"(json.a == "x" || method == "POST")"_s << Clauses {};
    QTest::newRow("set") << uR"(json.a in {x "y z"})"_s
                         << Clauses { { "x", backslash, "y z", backslash },
                                      { "\"a\"", backslash } };
    QTest::newRow("set with a number") << uR"(json.a in {x 5})"_s << a;
    QTest::newRow("body equality") << uR"(body == "abc")"_s << Clauses { { "abc" } };
    QTest::newRow("body contains") << uR"(body contains "abc")"_s << Clauses {};
    QTest::newRow("search") << uR"("failed")"_s << Clauses {};
    QTest::newRow("header") << uR"(header["X"] == "failed")"_s << Clauses {};
    QTest::newRow("empty expression") << QString() << Clauses {};
    QTest::newRow("syntax error") << uR"(json.a == )"_s << Clauses {};
}

void TestFilterLiterals::requiredLiterals()
{
    QFETCH(QString, expression);
    QFETCH(Clauses, clauses);
    const FilterLiterals literals = FilterLiterals::requiredBy(expression);
    QCOMPARE(literals.clauses(), clauses);
    QCOMPARE(literals.isEmpty(), clauses.isEmpty());
}

// The guarantee a scan relies on: whenever the filter matches an event, its body is admitted.
void TestFilterLiterals::neverRefusesAMatchingBody()
{
    int matched = 0, refused = 0;
    for (const QString &expression : kExpressions) {
        const Filter filter = compile(expression);
        const FilterLiterals literals = FilterLiterals::requiredBy(expression);
        for (const QByteArray &body : kBodies) {
            const Event event = eventWith(body);
            EventSummary summary;
            summary.seq = 1;
            summary.method = u"POST"_s;
            summary.target = u"/hooks/failed"_s;
            const bool matches = filter.matches(summary, &event);
            const bool admitted = literals.admits(body);
            if (matches && !admitted)
                QFAIL(qPrintable(u"%1 matches %2 but its body is refused"_s.arg(
                    expression, QString::fromLatin1(body.toPercentEncoding()))));
            matched += matches ? 1 : 0;
            refused += admitted ? 0 : 1;
        }
    }
    // Both sides of the guarantee were exercised: matching bodies, and bodies skipped unread.
    QVERIFY(matched > 50);
    QVERIFY(refused > 100);
}

void TestFilterLiterals::readsHeaders_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("reads");
    QTest::newRow("json") << uR"(json.a == "x")"_s << false;
    QTest::newRow("body and summary") << uR"(body contains "x" && status >= 400)"_s << false;
    QTest::newRow("header") << uR"(json.a == "x" && header["X"])"_s << true;
    QTest::newRow("nested header") << uR"(!(json.a == "x" || header["X"] == "y"))"_s << true;
    QTest::newRow("search") << uR"(DE32)"_s << true;
}

void TestFilterLiterals::readsHeaders()
{
    QFETCH(QString, expression);
    QFETCH(bool, reads);
    QCOMPARE(FilterLiterals::requiredBy(expression).readsHeaders(), reads);
}

QTEST_GUILESS_MAIN(TestFilterLiterals)
#include "tst_filterliterals.moc"
