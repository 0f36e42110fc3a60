// HTTPS to the exchange: a server whose certificate chains to the CA bundle IT configured is trusted (on top
// of the system CAs), and anything else stops with exchange.tls saying what is wrong — not trusted, expired,
// issued for another host — never a silent fallback. The test CA and certificates are made here with the
// openssl command (test::ServerCertificates).
#include "SandboxProcess.h"
#include "exchange/transport/TransportFactory.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace govdesk;
using namespace govdesk::exchange;

class TestTransportTls : public QObject
{
    Q_OBJECT

private:
    test::ServerCertificates m_pki;
    test::SandboxProcess m_good;    // certificate for IP 127.0.0.1 from the test CA
    test::SandboxProcess m_expired; // same CA, validity over in 2021
    QList<test::SandboxAgency> m_agencies = test::standardAgencies();

    TransportConfig configFor(const test::SandboxProcess &sandbox, const QString &host, bool withCa,
                              TransportKind kind = TransportKind::Vxp) const
    {
        TransportConfig c;
        c.kind = kind;
        QUrl url =
            sandbox.endpoint(kind == TransportKind::Vxp ? QStringLiteral("/vxp") : QStringLiteral("/lgsp"));
        url.setHost(host);
        c.endpoint = url;
        c.systemId = m_agencies[0].systemId;
        c.secret = m_agencies[0].secret;
        c.timeoutSeconds = 15;
        if (withCa)
            c.caBundle = m_pki.caBundle();
        return c;
    }

    core::Error failureOf(const TransportConfig &c)
    {
        auto t = createTransport(c);
        if (!t)
            return t.error();
        auto r = t.value()->agencies();
        return r.ok() ? core::Error() : r.error();
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::clearProxyEnvironment();
        QString error;
        QVERIFY2(m_pki.create(&error), qPrintable(error));
        QVERIFY2(m_good.start(m_agencies, m_pki.tlsArgs(QStringLiteral("good")), &error), qPrintable(error));
        QVERIFY(m_good.url().startsWith(QLatin1String("https://127.0.0.1:")));
        QVERIFY2(m_expired.start(m_agencies, m_pki.tlsArgs(QStringLiteral("expired")), &error),
                 qPrintable(error));
    }

    void serverFromTheConfiguredCaIsTrusted()
    {
        auto sender = createTransport(configFor(m_good, QStringLiteral("127.0.0.1"), true));
        GD_VERIFY_OK(sender);
        const QByteArray packet =
            test::samplePacket(m_agencies[0].code, {m_agencies[1].code}, QStringLiteral("tls"));
        GD_VERIFY_OK(sender.value()->send(packet, MessageType::Edoc, {m_agencies[1].code}));
        TransportConfig rc = configFor(m_good, QStringLiteral("127.0.0.1"), true);
        rc.systemId = m_agencies[1].systemId;
        rc.secret = m_agencies[1].secret;
        auto receiver = createTransport(rc);
        GD_VERIFY_OK(receiver);
        const auto list = receiver.value()->listReceived(MessageType::Edoc);
        GD_VERIFY_OK(list);
        QCOMPARE(list->size(), 1);
        const auto bytes = receiver.value()->fetch(list->first().docId);
        GD_VERIFY_OK(bytes);
        QCOMPARE(bytes.value(), packet);
    }

    void oauthOverHttpsIsTrustedToo()
    {
        auto t =
            createTransport(configFor(m_good, QStringLiteral("127.0.0.1"), true, TransportKind::LgspOAuth));
        GD_VERIFY_OK(t);
        GD_VERIFY_OK(t.value()->agencies());
    }

    void withoutTheCaBundleTheServerIsNotTrusted()
    {
        const core::Error e = failureOf(configFor(m_good, QStringLiteral("127.0.0.1"), false));
        QCOMPARE(e.code(), QStringLiteral("exchange.tls"));
        QVERIFY2(e.english().contains(QStringLiteral("is not trusted")), qPrintable(e.english()));
    }

    void certificateForAnotherHostIsRefused()
    {
        // "localhost" reaches the same server, whose certificate names only 127.0.0.1.
        const core::Error e = failureOf(configFor(m_good, QStringLiteral("localhost"), true));
        QCOMPARE(e.code(), QStringLiteral("exchange.tls"));
        QVERIFY2(e.english().contains(QStringLiteral("another host name")), qPrintable(e.english()));
    }

    void expiredCertificateIsRefused()
    {
        const core::Error e = failureOf(configFor(m_expired, QStringLiteral("127.0.0.1"), true));
        QCOMPARE(e.code(), QStringLiteral("exchange.tls"));
        QVERIFY2(e.english().contains(QStringLiteral("expired")), qPrintable(e.english()));
        QVERIFY(!retryable(e));
    }

    void plainHttpClientToTheHttpsServerIsNotASuccess()
    {
        TransportConfig c = configFor(m_good, QStringLiteral("127.0.0.1"), true);
        c.endpoint.setScheme(QStringLiteral("http"));
        c.timeoutSeconds = 5;
        const core::Error e = failureOf(c);
        QVERIFY(!e.isNull());
        QVERIFY2(e.code() == QLatin1String("exchange.network") ||
                     e.code() == QLatin1String("exchange.protocol"),
                 qPrintable(e.code()));
    }
};

QTEST_GUILESS_MAIN(TestTransportTls)
#include "tst_transport_tls.moc"
