// The sandbox behaves like the axis it stands in for, or tests built on it prove nothing: real packets are
// routed by their own headers, a status packet goes back to the organ that issued the document, tampered or
// stale signatures are refused while the SDK's own hash-file spelling is accepted, inboxes survive a restart
// with --data, and a fault SPEC that does not parse is refused rather than ignored.
#include "SandboxProcess.h"
#include "exchange/transport/TransportFactory.h"
#include "exchange/transport/VxpTransport.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace govdesk;
using namespace govdesk::exchange;
using govdesk::test::SandboxAgency;

namespace {

QByteArray conformance(const QString &relative)
{
    QFile f(qEnvironmentVariable("GOVDESK_SHARED_DIR") + QStringLiteral("/conformance/edxml/") + relative);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT

private:
    // The organs of the conformance samples: VPCP sends to Nghệ An, Cao Bằng and G17; Nghệ An answers.
    const QList<SandboxAgency> m_axis{
        {QStringLiteral("000.00.00.G22"), QStringLiteral("Văn phòng Chính phủ"),
         QStringLiteral("000.00.00.G22"), QStringLiteral("k-g22"), QString()},
        {QStringLiteral("000.00.00.H41"), QStringLiteral("UBND tỉnh Nghệ An"),
         QStringLiteral("000.00.00.H41"), QStringLiteral("k-h41"), QString()},
        {QStringLiteral("000.00.00.H14"), QStringLiteral("UBND tỉnh Cao Bằng"),
         QStringLiteral("000.00.00.H14"), QStringLiteral("k-h14"), QString()},
        {QStringLiteral("000.00.00.G17"), QStringLiteral("Bộ Nội vụ"), QStringLiteral("000.00.00.G17"),
         QStringLiteral("k-g17"), QString()},
    };
    test::SandboxProcess m_sandbox;

    std::unique_ptr<ExchangeTransport> vxp(const test::SandboxProcess &sandbox,
                                           const SandboxAgency &agency) const
    {
        TransportConfig c;
        c.kind = TransportKind::Vxp;
        c.endpoint = sandbox.endpoint(QStringLiteral("/vxp"));
        c.systemId = agency.systemId;
        c.secret = agency.secret;
        c.timeoutSeconds = 15;
        auto t = createTransport(c);
        if (!t)
            qFatal("%s", test::why(t).constData());
        return std::move(t).value();
    }

    /// A raw signed VXP call, for what the transport would never send.
    test::SandboxProcess::Reply rawVxp(const QString &operation, VxpTransport::Logical logical,
                                       const QString &secret, const QByteArray &body = {},
                                       const QList<std::pair<QByteArray, QByteArray>> &override = {})
    {
        HeaderList headers = VxpTransport::signedHeaders(logical, secret);
        for (const auto &[k, v] : override) {
            bool replaced = false;
            for (auto &h : headers)
                if (h.first == k) {
                    h.second = v;
                    replaced = true;
                }
            if (!replaced)
                headers.append({k, v}); // sent, but outside the signed set
        }
        return m_sandbox.request("POST", QStringLiteral("/vxp/") + operation, body, headers);
    }

    static VxpTransport::Logical base(const QString &systemId,
                                      const QDateTime &when = QDateTime::currentDateTime())
    {
        return {{QStringLiteral("timestamp"), VxpTransport::timestamp(when)},
                {QStringLiteral("systemid"), systemId},
                {QStringLiteral("Content-Type"), QStringLiteral("application/json")}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::clearProxyEnvironment();
        QString error;
        QVERIFY2(m_sandbox.start(m_axis, {}, &error), qPrintable(error));
    }

    void init() { m_sandbox.reset(); }

    void realPacketsAreRoutedByTheirOwnHeaders()
    {
        const QByteArray packet = conformance(
            QStringLiteral("all4u1089__truclienthong-example/dc0bdef0-c7a3-4aaf-b717-777303442973.edxml"));
        QVERIFY(!packet.isEmpty());
        GD_VERIFY_OK(vxp(m_sandbox, m_axis[0])->send(packet, MessageType::Edoc, {}));
        for (int i : {1, 2, 3}) {
            auto t = vxp(m_sandbox, m_axis[i]);
            const auto list = t->listReceived(MessageType::Edoc);
            GD_VERIFY_OK(list);
            QCOMPARE(list->size(), 1);
            QCOMPARE(list->first().from, m_axis[0].code);
            const auto bytes = t->fetch(list->first().docId);
            GD_VERIFY_OK(bytes);
            QCOMPARE(bytes.value(), packet);
        }
        QCOMPARE(m_sandbox.counts(m_axis[0].code).value(QLatin1String("delivered")).toInt(), 0);
    }

    void statusPacketGoesBackToTheIssuingOrgan()
    {
        const QByteArray status =
            conformance(QStringLiteral("PVN-Organization__API-Gateway-iOffice/status.edxml"));
        QVERIFY(!status.isEmpty());
        GD_VERIFY_OK(vxp(m_sandbox, m_axis[1])->send(status, MessageType::Status, {}));
        const auto atVpcp = vxp(m_sandbox, m_axis[0])->listReceived(MessageType::Status);
        GD_VERIFY_OK(atVpcp);
        QCOMPARE(atVpcp->size(), 1);
        QCOMPARE(atVpcp->first().from, m_axis[1].code);
        QCOMPARE(m_sandbox.state()
                     .value(QLatin1String("totals"))
                     .toObject()
                     .value(QLatin1String("delivered"))
                     .toInt(),
                 1);
    }

    void malformedPacketIsRefused()
    {
        const QByteArray broken = conformance(QStringLiteral("all4u1089__truclienthong-example/edoc.edxml"));
        QVERIFY(!broken.isEmpty());
        const auto sent = vxp(m_sandbox, m_axis[0])->send(broken, MessageType::Edoc, {});
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().code(), QStringLiteral("exchange.refused"));
    }

    void tamperedHeaderIsRefused()
    {
        auto logical = base(m_axis[1].systemId);
        logical.append({QStringLiteral("docId"), QStringLiteral("0123456789abcdef01234567")});
        const auto ok = rawVxp(QStringLiteral("getEdoc"), logical, m_axis[1].secret);
        QCOMPARE(ok.status, 200); // signed correctly: a business answer (no such packet)
        QVERIFY(ok.body.contains("FAIL"));
        const auto tampered = rawVxp(QStringLiteral("getEdoc"), logical, m_axis[1].secret, {},
                                     {{"XroadVnpt-docId", "ffffffffffffffffffffffff"}});
        QCOMPARE(tampered.status, 401);
        QVERIFY(tampered.body.contains("XroadVnpt-docId"));
        const auto wrongKey = rawVxp(QStringLiteral("getEdoc"), logical, QStringLiteral("k-h14"));
        QCOMPARE(wrongKey.status, 401);
    }

    void unsignedRequiredHeaderIsRefused()
    {
        // docId sent but left out of the signed set.
        const auto r = rawVxp(QStringLiteral("getEdoc"), base(m_axis[1].systemId), m_axis[1].secret, {},
                              {{"XroadVnpt-docId", "0123456789abcdef01234567"}});
        QCOMPARE(r.status, 401);
        QVERIFY(r.body.contains("docId"));
    }

    void staleTimestampIsRefused()
    {
        auto logical = base(m_axis[1].systemId, QDateTime::currentDateTime().addSecs(-3600));
        const auto r = rawVxp(QStringLiteral("getAgenciesList"), logical, m_axis[1].secret, "{}");
        QCOMPARE(r.status, 401);
        QVERIFY(r.body.contains("Timestamp"));
        const auto fresh =
            rawVxp(QStringLiteral("getAgenciesList"), base(m_axis[1].systemId), m_axis[1].secret, "{}");
        QCOMPARE(fresh.status, 200);
    }

    void sdkHashFileSpellingIsAccepted()
    {
        // SDKVXP writes each byte of the SHA-256 with Integer.toHexString: no leading zero.
        QByteArray packet;
        QByteArray digest;
        for (int i = 0;; ++i) {
            packet = test::samplePacket(m_axis[0].code, {m_axis[1].code}, QStringLiteral("sdk-%1").arg(i));
            digest = QCryptographicHash::hash(packet, QCryptographicHash::Sha256);
            if (std::any_of(digest.cbegin(), digest.cend(), [](char c) { return quint8(c) < 0x10; }))
                break;
        }
        QString sdkHex;
        for (char c : std::as_const(digest))
            sdkHex += QString::number(quint8(c), 16);
        QVERIFY(sdkHex.size() < 64);
        auto logical = base(m_axis[0].systemId);
        logical[2].second = QStringLiteral("application/octet-stream");
        logical += VxpTransport::Logical{{QStringLiteral("from"), m_axis[0].systemId},
                                         {QStringLiteral("servicetype"), QStringLiteral("eDoc")},
                                         {QStringLiteral("messagetype"), QStringLiteral("edoc")},
                                         {QStringLiteral("hash-file"), sdkHex}};
        const auto r = rawVxp(QStringLiteral("sendEdoc"), logical, m_axis[0].secret, packet + "\r\n");
        QCOMPARE(r.status, 200);
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("OK"));
        // The line end the SDK appends is not part of the packet.
        auto receiver = vxp(m_sandbox, m_axis[1]);
        const auto list = receiver->listReceived(MessageType::Edoc);
        GD_VERIFY_OK(list);
        QCOMPARE(list->size(), 1);
        QCOMPARE(receiver->fetch(list->first().docId).value(), packet);

        logical.last().second = QStringLiteral("00") + sdkHex.mid(2);
        const auto wrong = rawVxp(QStringLiteral("sendEdoc"), logical, m_axis[0].secret, packet);
        QVERIFY(QJsonDocument::fromJson(wrong.body)
                    .object()
                    .value(QLatin1String("ErrorDesc"))
                    .toString()
                    .contains(QStringLiteral("hash-file")));
    }

