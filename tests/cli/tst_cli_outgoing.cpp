// govdesk-cli outgoing …, as a drafting officer, a leader and the clerk use it: draft with a PDF, submit,
// return, revise, approve, reserve and cancel a number, issue numbers (01, 02 … with the leading zero),
// list, show and recall. Refusals exit 1 with one line "Lỗi [code]: …" on stderr; wrong usage exits 2.
// Also against a shared PostgreSQL database used by two clients.
#include "support/CliRunner.h"
#include "support/OfficeFiles.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace govdesk;
using namespace govdesk::test;

class TestCliOutgoing : public QObject
{
    Q_OBJECT

    Workspaces m_ws;
    const QString m_adminPw = QStringLiteral("admin-pass-2026");
    const QString m_userPw = QStringLiteral("user-pass-2026");
    const QString m_clerk = QStringLiteral("vanthu");
    const QString m_leader = QStringLiteral("lanhdao");
    const QString m_officer = QStringLiteral("chuyenvien");

    static QProcessEnvironment newPassword(const QString &pw)
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("GOVDESK_NEW_PASSWORD"), pw);
        return env;
    }

    /// The refusal contract: exit 1, nothing on stdout, one line on stderr naming the error code.
    static void checkRefusal(const CliResult &r, const QString &code, const QString &english)
    {
        QVERIFY2(r.exitCode == 1, r.describe().constData());
        QVERIFY2(r.stdOut.isEmpty(), r.describe().constData());
        const QStringList lines = r.err().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() == 1, r.describe().constData());
        QVERIFY2(lines.first().contains(QStringLiteral("[%1]: ").arg(code)), r.describe().constData());
        QVERIFY2(lines.first().contains(english), r.describe().constData());
    }

    static void checkUsage(const CliResult &r)
    {
        QVERIFY2(r.exitCode == 2, r.describe().constData());
        QVERIFY2(r.stdOut.isEmpty(), r.describe().constData());
    }

    QString writePdf(const QString &text)
    {
        const QString path = m_ws.tempDir() + QStringLiteral("/du-thao.pdf");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QByteArrayLiteral("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ") + text.toUtf8() +
                QByteArrayLiteral("\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"));
        return path;
    }

    /// An agency with a Phòng Văn hóa - Xã hội (VX), a clerk, a leader and an officer of VX.
    bool setUpOffice(CliRunner &cli)
    {
        const CliResult init =
            cli.run({QStringLiteral("--json"), QStringLiteral("init"), QStringLiteral("--org-code"),
                     QStringLiteral("000.00.00.H16"), QStringLiteral("--org-name"),
                     QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông"), QStringLiteral("--org-abbr"),
                     QStringLiteral("UBND")},
                    {}, m_adminPw);
        if (!init.ok()) {
            qWarning("%s", init.describe().constData());
            return false;
        }
        const CliResult unit = cli.run(
            {QStringLiteral("unit"), QStringLiteral("add"), QStringLiteral("--name"),
             QStringLiteral("Phòng Văn hóa - Xã hội"), QStringLiteral("--abbr"), QStringLiteral("VX"),
             QStringLiteral("--internal"), QStringLiteral("--parent"), QStringLiteral("000.00.00.H16")},
            QStringLiteral("admin"), m_adminPw);
        if (!unit.ok()) {
            qWarning("%s", unit.describe().constData());
            return false;
        }
        for (auto [name, role] : {std::pair{"vanthu", "van-thu"}, std::pair{"lanhdao", "lanh-dao"},
                                  std::pair{"chuyenvien", "chuyen-vien"}}) {
            QStringList args{QStringLiteral("user"), QStringLiteral("add"), QString::fromUtf8(name),
                             QStringLiteral("--role"), QString::fromUtf8(role)};
            if (QLatin1String(role) == QLatin1String("chuyen-vien"))
                args << QStringLiteral("--unit") << QStringLiteral("VX");
            const CliResult add = cli.run(args, QStringLiteral("admin"), m_adminPw, newPassword(m_userPw));
            if (!add.ok()) {
                qWarning("%s", add.describe().constData());
                return false;
            }
        }
        return true;
    }

    CliResult as(const CliRunner &cli, const QString &user, const QStringList &args) const
    {
        return cli.run(QStringList{QStringLiteral("--json"), QStringLiteral("outgoing")} + args, user,
                       m_userPw);
    }

    /// Drafts, submits and approves a document; returns its id.
    QString approvedDocument(const CliRunner &cli, const QString &type, const QString &subject)
    {
        const CliResult d =
            as(cli, m_officer,
               {QStringLiteral("draft"), QStringLiteral("--type"), type, QStringLiteral("--subject"), subject,
                QStringLiteral("--unit"), QStringLiteral("VX"), QStringLiteral("--file"), writePdf(subject)});
        if (!d.ok()) {
            qWarning("%s", d.describe().constData());
            return {};
        }
        const QString id = d.json[QStringLiteral("id")].toString();
        if (!as(cli, m_officer, {QStringLiteral("submit"), id}).ok() ||
            !as(cli, m_leader, {QStringLiteral("approve"), id}).ok())
            return {};
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!CliRunner::program().isEmpty(), "GOVDESK_CLI is not set: run through ctest");
        QVERIFY2(QFile::exists(CliRunner::program()), qPrintable(CliRunner::program()));
    }

    void draftReviewIssue()
    {
        CliRunner cli({QStringLiteral("--workspace"), m_ws.tempDir() + QStringLiteral("/workspace")});
        QVERIFY(setUpOffice(cli));
        const QString today = QDate::currentDate().toString(Qt::ISODate);

        const CliResult draft =
            as(cli, m_officer,
               {QStringLiteral("draft"), QStringLiteral("--type"), QStringLiteral("CV"),
                QStringLiteral("--subject"), QStringLiteral("Về việc tổ chức Ngày hội văn hóa các dân tộc"),
                QStringLiteral("--unit"), QStringLiteral("VX"), QStringLiteral("--file"),
                writePdf(QStringLiteral("v1")), QStringLiteral("--urgency"), QStringLiteral("khan"),
                QStringLiteral("--to"), QStringLiteral("000.00.01.H16")});
        QVERIFY2(draft.ok(), draft.describe().constData());
        const QString id = draft.json[QStringLiteral("id")].toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(draft.json[QStringLiteral("status")].toString(), QStringLiteral("du-thao"));
        QCOMPARE(draft.json[QStringLiteral("notation")].toString(), QStringLiteral("UBND-VX"));
        QCOMPARE(draft.json[QStringLiteral("number")].toInt(), 0);
        QCOMPARE(draft.json[QStringLiteral("urgency")].toString(), QStringLiteral("khan"));
        QCOMPARE(draft.json[QStringLiteral("recipientCodes")].toArray().first().toString(),
                 QStringLiteral("000.00.01.H16"));

        QCOMPARE(as(cli, m_officer,
                    {QStringLiteral("submit"), id, QStringLiteral("--comment"), QStringLiteral("Kính trình")})
                     .json[QStringLiteral("status")]
                     .toString(),
                 QStringLiteral("cho-duyet"));
        checkRefusal(as(cli, m_officer, {QStringLiteral("approve"), id}),
                     QStringLiteral("permission.approve"), QStringLiteral("Only a leader"));
        const CliResult returned = as(
            cli, m_leader,
            {QStringLiteral("return"), id, QStringLiteral("--comment"), QStringLiteral("Bổ sung kinh phí")});
        QVERIFY2(returned.ok(), returned.describe().constData());
        QCOMPARE(returned.json[QStringLiteral("status")].toString(), QStringLiteral("tra-lai"));
        const CliResult revised =
            as(cli, m_officer,
               {QStringLiteral("revise"), id, QStringLiteral("--file"), writePdf(QStringLiteral("v2"))});
        QVERIFY2(revised.ok(), revised.describe().constData());
        QCOMPARE(revised.json[QStringLiteral("files")].toArray().size(), 2);
        QVERIFY(as(cli, m_officer, {QStringLiteral("submit"), id}).ok());
        // Approving a second time, or numbering before approval, is refused.
        checkRefusal(as(cli, m_clerk, {QStringLiteral("issue-number"), id}), QStringLiteral("outgoing.state"),
                     QStringLiteral("Only an approved or signed document"));
        QCOMPARE(as(cli, m_leader, {QStringLiteral("approve"), id}).json[QStringLiteral("status")].toString(),
                 QStringLiteral("da-duyet"));

        // Only the clerk gives numbers.
        checkRefusal(as(cli, m_officer, {QStringLiteral("issue-number"), id}),
                     QStringLiteral("permission.issue"), QStringLiteral("Only the clerk"));
        checkRefusal(as(cli, m_leader, {QStringLiteral("issue-number"), id}),
                     QStringLiteral("permission.issue"), QStringLiteral("Only the clerk"));
        const CliResult issued =
            as(cli, m_clerk, {QStringLiteral("issue-number"), id, QStringLiteral("--date"), today});
        QVERIFY2(issued.ok(), issued.describe().constData());
        QCOMPARE(issued.json[QStringLiteral("number")].toInt(), 1);
        QCOMPARE(issued.json[QStringLiteral("notation")].toString(), QStringLiteral("UBND-VX"));
        QCOMPARE(issued.json[QStringLiteral("issuedDate")].toString(), today);
        QCOMPARE(issued.json[QStringLiteral("reference")].toString(), QStringLiteral("01/UBND-VX"));
        QCOMPARE(issued.json[QStringLiteral("status")].toString(), QStringLiteral("da-cap-so"));

        // A reserved then cancelled number stays cancelled; the next document gets the one after.
        const QString second =
            approvedDocument(cli, QStringLiteral("QĐ"), QStringLiteral("Quyết định khen thưởng"));
        QVERIFY(!second.isEmpty());
        const CliResult reserved = as(cli, m_clerk,
                                      {QStringLiteral("reserve"), second, QStringLiteral("--reason"),
                                       QStringLiteral("Chờ lãnh đạo ký giấy")});
        QVERIFY2(reserved.ok(), reserved.describe().constData());
        QCOMPARE(reserved.json[QStringLiteral("reservedNumber")].toInt(), 2);
        QVERIFY(as(cli, m_clerk,
                   {QStringLiteral("cancel-reservation"), second, QStringLiteral("--reason"),
                    QStringLiteral("Đổi ngày ký")})
                    .ok());
        const CliResult issued2 = as(cli, m_clerk, {QStringLiteral("issue-number"), second});
        QVERIFY2(issued2.ok(), issued2.describe().constData());
        QCOMPARE(issued2.json[QStringLiteral("number")].toInt(), 3);
        QCOMPARE(issued2.json[QStringLiteral("reference")].toString(), QStringLiteral("03/QĐ-UBND"));
        const CliResult numbers = as(cli, m_clerk, {QStringLiteral("numbers")});
        QVERIFY2(numbers.ok(), numbers.describe().constData());
        QCOMPARE(numbers.json.array().size(), 3);
        QCOMPARE(numbers.json.array().at(1)[QStringLiteral("state")].toString(), QStringLiteral("cancelled"));
        QCOMPARE(numbers.json.array().at(1)[QStringLiteral("cancelReason")].toString(),
                 QStringLiteral("Đổi ngày ký"));

        // Decree 30 Phụ lục VI metadata of the issued document, JSON and XML.
        const CliResult meta = as(cli, m_clerk, {QStringLiteral("metadata"), id});
        QVERIFY2(meta.ok(), meta.describe().constData());
        QCOMPARE(meta.json[QStringLiteral("CodeNumber")].toString(), QStringLiteral("01"));
        QCOMPARE(meta.json[QStringLiteral("CodeNotation")].toString(), QStringLiteral("UBND-VX"));
        QCOMPARE(meta.json[QStringLiteral("FileCode")][QStringLiteral("OrganId")].toString(),
                 QStringLiteral("000.00.00.H16"));
        QCOMPARE(meta.json[QStringLiteral("IssuedDate")].toString(), today);
        QVERIFY(!meta.json[QStringLiteral("To")].toArray().isEmpty());
        const CliResult metaXml =
            cli.run({QStringLiteral("outgoing"), QStringLiteral("metadata"), id, QStringLiteral("--xml")},
                    m_clerk, m_userPw);
        QVERIFY2(metaXml.ok(), metaXml.describe().constData());
        QVERIFY(metaXml.out().contains(QLatin1String("<CodeNotation>UBND-VX</CodeNotation>")));
        QVERIFY(metaXml.out().indexOf(QLatin1String("<SignerInfo>")) <
                metaXml.out().indexOf(QLatin1String("<To>")));

        // Sổ đăng ký văn bản đi: every number in order, the cancelled one with its reason.
        const QString registerPdf = m_ws.tempDir() + QStringLiteral("/so-di.pdf");
        const CliResult exported =
            cli.run({QStringLiteral("--json"), QStringLiteral("registry"), QStringLiteral("export"),
                     QStringLiteral("--book"), QStringLiteral("outgoing"), QStringLiteral("--year"),
                     QString::number(QDate::currentDate().year()), QStringLiteral("--out"), registerPdf},
                    m_clerk, m_userPw);
        QVERIFY2(exported.ok(), exported.describe().constData());
        QCOMPARE(exported.json[QStringLiteral("entries")].toInt(), 3);
        // Cells may wrap: compare without spaces.
        const QString registerText =
            govdesk::test::pdfText(registerPdf).remove(QRegularExpression(QStringLiteral("\\s")));
        QVERIFY2(registerText.contains(QStringLiteral("01/UBND-VX")) &&
                     registerText.contains(QStringLiteral("03/QĐ-UBND")),
                 qPrintable(registerText.left(600)));
        QVERIFY2(registerText.contains(QStringLiteral("Đổingàyký")), "the cancelled number shows its reason");
        QCOMPARE(cli.run({QStringLiteral("registry"), QStringLiteral("export"), QStringLiteral("--book"),
                          QStringLiteral("outgoing"), QStringLiteral("--year"), QStringLiteral("2026"),
                          QStringLiteral("--out"), registerPdf},
                         m_officer, m_userPw)
                     .exitCode,
                 1);

        const CliResult list = as(cli, m_clerk, {QStringLiteral("list")});
        QVERIFY2(list.ok(), list.describe().constData());
        QCOMPARE(list.json.array().size(), 2);
        QCOMPARE(list.json.array().first()[QStringLiteral("reference")].toString(),
                 QStringLiteral("03/QĐ-UBND"));
        const CliResult byStatus =
            as(cli, m_clerk,
               {QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("da-cap-so"),
                QStringLiteral("--year"), QString::number(QDate::currentDate().year())});
        QCOMPARE(byStatus.json.array().size(), 2);
        const CliResult found =
            as(cli, m_officer,
               {QStringLiteral("list"), QStringLiteral("--search"), QStringLiteral("ngay hoi van hoa")});
        QVERIFY2(found.ok(), found.describe().constData());
        QCOMPARE(found.json.array().size(), 1);
        QCOMPARE(found.json.array().first()[QStringLiteral("id")].toString(), id);

        const CliResult recalled = as(cli, m_clerk,
                                      {QStringLiteral("recall"), id, QStringLiteral("--reason"),
                                       QStringLiteral("Sai thời gian tổ chức")});
        QVERIFY2(recalled.ok(), recalled.describe().constData());
        QCOMPARE(recalled.json[QStringLiteral("status")].toString(), QStringLiteral("da-thu-hoi"));
        QCOMPARE(recalled.json[QStringLiteral("reference")].toString(), QStringLiteral("01/UBND-VX"));
        const CliResult show = as(cli, m_officer, {QStringLiteral("show"), id});
        QVERIFY2(show.ok(), show.describe().constData());
        QStringList kinds;
        for (const QJsonValue &h : show.json[QStringLiteral("history")].toArray())
            kinds << h[QStringLiteral("kind")].toString();
        QCOMPARE(kinds,
                 (QStringList{QStringLiteral("draft"), QStringLiteral("submit"), QStringLiteral("return"),
                              QStringLiteral("revise"), QStringLiteral("submit"), QStringLiteral("approve"),
                              QStringLiteral("issue-number"), QStringLiteral("recall")}));
        // Plain text output for people.
        const CliResult plain =
            cli.run({QStringLiteral("outgoing"), QStringLiteral("show"), id}, m_clerk, m_userPw);
        QVERIFY2(plain.ok(), plain.describe().constData());
        QVERIFY(plain.out().contains(QStringLiteral("01/UBND-VX")));

        QVERIFY(cli.run({QStringLiteral("audit"), QStringLiteral("verify")}).ok());
    }

    void refusalsAndUsage()
    {
        CliRunner cli({QStringLiteral("--workspace"), m_ws.tempDir() + QStringLiteral("/workspace")});
        QVERIFY(setUpOffice(cli));
        // A file that is not a PDF.
        const QString text = m_ws.tempDir() + QStringLiteral("/ghi-chu.pdf");
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("ghi chú");
        f.close();
        const QStringList draftArgs{QStringLiteral("draft"),     QStringLiteral("--type"),
                                    QStringLiteral("TB"),        QStringLiteral("--subject"),
                                    QStringLiteral("Thông báo"), QStringLiteral("--unit"),
                                    QStringLiteral("VX"),        QStringLiteral("--file")};
        checkRefusal(as(cli, m_officer, draftArgs + QStringList{text}),
                     QStringLiteral("outgoing.file-not-pdf"), QStringLiteral("not a complete PDF"));
        checkRefusal(as(cli, m_officer, draftArgs + QStringList{text + QStringLiteral(".missing")}),
                     QStringLiteral("outgoing.file"), QStringLiteral("Cannot read the draft file"));
        const CliResult none = as(cli, m_clerk, {QStringLiteral("list")});
        QVERIFY2(none.ok(), none.describe().constData());
        QCOMPARE(none.json.array().size(), 0);
        checkRefusal(as(cli, m_officer, {QStringLiteral("show"), QStringLiteral("khong-co")}),
                     QStringLiteral("outgoing.unknown"), QStringLiteral("There is no outgoing document"));

        checkUsage(as(cli, m_clerk, {QStringLiteral("issue-number")}));
        checkUsage(as(cli, m_clerk, {QStringLiteral("reserve"), QStringLiteral("x")}));
        checkUsage(as(cli, m_clerk, {QStringLiteral("cancel-reservation"), QStringLiteral("x")}));
        checkUsage(as(cli, m_clerk, {QStringLiteral("recall"), QStringLiteral("x")}));
        checkUsage(
            as(cli, m_officer, {QStringLiteral("draft"), QStringLiteral("--type"), QStringLiteral("CV")}));
        checkUsage(as(cli, m_clerk, {QStringLiteral("issue")}));
        // The seal needs a token module.
        checkUsage(as(cli, m_clerk,
                      {QStringLiteral("issue"), QStringLiteral("x"), QStringLiteral("--seal-image"),
                       QStringLiteral("con-dau.png")}));
        checkUsage(
            as(cli, m_clerk, {QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("xyz")}));
        checkUsage(as(cli, m_clerk,
                      {QStringLiteral("issue-number"), QStringLiteral("x"), QStringLiteral("--date"),
                       QStringLiteral("hôm qua")}));
        checkUsage(as(cli, m_clerk, {QStringLiteral("list"), QStringLiteral("--bogus")}));
    }

    /// A file the test writes, returning its path.
    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = m_ws.tempDir() + QLatin1Char('/') + name;
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            return {};
        return path;
    }

    CliResult exportRegister(const CliRunner &cli, const QString &user, const QStringList &args,
                             const QString &out) const
    {
        return cli.run(
            QStringList{QStringLiteral("--json"), QStringLiteral("registry"), QStringLiteral("export")} +
                args + QStringList{QStringLiteral("--out"), out},
            user, m_userPw);
    }

    /// Editing a draft's metadata, sending by post with the number of envelopes, lending the archive copy,
    /// and the three registers they fill (Sổ đăng ký văn bản đi, Sổ gửi văn bản đi bưu điện, Sổ sử dụng bản
    /// lưu).
    void metadataPostAndArchiveUse()
    {
        CliRunner cli({QStringLiteral("--workspace"), m_ws.tempDir() + QStringLiteral("/workspace")});
        QVERIFY(setUpOffice(cli));
        const QDate today = QDate::currentDate();
        const QString year = QString::number(today.year());
        const QString due = today.addDays(7).toString(Qt::ISODate);

        const CliResult draft = as(cli, m_officer,
                                   {QStringLiteral("draft"), QStringLiteral("--type"), QStringLiteral("CV"),
                                    QStringLiteral("--subject"), QStringLiteral("Về việc tổ chức hội thao"),
                                    QStringLiteral("--unit"), QStringLiteral("VX"), QStringLiteral("--file"),
                                    writePdf(QStringLiteral("hoi thao")), QStringLiteral("--copies"),
                                    QStringLiteral("4"), QStringLiteral("--due"), due});
        QVERIFY2(draft.ok(), draft.describe().constData());
        const QString id = draft.json[QStringLiteral("id")].toString();
        QCOMPARE(draft.json[QStringLiteral("copies")].toInt(), 4);
        QCOMPARE(draft.json[QStringLiteral("dueDate")].toString(), due);
        QCOMPARE(draft.json[QStringLiteral("archiveHolder")].toString(),
                 QStringLiteral("Văn thư; Phòng Văn hóa - Xã hội"));
        QVERIFY(draft.json.object().contains(QStringLiteral("pages")));
        const int version = draft.json[QStringLiteral("version")].toInt();

        // outgoing update: only what is given changes; the notation follows the type.
        const CliResult updated =
            as(cli, m_officer,
               {QStringLiteral("update"), id, QStringLiteral("--subject"),
                QStringLiteral("Về việc tổ chức hội thao mừng Đảng"), QStringLiteral("--type"),
                QStringLiteral("TB"), QStringLiteral("--copies"), QStringLiteral("6"),
                QStringLiteral("--urgency"), QStringLiteral("khan"), QStringLiteral("--version"),
                QString::number(version)});
        QVERIFY2(updated.ok(), updated.describe().constData());
        QCOMPARE(updated.json[QStringLiteral("subject")].toString(),
                 QStringLiteral("Về việc tổ chức hội thao mừng Đảng"));
        QCOMPARE(updated.json[QStringLiteral("notation")].toString(), QStringLiteral("TB-UBND"));
        QCOMPARE(updated.json[QStringLiteral("copies")].toInt(), 6);
        QCOMPARE(updated.json[QStringLiteral("urgency")].toString(), QStringLiteral("khan"));
        QCOMPARE(updated.json[QStringLiteral("dueDate")].toString(), due);
        QCOMPARE(updated.json[QStringLiteral("version")].toInt(), version + 1);
        checkRefusal(as(cli, m_officer,
                        {QStringLiteral("update"), id, QStringLiteral("--subject"), QStringLiteral("Cũ"),
                         QStringLiteral("--version"), QString::number(version)}),
                     QStringLiteral("outgoing.concurrent"), QStringLiteral("Someone else changed"));
        checkRefusal(
            as(cli, m_leader,
               {QStringLiteral("update"), id, QStringLiteral("--subject"), QStringLiteral("Lãnh đạo sửa")}),
            QStringLiteral("permission.drafter"), QStringLiteral("Only the drafter"));
        checkRefusal(
            as(cli, m_officer,
               {QStringLiteral("update"), id, QStringLiteral("--due"), QStringLiteral("2020-01-01")}),
            QStringLiteral("outgoing.due-date"), QStringLiteral("already past"));
        checkUsage(as(cli, m_officer, {QStringLiteral("update"), id}));
        checkUsage(as(cli, m_officer,
                      {QStringLiteral("update"), id, QStringLiteral("--copies"), QStringLiteral("x")}));
        checkUsage(as(cli, m_officer,
                      {QStringLiteral("update"), id, QStringLiteral("--due"), QStringLiteral("mai")}));
        const CliResult noDue = as(
            cli, m_officer, {QStringLiteral("update"), id, QStringLiteral("--due"), QStringLiteral("khong")});
        QVERIFY2(noDue.ok(), noDue.describe().constData());
        QCOMPARE(noDue.json[QStringLiteral("dueDate")].toString(), QString());
        QVERIFY(as(cli, m_officer, {QStringLiteral("update"), id, QStringLiteral("--due"), due}).ok());

        QVERIFY(as(cli, m_officer, {QStringLiteral("submit"), id}).ok());
        checkRefusal(as(cli, m_officer,
                        {QStringLiteral("update"), id, QStringLiteral("--copies"), QStringLiteral("2")}),
                     QStringLiteral("outgoing.state"), QStringLiteral("not possible"));
        QVERIFY(as(cli, m_leader, {QStringLiteral("approve"), id}).ok());
        const CliResult issued = as(cli, m_clerk, {QStringLiteral("issue-number"), id});
        QVERIFY2(issued.ok(), issued.describe().constData());
        const QString reference = issued.json[QStringLiteral("reference")].toString();
        QCOMPARE(reference, QStringLiteral("01/TB-UBND"));

        // Phụ lục VI carries the copies and the due date.
        const CliResult meta = as(cli, m_clerk, {QStringLiteral("metadata"), id});
        QVERIFY2(meta.ok(), meta.describe().constData());
        QCOMPARE(meta.json[QStringLiteral("IssuedAmount")].toInt(), 6);
        QCOMPARE(meta.json[QStringLiteral("DueDate")].toString(), due);

        // Sending by post: the clerk's, with the envelopes.
        const QStringList post{
            QStringLiteral("send"),         id,
            QStringLiteral("--channel"),    QStringLiteral("buu-dien"),
            QStringLiteral("--envelopes"),  QStringLiteral("3"),
            QStringLiteral("--recipients"), QStringLiteral("UBND huyện Cư Jút; UBND huyện Krông Nô"),
            QStringLiteral("--note"),       QStringLiteral("Bảo đảm")};
        checkRefusal(as(cli, m_officer, post), QStringLiteral("permission.issue"),
                     QStringLiteral("Only the clerk"));
        checkUsage(as(cli, m_clerk,
                      {QStringLiteral("send"), id, QStringLiteral("--channel"), QStringLiteral("noi-bo"),
                       QStringLiteral("--envelopes"), QStringLiteral("2")}));
        checkUsage(as(cli, m_clerk,
                      {QStringLiteral("send"), id, QStringLiteral("--channel"), QStringLiteral("buu-dien"),
                       QStringLiteral("--envelopes"), QStringLiteral("0")}));
        const CliResult sent = as(cli, m_clerk, post);
        QVERIFY2(sent.ok(), sent.describe().constData());
        QCOMPARE(sent.json[QStringLiteral("status")].toString(), QStringLiteral("da-phat-hanh"));
        QCOMPARE(sent.json[QStringLiteral("sentChannel")].toString(), QStringLiteral("buu-dien"));

        const QString postPdf = m_ws.tempDir() + QStringLiteral("/so-buu-dien.pdf");
        const QStringList postBook{QStringLiteral("--book"), QStringLiteral("outgoing-post")};
        const CliResult postExport =
            exportRegister(cli, m_clerk, postBook + QStringList{QStringLiteral("--year"), year}, postPdf);
        QVERIFY2(postExport.ok(), postExport.describe().constData());
        QCOMPARE(postExport.json[QStringLiteral("entries")].toInt(), 1);
        const QString postText = pdfText(postPdf).remove(QRegularExpression(QStringLiteral("\\s")));
        QVERIFY2(postText.contains(reference) && postText.contains(QStringLiteral("UBNDhuyệnCưJút")) &&
                     postText.contains(QStringLiteral("Bảođảm")),
                 qPrintable(postText.left(1500)));
        for (int column = 1; column <= 6; ++column)
            QVERIFY(postText.contains(QStringLiteral("(%1)").arg(column)));
        QVERIFY(!postText.contains(QStringLiteral("(7)")));
        const CliResult range =
            exportRegister(cli, m_clerk,
                           postBook + QStringList{QStringLiteral("--from"), today.toString(Qt::ISODate),
                                                  QStringLiteral("--until"), today.toString(Qt::ISODate)},
                           postPdf);
        QCOMPARE(range.json[QStringLiteral("entries")].toInt(), 1);
        const CliResult before =
            exportRegister(cli, m_clerk,
                           postBook + QStringList{QStringLiteral("--from"), QStringLiteral("2020-01-01"),
                                                  QStringLiteral("--until"), QStringLiteral("2020-12-31")},
                           postPdf);
        QVERIFY2(before.ok(), before.describe().constData());
        QCOMPARE(before.json[QStringLiteral("entries")].toInt(), 0);
        checkRefusal(
            exportRegister(cli, m_officer, postBook + QStringList{QStringLiteral("--year"), year}, postPdf),
            QStringLiteral("permission.print"), QStringLiteral("print the registers"));
        checkUsage(exportRegister(cli, m_clerk, postBook, postPdf));

        // Sổ sử dụng bản lưu.
        const QStringList lend{
            QStringLiteral("archive-use"),   QStringLiteral("lend"),       id,
            QStringLiteral("--borrower"),    QStringLiteral("Lê Thị Hoa"), QStringLiteral("--permitted-by"),
            QStringLiteral("Nguyễn Văn An"), QStringLiteral("--file-ref"), QStringLiteral("HS-01/VX"),
            QStringLiteral("--note"),        QStringLiteral("Thanh tra")};
        checkRefusal(as(cli, m_officer, lend), QStringLiteral("permission.archive-use"),
                     QStringLiteral("record the use of archive copies"));
        checkUsage(as(cli, m_clerk,
                      {QStringLiteral("archive-use"), QStringLiteral("lend"), id,
                       QStringLiteral("--borrower"), QStringLiteral("Lê Thị Hoa")}));
        checkUsage(as(cli, m_clerk, {QStringLiteral("archive-use"), QStringLiteral("mượn")}));
        const CliResult lent = as(cli, m_clerk, lend);
        QVERIFY2(lent.ok(), lent.describe().constData());
        const QString loanId = lent.json[QStringLiteral("id")].toString();
        QCOMPARE(lent.json[QStringLiteral("borrower")].toString(), QStringLiteral("Lê Thị Hoa"));
        QCOMPARE(lent.json[QStringLiteral("permittedBy")].toString(), QStringLiteral("Nguyễn Văn An"));
        QCOMPARE(lent.json[QStringLiteral("fileRef")].toString(), QStringLiteral("HS-01/VX"));
        QCOMPARE(lent.json[QStringLiteral("reference")].toString(), reference);
        QCOMPARE(lent.json[QStringLiteral("lentOn")].toString(), today.toString(Qt::ISODate));
        QCOMPARE(lent.json[QStringLiteral("returned")].toBool(), false);
        checkRefusal(as(cli, m_clerk, lend), QStringLiteral("outgoing.archive-out"),
                     QStringLiteral("return first"));
        const CliResult listed =
            as(cli, m_clerk,
               {QStringLiteral("archive-use"), QStringLiteral("list"), QStringLiteral("--year"), year});
        QVERIFY2(listed.ok(), listed.describe().constData());
        QCOMPARE(listed.json.array().size(), 1);
        QCOMPARE(listed.json.array().first()[QStringLiteral("id")].toString(), loanId);
        checkRefusal(as(cli, m_officer, {QStringLiteral("archive-use"), QStringLiteral("list")}),
                     QStringLiteral("permission.register-view"), QStringLiteral("read the book"));
        checkRefusal(as(cli, m_clerk,
                        {QStringLiteral("archive-use"), QStringLiteral("return"), loanId,
                         QStringLiteral("--date"), today.addDays(1).toString(Qt::ISODate)}),
                     QStringLiteral("outgoing.date-future"), QStringLiteral("in the future"));
        const CliResult returned =
            as(cli, m_clerk, {QStringLiteral("archive-use"), QStringLiteral("return"), loanId});
        QVERIFY2(returned.ok(), returned.describe().constData());
        QCOMPARE(returned.json[QStringLiteral("returned")].toBool(), true);
        QCOMPARE(returned.json[QStringLiteral("returnedOn")].toString(), today.toString(Qt::ISODate));

        const QString usePdf = m_ws.tempDir() + QStringLiteral("/so-su-dung-ban-luu.pdf");
        const CliResult useExport =
            exportRegister(cli, m_leader,
                           {QStringLiteral("--book"), QStringLiteral("outgoing-archive-use"),
                            QStringLiteral("--year"), year},
                           usePdf);
        QVERIFY2(useExport.ok(), useExport.describe().constData());
        QCOMPARE(useExport.json[QStringLiteral("entries")].toInt(), 1);
        const QString useText = pdfText(usePdf).remove(QRegularExpression(QStringLiteral("\\s")));
        QVERIFY2(useText.contains(QStringLiteral("LêThịHoa")) &&
                     useText.contains(QStringLiteral("HS-01/VX")) &&
                     useText.contains(QStringLiteral("NguyễnVănAn")) && useText.contains(reference),
                 qPrintable(useText.left(1500)));
        for (int column = 1; column <= 9; ++column)
            QVERIFY(useText.contains(QStringLiteral("(%1)").arg(column)));

        // The Sổ đăng ký văn bản đi shows the archive holder and the copies.
        const QString mainPdf = m_ws.tempDir() + QStringLiteral("/so-di.pdf");
        const CliResult mainExport = exportRegister(
            cli, m_clerk,
            {QStringLiteral("--book"), QStringLiteral("outgoing"), QStringLiteral("--year"), year}, mainPdf);
        QVERIFY2(mainExport.ok(), mainExport.describe().constData());
        const QString mainText = pdfText(mainPdf).remove(QRegularExpression(QStringLiteral("\\s")));
        QVERIFY2(mainText.contains(QStringLiteral("Vănthư;")), qPrintable(mainText.left(1500)));

        const CliResult show = as(cli, m_clerk, {QStringLiteral("show"), id});
        QStringList kinds;
        for (const QJsonValue &h : show.json[QStringLiteral("history")].toArray())
            kinds << h[QStringLiteral("kind")].toString();
        QCOMPARE(kinds.count(QStringLiteral("update")), 3);
        QVERIFY(kinds.contains(QStringLiteral("send")));
        QVERIFY(kinds.contains(QStringLiteral("archive-lend")));
        QVERIFY(kinds.contains(QStringLiteral("archive-return")));
        QVERIFY(cli.run({QStringLiteral("audit"), QStringLiteral("verify")}).ok());
    }

    /// Templates per document type through the CLI: the clerk keeps them, a draft starts from one; an office
    /// template on a machine without LibreOffice gives the clear error.
    void advisoryBodies()
    {
        CliRunner cli({QStringLiteral("--workspace"), m_ws.tempDir() + QStringLiteral("/workspace")});
        QVERIFY(setUpOffice(cli));
        const QStringList addBody{
            QStringLiteral("body"),   QStringLiteral("add"),
            QStringLiteral("--name"), QStringLiteral("Hội đồng Thi đua - Khen thưởng tỉnh"),
            QStringLiteral("--abbr"), QStringLiteral("HĐTĐKT")};
        checkRefusal(as(cli, m_clerk, addBody), QStringLiteral("permission.body"),
                     QStringLiteral("administrator"));
        const CliResult added =
            cli.run(QStringList{QStringLiteral("--json"), QStringLiteral("outgoing")} + addBody,
                    QStringLiteral("admin"), m_adminPw);
        QVERIFY2(added.ok(), added.describe().constData());
        const QString bodyId = added.json[QStringLiteral("id")].toString();
        const QString bookId = added.json[QStringLiteral("bookId")].toString();
        QVERIFY(!bodyId.isEmpty());
        QCOMPARE(bookId, QStringLiteral("outgoing-body-") + bodyId);
        QCOMPARE(added.json[QStringLiteral("name")].toString(),
                 QStringLiteral("Hội đồng Thi đua - Khen thưởng tỉnh"));
        QCOMPARE(added.json[QStringLiteral("abbr")].toString(), QStringLiteral("HĐTĐKT"));
        checkRefusal(cli.run(QStringList{QStringLiteral("--json"), QStringLiteral("outgoing")} + addBody,
                             QStringLiteral("admin"), m_adminPw),
                     QStringLiteral("outgoing.body-duplicate"), QStringLiteral("HĐTĐKT"));
        checkUsage(as(cli, m_clerk,
                      {QStringLiteral("body"), QStringLiteral("add"), QStringLiteral("--name"),
                       QStringLiteral("Ban")}));

        const CliResult list = as(cli, m_officer, {QStringLiteral("body"), QStringLiteral("list")});
        QVERIFY2(list.ok(), list.describe().constData());
        QCOMPARE(list.json.array().size(), 1);
        QCOMPARE(list.json.array().first()[QStringLiteral("abbr")].toString(), QStringLiteral("HĐTĐKT"));
        QCOMPARE(list.json.array().first()[QStringLiteral("bookId")].toString(), bookId);

        // The body's documents: its abbreviation in the notation, its own sequence.
        QStringList ids;
        for (const QString &type : {QStringLiteral("QĐ"), QStringLiteral("CV")}) {
            const CliResult d = as(cli, m_officer,
                                   {QStringLiteral("draft"), QStringLiteral("--type"), type,
                                    QStringLiteral("--subject"), QStringLiteral("Khen thưởng %1").arg(type),
                                    QStringLiteral("--unit"), QStringLiteral("VX"), QStringLiteral("--file"),
                                    writePdf(type), QStringLiteral("--body"), QStringLiteral("hđtđkt")});
            QVERIFY2(d.ok(), d.describe().constData());
            QCOMPARE(d.json[QStringLiteral("issuingBody")].toString(), QStringLiteral("HĐTĐKT"));
            QCOMPARE(d.json[QStringLiteral("book")].toString(), bookId);
            const QString id = d.json[QStringLiteral("id")].toString();
            QVERIFY(as(cli, m_officer, {QStringLiteral("submit"), id}).ok());
            QVERIFY(as(cli, m_leader, {QStringLiteral("approve"), id}).ok());
            ids << id;
        }
        const QString agencyId = approvedDocument(cli, QStringLiteral("QĐ"), QStringLiteral("Quyết định"));
        QVERIFY(!agencyId.isEmpty());
        const CliResult agency = as(cli, m_clerk, {QStringLiteral("issue-number"), agencyId});
        QVERIFY2(agency.ok(), agency.describe().constData());
        QCOMPARE(agency.json[QStringLiteral("reference")].toString(), QStringLiteral("01/QĐ-UBND"));
        const CliResult first = as(cli, m_clerk, {QStringLiteral("issue-number"), ids[0]});
        const CliResult second = as(cli, m_clerk, {QStringLiteral("issue-number"), ids[1]});
        QVERIFY2(first.ok(), first.describe().constData());
        QVERIFY2(second.ok(), second.describe().constData());
        QCOMPARE(first.json[QStringLiteral("reference")].toString(), QStringLiteral("01/QĐ-HĐTĐKT"));
        QCOMPARE(second.json[QStringLiteral("reference")].toString(), QStringLiteral("02/HĐTĐKT-VX"));
        checkRefusal(as(cli, m_officer,
                        {QStringLiteral("draft"), QStringLiteral("--type"), QStringLiteral("TB"),
                         QStringLiteral("--subject"), QStringLiteral("Thông báo"), QStringLiteral("--unit"),
                         QStringLiteral("VX"), QStringLiteral("--file"), writePdf(QStringLiteral("TB")),
                         QStringLiteral("--body"), QStringLiteral("BCĐ")}),
                     QStringLiteral("outgoing.body"), QStringLiteral("BCĐ"));

        // The body's register: its two documents, not the agency's.
        const QString registerPdf = m_ws.tempDir() + QStringLiteral("/so-di-hdtdkt.pdf");
        const CliResult exported =
            cli.run({QStringLiteral("--json"), QStringLiteral("registry"), QStringLiteral("export"),
                     QStringLiteral("--book"), bookId, QStringLiteral("--year"),
                     QString::number(QDate::currentDate().year()), QStringLiteral("--out"), registerPdf},
                    m_clerk, m_userPw);
        QVERIFY2(exported.ok(), exported.describe().constData());
        QCOMPARE(exported.json[QStringLiteral("entries")].toInt(), 2);
        const QString registerText =
            govdesk::test::pdfText(registerPdf).remove(QRegularExpression(QStringLiteral("\\s")));
        QVERIFY2(registerText.contains(QStringLiteral("01/QĐ-HĐTĐKT")) &&
                     registerText.contains(QStringLiteral("02/HĐTĐKT-VX")) &&
                     !registerText.contains(QStringLiteral("QĐ-UBND")),
                 qPrintable(registerText.left(600)));
        // The register and the Phụ lục VI metadata carry the body's name as the issuing organ.
        QVERIFY2(registerText.contains(QStringLiteral("HỘIĐỒNGTHIĐUA-KHENTHƯỞNGTỈNH"), Qt::CaseInsensitive),
                 qPrintable(registerText.left(600)));
        const CliResult metadata = as(cli, m_clerk, {QStringLiteral("metadata"), ids[0]});
        QVERIFY2(metadata.ok(), metadata.describe().constData());
        QCOMPARE(metadata.json[QStringLiteral("OrganName")].toString(),
                 QStringLiteral("Hội đồng Thi đua - Khen thưởng tỉnh"));
        checkRefusal(cli.run({QStringLiteral("registry"), QStringLiteral("export"), QStringLiteral("--book"),
                              QStringLiteral("outgoing-body-khong-co"), QStringLiteral("--year"),
                              QStringLiteral("2026"), QStringLiteral("--out"), registerPdf},
                             m_clerk, m_userPw),
                     QStringLiteral("outgoing.book"), QStringLiteral("outgoing-body-khong-co"));
    }

    void templates()
    {
        CliRunner cli({QStringLiteral("--workspace"), m_ws.tempDir() + QStringLiteral("/workspace")});
        QVERIFY(setUpOffice(cli));
        auto tpl = [&](const QString &user, const QStringList &args, const QProcessEnvironment &env = {}) {
            return cli.run(QStringList{QStringLiteral("--json"), QStringLiteral("template")} + args, user,
                           m_userPw, env);
        };
        // A machine where IT pointed GovDesk at a LibreOffice that is not there.
        const QString conf =
            writeFile(QStringLiteral("govdesk.conf"),
                      "[templates]\nofficeConverter=" + m_ws.tempDir().toUtf8() + "/khong-co/soffice\n");
        QProcessEnvironment noOffice;
        noOffice.insert(QStringLiteral("GOVDESK_SYSTEM_CONFIG"), conf);

        const QByteArray mau = minimalPdf(QStringLiteral("Mẫu quyết định"));
        const QString pdfPath = writeFile(QStringLiteral("mau-quyet-dinh.pdf"), mau);
        const QStringList addPdf{QStringLiteral("add"),
                                 QStringLiteral("--type"),
                                 QStringLiteral("QĐ"),
                                 QStringLiteral("--name"),
                                 QStringLiteral("Quyết định cá biệt"),
                                 QStringLiteral("--file"),
                                 pdfPath};
        checkRefusal(tpl(m_officer, addPdf), QStringLiteral("permission.template"),
                     QStringLiteral("templates"));
        const CliResult added = tpl(m_clerk, addPdf);
        QVERIFY2(added.ok(), added.describe().constData());
        const QString pdfId = added.json[QStringLiteral("id")].toString();
        QCOMPARE(added.json[QStringLiteral("type")].toString(), QStringLiteral("QĐ"));
        QCOMPARE(added.json[QStringLiteral("format")].toString(), QStringLiteral("pdf"));
        QCOMPARE(added.json[QStringLiteral("active")].toBool(), true);
        checkRefusal(
            tpl(m_clerk, {QStringLiteral("add"), QStringLiteral("--type"), QStringLiteral("QĐ"),
                          QStringLiteral("--name"), QStringLiteral("Ghi chú"), QStringLiteral("--file"),
                          writeFile(QStringLiteral("ghi-chu.txt"), "ghi chú")}),
            QStringLiteral("template.format"), QStringLiteral(".pdf, .docx or .odt"));
        checkUsage(tpl(m_clerk, {QStringLiteral("add"), QStringLiteral("--type"), QStringLiteral("QĐ")}));
        checkUsage(tpl(m_clerk, {QStringLiteral("xoa")}));

        const CliResult addedDocx =
            tpl(m_clerk,
                {QStringLiteral("add"), QStringLiteral("--type"), QStringLiteral("CV"),
                 QStringLiteral("--name"), QStringLiteral("Công văn"), QStringLiteral("--file"),
                 writeFile(QStringLiteral("cong-van.docx"), docx(QStringLiteral("CV")))},
                noOffice);
        QVERIFY2(addedDocx.ok(), addedDocx.describe().constData());
        QCOMPARE(addedDocx.json[QStringLiteral("format")].toString(), QStringLiteral("docx"));
        QCOMPARE(addedDocx.json[QStringLiteral("conversionAvailable")].toBool(), false);
        const QString docxId = addedDocx.json[QStringLiteral("id")].toString();

        const CliResult all = tpl(m_officer, {QStringLiteral("list")});
        QVERIFY2(all.ok(), all.describe().constData());
        QCOMPARE(all.json.array().size(), 2);
        const CliResult decisions =
            tpl(m_officer, {QStringLiteral("list"), QStringLiteral("--type"), QStringLiteral("QĐ")});
        QCOMPARE(decisions.json.array().size(), 1);
        QCOMPARE(decisions.json.array().first()[QStringLiteral("id")].toString(), pdfId);

        // A draft from the PDF template: its type, its file.
        const CliResult drafted = as(cli, m_officer,
                                     {QStringLiteral("draft"), QStringLiteral("--subject"),
                                      QStringLiteral("Quyết định khen thưởng"), QStringLiteral("--unit"),
                                      QStringLiteral("VX"), QStringLiteral("--template"), pdfId});
        QVERIFY2(drafted.ok(), drafted.describe().constData());
        QCOMPARE(drafted.json[QStringLiteral("type")].toString(), QStringLiteral("QĐ"));
        const QString out = m_ws.tempDir() + QStringLiteral("/ban-du-thao.pdf");
        QVERIFY(as(cli, m_officer,
                   {QStringLiteral("file"), drafted.json[QStringLiteral("id")].toString(),
                    QStringLiteral("--out"), out})
                    .ok());
        QFile written(out);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), mau);
        checkUsage(as(cli, m_officer,
                      {QStringLiteral("draft"), QStringLiteral("--subject"), QStringLiteral("Hai nguồn"),
                       QStringLiteral("--file"), pdfPath, QStringLiteral("--template"), pdfId}));
        checkRefusal(as(cli, m_officer,
                        {QStringLiteral("draft"), QStringLiteral("--type"), QStringLiteral("TB"),
                         QStringLiteral("--subject"), QStringLiteral("Khác loại"), QStringLiteral("--unit"),
                         QStringLiteral("VX"), QStringLiteral("--template"), pdfId}),
                     QStringLiteral("outgoing.template-type"), QStringLiteral("is for documents of type"));

        // The Word template where LibreOffice is missing: the clear error, no draft.
        const CliResult refused =
            cli.run({QStringLiteral("--json"), QStringLiteral("outgoing"), QStringLiteral("draft"),
                     QStringLiteral("--subject"), QStringLiteral("Về việc góp ý"), QStringLiteral("--unit"),
                     QStringLiteral("VX"), QStringLiteral("--template"), docxId},
                    m_officer, m_userPw, noOffice);
        checkRefusal(refused, QStringLiteral("template.no-office"),
                     QStringLiteral("LibreOffice is not installed"));
        QCOMPARE(as(cli, m_clerk, {QStringLiteral("list")}).json.array().size(), 1);

        checkRefusal(tpl(m_officer, {QStringLiteral("remove"), pdfId}), QStringLiteral("permission.template"),
                     QStringLiteral("templates"));
        const CliResult removed = tpl(m_clerk, {QStringLiteral("remove"), pdfId});
        QVERIFY2(removed.ok(), removed.describe().constData());
        QCOMPARE(removed.json[QStringLiteral("active")].toBool(), false);
        QCOMPARE(tpl(m_officer, {QStringLiteral("list")}).json.array().size(), 1);
        checkRefusal(tpl(m_clerk, {QStringLiteral("remove"), pdfId}), QStringLiteral("template.removed"),
                     QStringLiteral("was removed"));
        QVERIFY(cli.run({QStringLiteral("audit"), QStringLiteral("verify")}).ok());
    }

    void sharedPostgresDatabase()
    {
        GD_VERIFY_OK(m_ws.ensurePostgres());
        auto db = m_ws.postgres().createDatabase(QStringLiteral("cli_outgoing"));
        GD_VERIFY_OK(db);
        const QString url = m_ws.postgres().urlFor(QStringLiteral("cli_outgoing"));
        CliRunner cli({QStringLiteral("--database"), url});
        QVERIFY(setUpOffice(cli));
        const QString a =
            approvedDocument(cli, QStringLiteral("KH"), QStringLiteral("Kế hoạch chuyển đổi số"));
        QVERIFY(!a.isEmpty());
        CliRunner other({QStringLiteral("--database"), url});
        const QString b =
            approvedDocument(other, QStringLiteral("KH"), QStringLiteral("Kế hoạch cải cách hành chính"));
        QVERIFY(!b.isEmpty());
        const CliResult ia = as(cli, m_clerk, {QStringLiteral("issue-number"), a});
        const CliResult ib = as(other, m_clerk, {QStringLiteral("issue-number"), b});
        QVERIFY2(ia.ok(), ia.describe().constData());
        QVERIFY2(ib.ok(), ib.describe().constData());
        QCOMPARE(ia.json[QStringLiteral("reference")].toString(), QStringLiteral("01/KH-UBND"));
        QCOMPARE(ib.json[QStringLiteral("reference")].toString(), QStringLiteral("02/KH-UBND"));
        checkRefusal(as(other, m_officer,
                        {QStringLiteral("recall"), a, QStringLiteral("--reason"), QStringLiteral("x")}),
                     QStringLiteral("permission.recall"), QStringLiteral("recall"));
        QVERIFY(cli.run({QStringLiteral("audit"), QStringLiteral("verify")}).ok());
    }
};

QTEST_GUILESS_MAIN(TestCliOutgoing)
#include "tst_cli_outgoing.moc"
