// govdesk-cli exchange …, as IT staff and the clerk use it: only an administrator configures it (the secret
// stays in the environment when no keychain answers, never in the workspace); the clerk sends an issued
// document, both agencies sync once, the sender's `exchange status --json` shows what the recipient did;
// the directory is refreshed and searched without diacritics; a workspace without the exchange, or an
// exchange that is down, gives a bilingual error and a non-zero exit, and nothing is lost.
#include "SandboxProcess.h"
#include "documents/IncomingService.h"
#include "documents/OutgoingService.h"
#include "reports/OfficialDocumentPdf.h"
#include "support/CliRunner.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace govdesk;
using test::CliResult;
using test::CliRunner;

namespace {
const QString kCodeA = QStringLiteral("000.00.00.H16");
const QString kCodeB = QStringLiteral("000.00.01.H16");
} // namespace

class TestExchangeCli : public QObject
{
    Q_OBJECT
    test::Workspaces m_spaces;
    test::SandboxProcess m_sandbox;
    test::Office m_a, m_b;
    CliRunner m_cliA, m_cliB;
    QProcessEnvironment m_env;

    CliResult a(const QStringList &args, const QString &user = QStringLiteral("vanthu"))
    {
        return m_cliA.run(args, user, test::testPassword(), m_env);
    }
    CliResult b(const QStringList &args, const QString &user = QStringLiteral("vanthu"))
    {
        return m_cliB.run(args, user, test::testPassword(), m_env);
    }
    static void expectBilingualError(const CliResult &r, const QString &code)
    {
        QVERIFY2(r.exitCode == 1, r.describe().constData());
        QVERIFY2(r.err().contains(QStringLiteral("[%1]").arg(code)), r.describe().constData());
        QVERIFY2(r.err().contains(QStringLiteral(" — ")), r.describe().constData());
    }

    QString issued(const QString &subject)
    {
        documents::OutgoingService out(*m_a.db);
        documents::OutgoingDraft d;
        d.typeAbbr = QStringLiteral("CV");
        d.subject = subject;
        d.recipients = QStringLiteral("Sở Tài chính; Lưu: VT.");
        d.recipientCodes = {kCodeB};
        reports::OfficialDocument pdf;
        pdf.organ = QStringLiteral("UBND TỈNH ĐẮK NÔNG");
        pdf.reference = QStringLiteral("     /UBND-KT");
        pdf.date = QDate::currentDate();
        pdf.subject = subject;
        pdf.paragraphs = {subject};
        d.file = documents::AttachmentSource{
            {}, QStringLiteral("cong-van.pdf"), reports::renderOfficialDocumentPdf(pdf)};
        auto doc = out.draft(m_a.officer, d);
        if (!doc || !out.submit(m_a.officer, doc->id) || !out.approve(m_a.leader, doc->id) ||
            !out.issueNumber(m_a.clerk, doc->id))
            return {};
        return doc->id;
    }

