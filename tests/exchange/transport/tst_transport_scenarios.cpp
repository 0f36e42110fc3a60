// One transport against the real govdesk-sandbox: the exchange a clerk relies on (a packet sent by one agency
// arrives byte for byte at the other, leaves its inbox once acknowledged, shows in the sender's sent list),
// the directory, refused credentials and a refused `from` with the axis's own words, and every fault the
// sandbox injects mapped to the code the sync engine acts on — retried ones succeeding afterwards, with
// nothing lost and nothing delivered twice except the injected duplicate.
// Built once per protocol (GOVDESK_TRANSPORT_KIND = vxp, lgsp-oauth, lgsp-key, lgsp-soap).
#include "SandboxProcess.h"
#include "exchange/transport/ExchangeTransport.h"
#include "exchange/transport/TransportFactory.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTcpServer>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

using namespace govdesk;
using namespace govdesk::exchange;
using govdesk::test::SandboxAgency;

namespace {

QString prefixOf(TransportKind kind)
{
    switch (kind) {
    case TransportKind::LgspOAuth:
        return QStringLiteral("/lgsp");
    case TransportKind::LgspKey:
        return QStringLiteral("/lgsp-key");
    case TransportKind::LgspSoap:
        return QStringLiteral("/lgsp-soap");
    default:
        return QStringLiteral("/vxp");
    }
}

QByteArray sha(const QByteArray &b)
{
    return QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex();
}

} // namespace

class TestTransportScenarios : public QObject
{
    Q_OBJECT

private:
    TransportKind m_kind = TransportKind::Vxp;
    test::SandboxProcess m_sandbox;
    QList<SandboxAgency> m_agencies = test::standardAgencies();
    const SandboxAgency &a() const { return m_agencies[0]; }
    const SandboxAgency &b() const { return m_agencies[1]; }
    const SandboxAgency &c() const { return m_agencies[2]; }
    int m_serial = 0;

    TransportConfig configFor(const SandboxAgency &agency, int timeoutSeconds = 15) const
    {
        TransportConfig config;
        config.kind = m_kind;
        config.endpoint = m_sandbox.endpoint(prefixOf(m_kind));
        config.systemId = agency.systemId;
        config.secret = agency.secret;
        config.timeoutSeconds = timeoutSeconds;
        return config;
    }

    std::unique_ptr<ExchangeTransport> transportFor(const SandboxAgency &agency,
                                                    int timeoutSeconds = 15) const
    {
        auto t = createTransport(configFor(agency, timeoutSeconds));
        if (!t)
            qFatal("%s", test::why(t).constData());
        return std::move(t).value();
    }

    QByteArray newPacket(const SandboxAgency &to)
    {
        return test::samplePacket(a().code, {to.code},
                                  QStringLiteral("%1-%2").arg(transportKindName(m_kind)).arg(++m_serial));
    }

    int count(const QString &code, const char *what) const
    {
        return m_sandbox.counts(code).value(QLatin1String(what)).toInt(-1);
    }

    /// B's pending edoc items.
    QList<ReceivedItem> inboxOfB()
    {
        auto list = transportFor(b())->listReceived(MessageType::Edoc);
        if (!list) {
            QTest::qFail(test::why(list).constData(), __FILE__, __LINE__);
            return {};
        }
        return list.value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(transportKindFromName(QStringLiteral(GOVDESK_TRANSPORT_KIND), &m_kind));
        // The sandbox is on 127.0.0.1: no proxy of the environment in the way.
        test::clearProxyEnvironment();
        QString error;
        QVERIFY2(m_sandbox.start(m_agencies, {}, &error), qPrintable(error));
    }

    void init() { m_sandbox.reset(); }

