#include "formats/shellquote.h"

#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

class TestShellQuote : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void word_data();
    void word();
    void printfFormat_data();
    void printfFormat();
    void bashReadsBackEveryByte();
};

void TestShellQuote::word_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray() << "''"_ba;
    QTest::newRow("plain") << "a b$(x)`y`!"_ba
                           << "'a b$(x)`y`!'"_ba;
    QTest::newRow("single quote") << "it's"_ba
                                  << R"('it'\''s')"_ba;
    QTest::newRow("newline") << "a\nb"_ba
                             << R"($'a\x0ab')"_ba;
    QTest::newRow("quote, backslash, bang in $''") << "\x01'\\!"_ba
                                                   << R"($'\x01\x27\x5c\x21')"_ba;
    QTest::newRow("utf-8") << "\xc3\xbc"_ba
                           << R"($'\xc3\xbc')"_ba;
}

void TestShellQuote::word()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(ShellQuote::word(input), expected);
}

void TestShellQuote::printfFormat_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("percent and backslash") << "5% \\n"_ba
                                           << R"('5\045 \134n')"_ba;
    QTest::newRow("nul and quote") << QByteArray("\0'", 2) << R"('\000\047')"_ba;
    QTest::newRow("leading dash") << "-v-"_ba
                                  << R"('\055v-')"_ba;
}

void TestShellQuote::printfFormat()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(ShellQuote::printfFormat(input), expected);
}

void TestShellQuote::bashReadsBackEveryByte()
{
    QByteArray all;
    for (int i = 1; i < 256; ++i)
        all += char(i);
    const QByteArray script = "printf '%s' " + ShellQuote::word(all) + "\nprintf "
        + ShellQuote::printfFormat(QByteArray(QByteArray(1, '\0') + all));
    QProcess bash;
    bash.start(u"bash"_s, { u"--norc"_s, u"-c"_s, QString::fromLatin1(script) });
    QVERIFY(bash.waitForFinished(10000));
    QCOMPARE(bash.readAllStandardOutput(), all + QByteArray(1, '\0') + all);
}

QTEST_GUILESS_MAIN(TestShellQuote)
#include "tst_shellquote.moc"
