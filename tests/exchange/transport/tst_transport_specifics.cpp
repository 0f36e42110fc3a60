// What only one protocol or the configuration does: OAuth tokens renewed without the user noticing when the
// gateway drops or expires them, a refused token request, the LGSP key API's getEdoc answering in base64,
// an explicit proxy honoured, the configuration read from the machine's settings file, a call stopped by
// its caller (the window closing) instead of waiting for the exchange, and a reply too large refused unread.
#include "SandboxProcess.h"
#include "exchange/transport/LgspKeyTransport.h"
#include "exchange/transport/LgspOAuthTransport.h"
#include "exchange/transport/TransportFactory.h"
#include "exchange/transport/VxpTransport.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace govdesk;
using namespace govdesk::exchange;
using govdesk::test::SandboxAgency;

class TestTransportSpecifics : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    QList<SandboxAgency> m_agencies = test::standardAgencies();
    int m_serial = 0;

    TransportConfig config(TransportKind kind, const SandboxAgency &agency, const QString &prefix) const
    {
        TransportConfig c;
        c.kind = kind;
        c.endpoint = m_sandbox.endpoint(prefix);
        c.systemId = agency.systemId;
        c.secret = agency.secret;
        c.timeoutSeconds = 15;
        return c;
    }

    QByteArray packet()
    {
        return test::samplePacket(m_agencies[0].code, {m_agencies[1].code},
                                  QStringLiteral("specifics-%1").arg(++m_serial));
    }

    int tokensIssued() const { return m_sandbox.state().value(QLatin1String("tokensIssued")).toInt(-1); }