    void sentPacketArrivesIdenticalAndLeavesTheInboxWhenAcknowledged()
    {
        auto sender = transportFor(a());
        const QByteArray packet = newPacket(b());
        const auto sent = sender->send(packet, MessageType::Edoc, {b().code});
        GD_VERIFY_OK(sent);
        QCOMPARE(sent->size(), 24);

        auto receiver = transportFor(b());
        const auto list = receiver->listReceived(MessageType::Edoc);
        GD_VERIFY_OK(list);
        QCOMPARE(list->size(), 1);
        const ReceivedItem item = list->first();
        QCOMPARE(item.from, a().code);
        QCOMPARE(item.messageType, MessageType::Edoc);
        QVERIFY(item.createdTime.isValid());
        QVERIFY(qAbs(item.createdTime.secsTo(QDateTime::currentDateTime())) < 3600);

        const auto fetched = receiver->fetch(item.docId);
        GD_VERIFY_OK(fetched);
        QCOMPARE(sha(fetched.value()), sha(packet));
        QCOMPARE(fetched->size(), packet.size());

        // Nothing arrived for the third agency, and A's own inbox is empty.
        const auto others = transportFor(c())->listReceived(MessageType::Edoc);
        GD_VERIFY_OK(others);
        QVERIFY(others->isEmpty());

        GD_VERIFY_OK(receiver->acknowledge(item.docId, TransportAck::Done));
        const auto after = receiver->listReceived(MessageType::Edoc);
        GD_VERIFY_OK(after);
        QVERIFY(after->isEmpty());
        QCOMPARE(count(a().code, "sent"), 1);
        QCOMPARE(count(b().code, "delivered"), 1);
        QCOMPARE(count(b().code, "acknowledged"), 1);
        QCOMPARE(count(b().code, "pending"), 0);

        if (sender->hasSentList()) {
            const auto sentList = sender->sentList(MessageType::Edoc);
            GD_VERIFY_OK(sentList);
            QCOMPARE(sentList->size(), 1);
            const SentItem s = sentList->first();
            QCOMPARE(s.senderDocId, sent.value());
            QCOMPARE(s.receiverDocId, item.docId);
            QCOMPARE(s.fromCode, a().code);
            QCOMPARE(s.toCode, b().code);
            QCOMPARE(s.receiveStatus, QStringLiteral("done"));
            QVERIFY(s.sentTime.isValid());
        } else {
            const auto none = sender->sentList(MessageType::Edoc);
            QVERIFY(!none.ok());
            QCOMPARE(none.error().code(), QStringLiteral("exchange.unsupported"));
            QVERIFY(!retryable(none.error()));
        }
    }

    void packetWithByteOrderMarkArrivesUnchanged()
    {
        // Some producers write a UTF-8 byte-order mark; the bytes the receiver gets must still be the sent
        // ones (signatures and hashes are over them).
        const QByteArray packet = "\xEF\xBB\xBF" + newPacket(b());
        GD_VERIFY_OK(transportFor(a())->send(packet, MessageType::Edoc, {b().code}));
        const QString docId = inboxOfB().value(0).docId;
        const auto fetched = transportFor(b())->fetch(docId);
        GD_VERIFY_OK(fetched);
        QCOMPARE(fetched.value(), packet);
    }

    void processingKeepsThePacketInTheInboxAndFailTakesItOut()
    {
        GD_VERIFY_OK(transportFor(a())->send(newPacket(b()), MessageType::Edoc, {b().code}));
        auto receiver = transportFor(b());
        const QString docId = inboxOfB().value(0).docId;
        QVERIFY(!docId.isEmpty());
        GD_VERIFY_OK(receiver->acknowledge(docId, TransportAck::Processing));
        QCOMPARE(inboxOfB().size(), 1);
        GD_VERIFY_OK(receiver->acknowledge(docId, TransportAck::Fail));
        QCOMPARE(inboxOfB().size(), 0);
        QCOMPARE(count(b().code, "acknowledged"), 1);
    }

