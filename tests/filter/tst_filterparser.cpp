#include "filter/filterparser.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The parser on its own: the tree it builds (precedence, grouping, paths, literals and their
// offsets). Errors are covered end to end in tst_filter.
class TestFilterParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tree_data();
    void tree();
    void literalPositions_data();
    void literalPositions();
    void fieldNames();
};

namespace {
QString opName(FilterOp op)
{
    static const char *names[] = { "", "==", "!=", "<", "<=", ">", ">=", "contains", "matches" };
    return QString::fromLatin1(names[int(op)]);
}

QString jsonPath(const QList<JsonPathStep> &path)
{
    QString out;
    for (const JsonPathStep &step : path) {
        if (step.kind == JsonPathStep::Kind::Any)
            out += u"/*"_s;
        else if (step.kind == JsonPathStep::Kind::Index)
            out += u"/#"_s + QString::number(step.index);
        else
            out += u"/"_s + step.key;
    }
    return out;
}

// A compact S-expression of the tree, so a table row can state the whole expected shape.
QString dump(const FilterNode &node)
{
    switch (node.kind) {
    case FilterNode::Kind::And:
    case FilterNode::Kind::Or:
    case FilterNode::Kind::Not: {
        QString out = node.kind == FilterNode::Kind::And ? u"(and"_s
            : node.kind == FilterNode::Kind::Or          ? u"(or"_s
                                                         : u"(not"_s;
        for (const auto &child : node.children)
            out += u' ' + dump(*child);
        return out + u')';
    }
    case FilterNode::Kind::Search:
        return u"{"_s + node.value.text + u"}"_s;
    case FilterNode::Kind::Compare:
        break;
    }
    QString out = u"["_s + node.fieldText + jsonPath(node.jsonPath);
    if (node.op == FilterOp::In) {
        QStringList members;
        for (const FilterLiteral &literal : node.values)
            members.append(literal.text);
        out += u" in {"_s + members.join(u',') + u'}';
    } else if (node.op != FilterOp::None) {
        out += u' ' + opName(node.op) + u' ' + node.value.text;
    }
    return out + u']';
}
} // namespace

void TestFilterParser::tree_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *expression, const char *expected) {
        QTest::newRow(expression) << QString::fromUtf8(expression) << QString::fromUtf8(expected);
    };
    row("valid", "[valid]");
    row("a || b && c", "(or {a} (and {b} {c}))");
    row("a && b || c", "(or (and {a} {b}) {c})");
    row("!a && b", "(and (not {a}) {b})");
    row("!(a && b)", "(not (and {a} {b}))");
    row("a && b && c && d", "(and {a} {b} {c} {d})");
    row("a || b || c", "(or {a} {b} {c})");
    row("a or b and not c", "(or {a} (and {b} (not {c})))");
    row("(a || b) && c", "(and (or {a} {b}) {c})");
    row("not not a", "(not (not {a}))");
    row("android", "{android}");
    row("order", "{order}");
    row("notice", "{notice}");
    row("a&&b", "(and {a} {b})");
    row("method == \"POST\"", "[method == POST]");
    row("METHOD==POST", "[method == POST]");
    row("status>=400", "[status >= 400]");
    row("path contains card", "[path contains card]");
    row("path matches \"^/hooks/(a|b)\"", "[path matches ^/hooks/(a|b)]");
    row("path matches \"\\d+\\.json\"", "[path matches \\d+\\.json]");
    row("event != 'A \"B\"'", "[event != A \"B\"]");
    row("header[\"Solaris-Webhook-Attempt\"] > 1", "[header[Solaris-Webhook-Attempt] > 1]");
    row("header[X-Y]", "[header[X-Y]]");
    row("json", "[json]");
    row("json.data.items[0].amount.value >= 10000", "[json/data/items/#0/amount/value >= 10000]");
    row("json.items[-1]", "[json/items/#-1]");
    row("json.items[*].id", "[json/items/*/id]");
    row("json[\"weird key\"].x", "[json/weird key/x]");
    row("json['a.b']", "[json/a.b]");
    row("json.données.montant", "[json/données/montant]");
    row("json.user-id == 5", "[json/user-id == 5]");
    row("json.a$b", "[json/a$b]");
    row("time >= 2026-11-22T10:00:00+01:00", "[time >= 2026-11-22T10:00:00+01:00]");
    row("size < 10KB", "[size < 10KB]");
    row("\"two words\"", "{two words}");
    row("\"tab\\there\"", "{tab\there}");
    row("\"\\u00fc\"", "{ü}");
    row("'it\\'s'", "{it's}");
    row("\"back\\\\slash\"", "{back\\slash}");
    row("DE3211…", "{DE3211…}");
    row("𝄞", "{𝄞}");
    row("path/x", "{path/x}");
    row("json-data", "{json-data}");
    row("headers", "{headers}");
    row("status:200", "{status:200}");
    row("sha256=abc", "{sha256=abc}");
    row("a=b=c && x", "(and {a=b=c} {x})");
    row("header[X] == a=b", "[header[X] == a=b]");
    row("valid && \"valid\"", "(and [valid] {valid})");
    row("status in {200 404}", "[status in {200,404}]");
    row("event in{A,B , \"C D\"}", "[event in {A,B,C D}]");
    row("json.a[*] in {x}", "[json/a/* in {x}]");
    row("index", "{index}");
    row("path in {a} || inside", "(or [path in {a}] {inside})");
}

void TestFilterParser::tree()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    FilterParser parser(expression);
    const std::unique_ptr<FilterNode> root = parser.parse();
    QVERIFY2(!parser.error(), qPrintable(parser.error() ? parser.error()->toString() : QString()));
    QVERIFY(root);
    QCOMPARE(dump(*root), expected);
}

void TestFilterParser::literalPositions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<qsizetype>("valuePosition");
    QTest::addColumn<qsizetype>("valueLength");
    QTest::addColumn<bool>("verbatim");
    QTest::addColumn<qsizetype>("opPosition");
    QTest::newRow("quoted") << u"path == \"/a\""_s << qsizetype(8) << qsizetype(4) << true
                            << qsizetype(5);
    QTest::newRow("bare") << u"status >=  400"_s << qsizetype(11) << qsizetype(3) << true
                          << qsizetype(7);
    QTest::newRow("escaped") << u"body matches \"a\\.b\""_s << qsizetype(13) << qsizetype(6)
                             << false << qsizetype(5);
    QTest::newRow("surrogates") << u"body == \"𝄞\""_s << qsizetype(8) << qsizetype(4) << true
                                << qsizetype(5);
}

void TestFilterParser::literalPositions()
{
    QFETCH(QString, expression);
    QFETCH(qsizetype, valuePosition);
    QFETCH(qsizetype, valueLength);
    QFETCH(bool, verbatim);
    QFETCH(qsizetype, opPosition);
    FilterParser parser(expression);
    const std::unique_ptr<FilterNode> root = parser.parse();
    QVERIFY(root);
    QCOMPARE(root->value.position, valuePosition);
    QCOMPARE(root->value.length, valueLength);
    QCOMPARE(root->value.verbatim, verbatim);
    QCOMPARE(root->opPosition, opPosition);
}

void TestFilterParser::fieldNames()
{
    QCOMPARE(FilterParser::fieldForName(u"Signature"), FilterField::Signature);
    QCOMPARE(FilterParser::fieldForName(u"json"), FilterField::Json);
    QVERIFY(!FilterParser::fieldForName(u"jsonx"));
    QVERIFY(!FilterParser::fieldForName(u""));
}

QTEST_GUILESS_MAIN(TestFilterParser)
#include "tst_filterparser.moc"