    void inboxesSurviveARestartWithADataFolder()
    {
        QTemporaryDir data;
        test::SandboxProcess persistent;
        QString error;
        QVERIFY2(persistent.start(m_axis, {QStringLiteral("--data"), data.path()}, &error),
                 qPrintable(error));
        const QByteArray first =
            test::samplePacket(m_axis[0].code, {m_axis[1].code}, QStringLiteral("keep-1"));
        const QByteArray second =
            test::samplePacket(m_axis[0].code, {m_axis[1].code}, QStringLiteral("keep-2"));
        GD_VERIFY_OK(vxp(persistent, m_axis[0])->send(first, MessageType::Edoc, {}));
        GD_VERIFY_OK(vxp(persistent, m_axis[0])->send(second, MessageType::Edoc, {}));
        {
            auto receiver = vxp(persistent, m_axis[1]);
            const auto list = receiver->listReceived(MessageType::Edoc);
            GD_VERIFY_OK(list);
            QCOMPARE(list->size(), 2);
            const QString firstId =
                receiver->fetch(list->at(0).docId).value() == first ? list->at(0).docId : list->at(1).docId;
            GD_VERIFY_OK(receiver->acknowledge(firstId, TransportAck::Done));
        }
        persistent.stop();
        QVERIFY2(persistent.start(m_axis, {QStringLiteral("--data"), data.path()}, &error),
                 qPrintable(error));
        auto receiver = vxp(persistent, m_axis[1]);
        const auto list = receiver->listReceived(MessageType::Edoc);
        GD_VERIFY_OK(list);
        QCOMPARE(list->size(), 1);
        QCOMPARE(receiver->fetch(list->first().docId).value(), second);
        const QJsonObject counts = persistent.counts(m_axis[1].code);
        QCOMPARE(counts.value(QLatin1String("delivered")).toInt(), 2);
        QCOMPARE(counts.value(QLatin1String("acknowledged")).toInt(), 1);
        const auto sent = vxp(persistent, m_axis[0])->sentList(MessageType::Edoc);
        GD_VERIFY_OK(sent);
        QCOMPARE(sent->size(), 2);
    }