    void recipientsComeFromThePacketWhenNoneAreGiven()
    {
        const QByteArray packet = test::samplePacket(a().code, {b().code, c().code}, QStringLiteral("no-to"));
        GD_VERIFY_OK(transportFor(a())->send(packet, MessageType::Edoc, {}));
        QCOMPARE(count(b().code, "delivered"), 1);
        QCOMPARE(count(c().code, "delivered"), 1);
        const auto atC = transportFor(c())->listReceived(MessageType::Edoc);
        GD_VERIFY_OK(atC);
        QCOMPARE(atC->size(), 1);
        const auto bytes = transportFor(c())->fetch(atC->first().docId);
        GD_VERIFY_OK(bytes);
        QCOMPARE(sha(bytes.value()), sha(packet));
    }

    void statusPacketsAreListedApartFromDocuments()
    {
        const QByteArray status = test::sampleStatus(b().code, a().code, QStringLiteral("01"));
        GD_VERIFY_OK(transportFor(b())->send(status, MessageType::Status, {}));
        auto atA = transportFor(a());
        const auto docs = atA->listReceived(MessageType::Edoc);
        GD_VERIFY_OK(docs);
        QVERIFY(docs->isEmpty());
        const auto statuses = atA->listReceived(MessageType::Status);
        GD_VERIFY_OK(statuses);
        QCOMPARE(statuses->size(), 1);
        QCOMPARE(statuses->first().messageType, MessageType::Status);
        QCOMPARE(statuses->first().from, b().code);
        const auto bytes = atA->fetch(statuses->first().docId);
        GD_VERIFY_OK(bytes);
        QCOMPARE(bytes.value(), status);
    }

    void anAgencyCannotTakeAnotherAgencysPacket()
    {
        GD_VERIFY_OK(transportFor(a())->send(newPacket(b()), MessageType::Edoc, {b().code}));
        const QString docId = inboxOfB().value(0).docId;
        auto intruder = transportFor(c());
        const auto fetched = intruder->fetch(docId);
        QVERIFY(!fetched.ok());
        QCOMPARE(fetched.error().code(), QStringLiteral("exchange.refused"));
        QVERIFY(fetched.error().english().contains(docId));
        QVERIFY(!intruder->acknowledge(docId, TransportAck::Done).ok());
        QCOMPARE(inboxOfB().size(), 1);
    }

    void directoryListsTheAgenciesWithTheirParents()
    {
        const auto list = transportFor(b())->agencies();
        GD_VERIFY_OK(list);
        QCOMPARE(list->size(), m_agencies.size());
        bool seen = false;
        for (const Agency &ag : list.value()) {
            if (ag.code == b().code) {
                seen = true;
                QCOMPARE(ag.name, QStringLiteral("Sở Nội vụ tỉnh Đắk Nông"));
                QCOMPARE(ag.parentCode, a().code);
            }
            if (ag.code == a().code)
                QVERIFY(ag.parentCode.isEmpty());
        }
        QVERIFY(seen);
    }

