// Passwords are stored as salted PBKDF2-HMAC-SHA256: the right password opens the account, a wrong one or a
// tampered stored value does not.
#include "core/PasswordHash.h"

#include <QTest>

using namespace govdesk::core;

class TestPasswordHash : public QObject
{
    Q_OBJECT

    static constexpr int Fast = 1000;

private Q_SLOTS:
    void pbkdf2MatchesPublishedVectors_data()
    {
        // RFC 7914 section 11 (PBKDF2-HMAC-SHA256 test vectors).
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<int>("iterations");
        QTest::addColumn<QByteArray>("expectedHex");
        QTest::newRow("c=1") << QByteArray("passwd") << QByteArray("salt") << 1
                             << QByteArray(
                                    "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                                    "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
        QTest::newRow("c=80000") << QByteArray("Password") << QByteArray("NaCl") << 80000
                                 << QByteArray(
                                        "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                                        "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
    }
    void pbkdf2MatchesPublishedVectors()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, salt);
        QFETCH(int, iterations);
        QFETCH(QByteArray, expectedHex);
        QCOMPARE(PasswordHash::pbkdf2Sha256(password, salt, iterations, 64).toHex(), expectedHex);
    }

    void rightAndWrongPassword()
    {
        const QString stored = PasswordHash::hash(QStringLiteral("Mật khẩu 2026!"), Fast);
        QVERIFY(PasswordHash::verify(QStringLiteral("Mật khẩu 2026!"), stored));
        QVERIFY(!PasswordHash::verify(QStringLiteral("Mat khau 2026!"), stored));
        QVERIFY(!PasswordHash::verify(QStringLiteral("mật khẩu 2026!"), stored));
        QVERIFY(!PasswordHash::verify(QString(), stored));
        QVERIFY(!stored.contains(QStringLiteral("2026")));
    }

    void defaultCostRoundTrip()
    {
        const QString stored = PasswordHash::hash(QStringLiteral("correct horse"));
        QCOMPARE(stored.section(QLatin1Char('$'), 1, 1).toInt(), int(PasswordHash::DefaultIterations));
        QVERIFY(PasswordHash::verify(QStringLiteral("correct horse"), stored));
        QVERIFY(!PasswordHash::verify(QStringLiteral("correct horse "), stored));
    }

    void saltDiffers()
    {
        const QString a = PasswordHash::hash(QStringLiteral("same password"), Fast);
        const QString b = PasswordHash::hash(QStringLiteral("same password"), Fast);
        QVERIFY(a != b);
        QVERIFY(a.section(QLatin1Char('$'), 2, 2) != b.section(QLatin1Char('$'), 2, 2));
        QVERIFY(PasswordHash::verify(QStringLiteral("same password"), a));
        QVERIFY(PasswordHash::verify(QStringLiteral("same password"), b));
    }

    void tamperedStoredValueRejected_data()
    {
        QTest::addColumn<QString>("stored");
        const QString good = PasswordHash::hash(QStringLiteral("secret-pw"), Fast);
        const QStringList p = good.split(QLatin1Char('$'));
        QVERIFY(p.size() == 4);
        auto join = [](const QStringList &parts) { return parts.join(QLatin1Char('$')); };
        QString key = p[3];
        key[2] = key[2] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        QTest::newRow("key changed") << join({p[0], p[1], p[2], key});
        QTest::newRow("salt changed") << join({p[0], p[1], QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA=="), p[3]});
        QTest::newRow("iterations lowered") << join({p[0], QStringLiteral("999"), p[2], p[3]});
        QTest::newRow("iterations zero") << join({p[0], QStringLiteral("0"), p[2], p[3]});
        QTest::newRow("iterations not a number") << join({p[0], QStringLiteral("many"), p[2], p[3]});
        QTest::newRow("other algorithm") << join({QStringLiteral("md5"), p[1], p[2], p[3]});
        QTest::newRow("key removed") << join({p[0], p[1], p[2], QString()});
        QTest::newRow("key truncated") << join({p[0], p[1], p[2], QStringLiteral("AA==")});
        QTest::newRow("missing part") << join({p[0], p[1], p[2]});
        QTest::newRow("extra part") << join({p[0], p[1], p[2], p[3], QStringLiteral("x")});
        QTest::newRow("empty") << QString();
        QTest::newRow("plain text") << QStringLiteral("secret-pw");
    }
    void tamperedStoredValueRejected()
    {
        QFETCH(QString, stored);
        QVERIFY(!PasswordHash::verify(QStringLiteral("secret-pw"), stored));
        QVERIFY(!PasswordHash::verify(QStringLiteral("anything else"), stored));
    }
};

QTEST_APPLESS_MAIN(TestPasswordHash)
#include "tst_passwordhash.moc"
