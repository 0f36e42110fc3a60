// Where no keychain answers (a headless server, as here: the session bus is pointed at nothing), the store
// says so, never writes the secret anywhere else, and the sync takes the secret from the environment
// variable the configuration names — with an error naming that variable when it is not set either.
#include "exchange/transport/CredentialStore.h"
#include "support/TestSupport.h"

#include <QDirIterator>
#include <QStandardPaths>
#include <QTest>

using namespace govdesk;
using namespace govdesk::exchange;

class TestCredentialStore : public QObject
{
    Q_OBJECT

private:
    const QString m_secret = QStringLiteral("bí-mật-không-được-ghi-ra-tệp-7731");

    static bool anyFileContains(const QString &dir, const QByteArray &needle)
    {
        QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
                return true;
        }
        return false;
    }

    TransportConfig config(const QString &env) const
    {
        TransportConfig c;
        c.kind = TransportKind::LgspOAuth;
        c.endpoint = QUrl(QStringLiteral("https://lgsp.example.vn/truclienthong/v1"));
        c.systemId = QStringLiteral("H16.UBND");
        c.secretEnv = env;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // No keychain service: a session bus address where nothing listens, no X display to start one.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/govdesk-test-bus");
        qunsetenv("DISPLAY");
        qunsetenv("WAYLAND_DISPLAY");
    }

    void noKeychainIsReportedWithItsReason()
    {
        CredentialStore store;
        QString why;
        QVERIFY(!store.available(&why));
        QVERIFY(!why.isEmpty());

        const auto saved = store.save(QStringLiteral("000.00.00.H16"), TransportKind::LgspOAuth, m_secret);
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code(), QStringLiteral("exchange.keychain"));
        QVERIFY(saved.error().english().contains(why));
        const auto loaded = store.load(QStringLiteral("000.00.00.H16"), TransportKind::LgspOAuth);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code(), QStringLiteral("exchange.keychain"));
    }

    void theSecretIsNeverWrittenToAFile()
    {
        CredentialStore store;
        (void)store.save(QStringLiteral("000.00.00.H16"), TransportKind::Vxp, m_secret);
        for (auto location : {QStandardPaths::GenericConfigLocation, QStandardPaths::AppConfigLocation,
                              QStandardPaths::AppDataLocation, QStandardPaths::GenericDataLocation})
            QVERIFY2(!anyFileContains(QStandardPaths::writableLocation(location), m_secret.toUtf8()),
                     qPrintable(QStandardPaths::writableLocation(location)));
    }

    void environmentVariableStandsInForTheKeychain()
    {
        qputenv("GOVDESK_TEST_LGSP_SECRET", m_secret.toUtf8());
        const auto secret = CredentialStore().resolveSecret(
            config(QStringLiteral("GOVDESK_TEST_LGSP_SECRET")), QStringLiteral("000.00.00.H16"));
        GD_VERIFY_OK(secret);
        QCOMPARE(secret.value(), m_secret);
        qunsetenv("GOVDESK_TEST_LGSP_SECRET");
    }

    void missingEverywhereNamesTheVariable()
    {
        qunsetenv("GOVDESK_TEST_LGSP_SECRET");
        const auto secret = CredentialStore().resolveSecret(
            config(QStringLiteral("GOVDESK_TEST_LGSP_SECRET")), QStringLiteral("000.00.00.H16"));
        QVERIFY(!secret.ok());
        QCOMPARE(secret.error().code(), QStringLiteral("exchange.credentials"));
        QVERIFY(secret.error().english().contains(QStringLiteral("GOVDESK_TEST_LGSP_SECRET")));
        QVERIFY(secret.error().english().contains(QStringLiteral("lgsp-oauth")));
        QVERIFY(secret.error().english().contains(QStringLiteral("000.00.00.H16")));
    }

    void noVariableConfiguredSaysSo()
    {
        const auto secret =
            CredentialStore().resolveSecret(config(QString()), QStringLiteral("000.00.00.H16"));
        QVERIFY(!secret.ok());
        QCOMPARE(secret.error().code(), QStringLiteral("exchange.credentials"));
        QVERIFY(secret.error().english().contains(QStringLiteral("secretEnv")));
    }

    void entriesAreKeyedByAccountAndKind()
    {
        QCOMPARE(CredentialStore::entryKey(QStringLiteral("000.00.00.H16"), TransportKind::Vxp),
                 QStringLiteral("000.00.00.H16/vxp"));
        QVERIFY(CredentialStore::entryKey(QStringLiteral("000.00.00.H16"), TransportKind::LgspKey) !=
                CredentialStore::entryKey(QStringLiteral("000.00.00.H16"), TransportKind::LgspOAuth));
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