    QStringList configureArgs(const QString &systemId, const char *env) const
    {
        return {QStringLiteral("--json"),
                QStringLiteral("exchange"),
                QStringLiteral("configure"),
                QStringLiteral("--transport"),
                QStringLiteral("vxp"),
                QStringLiteral("--endpoint"),
                m_sandbox.url() + QStringLiteral("/vxp"),
                QStringLiteral("--system-id"),
                systemId,
                QStringLiteral("--secret-env"),
                QString::fromLatin1(env),
                QStringLiteral("--timeout"),
                QStringLiteral("5"),
                QStringLiteral("--place"),
                QStringLiteral("Đắk Nông")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({{kCodeA, QStringLiteral("UBND tỉnh Đắk Nông"),
                                   QStringLiteral("vxp.saas.16"), QStringLiteral("bí-mật-tỉnh"), QString()},
                                  {kCodeB, QStringLiteral("Sở Tài chính tỉnh Đắk Nông"),
                                   QStringLiteral("H16.STC.001"), QStringLiteral("bí-mật-stc"), kCodeA},
                                  {QStringLiteral("000.00.00.G22"), QStringLiteral("Văn phòng Chính phủ"),
                                   QStringLiteral("000.00.00.G22"), QStringLiteral("vpcp"), QString()}},
                                 {}, &error),
                 qPrintable(error));
        for (auto [office, cli, identity] :
             {std::tuple{&m_a, &m_cliA, storage::WorkspaceIdentity{}},
              std::tuple{
                  &m_b, &m_cliB,
                  storage::WorkspaceIdentity{
                      kCodeB, QStringLiteral("Sở Tài chính tỉnh Đắk Nông"), QStringLiteral("STC"), {}}}}) {
            auto info = m_spaces.fresh(storage::Engine::SQLite);
            GD_VERIFY_OK(info);
            auto created = test::createOffice(info.value(), identity);
            GD_VERIFY_OK(created);
            *office = created.value();
            *cli = CliRunner({QStringLiteral("--workspace"), info->workspaceDir});
        }
        m_env.insert(QStringLiteral("GOVDESK_TEST_SECRET_A"), QStringLiteral("bí-mật-tỉnh"));
        m_env.insert(QStringLiteral("GOVDESK_TEST_SECRET_B"), QStringLiteral("bí-mật-stc"));
        // No keychain in the test environment: the secret stays in the variable.
        m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent"));
    }

    void notConfiguredSaysSo()
    {
        expectBilingualError(
            a({QStringLiteral("exchange"), QStringLiteral("sync"), QStringLiteral("--once")}),
            QStringLiteral("exchange.not-configured"));
    }

    void onlyTheAdministratorConfigures()
    {
        expectBilingualError(a(configureArgs(QStringLiteral("vxp.saas.16"), "GOVDESK_TEST_SECRET_A")),
                             QStringLiteral("permission.exchange-config"));
        const CliResult r =
            a(configureArgs(QStringLiteral("vxp.saas.16"), "GOVDESK_TEST_SECRET_A"), QStringLiteral("admin"));
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.json.object().value(QStringLiteral("transport")).toString(), QStringLiteral("vxp"));
        QCOMPARE(r.json.object().value(QStringLiteral("secretInKeychain")).toBool(), false);
        QVERIFY2(
            b(configureArgs(QStringLiteral("H16.STC.001"), "GOVDESK_TEST_SECRET_B"), QStringLiteral("admin"))
                .ok(),
            "B configured");
        // The secret itself is written nowhere in the workspace.
        QSqlQuery q(m_a.db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT value FROM workspace_settings")));
        while (q.next())
            QVERIFY2(!q.value(0).toString().contains(QStringLiteral("bí-mật")),
                     qPrintable(q.value(0).toString()));
        const CliResult shown =
            a({QStringLiteral("--json"), QStringLiteral("exchange"), QStringLiteral("show")});
        QVERIFY2(shown.ok(), shown.describe().constData());
        QCOMPARE(shown.json.object().value(QStringLiteral("systemId")).toString(),
                 QStringLiteral("vxp.saas.16"));
    }