private Q_SLOTS:
    void initTestCase()
    {
        test::clearProxyEnvironment();
        QString error;
        QVERIFY2(m_sandbox.start(m_agencies, {}, &error), qPrintable(error));
    }

    void init() { m_sandbox.reset(); }

    void oauthTokenIsFetchedOnceAndReused()
    {
        LgspOAuthTransport t(config(TransportKind::LgspOAuth, m_agencies[0], QStringLiteral("/lgsp")));
        GD_VERIFY_OK(t.agencies());
        GD_VERIFY_OK(t.send(packet(), MessageType::Edoc, {m_agencies[1].code}));
        GD_VERIFY_OK(t.listReceived(MessageType::Edoc));
        QCOMPARE(t.tokensFetched(), 1);
        QCOMPARE(tokensIssued(), 1);
    }

    void oauthTokenDroppedByTheGatewayIsRenewedTransparently()
    {
        LgspOAuthTransport sender(config(TransportKind::LgspOAuth, m_agencies[0], QStringLiteral("/lgsp")));
        GD_VERIFY_OK(sender.agencies());
        m_sandbox.expireTokens();
        const QByteArray p = packet();
        const auto sent = sender.send(p, MessageType::Edoc, {m_agencies[1].code});
        GD_VERIFY_OK(sent);
        QCOMPARE(sender.tokensFetched(), 2);
        QCOMPARE(tokensIssued(), 2);
        // The call refused for its token was not carried out: one packet only.
        QCOMPARE(m_sandbox.counts(m_agencies[1].code).value(QLatin1String("delivered")).toInt(), 1);
    }

    void oauthTokenPastItsLifetimeIsRenewedBeforeUse()
    {
        test::SandboxProcess shortLived;
        QString error;
        QVERIFY2(
            shortLived.start(m_agencies, {QStringLiteral("--token-lifetime"), QStringLiteral("2")}, &error),
            qPrintable(error));
        TransportConfig c = config(TransportKind::LgspOAuth, m_agencies[1], QStringLiteral("/lgsp"));
        c.endpoint = shortLived.endpoint(QStringLiteral("/lgsp"));
        LgspOAuthTransport t(c);
        GD_VERIFY_OK(t.listReceived(MessageType::Edoc));
        QTest::qWait(2500);
        GD_VERIFY_OK(t.listReceived(MessageType::Edoc));
        QCOMPARE(t.tokensFetched(), 2);
        QCOMPARE(shortLived.state().value(QLatin1String("tokensIssued")).toInt(), 2);
    }

    void oauthRefusedClientIsAnAuthenticationError()
    {
        TransportConfig c = config(TransportKind::LgspOAuth, m_agencies[0], QStringLiteral("/lgsp"));
        c.secret = QStringLiteral("wrong");
        LgspOAuthTransport t(c);
        const auto r = t.listReceived(MessageType::Edoc);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), QStringLiteral("exchange.auth"));
        QVERIFY2(r.error().english().contains(QStringLiteral("Client Authentication failed")),
                 qPrintable(r.error().english()));
    }

    void oauthTokenServerFailureIsRetryable()
    {
        QVERIFY(m_sandbox.arm(QStringLiteral("token=502x1")));
        LgspOAuthTransport t(config(TransportKind::LgspOAuth, m_agencies[0], QStringLiteral("/lgsp")));
        const auto r = t.agencies();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), QStringLiteral("exchange.server"));
        QVERIFY(retryable(r.error()));
        GD_VERIFY_OK(t.agencies());
    }

    void oauthTokenUrlCanLiveElsewhere()
    {
        TransportConfig c = config(TransportKind::LgspOAuth, m_agencies[0], QStringLiteral("/lgsp"));
        QCOMPARE(c.effectiveTokenUrl().toString(), m_sandbox.url() + QStringLiteral("/lgsp/token"));
        c.endpoint = QUrl(m_sandbox.url() + QStringLiteral("/lgsp/"));
        QCOMPARE(c.effectiveTokenUrl().toString(), m_sandbox.url() + QStringLiteral("/lgsp/token"));
        c.tokenUrl = QUrl(m_sandbox.url() + QStringLiteral("/nowhere/token"));
        LgspOAuthTransport t(c);
        const auto r = t.agencies();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), QStringLiteral("exchange.config"));
        QVERIFY(r.error().english().contains(QStringLiteral("404")));
        QVERIFY(!retryable(r.error()));
    }

    void lgspKeyGetEdocInBase64IsAccepted()
    {
        LgspKeyTransport sender(config(TransportKind::LgspKey, m_agencies[0], QStringLiteral("/lgsp-key")));
        LgspKeyTransport receiver(config(TransportKind::LgspKey, m_agencies[1], QStringLiteral("/lgsp-key")));
        const QByteArray p = packet();
        GD_VERIFY_OK(sender.send(p, MessageType::Edoc, {m_agencies[1].code}));
        const auto list = receiver.listReceived(MessageType::Edoc);
        GD_VERIFY_OK(list);
        QCOMPARE(list->size(), 1);
        QVERIFY(m_sandbox.arm(QStringLiteral("getEdoc=base64")));
        const auto asBase64 = receiver.fetch(list->first().docId);
        GD_VERIFY_OK(asBase64);
        QCOMPARE(asBase64.value(), p);
        const auto asText = receiver.fetch(list->first().docId);
        GD_VERIFY_OK(asText);
        QCOMPARE(asText.value(), p);
    }

    void aReplyLargerThanAllowedIsRefusedUnread()
    {
        // A reply larger than any packet (a misbehaving or hostile server) is refused as soon as its length
        // is known, with a clear message, and is not retried; the packet stays on the exchange.
        VxpTransport sender(config(TransportKind::Vxp, m_agencies[0], QStringLiteral("/vxp")));
        TransportConfig small = config(TransportKind::Vxp, m_agencies[1], QStringLiteral("/vxp"));
        small.maxReplyBytes = 16 * 1024;
        VxpTransport receiver(small);
        const QByteArray p = test::samplePacket(m_agencies[0].code, {m_agencies[1].code},
                                                QStringLiteral("specifics-%1").arg(++m_serial), 64 * 1024);
        QVERIFY(p.size() > 60 * 1024);
        GD_VERIFY_OK(sender.send(p, MessageType::Edoc, {m_agencies[1].code}));
        const auto list = receiver.listReceived(MessageType::Edoc);
        GD_VERIFY_OK(list);
        QCOMPARE(list->size(), 1);
        const auto refused = receiver.fetch(list->first().docId);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), QStringLiteral("exchange.too-large"));
        QVERIFY2(refused.error().english().contains(QStringLiteral("16 KB")),
                 qPrintable(refused.error().english()));
        QVERIFY(!retryable(refused.error()));
        QCOMPARE(m_sandbox.counts(m_agencies[1].code).value(QStringLiteral("pending")).toInt(), 1);
        // With the usual bound it is read as sent.
        VxpTransport usual(config(TransportKind::Vxp, m_agencies[1], QStringLiteral("/vxp")));
        const auto fetched = usual.fetch(list->first().docId);
        GD_VERIFY_OK(fetched);
        QCOMPARE(fetched.value(), p);
    }

    void lgspKeyEdxmlFieldIsTextOrBase64()
    {
        const QByteArray xml = "\xEF\xBB\xBF<?xml version=\"1.0\"?><edXML>Đắk Nông</edXML>";
        // A byte-order mark survives as U+FEFF at the start of the JSON string.
        QCOMPARE(LgspKeyTransport::decodeEdxmlField(QChar(0xFEFF) + QString::fromUtf8(xml.mid(3))), xml);
        QCOMPARE(LgspKeyTransport::decodeEdxmlField(QString::fromUtf8(xml.mid(3))), xml.mid(3));
        QCOMPARE(LgspKeyTransport::decodeEdxmlField(QString::fromLatin1(xml.toBase64())), xml);
        QVERIFY(LgspKeyTransport::decodeEdxmlField(QStringLiteral("not a packet")).isEmpty());
        QVERIFY(LgspKeyTransport::decodeEdxmlField(QString::fromLatin1(QByteArray("plain text").toBase64()))
                    .isEmpty());
    }

    void aCallTheCallerStopsEndsWithoutWaitingForTheServer()
    {
        // The exchange never answers; the window closes while the call waits.
        QVERIFY(m_sandbox.arm(QStringLiteral("getReceivedEdocList=timeout x1")));
        std::atomic_bool stop{false};
        TransportConfig c = config(TransportKind::Vxp, m_agencies[1], QStringLiteral("/vxp"));
        c.timeoutSeconds = 600;
        auto t = createTransport(c);
        GD_VERIFY_OK(t);
        t.value()->setCancelFlag(&stop);
        QTimer::singleShot(300, [&stop] { stop = true; });
        const auto stopped = t.value()->listReceived(MessageType::Edoc);
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().code(), QStringLiteral("exchange.cancelled"));
        QVERIFY2(stopped.error().english().contains(QStringLiteral("tried again")),
                 qPrintable(stopped.error().english()));
        QVERIFY(retryable(stopped.error()));

        // Once stopped, nothing more reaches the exchange: the packet is not sent.
        const int sentBefore = m_sandbox.counts(m_agencies[0].code).value(QLatin1String("sent")).toInt();
        auto sender = createTransport(config(TransportKind::Vxp, m_agencies[0], QStringLiteral("/vxp")));
        GD_VERIFY_OK(sender);
        sender.value()->setCancelFlag(&stop);
        const auto notSent = sender.value()->send(packet(), MessageType::Edoc, {m_agencies[1].code});
        QCOMPARE(notSent.error().code(), QStringLiteral("exchange.cancelled"));
        QCOMPARE(m_sandbox.counts(m_agencies[0].code).value(QLatin1String("sent")).toInt(), sentBefore);
        stop = false;
        GD_VERIFY_OK(sender.value()->send(packet(), MessageType::Edoc, {m_agencies[1].code}));
        QCOMPARE(m_sandbox.counts(m_agencies[0].code).value(QLatin1String("sent")).toInt(), sentBefore + 1);
    }

    void explicitProxyIsHonoured()
    {
        // The host cannot be resolved; only a proxy that forwards the request reaches the sandbox, which
        // here plays the proxy itself.
        TransportConfig c = config(TransportKind::Vxp, m_agencies[1], QStringLiteral("/vxp"));
        c.endpoint = QUrl(QStringLiteral("http://truc.govdesk-sandbox.invalid/vxp"));
        c.timeoutSeconds = 10;
        c.proxy = QStringLiteral("none");
        const auto direct = VxpTransport(c).agencies();
        QVERIFY(!direct.ok());
        QCOMPARE(direct.error().code(), QStringLiteral("exchange.network"));

        c.proxy = m_sandbox.url();
        const auto viaProxy = VxpTransport(c).agencies();
        GD_VERIFY_OK(viaProxy);
        QCOMPARE(viaProxy->size(), m_agencies.size());
        QCOMPARE(m_sandbox.state().value(QLatin1String("proxiedRequests")).toInt(), 1);
    }

    void configurationComesFromTheSettingsFileWithoutTheSecret()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("govdesk.conf"));
        {
            QSettings s(file, QSettings::IniFormat);
            s.setValue(QStringLiteral("exchange.lgsp/kind"), QStringLiteral("lgsp-key"));
            s.setValue(QStringLiteral("exchange.lgsp/endpoint"),
                       QStringLiteral("https://apiltvb.example.vn"));
            s.setValue(QStringLiteral("exchange.lgsp/systemId"), QStringLiteral("H37.DN.001"));
            s.setValue(QStringLiteral("exchange.lgsp/secret"), QStringLiteral("must-not-be-read"));
            s.setValue(QStringLiteral("exchange.lgsp/secretEnv"), QStringLiteral("GOVDESK_LGSP_SECRET"));
            s.setValue(QStringLiteral("exchange.lgsp/proxy"),
                       QStringLiteral("http://proxy.so.example.vn:3128"));
            s.setValue(QStringLiteral("exchange.lgsp/timeoutSeconds"), 45);
            s.setValue(QStringLiteral("exchange/kind"), QStringLiteral("smtp"));
            s.setValue(QStringLiteral("exchange.bad/kind"), QStringLiteral("vxp"));
            s.setValue(QStringLiteral("exchange.bad/endpoint"), QStringLiteral("ftp://truc.example.vn"));
            s.setValue(QStringLiteral("exchange.bad/systemId"), QStringLiteral("x"));
        }
        const QSettings s(file, QSettings::IniFormat);
        const auto c = TransportConfig::fromSettings(s, QStringLiteral("exchange.lgsp"));
        GD_VERIFY_OK(c);
        QCOMPARE(c->kind, TransportKind::LgspKey);
        QCOMPARE(c->endpoint, QUrl(QStringLiteral("https://apiltvb.example.vn")));
        QCOMPARE(c->systemId, QStringLiteral("H37.DN.001"));
        QVERIFY(c->secret.isEmpty());
        QCOMPARE(c->secretEnv, QStringLiteral("GOVDESK_LGSP_SECRET"));
        QCOMPARE(c->timeoutSeconds, 45);
        QCOMPARE(c->effectiveFrom(), QStringLiteral("H37.DN.001"));

        const auto unknownKind = TransportConfig::fromSettings(s, QStringLiteral("exchange"));
        QCOMPARE(unknownKind.error().code(), QStringLiteral("exchange.config"));
        QVERIFY(unknownKind.error().english().contains(QStringLiteral("smtp")));
        const auto badEndpoint = TransportConfig::fromSettings(s, QStringLiteral("exchange.bad"));
        QCOMPARE(badEndpoint.error().code(), QStringLiteral("exchange.config"));
        QVERIFY(badEndpoint.error().english().contains(QStringLiteral("ftp://truc.example.vn")));
    }

    void factoryRefusesWhatCannotWork()
    {
        TransportConfig c = config(TransportKind::LgspSoap, m_agencies[0], QStringLiteral("/lgsp-soap"));
        // Every kind has a transport now (lgsp-soap since the SOAP transport exists).
        const auto soap = createTransport(c);
        GD_VERIFY_OK(soap);
        QCOMPARE(soap.value()->kind(), TransportKind::LgspSoap);

        c.kind = TransportKind::Vxp;
        c.caBundle = QStringLiteral("/nonexistent/ca.pem");
        QCOMPARE(createTransport(c).error().code(), QStringLiteral("exchange.config"));
        c.caBundle.clear();
        c.proxy = QStringLiteral("socks5://127.0.0.1:1080");
        QCOMPARE(createTransport(c).error().code(), QStringLiteral("exchange.config"));
        c.proxy.clear();
        c.systemId.clear();
        QCOMPARE(createTransport(c).error().code(), QStringLiteral("exchange.config"));
    }
};

QTEST_GUILESS_MAIN(TestTransportSpecifics)
#include "tst_transport_specifics.moc"
