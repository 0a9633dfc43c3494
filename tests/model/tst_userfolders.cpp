#include "event/userfolders.h"
#include "signature/secretset.h"
#include "store/sessionstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The folders the README names are the ones the program uses: XDG, without the doubled
// hookscope/hookscope/ that Qt's App*Location gives when organisation and application share a name.
class TestUserFolders : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    QString under(const QString &relative) const { return m_home.filePath(relative); }

    static void write(const QString &path)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{}");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", under(u"data"_s).toLocal8Bit());
        qputenv("XDG_CONFIG_HOME", under(u"config"_s).toLocal8Bit());
        QCoreApplication::setOrganizationName(u"hookscope"_s);
        QCoreApplication::setApplicationName(u"hookscope"_s);
    }

    void foldersAreNotDoubled()
    {
        QCOMPARE(UserFolders::sessions(), under(u"data/hookscope/sessions"_s));
        QCOMPARE(UserFolders::secretsFile(), under(u"config/hookscope/secrets.json"_s));
        QCOMPARE(SecretSet::userFilePath(), UserFolders::secretsFile());
    }

    void newSessionsGoToTheDocumentedFolder()
    {
        const QString path = SessionStore::newDefaultSessionPath();
        QCOMPARE(QFileInfo(path).absolutePath(), under(u"data/hookscope/sessions"_s));
        QVERIFY(QDir(UserFolders::sessions()).exists());
        QCOMPARE(QFile(UserFolders::sessions()).permissions() & 0x0077, QFileDevice::Permissions());
    }

    void secretsInTheOldFolderAreStillRead()
    {
        const QString old = under(u"config/hookscope/hookscope/secrets.json"_s);
        QCOMPARE(UserFolders::secretsFileToRead(), UserFolders::secretsFile()); // neither exists
        write(old);
        QCOMPARE(UserFolders::secretsFileToRead(), old);
        write(UserFolders::secretsFile()); // once saved in the new place, that one wins
        QCOMPARE(UserFolders::secretsFileToRead(), UserFolders::secretsFile());
    }

    void oldSessionsFolderIsNamed()
    {
        QCOMPARE(UserFolders::legacySessions(), under(u"data/hookscope/hookscope/sessions"_s));
    }
};

QTEST_GUILESS_MAIN(TestUserFolders)
#include "tst_userfolders.moc"
