// Two agencies exchange documents through a real govdesk-sandbox speaking the national axis protocol: the
// province (A, SQLite) issues a document to the Department of Finance (B, PostgreSQL) and sends it; B's sync
// turns it into a newly arrived incoming document with the identical file, and every processing step B takes
// travels back to A as a status (01, 03, 04, 06). Sending twice queues nothing new; a classified document is
// refused; with the server failing, cutting replies and delivering twice nothing is lost or doubled; an
// unreadable packet is kept and reported as failed; a recall round-trip withdraws B's copy and tells A (15),
// also when the recall comes as a status 13; progress (05) and a return with its reason (02) reach A;
// the sync cycle fills B's organisation table from the directory and refreshes it daily.
#include "ExchangeFixtures.h"
#include "SandboxProcess.h"
#include "documents/IncomingService.h"
#include "documents/OutgoingService.h"
#include "exchange/edxml/EdxmlWriter.h"
#include "exchange/sync/ExchangeService.h"
#include "exchange/sync/ExchangeSettings.h"
#include "signing/SigningService.h"
#include "storage/Accounts.h"
#include "storage/BlobStore.h"
#include "support/LocalPkiServer.h"
#include "support/SigningFixtures.h"
#include "support/SoftHsmToken.h"
#include "support/TestPki.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

using namespace govdesk;
using documents::IncomingStatus;
using documents::OutgoingStatus;
using exchange::ExchangeService;
using exchange::SyncReport;

namespace {

const QString kCodeA = QStringLiteral("000.00.00.H16");
const QString kCodeB = QStringLiteral("000.00.01.H16");

struct Agency
{
    test::Office office;
    std::unique_ptr<exchange::ExchangeTransport> transport;
};

} // namespace