    void wrongSecretIsAnAuthenticationError()
    {
        TransportConfig config = configFor(a());
        config.secret = QStringLiteral("not-the-secret");
        auto t = createTransport(config);
        GD_VERIFY_OK(t);
        const auto sent = t.value()->send(newPacket(b()), MessageType::Edoc, {b().code});
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().code(), QStringLiteral("exchange.auth"));
        QVERIFY(sent.error().english().contains(a().systemId));
        QVERIFY(!retryable(sent.error()));
        const auto list = t.value()->listReceived(MessageType::Edoc);
        QCOMPARE(list.error().code(), QStringLiteral("exchange.auth"));
        QCOMPARE(count(b().code, "delivered"), 0);
    }

    void unknownSystemIdIsAnAuthenticationError()
    {
        TransportConfig config = configFor(a());
        config.systemId = QStringLiteral("vxp.saas.99");
        auto t = createTransport(config);
        GD_VERIFY_OK(t);
        const auto list = t.value()->agencies();
        QVERIFY(!list.ok());
        QCOMPARE(list.error().code(), QStringLiteral("exchange.auth"));
    }

    void wrongFromIsRefusedWithTheServersWords()
    {
        TransportConfig config = configFor(a());
        config.from = a().code; // the organ code instead of the registered system id
        auto t = createTransport(config);
        GD_VERIFY_OK(t);
        const auto sent = t.value()->send(newPacket(b()), MessageType::Edoc, {b().code});
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().code(), QStringLiteral("exchange.refused"));
        const QString expected =
            QStringLiteral("Don vi gui %1 khong dung voi ma da dang ky: %2").arg(a().code, a().systemId);
        QVERIFY2(sent.error().english().contains(expected), qPrintable(sent.error().english()));
        QVERIFY2(sent.error().text().contains(expected), qPrintable(sent.error().text()));
        QVERIFY(!retryable(sent.error()));
        QCOMPARE(count(a().code, "sent"), 0);
        QCOMPARE(count(b().code, "delivered"), 0);
    }

    void unknownRecipientIsRefused()
    {
        const auto sent =
            transportFor(a())->send(newPacket(b()), MessageType::Edoc, {QStringLiteral("000.00.00.H99")});
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().code(), QStringLiteral("exchange.refused"));
        QVERIFY(sent.error().english().contains(QStringLiteral("000.00.00.H99")));
    }

    void serverErrorsAreRetriedUntilTheSendGoesThrough()
    {
        QVERIFY(m_sandbox.arm(QStringLiteral("sendEdoc=500x1,sendEdoc=503x1,sendEdoc=429x1")));
        auto sender = transportFor(a());
        const QByteArray packet = newPacket(b());
        for (int status : {500, 503, 429}) {
            const auto failed = sender->send(packet, MessageType::Edoc, {b().code});
            QVERIFY(!failed.ok());
            QCOMPARE(failed.error().code(), QStringLiteral("exchange.server"));
            QVERIFY(failed.error().english().contains(QString::number(status)));
            QVERIFY(retryable(failed.error()));
        }
        GD_VERIFY_OK(sender->send(packet, MessageType::Edoc, {b().code}));
        QCOMPARE(count(a().code, "sent"), 1);
        QCOMPARE(count(b().code, "delivered"), 1);
        QCOMPARE(inboxOfB().size(), 1);
    }

    void droppedConnectionIsANetworkErrorAndNothingIsDelivered()
    {
        // Every attempt dropped: Qt's HTTP stack itself re-sends a request whose connection closed before any
        // answer, so one drop alone would not reach the caller.
        QVERIFY(m_sandbox.arm(QStringLiteral("sendEdoc=drop x*")));
        auto sender = transportFor(a());
        const QByteArray packet = newPacket(b());
        const auto failed = sender->send(packet, MessageType::Edoc, {b().code});
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code(), QStringLiteral("exchange.network"));
        QVERIFY(retryable(failed.error()));
        QCOMPARE(count(b().code, "delivered"), 0);
        m_sandbox.clearFaults();
        GD_VERIFY_OK(sender->send(packet, MessageType::Edoc, {b().code}));
        QCOMPARE(count(b().code, "delivered"), 1);
    }

    void listDroppedThenRetried()
    {
        GD_VERIFY_OK(transportFor(a())->send(newPacket(b()), MessageType::Edoc, {b().code}));
        QVERIFY(m_sandbox.arm(QStringLiteral("getReceivedEdocList=drop x*")));
        auto receiver = transportFor(b());
        const auto failed = receiver->listReceived(MessageType::Edoc);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code(), QStringLiteral("exchange.network"));
        m_sandbox.clearFaults();
        const auto list = receiver->listReceived(MessageType::Edoc);
        GD_VERIFY_OK(list);
        QCOMPARE(list->size(), 1);
    }

    void connectionClosedInsideTheReplyIsANetworkError()
    {
        const QByteArray packet = newPacket(b());
        GD_VERIFY_OK(transportFor(a())->send(packet, MessageType::Edoc, {b().code}));
        const QString docId = inboxOfB().value(0).docId;
        QVERIFY(m_sandbox.arm(QStringLiteral("getEdoc=drop-mid x*")));
        auto receiver = transportFor(b());
        const auto failed = receiver->fetch(docId);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code(), QStringLiteral("exchange.network"));
        QVERIFY(retryable(failed.error()));
        m_sandbox.clearFaults();
        const auto fetched = receiver->fetch(docId);
        GD_VERIFY_OK(fetched);
        QCOMPARE(sha(fetched.value()), sha(packet));
    }

    void truncatedBodyIsAProtocolErrorAndARetryGetsTheWholePacket()
    {
        const QByteArray packet = newPacket(b());
        GD_VERIFY_OK(transportFor(a())->send(packet, MessageType::Edoc, {b().code}));
        const QString docId = inboxOfB().value(0).docId;
        QVERIFY(m_sandbox.arm(QStringLiteral("getEdoc=truncate x1")));
        auto receiver = transportFor(b());
        const auto failed = receiver->fetch(docId);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code(), QStringLiteral("exchange.protocol"));
        QVERIFY(retryable(failed.error()));
        const auto fetched = receiver->fetch(docId);
        GD_VERIFY_OK(fetched);
        QCOMPARE(sha(fetched.value()), sha(packet));
        QCOMPARE(count(b().code, "delivered"), 1);
    }

    void unansweredRequestTimesOutAndTheAcknowledgementIsRetried()
    {
        GD_VERIFY_OK(transportFor(a())->send(newPacket(b()), MessageType::Edoc, {b().code}));
        const QString docId = inboxOfB().value(0).docId;
        QVERIFY(m_sandbox.arm(QStringLiteral("updateStatus=timeout x1")));
        auto receiver = transportFor(b(), 2);
        const auto failed = receiver->acknowledge(docId, TransportAck::Done);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code(), QStringLiteral("exchange.network"));
        QVERIFY2(failed.error().english().contains(QStringLiteral("2 seconds")),
                 qPrintable(failed.error().english()));
        QVERIFY(retryable(failed.error()));
        QCOMPARE(inboxOfB().size(), 1);
        GD_VERIFY_OK(receiver->acknowledge(docId, TransportAck::Done));
        QCOMPARE(inboxOfB().size(), 0);
    }

    void lateAnswerTimesOutAShortTimeoutButNotALongerOne()
    {
        QVERIFY(m_sandbox.arm(QStringLiteral("*=delay:3000ms x1")));
        const auto late = transportFor(b(), 1)->agencies();
        QVERIFY(!late.ok());
        QCOMPARE(late.error().code(), QStringLiteral("exchange.network"));
        QVERIFY(m_sandbox.arm(QStringLiteral("*=delay:500ms x1")));
        GD_VERIFY_OK(transportFor(b(), 5)->agencies());
    }

    void duplicateDeliveryShowsTwiceWithTwoIds()
    {
        QVERIFY(m_sandbox.arm(QStringLiteral("deliver=duplicate x1")));
        const QByteArray packet = newPacket(b());
        GD_VERIFY_OK(transportFor(a())->send(packet, MessageType::Edoc, {b().code}));
        const QByteArray second = newPacket(b());
        GD_VERIFY_OK(transportFor(a())->send(second, MessageType::Edoc, {b().code}));
        const QList<ReceivedItem> items = inboxOfB();
        QCOMPARE(items.size(), 3);
        QSet<QString> ids;
        QMap<QByteArray, int> copies;
        auto receiver = transportFor(b());
        for (const ReceivedItem &item : items) {
            ids.insert(item.docId);
            const auto bytes = receiver->fetch(item.docId);
            GD_VERIFY_OK(bytes);
            ++copies[sha(bytes.value())];
        }
        QCOMPARE(ids.size(), 3);
        QCOMPARE(copies.value(sha(packet)), 2);
        QCOMPARE(copies.value(sha(second)), 1);
        QCOMPARE(count(a().code, "sent"), 2);
        QCOMPARE(count(b().code, "delivered"), 3);
        QCOMPARE(m_sandbox.state().value(QLatin1String("duplicatesInjected")).toInt(), 1);
    }

    void aWholeRoundUnderFaultsLosesNothing()
    {
        // Ten packets through a sandbox failing every third call of each kind; the client retries what is
        // retryable, as the sync engine will. Every packet must end up exactly once in B's hands.
        QVERIFY(m_sandbox.arm(QStringLiteral("sendEdoc=500x1,getReceivedEdocList=drop x3,getEdoc=truncate x2,"
                                             "updateStatus=503x2,sendEdoc=drop x3")));
        auto sender = transportFor(a());
        auto receiver = transportFor(b());
        QSet<QByteArray> sentHashes;
        auto retry = [](auto call) {
            for (int attempt = 0;; ++attempt) {
                auto r = call();
                if (r.ok() || !retryable(r.error()) || attempt == 10)
                    return r;
            }
        };
        for (int i = 0; i < 10; ++i) {
            const QByteArray packet = newPacket(b());
            sentHashes.insert(sha(packet));
            GD_VERIFY_OK(retry([&] { return sender->send(packet, MessageType::Edoc, {b().code}); }));
        }
        const auto list = retry([&] { return receiver->listReceived(MessageType::Edoc); });
        GD_VERIFY_OK(list);
        QCOMPARE(list->size(), 10);
        QSet<QByteArray> received;
        for (const ReceivedItem &item : list.value()) {
            const auto bytes = retry([&] { return receiver->fetch(item.docId); });
            GD_VERIFY_OK(bytes);
            received.insert(sha(bytes.value()));
            GD_VERIFY_OK(retry([&] { return receiver->acknowledge(item.docId, TransportAck::Done); }));
        }
        QCOMPARE(received, sentHashes);
        QCOMPARE(count(a().code, "sent"), 10);
        QCOMPARE(count(b().code, "delivered"), 10);
        QCOMPARE(count(b().code, "acknowledged"), 10);
        QCOMPARE(count(b().code, "pending"), 0);
        QVERIFY(m_sandbox.state().value(QLatin1String("faults")).toArray().isEmpty());
    }

    void callsWorkFromAWorkerThread()
    {
        // The GUI runs exchange work on QtConcurrent's pool; each call brings its own event loop there.
        const QByteArray packet = newPacket(b());
        QString docId;
        QByteArray fetched;
        QString failure;
        QThreadPool pool;
        auto future = QtConcurrent::run(&pool, [&] {
            auto sender = transportFor(a());
            if (auto sent = sender->send(packet, MessageType::Edoc, {b().code}); !sent)
                failure = sent.error().english();
            auto receiver = transportFor(b());
            const auto list = receiver->listReceived(MessageType::Edoc);
            if (!list || list->isEmpty()) {
                failure += QStringLiteral(" list");
                return;
            }
            docId = list->first().docId;
            if (auto bytes = receiver->fetch(docId))
                fetched = bytes.value();
        });
        future.waitForFinished();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(fetched, packet);
    }

    void refusedConnectionIsANetworkError()
    {
        TransportConfig config = configFor(a(), 5);
        // A port nobody listens on: the sandbox's own port plus one is free in practice only by luck, so
        // take one that was just released.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        config.endpoint = QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(prefixOf(m_kind)));
        auto t = createTransport(config);
        GD_VERIFY_OK(t);
        const auto r = t.value()->agencies();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), QStringLiteral("exchange.network"));
        QVERIFY(retryable(r.error()));
    }
};

QTEST_GUILESS_MAIN(TestTransportScenarios)
#include "tst_transport_scenarios.moc"