    void sendSyncAndStatus()
    {
        const QString id = issued(QStringLiteral("Đề nghị bổ sung kinh phí phòng chống dịch bệnh gia súc"));
        QVERIFY(!id.isEmpty());
        CliResult r = a({QStringLiteral("--json"), QStringLiteral("exchange"), QStringLiteral("send"), id});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.json.array().size(), 1);
        QCOMPARE(r.json.array().first().toObject().value(QStringLiteral("recipient")).toString(), kCodeB);
        r = a({QStringLiteral("--json"), QStringLiteral("exchange"), QStringLiteral("sync"),
               QStringLiteral("--once")});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.json.object().value(QStringLiteral("sent")).toInt(), 1);
        r = b({QStringLiteral("--json"), QStringLiteral("exchange"), QStringLiteral("sync"),
               QStringLiteral("--once")});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.json.object().value(QStringLiteral("received")).toInt(), 1);
        // The first cycle also filled B's organisation table from the exchange's directory.
        QVERIFY2(r.json.object().value(QStringLiteral("directoryChanged")).toInt() >= 1,
                 r.describe().constData());

        // B's clerk registers it from the command line; A learns it.
        documents::IncomingFilter f;
        f.search = QStringLiteral("gia suc");
        const auto arrived = documents::IncomingService(*m_b.db).list(m_b.clerk, f);
        QVERIFY(arrived.ok() && arrived->size() == 1);
        r = b({QStringLiteral("incoming"), QStringLiteral("register-arrived"), arrived->first().id});
        QVERIFY2(r.ok(), r.describe().constData());
        QVERIFY(b({QStringLiteral("exchange"), QStringLiteral("sync"), QStringLiteral("--once")}).ok());
        QVERIFY(a({QStringLiteral("exchange"), QStringLiteral("sync"), QStringLiteral("--once")}).ok());
        r = a({QStringLiteral("--json"), QStringLiteral("exchange"), QStringLiteral("status"), id});
        QVERIFY2(r.ok(), r.describe().constData());
        const QJsonArray recipients = r.json.object().value(QStringLiteral("recipients")).toArray();
        QCOMPARE(recipients.size(), 1);
        const QJsonObject recipient = recipients.first().toObject();
        QCOMPARE(recipient.value(QStringLiteral("organ")).toString(), kCodeB);
        QCOMPARE(
            recipient.value(QStringLiteral("packet")).toObject().value(QStringLiteral("state")).toString(),
            QStringLiteral("sent"));
        QStringList codes;
        for (const QJsonValue &s : recipient.value(QStringLiteral("statuses")).toArray())
            codes << s.toObject().value(QStringLiteral("code")).toString();
        QCOMPARE(codes, (QStringList{QStringLiteral("01"), QStringLiteral("03")}));
        QCOMPARE(recipient.value(QStringLiteral("lastStatus")).toString(), QStringLiteral("03"));
    }

    void directoryRefreshedAndSearched()
    {
        CliResult r = b({QStringLiteral("--json"), QStringLiteral("exchange"), QStringLiteral("agencies"),
                         QStringLiteral("--refresh")});
        QVERIFY2(r.ok(), r.describe().constData());
        // The sync cycle already brought it up to date.
        QCOMPARE(r.json.object().value(QStringLiteral("changed")).toInt(-1), 0);
        r = b({QStringLiteral("--json"), QStringLiteral("exchange"), QStringLiteral("agencies"),
               QStringLiteral("--search"), QStringLiteral("van phong chinh phu")});
        QVERIFY2(r.ok(), r.describe().constData());
        QCOMPARE(r.json.array().size(), 1);
        QCOMPARE(r.json.array().first().toObject().value(QStringLiteral("code")).toString(),
                 QStringLiteral("000.00.00.G22"));
    }

    void exchangeDownLosesNothing()
    {
        const QString id = issued(QStringLiteral("Báo cáo kết quả kiểm tra an toàn thực phẩm"));
        QVERIFY(a({QStringLiteral("exchange"), QStringLiteral("send"), id}).ok());
        m_sandbox.stop();
        const CliResult r = a({QStringLiteral("exchange"), QStringLiteral("sync"), QStringLiteral("--once")});
        expectBilingualError(r, QStringLiteral("exchange.network"));
        const CliResult outbox =
            a({QStringLiteral("--json"), QStringLiteral("exchange"), QStringLiteral("outbox")});
        QVERIFY2(outbox.ok(), outbox.describe().constData());
        QCOMPARE(outbox.json.array().size(), 1);
        const QJsonObject packet = outbox.json.array().first().toObject();
        QCOMPARE(packet.value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
        QCOMPARE(packet.value(QStringLiteral("attempts")).toInt(), 1);
        QVERIFY(packet.value(QStringLiteral("lastError")).toString().contains(QStringLiteral("exchange")) ||
                !packet.value(QStringLiteral("lastError")).toString().isEmpty());
    }
};

QTEST_MAIN(TestExchangeCli)
#include "tst_exchange_cli.moc"
