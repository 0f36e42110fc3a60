// With a real keychain (GNOME Keyring's Secret Service on a private session bus started here, its files in a
// temporary folder) the secret is stored, read back, preferred over the environment variable, and removed.
#include "exchange/transport/CredentialStore.h"
#include "support/TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace govdesk;
using namespace govdesk::exchange;

class TestCredentialStoreKeychain : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QProcess m_bus;
    QProcess m_keyring;

    QProcessEnvironment environment(const QByteArray &busAddress) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("run")));
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QString::fromUtf8(busAddress));
        env.remove(QStringLiteral("DISPLAY"));
        return env;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QDir(m_home.path()).mkpath(QStringLiteral("run")));
        QFile::setPermissions(m_home.filePath(QStringLiteral("run")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        // A session bus of our own, without service activation: otherwise the first keychain call could
        // start a second, locked keyring daemon that takes the Secret Service name before ours.
        QFile config(m_home.filePath(QStringLiteral("bus.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
            "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
            "<busconfig><type>session</type><listen>unix:tmpdir=" +
            m_home.path().toUtf8() +
            "</listen><auth>EXTERNAL</auth><policy context=\"default\"><allow send_destination=\"*\" "
            "eavesdrop=\"true\"/><allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n");
        config.close();
        m_bus.start(QStringLiteral("dbus-daemon"),
                    {QStringLiteral("--config-file=") + config.fileName(), QStringLiteral("--nofork"),
                     QStringLiteral("--nopidfile"), QStringLiteral("--print-address=1")});
        QVERIFY2(m_bus.waitForStarted(10000), qPrintable(m_bus.errorString()));
        QByteArray address;
        QDeadlineTimer deadline(10000);
        while (!address.contains('\n') && !deadline.hasExpired()) {
            m_bus.waitForReadyRead(200);
            address += m_bus.readAllStandardOutput();
        }
        address = address.trimmed();
        QVERIFY2(address.startsWith("unix:"), address.constData());

        m_keyring.setProcessEnvironment(environment(address));
        m_keyring.start(QStringLiteral("gnome-keyring-daemon"),
                        {QStringLiteral("--foreground"), QStringLiteral("--unlock"),
                         QStringLiteral("--components=secrets")});
        QVERIFY2(m_keyring.waitForStarted(10000), qPrintable(m_keyring.errorString()));
        m_keyring.write("mật-khẩu-kho-khoá\n");
        m_keyring.closeWriteChannel();

        // This process talks to that bus from now on.
        const QProcessEnvironment env = environment(address);
        for (const QString &k :
             {QStringLiteral("HOME"), QStringLiteral("XDG_DATA_HOME"), QStringLiteral("XDG_CONFIG_HOME"),
              QStringLiteral("XDG_RUNTIME_DIR"), QStringLiteral("DBUS_SESSION_BUS_ADDRESS")})
            qputenv(k.toLocal8Bit().constData(), env.value(k).toLocal8Bit());
        qunsetenv("DISPLAY");

        // The keyring registers on the bus, then creates and unlocks its login collection, shortly after
        // starting: wait until an entry can really be written.
        CredentialStore store;
        QString why;
        bool ready = false;
        for (QDeadlineTimer wait(20000); !wait.hasExpired() && !ready;) {
            if (store.available(&why)) {
                const auto probe =
                    store.save(QStringLiteral("probe"), TransportKind::Vxp, QStringLiteral("x"));
                ready = probe.ok();
                if (!ready)
                    why = probe.error().english();
            }
            if (!ready)
                QTest::qWait(200);
        }
        QVERIFY2(ready,
                 qPrintable(why + QLatin1Char(' ') + QString::fromUtf8(m_keyring.readAllStandardError())));
        GD_VERIFY_OK(store.remove(QStringLiteral("probe"), TransportKind::Vxp));
    }

    void cleanupTestCase()
    {
        for (QProcess *p : {&m_keyring, &m_bus}) {
            p->terminate();
            if (!p->waitForFinished(5000))
                p->kill();
            p->waitForFinished(5000);
        }
    }

    void secretIsStoredReadBackAndRemoved()
    {
        CredentialStore store;
        const QString account = QStringLiteral("000.00.00.H16");
        GD_VERIFY_OK(store.save(account, TransportKind::Vxp, QStringLiteral("khoá-trục-quốc-gia")));
        GD_VERIFY_OK(store.save(account, TransportKind::LgspKey, QStringLiteral("khoá-lgsp")));
        const auto vxp = store.load(account, TransportKind::Vxp);
        GD_VERIFY_OK(vxp);
        QCOMPARE(vxp.value(), QStringLiteral("khoá-trục-quốc-gia"));
        QCOMPARE(store.load(account, TransportKind::LgspKey).value(), QStringLiteral("khoá-lgsp"));

        GD_VERIFY_OK(store.remove(account, TransportKind::Vxp));
        const auto gone = store.load(account, TransportKind::Vxp);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code(), QStringLiteral("exchange.credentials.missing"));
        GD_VERIFY_OK(store.remove(account, TransportKind::LgspKey));
    }

    void keychainEntryWinsOverTheEnvironment()
    {
        CredentialStore store;
        TransportConfig config;
        config.kind = TransportKind::LgspOAuth;
        config.secretEnv = QStringLiteral("GOVDESK_TEST_KEYCHAIN_SECRET");
        qputenv("GOVDESK_TEST_KEYCHAIN_SECRET", "from-the-environment");
        const QString account = QStringLiteral("000.00.02.H16");

        auto secret = store.resolveSecret(config, account);
        GD_VERIFY_OK(secret);
        QCOMPARE(secret.value(), QStringLiteral("from-the-environment"));

        GD_VERIFY_OK(store.save(account, TransportKind::LgspOAuth, QStringLiteral("from-the-keychain")));
        secret = store.resolveSecret(config, account);
        GD_VERIFY_OK(secret);
        QCOMPARE(secret.value(), QStringLiteral("from-the-keychain"));
        GD_VERIFY_OK(store.remove(account, TransportKind::LgspOAuth));
        qunsetenv("GOVDESK_TEST_KEYCHAIN_SECRET");
    }
};

QTEST_GUILESS_MAIN(TestCredentialStoreKeychain)
#include "tst_credentialstore_keychain.moc"
