// govdesk-cli edxml parse|status|build as IT staff and the clerk use them: the fields of a received packet
// as JSON, a readable summary, the line and column of a broken packet, a status packet answering a
// document, and the packet of an issued outgoing document (refused for drafts and classified documents).
#include "exchange/edxml/EdxmlReader.h"
#include "support/CliRunner.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace govdesk;
using namespace govdesk::test;
using namespace govdesk::exchange::edxml;

namespace {

QString corpus(const QString &relative)
{
    return qEnvironmentVariable("GOVDESK_SHARED_DIR") + QStringLiteral("/conformance/edxml/") + relative;
}

const QString sdkNew = QStringLiteral("PVN-Organization__API-Gateway-iOffice/edoc_new.edxml.bak");

} // namespace

class TestEdxmlCli : public QObject
{
    Q_OBJECT

    Workspaces m_ws;
    const QString m_adminPw = QStringLiteral("admin-pass-2026");
    const QString m_userPw = QStringLiteral("user-pass-2026");

    static QProcessEnvironment newPassword(const QString &pw)
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("GOVDESK_NEW_PASSWORD"), pw);
        return env;
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

    /// UBND tỉnh Đắk Nông with a Phòng Văn hóa - Xã hội, a known recipient organ, a clerk, a leader and an
    /// officer.
    bool setUpOffice(CliRunner &cli)
    {
        QList<QStringList> steps = {
            {QStringLiteral("init"), QStringLiteral("--org-code"), QStringLiteral("000.00.00.H16"),
             QStringLiteral("--org-name"), QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông"),
             QStringLiteral("--org-abbr"), QStringLiteral("UBND")},
            {QStringLiteral("unit"), QStringLiteral("add"), QStringLiteral("--name"),
             QStringLiteral("Phòng Văn hóa - Xã hội"), QStringLiteral("--abbr"), QStringLiteral("VX"),
             QStringLiteral("--internal"), QStringLiteral("--parent"), QStringLiteral("000.00.00.H16")},
            {QStringLiteral("unit"), QStringLiteral("add"), QStringLiteral("--name"),
             QStringLiteral("Sở Nội vụ tỉnh Đắk Nông"), QStringLiteral("--code"),
             QStringLiteral("000.00.05.H16"), QStringLiteral("--abbr"), QStringLiteral("SNV")},
        };
        for (const QStringList &step : steps) {
            const CliResult r = cli.run(
                step, step.first() == QLatin1String("init") ? QString() : QStringLiteral("admin"), m_adminPw);
            if (!r.ok()) {
                qWarning("%s", r.describe().constData());
                return false;
            }
        }
        for (auto [name, role] : {std::pair{"vanthu", "van-thu"}, std::pair{"lanhdao", "lanh-dao"},
                                  std::pair{"chuyenvien", "chuyen-vien"}}) {
            QStringList args{QStringLiteral("user"),
                             QStringLiteral("add"),
                             QString::fromUtf8(name),
                             QStringLiteral("--role"),
                             QString::fromUtf8(role),
                             QStringLiteral("--full-name"),
                             QStringLiteral("Nguyễn Thị %1").arg(QString::fromUtf8(name))};
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

    CliResult outgoing(const CliRunner &cli, const QString &user, const QStringList &args) const
    {
        return cli.run(QStringList{QStringLiteral("--json"), QStringLiteral("outgoing")} + args, user,
                       m_userPw);
    }

    /// Drafts (with the extra options), submits and approves a document; returns its id.
    QString approvedDocument(const CliRunner &cli, const QString &pdf, const QStringList &extra)
    {
        const CliResult d = outgoing(
            cli, QStringLiteral("chuyenvien"),
            QStringList{QStringLiteral("draft"), QStringLiteral("--type"), QStringLiteral("CV"),
                        QStringLiteral("--subject"),
                        QStringLiteral("Về việc tổ chức Ngày hội văn hóa các dân tộc"),
                        QStringLiteral("--unit"), QStringLiteral("VX"), QStringLiteral("--file"), pdf} +
                extra);
        if (!d.ok()) {
            qWarning("%s", d.describe().constData());
            return {};
        }
        const QString id = d.json[QStringLiteral("id")].toString();
        if (!outgoing(cli, QStringLiteral("chuyenvien"), {QStringLiteral("submit"), id}).ok() ||
            !outgoing(cli, QStringLiteral("lanhdao"), {QStringLiteral("approve"), id}).ok())
            return {};
        return id;
    }

    static void checkRefusal(const CliResult &r, const QString &code, const QString &english)
    {
        QVERIFY2(r.exitCode == 1, r.describe().constData());
        QVERIFY2(r.stdOut.isEmpty(), r.describe().constData());
        QVERIFY2(r.err().contains(QStringLiteral("[%1]: ").arg(code)), r.describe().constData());
        QVERIFY2(r.err().contains(english), r.describe().constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(CliRunner::program()), qPrintable(CliRunner::program()));
        QVERIFY2(QFile::exists(corpus(sdkNew)), qPrintable(corpus(sdkNew)));
    }

    void parseJson()
    {
        CliRunner cli;
        const CliResult r = cli.run(
            {QStringLiteral("--json"), QStringLiteral("edxml"), QStringLiteral("parse"), corpus(sdkNew)});
        QVERIFY2(r.ok(), r.describe().constData());
        const QJsonObject j = r.json.object();
        QCOMPARE(j[QStringLiteral("kind")].toString(), QStringLiteral("document"));
        QCOMPARE(j[QStringLiteral("from")][QStringLiteral("organId")].toString(),
                 QStringLiteral("000.00.00.A80"));
        QCOMPARE(j[QStringLiteral("to")].toArray().size(), 1);
        QCOMPARE(j[QStringLiteral("to")][0][QStringLiteral("organId")].toString(),
                 QStringLiteral("28.22.H17"));
        QCOMPARE(j[QStringLiteral("documentId")].toString(),
                 QStringLiteral("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"));
        QCOMPARE(j[QStringLiteral("code")][QStringLiteral("number")].toString(), QStringLiteral("74fass22"));
        QCOMPARE(j[QStringLiteral("code")][QStringLiteral("notation")].toString(),
                 QStringLiteral("VPCP-TTĐT"));
        QCOMPARE(j[QStringLiteral("promulgationDate")].toString(), QStringLiteral("2019-01-16"));
        QCOMPARE(j[QStringLiteral("type")][QStringLiteral("name")].toString(), QStringLiteral("Công văn"));
        QCOMPARE(j[QStringLiteral("subject")].toString(),
                 QStringLiteral("V/v kết nối, liên thông phần mềm quản lý văn bản"));
        QCOMPARE(j[QStringLiteral("signer")][QStringLiteral("fullName")].toString(),
                 QStringLiteral("Nguyen Thanh Phuc"));
        QCOMPARE(j[QStringLiteral("dueDate")].toString(), QStringLiteral("2018-09-28"));
        QCOMPARE(j[QStringLiteral("priority")].toInt(-1), 0);
        QCOMPARE(j[QStringLiteral("steeringType")].toInt(-1), 1);
        QCOMPARE(j[QStringLiteral("business")][QStringLiteral("type")].toInt(-1), 0);
        QCOMPARE(j[QStringLiteral("business")][QStringLiteral("reason")].toString(),
                 QStringLiteral("Văn bản điện tử mới"));
        const QJsonArray atts = j[QStringLiteral("attachments")].toArray();
        QCOMPARE(atts.size(), 1);
        QCOMPARE(atts[0][QStringLiteral("name")].toString(), QStringLiteral("1896_QD-TTg_m_294779.doc"));
        QCOMPARE(atts[0][QStringLiteral("contentType")].toString(), QStringLiteral("application/msword"));
        QCOMPARE(atts[0][QStringLiteral("size")].toInt(), 388347);
        QCOMPARE(atts[0][QStringLiteral("sha256")].toString(),
                 QStringLiteral("8385739ec4a4ed36d71eabcaead629641ffc5ffff3d487ff5c34d2f821c9f36e"));
        QCOMPARE(j[QStringLiteral("problems")].toArray().size(), 0);

        // The Tây Ninh packet's dd/MM/yyyy date comes out as an ISO date.
        const CliResult tn =
            cli.run({QStringLiteral("--json"), QStringLiteral("edxml"), QStringLiteral("parse"),
                     corpus(QStringLiteral("QuangChuIT__edoc-integrator/edoc_new.edxml"))});
        QVERIFY2(tn.ok(), tn.describe().constData());
        QCOMPARE(tn.json[QStringLiteral("promulgationDate")].toString(), QStringLiteral("2020-10-30"));

        // A status packet; the minimal packet lists what it misses.
        const CliResult st = cli.run(
            {QStringLiteral("--json"), QStringLiteral("edxml"), QStringLiteral("parse"),
             corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/status_acceptance_03.edxml"))});
        QVERIFY2(st.ok(), st.describe().constData());
        QCOMPARE(st.json[QStringLiteral("kind")].toString(), QStringLiteral("status"));
        QCOMPARE(st.json[QStringLiteral("status")][QStringLiteral("code")].toString(), QStringLiteral("03"));
        QCOMPARE(st.json[QStringLiteral("status")][QStringLiteral("description")].toString(),
                 QStringLiteral("Văn thư cơ - Phòng Văn thư - Lưu trữ: Tiếp nhận văn bản điện tử, vào sổ văn "
                                "bản đến của đơn vị"));
        const CliResult minimal =
            cli.run({QStringLiteral("--json"), QStringLiteral("edxml"), QStringLiteral("parse"),
                     corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/test_user_edxml.xml"))});
        QVERIFY2(minimal.ok(), minimal.describe().constData());
        QStringList fields;
        for (const QJsonValue &p : minimal.json[QStringLiteral("problems")].toArray())
            fields << p[QStringLiteral("field")].toString();
        QVERIFY2(fields.contains(QStringLiteral("Code/CodeNumber")) &&
                     fields.contains(QStringLiteral("TraceHeaderList/TraceHeader")),
                 qPrintable(fields.join(QLatin1Char(' '))));
    }

    void parseSummary()
    {
        // Vietnamese by default: the subject and the attachment as a clerk reads them.
        CliRunner cli;
        const CliResult r = cli.run({QStringLiteral("edxml"), QStringLiteral("parse"),
                                     corpus(QStringLiteral("QuangChuIT__edoc-integrator/edoc_new.edxml"))});
        QVERIFY2(r.ok(), r.describe().constData());
        QVERIFY2(r.out().contains(QStringLiteral("Báo cáo tài chính tỉnh")), r.describe().constData());
        QVERIFY2(r.out().contains(QStringLiteral("2491/STC-BCTC")), r.describe().constData());
        QVERIFY2(r.out().contains(QStringLiteral("30/10/2020")), r.describe().constData());
        QVERIFY2(r.out().contains(QStringLiteral("1896_QD-TTg_m_294779.doc")), r.describe().constData());
        QVERIFY2(r.out().contains(QStringLiteral("Văn phòng tỉnh ủy (000.00.01.A53)")),
                 r.describe().constData());
    }

    void parseMalformed()
    {
        CliRunner cli;
        const CliResult r = cli.run({QStringLiteral("edxml"), QStringLiteral("parse"),
                                     corpus(QStringLiteral("all4u1089__truclienthong-example/edoc.edxml"))});
        checkRefusal(
            r, QStringLiteral("edxml.malformed"),
            QStringLiteral(
                "Line 74, column 8: the element From opened on line 7 is closed by </edXML:MessageHeader>"));
        QCOMPARE(r.err().count(QLatin1Char('\n')), 1);
        const CliResult stray =
            cli.run({QStringLiteral("--json"), QStringLiteral("edxml"), QStringLiteral("parse"),
                     corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/edoc_new.edxml"))});
        checkRefusal(stray, QStringLiteral("edxml.malformed"), QStringLiteral("Line 1, column 4:"));
        const CliResult missing =
            cli.run({QStringLiteral("edxml"), QStringLiteral("parse"), m_ws.tempDir() + "/khong-co.edxml"});
        checkRefusal(missing, QStringLiteral("edxml.io"), QStringLiteral("Cannot read the file"));
        QCOMPARE(cli.run({QStringLiteral("edxml"), QStringLiteral("parse")}).exitCode, 2);
        QCOMPARE(cli.run({QStringLiteral("edxml"), QStringLiteral("frobnicate")}).exitCode, 2);
    }

    void statusPacket()
    {
        CliRunner cli;
        const QString out = m_ws.tempDir() + QStringLiteral("/trang-thai-03.edxml");
        const CliResult r = cli.run({QStringLiteral("--json"), QStringLiteral("edxml"),
                                     QStringLiteral("status"), QStringLiteral("--for"), corpus(sdkNew),
                                     QStringLiteral("--code"), QStringLiteral("03"), QStringLiteral("--from"),
                                     QStringLiteral("000.00.00.H16"), QStringLiteral("--out"), out});
        QVERIFY2(r.ok(), r.describe().constData());
        auto p = EdxmlReader::parseFile(out);
        QVERIFY2(p.ok(), qPrintable(p.error().english()));
        QCOMPARE(p->kind, PacketKind::Status);
        QCOMPARE(p->header.from.organId, QStringLiteral("000.00.00.H16"));
        QCOMPARE(p->status.code, QStringLiteral("03"));
        QCOMPARE(p->status.description, QStringLiteral("Tiếp nhận văn bản điện tử, vào sổ văn bản đến"));
        QCOMPARE(p->status.responseFor.organId, QStringLiteral("000.00.00.A80"));
        QCOMPARE(p->status.responseFor.code, QStringLiteral("74fass22/VPCP-TTĐT"));
        QCOMPARE(p->status.responseFor.promulgationDate, QDate(2019, 1, 16));
        QCOMPARE(p->status.responseFor.documentId, QStringLiteral("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"));
        QVERIFY(qAbs(p->status.timestamp.secsTo(QDateTime::currentDateTime())) < 3600);
        QVERIFY(validate(p.value()).isEmpty());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<edXML "
                                 "xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\r\n"));
        QCOMPARE(r.json[QStringLiteral("out")].toString(), out);

        // A description of our own; the answering organ taken from the workspace.
        CliRunner ws({QStringLiteral("--workspace"), m_ws.tempDir() + QStringLiteral("/workspace")});
        QVERIFY(ws.run({QStringLiteral("init"), QStringLiteral("--org-code"), QStringLiteral("000.00.00.H16"),
                        QStringLiteral("--org-name"), QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông"),
                        QStringLiteral("--org-abbr"), QStringLiteral("UBND")},
                       {}, m_adminPw)
                    .ok());
        const QString out2 = m_ws.tempDir() + QStringLiteral("/trang-thai-02.edxml");
        const CliResult refused = ws.run({QStringLiteral("edxml"), QStringLiteral("status"),
                                          QStringLiteral("--for"), corpus(sdkNew), QStringLiteral("--code"),
                                          QStringLiteral("2"), QStringLiteral("--description"),
                                          QStringLiteral("Gửi nhầm đơn vị"), QStringLiteral("--out"), out2});
        QVERIFY2(refused.ok(), refused.describe().constData());
        auto p2 = EdxmlReader::parseFile(out2);
        QVERIFY(p2.ok());
        QCOMPARE(p2->status.code, QStringLiteral("02"));
        QCOMPARE(p2->status.description, QStringLiteral("Gửi nhầm đơn vị"));
        QCOMPARE(p2->header.from.organId, QStringLiteral("000.00.00.H16"));
        QCOMPARE(p2->header.from.organName, QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông"));

        // Refusals: an unknown code, a status packet to answer, no sender at all.
        checkRefusal(
            cli.run({QStringLiteral("edxml"), QStringLiteral("status"), QStringLiteral("--for"),
                     corpus(sdkNew), QStringLiteral("--code"), QStringLiteral("07"), QStringLiteral("--from"),
                     QStringLiteral("000.00.00.H16"), QStringLiteral("--out"), out}),
            QStringLiteral("edxml.status-code"),
            QStringLiteral("The status code 07 is not one of 01, 02, 03"));
        checkRefusal(cli.run({QStringLiteral("edxml"), QStringLiteral("status"), QStringLiteral("--for"),
                              corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/status.edxml")),
                              QStringLiteral("--code"), QStringLiteral("03"), QStringLiteral("--from"),
                              QStringLiteral("000.00.00.H16"), QStringLiteral("--out"), out}),
                     QStringLiteral("edxml.not-document"), QStringLiteral("is a status packet"));
        // Without --from or a workspace, the organ the document is addressed to answers; a document to
        // several organs needs --from.
        const QString out3 = m_ws.tempDir() + QStringLiteral("/trang-thai-recipient.edxml");
        const CliResult noFrom = cli.run({QStringLiteral("edxml"), QStringLiteral("status"),
                                          QStringLiteral("--for"), corpus(sdkNew), QStringLiteral("--code"),
                                          QStringLiteral("03"), QStringLiteral("--out"), out3});
        QVERIFY2(noFrom.ok(), noFrom.describe().constData());
        auto document = EdxmlReader::parseFile(corpus(sdkNew));
        QVERIFY(document.ok() && document->header.to.size() == 1);
        auto p3 = EdxmlReader::parseFile(out3);
        QVERIFY2(p3.ok(), qPrintable(p3.error().english()));
        QCOMPARE(p3->header.from.organId, document->header.to.first().organId);
        QCOMPARE(p3->header.from.organName, document->header.to.first().organName);
        QCOMPARE(p3->status.responseFor.documentId, document->header.documentId);
        const CliResult several =
            cli.run({QStringLiteral("edxml"), QStringLiteral("status"), QStringLiteral("--for"),
                     corpus(QStringLiteral("QuangChuIT__edoc-integrator/edoc_update.edxml")),
                     QStringLiteral("--code"), QStringLiteral("03"), QStringLiteral("--out"), out3});
        QCOMPARE(several.exitCode, 2);
        QVERIFY2(several.err().contains(QStringLiteral("--from")), several.describe().constData());
        // A broken packet to answer: the same line/column error.
        checkRefusal(cli.run({QStringLiteral("edxml"), QStringLiteral("status"), QStringLiteral("--for"),
                              corpus(QStringLiteral("all4u1089__truclienthong-example/edoc.edxml")),
                              QStringLiteral("--code"), QStringLiteral("02"), QStringLiteral("--from"),
                              QStringLiteral("000.00.00.H16"), QStringLiteral("--out"), out}),
                     QStringLiteral("edxml.malformed"), QStringLiteral("Line 74, column 8"));
    }

    void buildFromDocument()
    {
        CliRunner cli({QStringLiteral("--workspace"), m_ws.tempDir() + QStringLiteral("/office")});
        QVERIFY(setUpOffice(cli));
        const QString pdf = writePdf(QStringLiteral("Kế hoạch tổ chức"));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        const QByteArray pdfBytes = pdfFile.readAll();
        const QString today = QDate::currentDate().toString(Qt::ISODate);
        const QString id = approvedDocument(
            cli, pdf,
            {QStringLiteral("--urgency"), QStringLiteral("khan"), QStringLiteral("--to"),
             QStringLiteral("000.00.05.H16"), QStringLiteral("--to"), QStringLiteral("000.00.00.G22"),
             QStringLiteral("--signer"), QStringLiteral("Lê Văn Bình"), QStringLiteral("--signer-position"),
             QStringLiteral("Phó Chủ tịch"), QStringLiteral("--authority"), QStringLiteral("KT")});
        QVERIFY(!id.isEmpty());
        const QString out = m_ws.tempDir() + QStringLiteral("/goi-tin.edxml");
        const QStringList build{QStringLiteral("--json"),
                                QStringLiteral("edxml"),
                                QStringLiteral("build"),
                                QStringLiteral("--from-document"),
                                id,
                                QStringLiteral("--out"),
                                out};

        // Not issued yet: refused.
        checkRefusal(cli.run(build, QStringLiteral("vanthu"), m_userPw),
                     QStringLiteral("exchange.not-issued"), QStringLiteral("has not been issued yet"));
        QVERIFY(!QFile::exists(out));

        const CliResult issued =
            outgoing(cli, QStringLiteral("vanthu"),
                     {QStringLiteral("issue-number"), id, QStringLiteral("--date"), today});
        QVERIFY2(issued.ok(), issued.describe().constData());
        const CliResult r = cli.run(build, QStringLiteral("vanthu"), m_userPw);
        QVERIFY2(r.ok(), r.describe().constData());
        auto p = EdxmlReader::parseFile(out);
        QVERIFY2(p.ok(), qPrintable(p.error().english()));
        const QString wireToday = QDate::currentDate().toString(QStringLiteral("yyyy/MM/dd"));
        QCOMPARE(p->kind, PacketKind::Document);
        QCOMPARE(p->header.from.organId, QStringLiteral("000.00.00.H16"));
        QCOMPARE(p->header.from.organName, QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông"));
        QCOMPARE(p->header.to.size(), 2);
        QCOMPARE(p->header.to[0].organId, QStringLiteral("000.00.05.H16"));
        QCOMPARE(p->header.to[0].organName, QStringLiteral("Sở Nội vụ tỉnh Đắk Nông"));
        QCOMPARE(p->header.to[1].organId, QStringLiteral("000.00.00.G22"));
        QCOMPARE(p->header.code.number, QStringLiteral("01"));
        QCOMPARE(p->header.code.notation, QStringLiteral("UBND-VX"));
        QCOMPARE(p->header.documentId, QStringLiteral("000.00.00.H16,%1,01/UBND-VX").arg(wireToday));
        QCOMPARE(p->header.promulgation.date, QDate::currentDate());
        QCOMPARE(p->header.documentType.typeName, QStringLiteral("Công văn"));
        QCOMPARE(p->header.subject, QStringLiteral("Về việc tổ chức Ngày hội văn hóa các dân tộc"));
        QCOMPARE(p->header.signer.fullName, QStringLiteral("Lê Văn Bình"));
        QCOMPARE(p->header.signer.position, QStringLiteral("Phó Chủ tịch"));
        QCOMPARE(p->header.signer.competence, QStringLiteral("KT."));
        QCOMPARE(p->header.otherInfo.priority, std::optional<int>(1));
        QCOMPARE(p->traceHeaders.size(), 1);
        QCOMPARE(p->traceHeaders[0].organId, QStringLiteral("000.00.00.H16"));
        QCOMPARE(p->business->type, std::optional<int>(0));
        QCOMPARE(p->business->staff.staff, QStringLiteral("Nguyễn Thị vanthu"));
        QCOMPARE(p->attachments.size(), 1);
        QCOMPARE(p->attachments[0].contentType, QStringLiteral("application/pdf"));
        QCOMPARE(p->attachments[0].data, pdfBytes);
        QVERIFY(validate(p.value()).isEmpty());
        QCOMPARE(r.json[QStringLiteral("documentId")].toString(), p->header.documentId);

        // Classified documents never leave electronically, even issued.
        const QString secret = approvedDocument(cli, writePdf(QStringLiteral("Mật")),
                                                {QStringLiteral("--secrecy"), QStringLiteral("mat"),
                                                 QStringLiteral("--to"), QStringLiteral("000.00.05.H16")});
        QVERIFY(!secret.isEmpty());
        QVERIFY(outgoing(cli, QStringLiteral("vanthu"),
                         {QStringLiteral("issue-number"), secret, QStringLiteral("--date"), today})
                    .ok());
        const QString out2 = m_ws.tempDir() + QStringLiteral("/mat.edxml");
        checkRefusal(cli.run({QStringLiteral("edxml"), QStringLiteral("build"),
                              QStringLiteral("--from-document"), secret, QStringLiteral("--out"), out2},
                             QStringLiteral("vanthu"), m_userPw),
                     QStringLiteral("exchange.secret"), QStringLiteral("classified"));
        QVERIFY(!QFile::exists(out2));
        // Without a workspace there is nothing to build from.
        CliRunner none({QStringLiteral("--workspace"), m_ws.tempDir() + QStringLiteral("/empty")});
        const CliResult nothing =
            none.run({QStringLiteral("edxml"), QStringLiteral("build"), QStringLiteral("--from-document"), id,
                      QStringLiteral("--out"), out2},
                     QStringLiteral("vanthu"), m_userPw);
        QCOMPARE(nothing.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestEdxmlCli)
#include "tst_edxml_cli.moc"