    void demoAgenciesWhenNoFileIsGiven()
    {
        test::SandboxProcess demo;
        QString error;
        QVERIFY2(demo.start({}, {}, &error), qPrintable(error));
        const SandboxAgency province{QStringLiteral("000.00.00.H16"),
                                     {},
                                     QStringLiteral("000.00.00.H16"),
                                     QStringLiteral("sandbox-000.00.00.H16"),
                                     {}};
        const auto list = vxp(demo, province)->agencies();
        GD_VERIFY_OK(list);
        QStringList names;
        for (const Agency &a : list.value())
            names << a.code + QLatin1Char(' ') + a.name;
        QVERIFY2(names.contains(QStringLiteral("000.00.00.H16 UBND tỉnh Đắk Nông")),
                 qPrintable(names.join(", ")));
        QVERIFY(names.contains(QStringLiteral("000.00.00.G22 Văn phòng Chính phủ")));
    }

    void faultSpecThatDoesNotParseIsRefused()
    {
        const auto bad =
            m_sandbox.request("POST", QStringLiteral("/_sandbox/faults"),
                              QJsonDocument(QJsonObject{{QStringLiteral("spec"),
                                                         QStringLiteral("sendEdoc=500x2,getEdoc=explode")}})
                                  .toJson());
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.body.contains("explode"));
        QVERIFY(m_sandbox.state().value(QLatin1String("faults")).toArray().isEmpty());
        QVERIFY(m_sandbox.arm(QStringLiteral("sendEdoc=500x2,getEdoc=truncate x1,getReceivedEdocList=drop x1,"
                                             "deliver=duplicate x1,*=delay:3000ms x1")));
        QCOMPARE(m_sandbox.state().value(QLatin1String("faults")).toArray().size(), 5);

        QProcess p;
        p.start(qEnvironmentVariable("GOVDESK_SANDBOX"),
                {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--faults"),
                 QStringLiteral("deliver=500")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("deliver"));
        QVERIFY(p.readAllStandardOutput().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