class TestExchangeSync : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    signing::testing::TestPki m_pki;
    signing::testing::LocalPkiServer m_pkiServer;
    signing::testing::SoftHsmToken m_token;
    std::unique_ptr<signing::TokenSigner> m_personal, m_organisation;
    signing::TrustStore m_trust = signing::TrustStore::builtIn();
    test::Workspaces m_spaces;
    test::SandboxProcess m_sandbox;
    Agency m_a, m_b;
    int m_serial = 0;

    /// A công văn of A to B, drafted, approved and numbered.
    QString issued(const QString &subject, documents::Secrecy secrecy = documents::Secrecy::None)
    {
        auto id = test::issuedCongVan(m_a.office, subject, kCodeB,
                                      QStringLiteral("Sở Tài chính tỉnh Đắk Nông"), ++m_serial, secrecy);
        return id ? id.value() : QString();
    }

    /// A decision of A to B on the agency's template: signed by the leader with the token and issued by the
    /// clerk with its number, date and the organisation's signature with the seal.
    QString signedAndIssued(const QString &subject)
    {
        documents::OutgoingService out(*m_a.office.db);
        documents::OutgoingDraft d;
        d.typeAbbr = QStringLiteral("QĐ");
        d.subject = subject;
        d.recipients = QStringLiteral("Sở Tài chính; Lưu: VT.");
        d.recipientCodes = {kCodeB};
        d.signerName = QStringLiteral("Nguyễn Văn An");
        d.signerPosition = QStringLiteral("Phó Chủ tịch");
        d.file =
            documents::AttachmentSource{{},
                                        QStringLiteral("quyet-dinh.pdf"),
                                        signing::testing::officialPdf(QStringLiteral("/QĐ-UBND"), QDate())};
        auto doc = out.draft(m_a.office.officer, d);
        if (!doc || !out.submit(m_a.office.officer, doc->id) || !out.approve(m_a.office.leader, doc->id))
            return {};
        signing::SignOptions personal;
        personal.trust = &m_trust;
        personal.signatureImage = signing::testing::signatureImage();
        personal.title = QStringLiteral("PHÓ CHỦ TỊCH");
        personal.name = QStringLiteral("Nguyễn Văn An");
        if (auto r = out.sign(m_a.office.leader, doc->id, *m_personal, personal); !r) {
            qWarning() << r.error().english();
            return {};
        }
        documents::IssueOptions issue;
        issue.sealSigner = m_organisation.get();
        issue.seal.trust = &m_trust;
        issue.seal.sealImage = signing::testing::sealImage();
        if (auto r = out.issue(m_a.office.clerk, doc->id, issue); !r) {
            qWarning() << r.error().english();
            return {};
        }
        return doc->id;
    }

    std::unique_ptr<signing::TokenSigner> openSigner(const QString &label)
    {
        auto signer = signing::TokenSigner::open(
            {QString::fromLatin1(signing::testing::SoftHsmToken::modulePath), m_token.label(), label, {}});
        if (!signer || !signer.value()->login(signing::testing::kTokenPin))
            return {};
        return std::move(signer.value());
    }

    SyncReport sync(Agency &agency, bool now = true)
    {
        exchange::SyncOptions options;
        options.ignoreBackoff = now;
        auto r = ExchangeService(*agency.office.db).sync(agency.office.clerk, *agency.transport, options);
        return r ? r.value() : SyncReport{};
    }

    QList<documents::IncomingDocument> incomingOfB(const QString &search = {})
    {
        documents::IncomingFilter f;
        f.search = search;
        auto list = documents::IncomingService(*m_b.office.db).list(m_b.office.clerk, f);
        return list ? list.value() : QList<documents::IncomingDocument>{};
    }

    QStringList codesAt(const QString &outgoingId, const QString &organ = kCodeB)
    {
        auto states = ExchangeService(*m_a.office.db).status(m_a.office.clerk, outgoingId);
        QStringList codes;
        if (states)
            for (const auto &s : states.value())
                if (s.organ == organ)
                    for (const auto &r : s.statuses)
                        codes << r.code;
        return codes;
    }

    static QString sha256(const QByteArray &b)
    {
        return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
    }

    bool configure(Agency &agency, const QString &systemId, const QString &secret, const char *env)
    {
        qputenv(env, secret.toUtf8());
        exchange::ExchangeSettings s;
        s.transport.kind = exchange::TransportKind::Vxp;
        s.transport.endpoint = m_sandbox.endpoint(QStringLiteral("/vxp"));
        s.transport.systemId = systemId;
        s.transport.secretEnv = QString::fromLatin1(env);
        s.transport.timeoutSeconds = 5;
        s.place = QStringLiteral("Đắk Nông");
        if (!exchange::ExchangeSettings::save(*agency.office.db, agency.office.admin, s))
            return false;
        auto loaded = exchange::ExchangeSettings::load(*agency.office.db);
        if (!loaded)
            return false;
        auto t = loaded->connect(agency.office.identity.orgCode);
        if (!t)
            return false;
        agency.transport = std::move(t.value());
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A PKI with its revocation responder, trusted by both agencies' machines; the leader's and the
        // organisation's keys on one SoftHSM token.
        QVERIFY(m_pkiServer.start(m_pki));
        QVERIFY(m_pki.create(m_pkiServer.baseUrl()));
        QVERIFY(signing::testing::useSigningConfig(m_dir.filePath(QStringLiteral("govdesk.conf")),
                                                   m_pki.root().certPem));
        QVERIFY(m_trust.addTrusted(m_pki.root().certPem));
        QVERIFY(m_token.create(QStringLiteral("Token liên thông"), signing::testing::kTokenPin));
        QVERIFY(m_token.importKeyAndCertificate(m_pki.person().keyPem, m_pki.person().certPem, "01",
                                                QStringLiteral("ca-nhan")));
        QVERIFY(m_token.importKeyAndCertificate(m_pki.organisation().keyPem, m_pki.organisation().certPem,
                                                "02", QStringLiteral("co-quan")));
        m_personal = openSigner(QStringLiteral("ca-nhan"));
        m_organisation = openSigner(QStringLiteral("co-quan"));
        QVERIFY(m_personal && m_organisation);
        QString error;
        const QList<test::SandboxAgency> agencies{
            {kCodeA, QStringLiteral("UBND tỉnh Đắk Nông"), QStringLiteral("vxp.saas.16"),
             QStringLiteral("bí-mật-tỉnh"), QString()},
            {kCodeB, QStringLiteral("Sở Tài chính tỉnh Đắk Nông"), QStringLiteral("H16.STC.001"),
             QStringLiteral("bí-mật-sở-tài-chính"), kCodeA},
            {QStringLiteral("000.00.00.G22"), QStringLiteral("Văn phòng Chính phủ"),
             QStringLiteral("000.00.00.G22"), QStringLiteral("vpcp"), QString()},
        };
        QVERIFY2(m_sandbox.start(agencies, {}, &error), qPrintable(error));

        auto a = m_spaces.fresh(storage::Engine::SQLite);
        GD_VERIFY_OK(a);
        auto officeA = test::createOffice(a.value());
        GD_VERIFY_OK(officeA);
        m_a.office = officeA.value();
        GD_VERIFY_OK(m_spaces.ensurePostgres());
        auto b = m_spaces.fresh(storage::Engine::PostgreSQL);
        GD_VERIFY_OK(b);
        auto officeB = test::createOffice(
            b.value(), {kCodeB, QStringLiteral("Sở Tài chính tỉnh Đắk Nông"), QStringLiteral("STC"), {}});
        GD_VERIFY_OK(officeB);
        m_b.office = officeB.value();

        // Only an administrator sets the exchange up.
        exchange::ExchangeSettings s;
        s.transport.endpoint = m_sandbox.endpoint(QStringLiteral("/vxp"));
        s.transport.systemId = QStringLiteral("vxp.saas.16");
        QCOMPARE(exchange::ExchangeSettings::save(*m_a.office.db, m_a.office.clerk, s).error().code(),
                 QStringLiteral("permission.exchange-config"));
        QVERIFY(configure(m_a, QStringLiteral("vxp.saas.16"), QStringLiteral("bí-mật-tỉnh"),
                          "GOVDESK_TEST_SECRET_A"));
        QVERIFY(configure(m_b, QStringLiteral("H16.STC.001"), QStringLiteral("bí-mật-sở-tài-chính"),
                          "GOVDESK_TEST_SECRET_B"));
    }

    void documentTravelsAndStatusesComeBack()
    {
        const QString subject = QStringLiteral("Phê duyệt dự toán kinh phí chuyển đổi số năm 2027");
        const QString id = signedAndIssued(subject);
        QVERIFY(!id.isEmpty());
        ExchangeService a(*m_a.office.db);
        // An officer cannot send; the clerk can.
        QCOMPARE(a.send(m_a.office.officer, id).error().code(), QStringLiteral("permission.exchange"));
        auto queued = a.send(m_a.office.clerk, id);
        GD_VERIFY_OK(queued);
        QCOMPARE(queued->size(), 1);
        QCOMPARE(queued->first().recipient, kCodeB);
        documents::OutgoingService out(*m_a.office.db);
        QCOMPARE(out.get(m_a.office.clerk, id)->status, OutgoingStatus::Sent);
        // Again: nothing new is queued, nothing is sent twice.
        auto again = a.send(m_a.office.clerk, id);
        GD_VERIFY_OK(again);
        QCOMPARE(again->size(), 0);

        SyncReport r = sync(m_a);
        QCOMPARE(r.sent, 1);
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.value(0).english()));
        QCOMPARE(m_sandbox.counts(kCodeB).value(QStringLiteral("pending")).toInt(), 1);

        r = sync(m_b);
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.value(0).english()));
        QCOMPARE(r.received, 1);
        QCOMPARE(r.sent, 1); // status 01 went back at once
        const auto found = incomingOfB(QStringLiteral("chuyen doi so"));
        QCOMPARE(found.size(), 1);
        const documents::IncomingDocument doc =
            documents::IncomingService(*m_b.office.db).get(m_b.office.clerk, found.first().id).value();
        QCOMPARE(doc.status, IncomingStatus::New);
        QCOMPARE(doc.subject, subject);
        QCOMPARE(doc.authorCode, kCodeA);
        const auto sent = out.get(m_a.office.clerk, id).value();
        QCOMPARE(doc.number, documents::formatNumber(QString::number(sent.number)));
        QCOMPARE(doc.notation, sent.notation);
        QCOMPARE(doc.documentDate, sent.issuedDate);
        QCOMPARE(doc.receiveMethod, QStringLiteral("electronic"));
        // The very file A issued.
        QCOMPARE(doc.attachments.size(), 1);
        auto fileA = out.fileData(m_a.office.clerk, id);
        GD_VERIFY_OK(fileA);
        auto fileB = documents::IncomingService(*m_b.office.db)
                         .attachmentData(m_b.office.clerk, doc.id, doc.attachments.first().id);
        GD_VERIFY_OK(fileB);
        QCOMPARE(sha256(fileB.value()), sha256(fileA.value()));
        QCOMPARE(doc.attachments.first().fileName, sent.currentFile()->fileName);
        // Both signatures (the leader's and the agency's, with the number stamped between them) verified
        // on arrival.
        QCOMPARE(doc.attachments.first().signatureVerdict, QStringLiteral("valid"));
        QVERIFY2(doc.attachments.first().signatureReport.contains(QStringLiteral("Nguyễn Văn An")),
                 qPrintable(doc.attachments.first().signatureReport));
        QCOMPARE(m_sandbox.counts(kCodeB).value(QStringLiteral("pending")).toInt(), 0);

        r = sync(m_a);
        QCOMPARE(r.statuses, 1);
        QCOMPARE(codesAt(id), QStringList{QStringLiteral("01")});

        // B registers, routes and completes it; A sees each step.
        documents::IncomingService incoming(*m_b.office.db);
        GD_VERIFY_OK(incoming.registerArrived(m_b.office.clerk, doc.id));
        sync(m_b);
        sync(m_a);
        QCOMPARE(codesAt(id), (QStringList{QStringLiteral("01"), QStringLiteral("03")}));
        documents::Assignment assignment;
        assignment.leadUserId = m_b.office.officer.id;
        GD_VERIFY_OK(incoming.assign(m_b.office.leader, doc.id, assignment));
        GD_VERIFY_OK(
            incoming.complete(m_b.office.officer, doc.id, QString(), QStringLiteral("Đã thẩm định")));
        r = sync(m_b);
        QCOMPARE(r.sent, 2);
        sync(m_a);
        QCOMPARE(codesAt(id), (QStringList{QStringLiteral("01"), QStringLiteral("03"), QStringLiteral("04"),
                                           QStringLiteral("06")}));
        // Nothing more to tell: another cycle sends nothing.
        QCOMPARE(sync(m_b).sent, 0);
    }

    void classifiedDocumentNeverLeaves()
    {
        const QString id =
            issued(QStringLiteral("Phương án bảo vệ bí mật nhà nước"), documents::Secrecy::Mat);
        QVERIFY(!id.isEmpty());
        auto refused = ExchangeService(*m_a.office.db).send(m_a.office.clerk, id);
        QCOMPARE(refused.error().code(), QStringLiteral("exchange.secret"));
        QCOMPARE(documents::OutgoingService(*m_a.office.db).get(m_a.office.clerk, id)->status,
                 OutgoingStatus::Issued);
        auto unsent = ExchangeService(*m_a.office.db).unsent(m_a.office.clerk);
        GD_VERIFY_OK(unsent);
        QCOMPARE(unsent->size(), 0);
    }

    void faultsLoseAndDoubleNothing()
    {
        const int before = incomingOfB().size();
        ExchangeService a(*m_a.office.db);
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            ids << issued(QStringLiteral("Báo cáo tình hình giải ngân vốn đầu tư công đợt %1").arg(i + 1));
            QVERIFY(!ids.last().isEmpty());
            GD_VERIFY_OK(a.send(m_a.office.clerk, ids.last()));
        }
        // The server fails twice, then one reply is lost after the packet was taken (sent again by A).
        QVERIFY(m_sandbox.arm(QStringLiteral("sendEdoc=500x2,sendEdoc=drop-mid x1")));
        int sent = 0;
        for (int cycle = 0; cycle < 6 && sent < 3; ++cycle)
            sent += sync(m_a).sent;
        QCOMPARE(sent, 3);
        auto unsent = a.unsent(m_a.office.clerk);
        GD_VERIFY_OK(unsent);
        QCOMPARE(unsent->size(), 0);

        // B's side: a list dropped, a fetch cut short, and one packet delivered twice by the exchange.
        QVERIFY(m_sandbox.arm(QStringLiteral("getReceivedEdocList=drop x1,getEdoc=truncate x1")));
        int received = 0, duplicates = 0;
        for (int cycle = 0; cycle < 6; ++cycle) {
            const SyncReport r = sync(m_b);
            received += r.received;
            duplicates += r.duplicates;
        }
        QCOMPARE(received, 3);
        QCOMPARE(incomingOfB().size(), before + 3);
        QVERIFY2(duplicates >= 1, "the packet A sent again after the lost reply is recognised");
        QCOMPARE(m_sandbox.counts(kCodeB).value(QStringLiteral("pending")).toInt(), 0);
        m_sandbox.clearFaults();

        QVERIFY(m_sandbox.arm(QStringLiteral("deliver=duplicate x1")));
        const QString once = issued(QStringLiteral("Thông báo lịch tiếp công dân tháng 12"));
        GD_VERIFY_OK(a.send(m_a.office.clerk, once));
        QCOMPARE(sync(m_a).sent, 1);
        const SyncReport r = sync(m_b);
        QCOMPARE(r.received, 1);
        QCOMPARE(r.duplicates, 1);
        QCOMPARE(incomingOfB(QStringLiteral("lich tiep cong dan")).size(), 1);
    }

    void stoppedSyncLeavesTheRestQueued()
    {
        ExchangeService a(*m_a.office.db);
        const int before = incomingOfB().size();
        QStringList ids;
        const QStringList places{QStringLiteral("tại trụ sở"), QStringLiteral("tại kho lưu trữ")};
        for (int i = 0; i < 2; ++i) {
            ids << issued(QStringLiteral("Kế hoạch trực Tết Nguyên đán %1").arg(places[i]));
            QVERIFY(!ids.last().isEmpty());
            GD_VERIFY_OK(a.send(m_a.office.clerk, ids.last()));
        }
        // The first send hangs; the window closes while it waits.
        QVERIFY(m_sandbox.arm(QStringLiteral("sendEdoc=timeout x1")));
        std::atomic_bool stop{false};
        QTimer::singleShot(300, [&stop] { stop = true; });
        exchange::SyncOptions options;
        options.ignoreBackoff = true;
        options.cancel = &stop;
        auto stopped = a.sync(m_a.office.clerk, *m_a.transport, options);
        GD_VERIFY_OK(stopped);
        QCOMPARE(stopped->sent, 0);
        auto queued = a.unsent(m_a.office.clerk);
        GD_VERIFY_OK(queued);
        QCOMPARE(queued->size(), 2);
        for (const exchange::OutboxEntry &e : queued.value()) {
            QCOMPARE(e.state, QStringLiteral("pending"));
            QCOMPARE(e.attempts, 0); // a stop is not a failed attempt: no back-off
        }
        m_sandbox.clearFaults();
        m_a.transport->setCancelFlag(nullptr);

        QCOMPARE(sync(m_a, false).sent, 2);
        sync(m_b);
        // Each arrives once, even if the exchange had taken the packet whose answer never came.
        QCOMPARE(incomingOfB().size(), before + 2);
        QCOMPARE(incomingOfB(QStringLiteral("truc tet kho luu")).size(), 1);
    }

    void unreadablePacketIsKeptAndReported()
    {
        // Another system sends B a packet with a date that does not exist.
        const QByteArray packet =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\n"
            "<edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\n"
            "<edXML:edXMLHeader><edXML:MessageHeader>\n"
            "<edXML:From><edXML:OrganId>000.00.00.H16</edXML:OrganId></edXML:From>\n"
            "<edXML:To><edXML:OrganId>000.00.01.H16</edXML:OrganId></edXML:To>\n"
            "<edXML:Subject>V/v thử</edXML:Subject>\n"
            "<edXML:PromulgationInfo><edXML:PromulgationDate>2026/02/30</edXML:PromulgationDate>"
            "</edXML:PromulgationInfo>\n"
            "</edXML:MessageHeader></edXML:edXMLHeader>\n"
            "</edXML:edXMLEnvelope></edXML>\n";
        auto sent = m_a.transport->send(packet, exchange::MessageType::Edoc, {kCodeB});
        GD_VERIFY_OK(sent);
        const int before = incomingOfB().size();
        const SyncReport r = sync(m_b);
        QVERIFY2(r.rejected == 1, QJsonDocument(r.toJson()).toJson().constData());
        QVERIFY(!r.errors.isEmpty());
        QCOMPARE(r.errors.first().code(), QStringLiteral("edxml.date"));
        QVERIFY2(r.errors.first().english().contains(QStringLiteral("2026/02/30")),
                 qPrintable(r.errors.first().english()));
        QCOMPARE(incomingOfB().size(), before);
        // Told to the exchange as failed, so it is not offered again; kept here for the clerk.
        QCOMPARE(m_sandbox.counts(kCodeB).value(QStringLiteral("pending")).toInt(), 0);
        QCOMPARE(sync(m_b).rejected, 0);
    }

    void recallRoundTrip()
    {
        const QString id = issued(QStringLiteral("Kế hoạch kiểm tra công tác văn thư năm 2027"));
        ExchangeService a(*m_a.office.db);
        GD_VERIFY_OK(a.send(m_a.office.clerk, id));
        sync(m_a);
        sync(m_b);
        const auto copies = incomingOfB(QStringLiteral("kiem tra cong tac van thu"));
        QCOMPARE(copies.size(), 1);
        // A revocation only for a recalled document.
        QCOMPARE(a.sendRevocation(m_a.office.clerk, id).error().code(),
                 QStringLiteral("exchange.not-recalled"));
        GD_VERIFY_OK(documents::OutgoingService(*m_a.office.db)
                         .recall(m_a.office.leader, id, QStringLiteral("Ban hành nhầm kế hoạch")));
        auto revocation = a.sendRevocation(m_a.office.clerk, id);
        GD_VERIFY_OK(revocation);
        QCOMPARE(revocation->size(), 1);
        QCOMPARE(revocation->first().purpose, QStringLiteral("revoke"));
        sync(m_a);
        const SyncReport r = sync(m_b);
        QCOMPARE(r.requests, 1);
        QCOMPARE(r.received, 0);
        ExchangeService b(*m_b.office.db);
        auto requests = b.requests(m_b.office.clerk);
        GD_VERIFY_OK(requests);
        QCOMPARE(requests->size(), 1);
        QCOMPARE(requests->first().kind, QStringLiteral("revoke"));
        QCOMPARE(requests->first().incomingId, copies.first().id);
        QCOMPARE(requests->first().reason, QStringLiteral("Ban hành nhầm kế hoạch"));
        // Refusing needs a reason; accepting withdraws B's copy, kept on record.
        QCOMPARE(b.decide(m_b.office.clerk, requests->first().id, false, QString()).error().code(),
                 QStringLiteral("exchange.reason"));
        GD_VERIFY_OK(b.decide(m_b.office.clerk, requests->first().id, true, QString()));
        QCOMPARE(documents::IncomingService(*m_b.office.db).get(m_b.office.clerk, copies.first().id)->status,
                 IncomingStatus::Withdrawn);
        QCOMPARE(b.decide(m_b.office.clerk, requests->first().id, true, QString()).error().code(),
                 QStringLiteral("exchange.request-decided"));
        sync(m_b);
        sync(m_a);
        QVERIFY2(codesAt(id).contains(QStringLiteral("15")), qPrintable(codesAt(id).join(QLatin1Char(','))));
    }

    void progressAndReturnTravelBack()
    {
        // One document is being handled (05 after 03 and 04); the other is sent back as not B's to handle
        // (02 with the reason), and nothing more is reported for it.
        const QString handledSubject = QStringLiteral("Báo cáo tiến độ giải ngân vốn đầu tư công quý IV");
        const QString refusedSubject = QStringLiteral("Đề nghị cấp kinh phí sửa chữa trụ sở xã Quảng Sơn");
        const QString handled = issued(handledSubject);
        const QString refused = issued(refusedSubject);
        ExchangeService a(*m_a.office.db);
        GD_VERIFY_OK(a.send(m_a.office.clerk, handled));
        GD_VERIFY_OK(a.send(m_a.office.clerk, refused));
        QCOMPARE(sync(m_a).sent, 2);
        QCOMPARE(sync(m_b).received, 2);
        auto withSubject = [this](const QString &subject) {
            QList<documents::IncomingDocument> out;
            for (const auto &d : incomingOfB())
                if (d.subject == subject)
                    out << d;
            return out;
        };
        const auto first = withSubject(handledSubject);
        const auto second = withSubject(refusedSubject);
        QCOMPARE(first.size(), 1);
        QCOMPARE(second.size(), 1);

        documents::IncomingService incoming(*m_b.office.db);
        GD_VERIFY_OK(incoming.registerArrived(m_b.office.clerk, first.first().id));
        documents::Assignment assignment;
        assignment.leadUserId = m_b.office.officer.id;
        GD_VERIFY_OK(incoming.assign(m_b.office.leader, first.first().id, assignment));
        GD_VERIFY_OK(incoming.recordProgress(m_b.office.officer, first.first().id,
                                             QStringLiteral("Đã tổng hợp số liệu của các huyện")));
        const QString reason = QStringLiteral("Không thuộc thẩm quyền giải quyết của Sở Tài chính");
        GD_VERIFY_OK(incoming.returnToSender(m_b.office.clerk, second.first().id, reason));
        sync(m_b);
        sync(m_a);
        QCOMPARE(codesAt(handled), (QStringList{QStringLiteral("01"), QStringLiteral("03"),
                                                QStringLiteral("04"), QStringLiteral("05")}));
        QCOMPARE(codesAt(refused), (QStringList{QStringLiteral("01"), QStringLiteral("02")}));
        // A reads why.
        auto states = a.status(m_a.office.clerk, refused);
        GD_VERIFY_OK(states);
        QCOMPARE(states->size(), 1);
        QVERIFY2(states->first().statuses.last().description.contains(reason),
                 qPrintable(states->first().statuses.last().description));
        // Once returned, nothing more goes back for it; the handled one reports its completion only.
        GD_VERIFY_OK(
            incoming.complete(m_b.office.officer, first.first().id, QString(), QStringLiteral("Xong")));
        QCOMPARE(sync(m_b).sent, 1);
        sync(m_a);
        QCOMPARE(codesAt(refused), (QStringList{QStringLiteral("01"), QStringLiteral("02")}));
        QCOMPARE(codesAt(handled).last(), QStringLiteral("06"));
    }

    void recallAskedWithStatusThirteenIsDecidedByTheClerk()
    {
        // Another system asks for its document back with a status packet 13 (lấy lại) instead of a revocation
        // packet: B's clerk sees the request with its reason and agrees; B's copy is withdrawn and A gets 15.
        const QString id = issued(QStringLiteral("Thông báo lịch tiếp công dân tháng 01 năm 2027"));
        ExchangeService a(*m_a.office.db);
        GD_VERIFY_OK(a.send(m_a.office.clerk, id));
        sync(m_a);
        QCOMPARE(sync(m_b).received, 1);
        const auto copies = incomingOfB(QStringLiteral("lich tiep cong dan thang 01"));
        QCOMPARE(copies.size(), 1);

        // The packet A sent, as the exchange module builds it; the 13 answers its DocumentId.
        auto sent = a.packet(m_a.office.clerk, id);
        GD_VERIFY_OK(sent);
        const exchange::edxml::Organization from = sent->header.from;
        const QString reason = QStringLiteral("Thông báo ban hành nhầm, đề nghị trả lại");
        auto recall = exchange::edxml::EdxmlWriter::write(
            exchange::edxml::Packet::statusFor(sent.value(), from, QStringLiteral("13"), reason));
        GD_VERIFY_OK(recall);
        GD_VERIFY_OK(m_a.transport->send(recall.value(), exchange::MessageType::Status, {kCodeB}));

        const SyncReport r = sync(m_b);
        QCOMPARE(r.requests, 1);
        QCOMPARE(r.received, 0);
        ExchangeService b(*m_b.office.db);
        auto requests = b.requests(m_b.office.clerk);
        GD_VERIFY_OK(requests);
        const auto it = std::find_if(requests->begin(), requests->end(),
                                     [&](const auto &q) { return q.incomingId == copies.first().id; });
        QVERIFY(it != requests->end());
        QCOMPARE(it->kind, QStringLiteral("recall"));
        QCOMPARE(it->reason, reason);
        GD_VERIFY_OK(b.decide(m_b.office.clerk, it->id, true, QString()));
        QCOMPARE(documents::IncomingService(*m_b.office.db).get(m_b.office.clerk, copies.first().id)->status,
                 IncomingStatus::Withdrawn);
        sync(m_b);
        sync(m_a);
        QVERIFY2(codesAt(id).contains(QStringLiteral("15")), qPrintable(codesAt(id).join(QLatin1Char(','))));
    }

    void replacementAndUpdateRoundTrip()
    {
        ExchangeService a(*m_a.office.db);
        ExchangeService b(*m_b.office.db);
        documents::OutgoingService out(*m_a.office.db);
        documents::IncomingService incoming(*m_b.office.db);
        const QString old = issued(QStringLiteral("Hướng dẫn quyết toán kinh phí hội nghị năm 2026"));
        const QString later = issued(QStringLiteral("Hướng dẫn lập dự toán ngân sách năm 2027"));
        for (const QString &id : {old, later})
            GD_VERIFY_OK(a.send(m_a.office.clerk, id));
        sync(m_a);
        QCOMPARE(sync(m_b).received, 2);
        const QString oldCopy = incomingOfB(QStringLiteral("quyet toan kinh phi hoi nghi")).value(0).id;
        const QString laterCopy = incomingOfB(QStringLiteral("lap du toan ngan sach")).value(0).id;
        QVERIFY(!oldCopy.isEmpty() && !laterCopy.isEmpty());

        // A replaces the first by a new document: B gets the new one and a request to withdraw the old.
        const QString replacement =
            issued(QStringLiteral("Hướng dẫn quyết toán kinh phí hội nghị (thay thế)"));
        GD_VERIFY_OK(out.link(m_a.office.clerk, replacement, old, documents::LinkKind::Replaces,
                              QStringLiteral("Sai số liệu phụ lục")));
        auto queued = a.send(m_a.office.clerk, replacement);
        GD_VERIFY_OK(queued);
        QCOMPARE(queued->first().purpose, QStringLiteral("replace"));
        // A correction of the second's information travels as an update.
        const QString correction =
            issued(QStringLiteral("Hướng dẫn lập dự toán ngân sách nhà nước năm 2027"));
        GD_VERIFY_OK(out.link(m_a.office.clerk, correction, later, documents::LinkKind::Updates, QString()));
        queued = a.send(m_a.office.clerk, correction);
        GD_VERIFY_OK(queued);
        QCOMPARE(queued->first().purpose, QStringLiteral("update"));
        sync(m_a);
        const SyncReport r = sync(m_b);
        QCOMPARE(r.received, 1); // the replacement; an update makes no new document
        QCOMPARE(r.requests, 2);

        auto open = b.requests(m_b.office.clerk);
        GD_VERIFY_OK(open);
        QCOMPARE(open->size(), 2);
        for (const exchange::ExchangeRequest &req : open.value()) {
            if (req.kind == QLatin1String("replace")) {
                QCOMPARE(req.incomingId, oldCopy);
                QVERIFY(!req.newIncomingId.isEmpty());
                GD_VERIFY_OK(b.decide(m_b.office.clerk, req.id, true, QString()));
            } else {
                QCOMPARE(req.kind, QStringLiteral("update"));
                QCOMPARE(req.incomingId, laterCopy);
                GD_VERIFY_OK(b.decide(m_b.office.clerk, req.id, true, QString()));
            }
        }
        QCOMPARE(incoming.get(m_b.office.clerk, oldCopy)->status, IncomingStatus::Withdrawn);
        auto updated = incoming.get(m_b.office.clerk, laterCopy);
        QCOMPARE(updated->subject, QStringLiteral("Hướng dẫn lập dự toán ngân sách nhà nước năm 2027"));
        QCOMPARE(updated->status, IncomingStatus::New);
        // Both answers go back: 15 for each.
        sync(m_b);
        sync(m_a);
        QVERIFY2(codesAt(old).contains(QStringLiteral("15")),
                 qPrintable(codesAt(old).join(QLatin1Char(','))));
        QVERIFY2(codesAt(later).contains(QStringLiteral("15")),
                 qPrintable(codesAt(later).join(QLatin1Char(','))));
    }

    void directoryFillsTheOrganisationTable()
    {
        // B's first sync cycle (the first test) already filled its organisation table from the directory.
        ExchangeService b(*m_b.office.db);
        auto vpcp = storage::Accounts(*m_b.office.db).findUnit(QStringLiteral("000.00.00.G22"));
        GD_VERIFY_OK(vpcp);
        QCOMPARE(vpcp->name, QStringLiteral("Văn phòng Chính phủ"));
        const QDateTime refreshed = b.lastDirectoryRefresh();
        QVERIFY(refreshed.isValid());
        QVERIFY(refreshed.secsTo(QDateTime::currentDateTimeUtc()) < 3600);
        // Within the day the cycles do not ask again.
        SyncReport r = sync(m_b);
        QCOMPARE(r.directoryChanged, -1);
        QVERIFY(r.toJson().value(QStringLiteral("directoryChanged")).isNull());
        // A day later the cycle refreshes it: a name changed here is the directory's again.
        {
            QSqlDatabase c = m_b.office.db->connection();
            QSqlQuery q(c);
            QVERIFY(q.exec(
                QStringLiteral("UPDATE org_units SET name = 'VPCP (cũ)' WHERE code = '000.00.00.G22'")));
            QVERIFY(q.prepare(QStringLiteral("UPDATE workspace_settings SET value = ? WHERE key = ?")));
            q.addBindValue(QDateTime::currentDateTimeUtc().addDays(-2).toString(Qt::ISODate));
            q.addBindValue(QStringLiteral("directory.refreshedAt"));
            QVERIFY(q.exec());
        }
        r = sync(m_b);
        QCOMPARE(r.directoryChanged, 1);
        QCOMPARE(r.toJson().value(QStringLiteral("directoryChanged")).toInt(), 1);
        QCOMPARE(storage::Accounts(*m_b.office.db).findUnit(QStringLiteral("000.00.00.G22"))->name,
                 QStringLiteral("Văn phòng Chính phủ"));
        QVERIFY(b.lastDirectoryRefresh() > refreshed.addDays(-1));
        // Asked for explicitly: nothing changes now.
        auto changed = b.syncAgencies(m_b.office.clerk, *m_b.transport);
        GD_VERIFY_OK(changed);
        QCOMPARE(changed.value(), 0);
    }
};

QTEST_MAIN(TestExchangeSync)
#include "tst_exchange_sync.moc"
