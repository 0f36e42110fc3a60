// The edXML codec against the conformance corpus (real packets of VPCP's SDK, the Quảng Nam LGSP, the Tây
// Ninh Bkav axis and a 2025 gateway) and against hostile input: what a clerk would see is the right sender,
// number, dates and files of every packet, a precise line/column error for a broken one, and no crash or
// runaway memory for a malicious one. Also the SDK writing style the national axis insists on, and round
// trips of the whole corpus.
#include "exchange/edxml/AttachmentName.h"
#include "exchange/edxml/EdxmlReader.h"
#include "exchange/edxml/EdxmlWriter.h"
#include "exchange/edxml/ZipCodec.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace govdesk::exchange::edxml;

namespace {

QString corpusDir()
{
    return qEnvironmentVariable("GOVDESK_SHARED_DIR") + QStringLiteral("/conformance/edxml");
}

QString corpus(const QString &relative)
{
    return corpusDir() + QLatin1Char('/') + relative;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

/// The well-formed packets of the corpus (INDEX.md, column "well-formed").
QStringList wellFormed()
{
    QStringList files;
    QDirIterator it(corpusDir(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        if (f.endsWith(QLatin1String(".md")) ||
            f.endsWith(QLatin1String("PVN-Organization__API-Gateway-iOffice/edoc_new.edxml")) ||
            f.endsWith(QLatin1String("all4u1089__truclienthong-example/edoc.edxml")))
            continue;
        files << f;
    }
    files.sort();
    return files;
}

/// A minimal document packet with the given MessageHeader children, trace list and attachments.
QByteArray packet(const QByteArray &messageHeader, const QByteArray &rest = {})
{
    return QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\n"
                             "<edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\n"
                             "<edXML:edXMLHeader>\n<edXML:MessageHeader>\n") +
           messageHeader +
           QByteArrayLiteral("\n</edXML:MessageHeader>\n</edXML:edXMLHeader>\n</edXML:edXMLEnvelope>\n") +
           rest + QByteArrayLiteral("</edXML>\n");
}

QByteArray attachmentXml(const QByteArray &name, const QByteArray &base64, const QByteArray &cid = "cid:a1")
{
    return QByteArrayLiteral("<AttachmentEncoded><Attachment><ContentId>") + cid +
           QByteArrayLiteral("</ContentId><AttachmentName>") + name +
           QByteArrayLiteral(
               "</AttachmentName><ContentType>application/zip</ContentType>"
               "<edXML:ContentTransferEncoded xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">") +
           base64 + QByteArrayLiteral("</edXML:ContentTransferEncoded></Attachment></AttachmentEncoded>\n");
}

const QByteArray minimalHeader =
    QByteArrayLiteral("<edXML:From><edXML:OrganId>000.00.00.H16</edXML:OrganId></edXML:From>"
                      "<edXML:Subject>Thử</edXML:Subject>");

/// Prefix, local name and namespace of every start element, in order.
QStringList elementSequence(const QByteArray &xml)
{
    QStringList seq;
    QXmlStreamReader r(xml);
    while (!r.atEnd())
        if (r.readNext() == QXmlStreamReader::StartElement)
            seq << QStringLiteral("%1|%2|%3").arg(r.prefix(), r.name(), r.namespaceUri());
    if (r.hasError())
        seq << QStringLiteral("ERROR ") + r.errorString();
    return seq;
}

/// A ZIP with one stored (uncompressed) entry, written by hand.
QByteArray storedZip(const QByteArray &name, const QByteArray &data)
{
    auto u16 = [](QByteArray &d, quint16 v) {
        d.append(char(v & 0xff));
        d.append(char(v >> 8));
    };
    auto u32 = [&](QByteArray &d, quint32 v) {
        u16(d, v & 0xffff);
        u16(d, v >> 16);
    };
    const quint32 crc = [&] {
        // CRC-32 by the book, independent of the codec's zlib call.
        quint32 c = 0xffffffff;
        for (char ch : data) {
            c ^= quint8(ch);
            for (int k = 0; k < 8; ++k)
                c = (c >> 1) ^ (0xedb88320 & (0 - (c & 1)));
        }
        return ~c;
    }();
    QByteArray z;
    u32(z, 0x04034b50);
    u16(z, 10);
    u16(z, 0);
    u16(z, 0);
    u16(z, 0);
    u16(z, 0x21);
    u32(z, crc);
    u32(z, data.size());
    u32(z, data.size());
    u16(z, name.size());
    u16(z, 0);
    z += name + data;
    const quint32 cd = z.size();
    u32(z, 0x02014b50);
    u16(z, 10);
    u16(z, 10);
    u16(z, 0);
    u16(z, 0);
    u16(z, 0);
    u16(z, 0x21);
    u32(z, crc);
    u32(z, data.size());
    u32(z, data.size());
    u16(z, name.size());
    u16(z, 0);
    u16(z, 0);
    u16(z, 0);
    u16(z, 0);
    u32(z, 0);
    u32(z, 0);
    z += name;
    const quint32 cdSize = z.size() - cd;
    u32(z, 0x06054b50);
    u16(z, 0);
    u16(z, 0);
    u16(z, 1);
    u16(z, 1);
    u32(z, cdSize);
    u32(z, cd);
    u16(z, 0);
    return z;
}

} // namespace

class TestEdxml : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(corpus(QStringLiteral("INDEX.md"))),
                 qPrintable(QStringLiteral("corpus not found in %1 (GOVDESK_SHARED_DIR)").arg(corpusDir())));
        QCOMPARE(wellFormed().size(), 24);
    }

    // ------------------------------------------------------------ the corpus

    void corpusDocuments_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QStringList>("to");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("notation");
        QTest::addColumn<QDate>("promulgated");
        QTest::addColumn<int>("businessType"); // -1: no Bussiness
        QTest::addColumn<QList<qint64>>("sizes");

        const QStringList g22To = {QStringLiteral("000.00.00.H41"), QStringLiteral("000.00.00.H14"),
                                   QStringLiteral("000.00.00.G17")};
        const QList<qint64> sdkFile = {388347};
        QTest::newRow("gateway 3 attachments")
            << "PVN-Organization__API-Gateway-iOffice/1da394ba-2117-4354-a23f-6ec3e47ba81b.edxml"
            << "vxp.saas.03" << QStringList{"vxp.saas.02"} << "20251020104803"
            << "GW-AUTO" << QDate(2025, 10, 20) << 0 << QList<qint64>{11, 11, 11};
        QTest::newRow("gateway pdf zipped")
            << "PVN-Organization__API-Gateway-iOffice/874e0f18-90dc-45fb-989a-65401470ba84.edxml"
            << "vxp.saas.03" << QStringList{"vxp.saas.03"} << "BINTEST123"
            << "GW-AUTO" << QDate(2025, 10, 23) << -1 << QList<qint64>{11229};
        QTest::newRow("gateway pdf raw")
            << "PVN-Organization__API-Gateway-iOffice/9e272474-0603-48a2-b525-9cd1af689612.edxml"
            << "vxp.saas.03" << QStringList{"vxp.saas.03"} << "202545"
            << "VPCP-TTĐT" << QDate(2025, 10, 20) << -1 << QList<qint64>{18839};
        QTest::newRow("gateway 2 attachments")
            << "PVN-Organization__API-Gateway-iOffice/b6e1f29d-cdc9-4fa7-8391-442e8566f14e.edxml"
            << "vxp.saas.03" << QStringList{"vxp.saas.03"} << "20251016112435"
            << "GW-AUTO" << QDate(2025, 10, 16) << -1 << QList<qint64>{6, 6};
        QTest::newRow("sdk new") << "PVN-Organization__API-Gateway-iOffice/edoc_new.edxml.bak"
                                 << "000.00.00.A80" << QStringList{"28.22.H17"} << "74fass22"
                                 << "VPCP-TTĐT" << QDate(2019, 1, 16) << 0 << sdkFile;
        QTest::newRow("sdk replacement") << "PVN-Organization__API-Gateway-iOffice/edoc_replacement.edxml"
                                         << "000.00.00.G22" << g22To << "7816"
                                         << "VPCP-TTĐT" << QDate(2018, 9, 28) << 3 << sdkFile;
        QTest::newRow("sdk revocation") << "PVN-Organization__API-Gateway-iOffice/edoc_revocation.edxml"
                                        << "000.00.00.G22" << g22To << "7816"
                                        << "VPCP-TTĐT" << QDate(2018, 9, 28) << 1 << sdkFile;
        QTest::newRow("sdk update") << "PVN-Organization__API-Gateway-iOffice/edoc_update.edxml"
                                    << "000.00.00.G22" << g22To << "7816"
                                    << "VPCP-TTĐT" << QDate(2018, 9, 28) << 2 << sdkFile;
        QTest::newRow("minimal") << "PVN-Organization__API-Gateway-iOffice/test_user_edxml.xml"
                                 << "vxp.saas.03" << QStringList{"vxp.saas.03"} << ""
                                 << "" << QDate() << -1 << QList<qint64>{10};
        QTest::newRow("tay ninh dd/MM/yyyy") << "QuangChuIT__edoc-integrator/edoc_new.edxml"
                                             << "000.00.11.H53" << QStringList{"000.00.01.A53"} << "2491"
                                             << "STC-BCTC" << QDate(2020, 10, 30) << 0 << sdkFile;
        QTest::newRow("tay ninh update")
            << "QuangChuIT__edoc-integrator/edoc_update.edxml"
            << "000.00.00.G22" << QStringList{"000.00.00.H53", "000.00.12.H53", "000.00.00.G17"} << "7816"
            << "VPCP-TTĐT" << QDate(2018, 9, 28) << 2 << sdkFile;
        QTest::newRow("quang nam received")
            << "all4u1089__truclienthong-example/dc0bdef0-c7a3-4aaf-b717-777303442973.edxml"
            << "000.00.00.G22" << g22To << "7816"
            << "VPCP-TTĐT" << QDate(2019, 4, 11) << 0 << QList<qint64>{8381};
        QTest::newRow("quang nam sdk new") << "all4u1089__truclienthong-example/edoc_new.edxml"
                                           << "000.00.00.A80" << QStringList{"28.22.H17"} << "74fass22"
                                           << "VPCP-TTĐT" << QDate(2019, 1, 16) << 0 << sdkFile;
    }

    void corpusDocuments()
    {
        QFETCH(QString, file);
        QFETCH(QString, from);
        QFETCH(QStringList, to);
        QFETCH(QString, number);
        QFETCH(QString, notation);
        QFETCH(QDate, promulgated);
        QFETCH(int, businessType);
        QFETCH(QList<qint64>, sizes);

        auto p = EdxmlReader::parseFile(corpus(file));
        QVERIFY2(p.ok(), qPrintable(p.error().english()));
        QCOMPARE(p->kind, PacketKind::Document);
        QCOMPARE(p->header.from.organId, from);
        QStringList toIds;
        for (const Organization &o : p->header.to)
            toIds << o.organId;
        QCOMPARE(toIds, to);
        QCOMPARE(p->header.code.number, number);
        QCOMPARE(p->header.code.notation, notation);
        QCOMPARE(p->header.promulgation.date, promulgated);
        QCOMPARE(p->business.has_value(), businessType >= 0);
        if (businessType >= 0)
            QCOMPARE(p->business->type, std::optional<int>(businessType));
        QList<qint64> got;
        for (const Attachment &a : p->attachments)
            got << a.data.size();
        QCOMPARE(got, sizes);
        QVERIFY(p->signatureXml.isEmpty() == !readFile(corpus(file)).contains("<Signature"));
    }

    void corpusDetails()
    {
        // The SDK's "new document" packet, field by field.
        auto p = EdxmlReader::parseFile(
            corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/edoc_new.edxml.bak")));
        QVERIFY2(p.ok(), qPrintable(p.error().english()));
        const MessageHeader &h = p->header;
        QCOMPARE(h.from.organName,
                 QStringLiteral("UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng"));
        QCOMPARE(h.from.organAdd, QStringLiteral("Số 1 Hoàng Hoa Thám, Quận Ba Đình, Hà Nội"));
        QCOMPARE(h.from.website, QStringLiteral("vpcp.vn"));
        QCOMPARE(h.to.first().telephone, QStringLiteral("(84-4) 3821 5137"));
        QCOMPARE(h.documentId, QStringLiteral("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"));
        QCOMPARE(h.promulgation.place, QStringLiteral("Hà Nội"));
        QCOMPARE(h.documentType.type, std::optional<int>(1));
        QCOMPARE(h.documentType.typeDetail, std::optional<int>(0));
        QCOMPARE(h.documentType.typeName, QStringLiteral("Công văn"));
        QCOMPARE(h.subject, QStringLiteral("V/v kết nối, liên thông phần mềm quản lý văn bản"));
        QCOMPARE(h.signer.competence, QStringLiteral("TL. BO TRUONG"));
        QCOMPARE(h.signer.fullName, QStringLiteral("Nguyen Thanh Phuc"));
        QCOMPARE(h.dueDate, QDate(2018, 9, 28));
        QCOMPARE(h.otherInfo.priority, std::optional<int>(0));
        QCOMPARE(h.otherInfo.promulgationAmount, std::optional<int>(2));
        QCOMPARE(h.otherInfo.pageAmount, std::optional<int>(22));
        QCOMPARE(h.otherInfo.direction, std::optional<bool>(false));
        QCOMPARE(
            h.otherInfo.appendixes,
            QStringList{QStringLiteral("Công văn về việc kết nối, liên thông phần mềm quản lý văn bản")});
        QCOMPARE(h.steeringType, std::optional<int>(1));
        QCOMPARE(h.toPlaces, (QStringList{QStringLiteral("Cac bo va co quan ngang bo"),
                                          QStringLiteral("Uy ban nhan dan cac tinh, TP")}));
        QCOMPARE(p->traceHeaders.size(), 1);
        QCOMPARE(p->traceHeaders[0].organId, QStringLiteral("000.00.00.G22"));
        QCOMPARE(p->traceHeaders[0].timestamp, QDateTime(QDate(2018, 9, 28), QTime(0, 0), vietnamTimeZone()));
        QCOMPARE(p->business->reason, QStringLiteral("Văn bản điện tử mới"));
        QCOMPARE(p->business->staff.staff, QStringLiteral("Nguyễn Thị Ngọc Trâm"));
        QCOMPARE(p->business->staff.mobile, QStringLiteral("84912000001"));
        // The signature has no xmldsig namespace in this sample; it is kept as written.
        QVERIFY(p->signatureXml.startsWith(QLatin1String("<Signature>\n        <SignedInfo>")));
        QVERIFY(p->signatureXml.endsWith(QLatin1String("</Signature>")));
        QVERIFY(p->signatureXml.contains(QLatin1String("<X509Certificate>MIIFqTCCBJG</X509Certificate>")));
        QVERIFY(!p->signatureXml.contains(QLatin1Char('\r')));
        // One attachment: the SDK's ZIP unwrapped, named as the manifest says, with the file's own type.
        QCOMPARE(p->attachments.size(), 1);
        const Attachment &a = p->attachments.first();
        QCOMPARE(a.contentId, QStringLiteral("209"));
        QCOMPARE(a.name, QStringLiteral("1896_QD-TTg_m_294779.doc"));
        QCOMPARE(a.contentType, QStringLiteral("application/msword"));
        QCOMPARE(a.sha256(),
                 QStringLiteral("8385739ec4a4ed36d71eabcaead629641ffc5ffff3d487ff5c34d2f821c9f36e"));
        QCOMPARE(p->references.size(), 1);
        QCOMPARE(p->references[0].contentType, QStringLiteral("application/zip"));
        QVERIFY(validate(p.value()).isEmpty());

        // Update and replacement carry what changes and what is replaced.
        auto update = EdxmlReader::parseFile(
            corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/edoc_update.edxml")));
        QVERIFY(update.ok());
        QVERIFY(update->business->documentInfo.has_value());
        QCOMPARE(update->business->documentInfo->documentInfo, std::optional<int>(1));
        QCOMPARE(update->business->documentInfo->receivers.size(), 2);
        QCOMPARE(update->business->documentInfo->receivers[1].organId, QStringLiteral("000.00.00.H14"));
        QCOMPARE(update->business->documentInfo->receivers[1].receiverType, std::optional<int>(1));
        auto replacement = EdxmlReader::parseFile(
            corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/edoc_replacement.edxml")));
        QVERIFY(replacement.ok());
        QCOMPARE(replacement->business->replacements.size(), 2);
        QCOMPARE(replacement->business->replacements[0].documentId,
                 QStringLiteral("000.00.00.G22,2014/01/30,7806/VPCP-TTĐT"));
        QCOMPARE(replacement->business->replacements[0].organIds,
                 (QStringList{QStringLiteral("000.00.00.H41"), QStringLiteral("000.00.00.H14")}));

        // The gateway's packet: Type 2 "Báo cáo", Priority 1, SteeringType 2, Direction true, a raw PDF.
        auto gw = EdxmlReader::parseFile(corpus(QStringLiteral(
            "PVN-Organization__API-Gateway-iOffice/9e272474-0603-48a2-b525-9cd1af689612.edxml")));
        QVERIFY(gw.ok());
        QCOMPARE(gw->header.documentType.type, std::optional<int>(2));
        QCOMPARE(gw->header.documentType.typeName, QStringLiteral("Báo cáo"));
        QCOMPARE(gw->header.otherInfo.priority, std::optional<int>(1));
        QCOMPARE(gw->header.steeringType, std::optional<int>(2));
        QCOMPARE(gw->header.otherInfo.direction, std::optional<bool>(true));
        QCOMPARE(gw->header.otherInfo.appendixes.size(), 2);
        QCOMPARE(gw->header.toPlaces,
                 (QStringList{QStringLiteral("Các phòng ban"), QStringLiteral("Ban lãnh đạo")}));
        QCOMPARE(gw->attachments[0].sha256(),
                 QStringLiteral("11b38263f0a6af3dc85a25ab94a6f798234bc7a430a44b2249a2251a82205e3a"));
        QCOMPARE(gw->attachments[0].contentType, QStringLiteral("application/pdf"));
        QCOMPARE(gw->attachments[0].name, QStringLiteral("1761209178887_TestTrucLienThong.pdf"));

        // The Quảng Nam packet carries, zipped, the very file edoc.edxml of the corpus; Bussiness stands
        // before TraceHeader.
        auto qn = EdxmlReader::parseFile(corpus(
            QStringLiteral("all4u1089__truclienthong-example/dc0bdef0-c7a3-4aaf-b717-777303442973.edxml")));
        QVERIFY(qn.ok());
        QCOMPARE(qn->attachments[0].data,
                 readFile(corpus(QStringLiteral("all4u1089__truclienthong-example/edoc.edxml"))));
        QCOMPARE(qn->traceHeaders.size(), 1);
        QCOMPARE(qn->traceHeaders[0].timestamp,
                 QDateTime(QDate(2019, 4, 11), QTime(0, 0), vietnamTimeZone()));

        // Tây Ninh: empty elements and dd/MM/yyyy.
        auto tn =
            EdxmlReader::parseFile(corpus(QStringLiteral("QuangChuIT__edoc-integrator/edoc_new.edxml")));
        QVERIFY(tn.ok());
        QCOMPARE(tn->header.promulgation.date, QDate(2020, 10, 30));
        QVERIFY(tn->header.from.organAdd.isEmpty());
        QVERIFY(tn->header.signer.fullName.isEmpty());
        QVERIFY(!tn->header.dueDate.isValid());
        QVERIFY(tn->header.otherInfo.appendixes.isEmpty());

        // The gateway's defects are read, and validate() names them.
        auto defect = EdxmlReader::parseFile(corpus(QStringLiteral(
            "PVN-Organization__API-Gateway-iOffice/874e0f18-90dc-45fb-989a-65401470ba84.edxml")));
        QVERIFY(defect.ok());
        QCOMPARE(defect->traceHeaders.size(), 2);
        QCOMPARE(defect->traceHeaders[0].organId, QStringLiteral("null"));
        QVERIFY(defect->traceHeaders[1].organId.isEmpty());
        QStringList fields;
        for (const Problem &pr : validate(defect.value()))
            fields << pr.field + QLatin1Char(':') + pr.error.code();
        QVERIFY2(fields.contains(QStringLiteral("TraceHeaderList/TraceHeader[1]/OrganId:edxml.null")),
                 qPrintable(fields.join(' ')));
        QVERIFY2(fields.contains(QStringLiteral("TraceHeaderList/TraceHeader[2]/OrganId:edxml.missing")),
                 qPrintable(fields.join(' ')));
    }

    void corpusStatus_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("responseOrgan");
        QTest::addColumn<QDateTime>("timestamp");
        const QString sdk = QStringLiteral("PVN-Organization__API-Gateway-iOffice/");
        const QDateTime t1(QDate(2015, 9, 20), QTime(11, 8, 36), vietnamTimeZone());
        QTest::newRow("01") << sdk + "status.edxml"
                            << "01"
                            << "000.00.00.H41"
                            << "000.00.00.G22"
                            << QDateTime(QDate(2018, 9, 28), QTime(17, 25, 11), vietnamTimeZone());
        QTest::newRow("01 inbox") << sdk + "status_inbox_ 01.edxml"
                                  << "01"
                                  << "000.00.00.H41"
                                  << "000.00.00.G22" << t1;
        QTest::newRow("02") << sdk + "status_rejection_02.edxml"
                            << "02"
                            << "000.00.00.H41"
                            << "000.00.00.G22" << t1;
        QTest::newRow("03") << sdk + "status_acceptance_03.edxml"
                            << "03"
                            << "000.00.00.H41"
                            << "000.00.00.G22" << t1;
        QTest::newRow("04") << sdk + "status_assignment_04.edxml"
                            << "04"
                            << "000.00.00.H41"
                            << "000.00.00.G22" << t1;
        QTest::newRow("05") << sdk + "status_processing_05.edxml"
                            << "05"
                            << "000.00.00.H41"
                            << "000.00.00.G22" << t1;
        QTest::newRow("05 LF") << "QuangChuIT__edoc-integrator/status_processing_05.edxml"
                               << "05"
                               << "000.00.00.H41"
                               << "000.00.00.G22" << t1;
        QTest::newRow("06") << sdk + "status_finish_06.edxml"
                            << "06"
                            << "000.00.00.H41"
                            << "000.00.00.G22" << t1;
        QTest::newRow("13") << sdk + "status_cancellation_13.edxml"
                            << "13"
                            << "000.00.00.G22"
                            << "000.00.00.H41" << t1;
        QTest::newRow("15") << sdk + "status_change-acceptance_15.edxml"
                            << "15"
                            << "000.00.00.H41"
                            << "000.00.00.G22" << t1;
        QTest::newRow("16") << sdk + "status_change-rejection_16.edxml"
                            << "16"
                            << "000.00.00.H41"
                            << "000.00.00.G22" << t1;
    }

    void corpusStatus()
    {
        QFETCH(QString, file);
        QFETCH(QString, code);
        QFETCH(QString, from);
        QFETCH(QString, responseOrgan);
        QFETCH(QDateTime, timestamp);
        auto p = EdxmlReader::parseFile(corpus(file));
        QVERIFY2(p.ok(), qPrintable(p.error().english()));
        QCOMPARE(p->kind, PacketKind::Status);
        QCOMPARE(p->status.code, code);
        QVERIFY(StatusCodes::isKnown(p->status.code));
        QVERIFY(!StatusCodes::meaning(code).isEmpty());
        QCOMPARE(p->header.from.organId, from);
        QCOMPARE(p->status.responseFor.organId, responseOrgan);
        QCOMPARE(p->status.responseFor.code, QStringLiteral("7816/VPCP-TTĐT"));
        QCOMPARE(p->status.responseFor.documentId, QStringLiteral("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"));
        QCOMPARE(p->status.timestamp, timestamp);
        QVERIFY(!p->status.description.isEmpty());
        QVERIFY(p->attachments.isEmpty());
        QVERIFY(validate(p.value()).isEmpty());
    }

    void corpusMalformed_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("position");
        QTest::addColumn<QString>("what");
        // Line and column as INDEX.md gives them.
        QTest::newRow("stray text before the declaration")
            << "PVN-Organization__API-Gateway-iOffice/edoc_new.edxml"
            << "Line 1, column 4"
            << "1212";
        QTest::newRow("duplicated start tag")
            << "all4u1089__truclienthong-example/edoc.edxml"
            << "Line 74, column 8"
            << "the element From opened on line 7 is closed by </edXML:MessageHeader>";
    }

    void corpusMalformed()
    {
        QFETCH(QString, file);
        QFETCH(QString, position);
        QFETCH(QString, what);
        auto p = EdxmlReader::parseFile(corpus(file));
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code(), QStringLiteral("edxml.malformed"));
        QVERIFY2(p.error().english().startsWith(position + QLatin1Char(':')),
                 qPrintable(p.error().english()));
        QVERIFY2(p.error().english().contains(what), qPrintable(p.error().english()));
    }

    // ------------------------------------------------------------ round trips and the writer

    void roundTrip_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &f : wellFormed())
            QTest::newRow(qPrintable(f.section(QLatin1Char('/'), -2))) << f;
    }

    void roundTrip()
    {
        QFETCH(QString, file);
        auto first = EdxmlReader::parseFile(file);
        QVERIFY2(first.ok(), qPrintable(first.error().english()));
        WriteOptions options;
        options.zipTime = QDateTime(QDate(2026, 1, 5), QTime(8, 30));
        auto written = EdxmlWriter::write(first.value(), options);
        QVERIFY2(written.ok(), qPrintable(written.error().english()));
        auto second = EdxmlReader::parse(written.value());
        QVERIFY2(second.ok(), qPrintable(second.error().english()));
        QVERIFY2(firstDifference(first.value(), second.value()).isEmpty(),
                 qPrintable(firstDifference(first.value(), second.value())));
        QVERIFY(first.value() == second.value());
        QCOMPARE(second->attachments.size(), first->attachments.size());
        for (qsizetype i = 0; i < first->attachments.size(); ++i)
            QCOMPARE(second->attachments[i].sha256(), sha256(first->attachments[i].data));
        // Writing is stable: the same model gives the same bytes.
        auto again = EdxmlWriter::write(second.value(), options);
        QVERIFY(again.ok());
        QCOMPARE(again.value(), written.value());
    }

    void writerFollowsTheSdk()
    {
        const QByteArray original =
            readFile(corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/edoc_new.edxml.bak")));
        auto p = EdxmlReader::parse(original);
        QVERIFY(p.ok());
        auto written = EdxmlWriter::write(p.value());
        QVERIFY(written.ok());
        const QByteArray &out = written.value();
        // Element by element, prefix by prefix, as VPCP's SDK wrote it.
        QCOMPARE(elementSequence(out), elementSequence(original));
        QVERIFY(out.startsWith(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<edXML "
            "xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\r\n"
            "  <edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\r\n"));
        QVERIFY(out.endsWith("  </AttachmentEncoded>\r\n</edXML>\r\n"));
        QCOMPARE(out.count('\n'), out.count("\r\n"));
        QVERIFY(out.contains("        <edXML:PromulgationDate>2019/01/16</edXML:PromulgationDate>\r\n"));
        QVERIFY(out.contains("          <edXML:Timestamp>2018/09/28 00:00:00</edXML:Timestamp>\r\n"));
        QVERIFY(out.contains("      <ContentType>application/zip</ContentType>\r\n"));
        QVERIFY(out.contains("      <edXML:ContentTransferEncoded "
                             "xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">UEsDB"));
        // The lines up to the attachment's content are the SDK's lines (the sample has one stray blank line).
        QList<QByteArray> sampleLines = original.split('\n');
        sampleLines.removeIf([](const QByteArray &l) { return l.trimmed().isEmpty(); });
        QList<QByteArray> outLines = out.split('\n');
        outLines.removeIf([](const QByteArray &l) { return l.trimmed().isEmpty(); });
        QCOMPARE(outLines.size(), sampleLines.size());
        for (qsizetype i = 0; i < outLines.size(); ++i)
            if (!sampleLines[i].contains("ContentTransferEncoded"))
                QCOMPARE(outLines[i], sampleLines[i]);
        // Base64 on one line; inside, one ZIP entry "<ContentId>.<ext>".
        const qsizetype start = out.indexOf("UEsDB");
        const QByteArray b64 = out.mid(start, out.indexOf('<', start) - start);
        QVERIFY(!b64.contains('\n'));
        const QByteArray zip = QByteArray::fromBase64(b64);
        ZipCodec::Problem problem;
        const QList<ZipCodec::Entry> entries = ZipCodec::entries(zip, &problem);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0].name, QStringLiteral("209.doc"));
        QCOMPARE(entries[0].method, quint16(8));
    }

    void writerStatusAndNewPacket()
    {
        // A status packet answering the SDK document, as the SDK writes one (header only).
        auto doc = EdxmlReader::parseFile(
            corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/edoc_update.edxml")));
        QVERIFY(doc.ok());
        Organization me;
        me.organId = QStringLiteral("000.00.00.H16");
        me.organName = QStringLiteral("UBND tỉnh Đắk Nông");
        const QDateTime when(QDate(2026, 3, 2), QTime(9, 15, 42), vietnamTimeZone());
        const Packet status = Packet::statusFor(doc.value(), me, QStringLiteral("3"), {}, when);
        const QString ns = QString::fromLatin1(Namespace);
        QCOMPARE(status.status.code, QStringLiteral("03"));
        QCOMPARE(status.status.description, QStringLiteral("Tiếp nhận văn bản điện tử, vào sổ văn bản đến"));
        QCOMPARE(status.status.responseFor.organId, QStringLiteral("000.00.00.G22"));
        QCOMPARE(status.status.responseFor.code, QStringLiteral("7816/VPCP-TTĐT"));
        QCOMPARE(status.status.responseFor.promulgationDate, QDate(2018, 9, 28));
        WriteOptions strict;
        strict.requireValid = true;
        auto bytes = EdxmlWriter::write(status, strict);
        QVERIFY2(bytes.ok(), qPrintable(bytes.error().english()));
        QCOMPARE(elementSequence(bytes.value()),
                 (QStringList{"|edXML|" + ns, "edXML|edXMLEnvelope|" + ns, "edXML|edXMLHeader|" + ns,
                              "edXML|MessageHeader|" + ns, "edXML|From|" + ns, "edXML|OrganId|" + ns,
                              "edXML|OrganName|" + ns, "edXML|ResponseFor|" + ns, "edXML|OrganId|" + ns,
                              "edXML|Code|" + ns, "edXML|PromulgationDate|" + ns, "edXML|DocumentId|" + ns,
                              "edXML|StatusCode|" + ns, "edXML|Description|" + ns, "edXML|Timestamp|" + ns}));
        // The SDK's status samples, read and written again, keep their elements in their order.
        const QByteArray sample = readFile(
            corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/status_acceptance_03.edxml")));
        auto sampleStatus = EdxmlReader::parse(sample);
        QVERIFY(sampleStatus.ok());
        QCOMPARE(elementSequence(EdxmlWriter::write(sampleStatus.value()).value()), elementSequence(sample));
        QVERIFY(bytes->contains("<edXML:Timestamp>2026/03/02 09:15:42</edXML:Timestamp>\r\n"));
        QVERIFY(!bytes->contains("edXMLBody"));
        auto back = EdxmlReader::parse(bytes.value());
        QVERIFY(back.ok());
        QVERIFY2(firstDifference(back.value(), status).isEmpty(),
                 qPrintable(firstDifference(back.value(), status)));

        // A packet built from scratch: the attachment is zipped, named <ContentId>.<ext>, listed in the
        // manifest with its own type.
        Packet p;
        p.header.from = me;
        p.header.to << Organization{
            QStringLiteral("000.00.01.H16"), {}, QStringLiteral("Sở Nội vụ"), {}, {}, {}, {}, {}};
        p.header.code = {QStringLiteral("05"), QStringLiteral("UBND-VX")};
        p.header.promulgation = {QStringLiteral("Đắk Nông"), QDate(2026, 3, 2)};
        p.header.documentId =
            DocumentId::build(me.organId, QDate(2026, 3, 2), QStringLiteral("05"), QStringLiteral("UBND-VX"));
        p.header.documentType = {1, 0, QStringLiteral("Công văn")};
        p.header.subject = QStringLiteral("V/v tổ chức Ngày hội <văn hóa> & thể thao");
        p.appendTraceHeader(me.organId, when);
        Attachment a;
        a.contentId = QStringLiteral("6f1c2a3b-0000-4000-8000-000000000001");
        a.name = QStringLiteral("05-UBND-VX.pdf");
        a.contentType = QStringLiteral("application/pdf");
        a.data = QByteArray("%PDF-1.4\n") + QByteArray(5000, 'x') + QByteArray("\n%%EOF\n");
        p.attachments << a;
        auto written = EdxmlWriter::write(p, strict);
        QVERIFY2(written.ok(), qPrintable(written.error().english()));
        QVERIFY(
            written->contains("<edXML:DocumentId>000.00.00.H16,2026/03/02,05/UBND-VX</edXML:DocumentId>"));
        QVERIFY(written->contains(
            "<edXML:Subject>V/v tổ chức Ngày hội &lt;văn hóa&gt; &amp; thể thao</edXML:Subject>"));
        QVERIFY(written->contains(
            "<edXML:ContentId>cid:6f1c2a3b-0000-4000-8000-000000000001</edXML:ContentId>\r\n"
            "          <edXML:ContentType>application/pdf</edXML:ContentType>"));
        QVERIFY(written->contains("<ContentType>application/zip</ContentType>"));
        auto parsed = EdxmlReader::parse(written.value());
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->attachments[0].data, a.data);
        QCOMPARE(parsed->attachments[0].contentType, QStringLiteral("application/pdf"));
        QCOMPARE(parsed->header.subject, p.header.subject);
        QCOMPARE(parsed->references.size(), 1);
        QCOMPARE(parsed->references[0].contentType, QStringLiteral("application/pdf"));
        const qsizetype at = written->indexOf("UEsDB");
        const QByteArray zip = QByteArray::fromBase64(written->mid(at, written->indexOf('<', at) - at));
        ZipCodec::Problem problem;
        QCOMPARE(ZipCodec::entries(zip, &problem).value(0).name,
                 QStringLiteral("6f1c2a3b-0000-4000-8000-000000000001.pdf"));

        // A sender refuses an incomplete packet.
        Packet incomplete = p;
        incomplete.header.subject.clear();
        auto refused = EdxmlWriter::write(incomplete, strict);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code(), QStringLiteral("edxml.missing"));
        QVERIFY(refused.error().english().contains(QLatin1String("Subject")));
    }

    void forwardingAppendsAHop()
    {
        auto p = EdxmlReader::parseFile(
            corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/edoc_new.edxml.bak")));
        QVERIFY(p.ok());
        Packet forwarded = p.value();
        const QDateTime when(QDate(2026, 2, 1), QTime(14, 5, 9, 700), vietnamTimeZone());
        forwarded.appendTraceHeader(QStringLiteral("000.00.00.H16"), when);
        QCOMPARE(forwarded.traceHeaders.size(), 2);
        auto bytes = EdxmlWriter::write(forwarded);
        QVERIFY(bytes.ok());
        QVERIFY(bytes->contains("<edXML:OrganId>000.00.00.G22</edXML:OrganId>\r\n          "
                                "<edXML:Timestamp>2018/09/28 00:00:00</edXML:Timestamp>\r\n"
                                "        </edXML:TraceHeader>\r\n        <edXML:TraceHeader>\r\n          "
                                "<edXML:OrganId>000.00.00.H16</edXML:OrganId>\r\n"
                                "          <edXML:Timestamp>2026/02/01 14:05:09</edXML:Timestamp>"));
        auto back = EdxmlReader::parse(bytes.value());
        QVERIFY(back.ok());
        QCOMPARE(back->traceHeaders, forwarded.traceHeaders);
    }

    void documentId()
    {
        const QString id = DocumentId::build(QStringLiteral("000.00.00.G22"), QDate(2015, 9, 30),
                                             QStringLiteral("7816"), QStringLiteral("VPCP-TTĐT"));
        QCOMPARE(id, QStringLiteral("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"));
        const auto parsed = DocumentId::parse(id);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->organId, QStringLiteral("000.00.00.G22"));
        QCOMPARE(parsed->date, QDate(2015, 9, 30));
        QCOMPARE(parsed->number, QStringLiteral("7816"));
        QCOMPARE(parsed->notation, QStringLiteral("VPCP-TTĐT"));
        QCOMPARE(parsed->toString(), id);
        // Notations with a slash keep it; UUIDs and impossible dates are not DocumentIds.
        QCOMPARE(DocumentId::parse(QStringLiteral("000.00.00.H16,2026/01/05,15/2026/QĐ-UBND"))->notation,
                 QStringLiteral("2026/QĐ-UBND"));
        QVERIFY(!DocumentId::parse(QStringLiteral("1da394ba-2117-4354-a23f-6ec3e47ba81b")));
        QVERIFY(!DocumentId::parse(QStringLiteral("000.00.00.G22,2014/02/30,7806/VPCP-TTĐT")));
    }

    void statusCodes()
    {
        QCOMPARE(StatusCodes::all(), (QStringList{"01", "02", "03", "04", "05", "06", "13", "15", "16"}));
        QCOMPARE(StatusCodes::normalise(QStringLiteral("3")), QStringLiteral("03"));
        QCOMPARE(StatusCodes::normalise(QStringLiteral("07")), QString());
        QCOMPARE(StatusCodes::normalise(QStringLiteral("abc")), QString());
        QCOMPARE(StatusCodes::meaningEnglish(QStringLiteral("13")),
                 QStringLiteral("Recall of the electronic document requested, with the reason"));
        QCOMPARE(StatusCodes::standardDescription(QStringLiteral("16")),
                 QStringLiteral("Từ chối yêu cầu cập nhật, lấy lại"));
    }

    // ------------------------------------------------------------ tolerance

    void tolerantVariants()
    {
        // Unprefixed children in the default namespace, any order, Bussiness first, LF, a BOM, dd-MM-yyyy,
        // yyyy-MM-dd, a timestamp without seconds, raw (unzipped) base64 and a bare ContentId.
        const QByteArray raw = QByteArrayLiteral("Nội dung tệp");
        const QByteArray xml =
            QByteArrayLiteral(
                "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><edXMLEnvelope><edXMLHeader>"
                "<MessageHeader><Subject> Về việc thử </Subject><ToPlaces>Các sở, ngành</ToPlaces>"
                "<DueDate>2026-02-15</DueDate><To><OrganId>000.00.01.H16</OrganId></To>"
                "<PromulgationInfo><PromulgationDate>05-01-2026</PromulgationDate></PromulgationInfo>"
                "<From><OrganName>Sở X</OrganName><OrganId>000.00.02.H16</OrganId></From></MessageHeader>"
                "<TraceHeaderList "
                "mustUnderstand=\"1\"><Bussiness><BussinessDocType>1</BussinessDocType></Bussiness>"
                "<TraceHeader><Timestamp>2026/01/05 "
                "08:30</Timestamp><OrganId>000.00.02.H16</OrganId></TraceHeader>"
                "</TraceHeaderList></edXMLHeader><edXMLBody><edXMLManifest><Reference>"
                "<ContentId>cid:f1</ContentId><ContentType>text/plain</ContentType><AttachmentName>a.txt</"
                "AttachmentName>"
                "</Reference></edXMLManifest></edXMLBody></edXMLEnvelope>"
                "<AttachmentEncoded><Attachment><ContentId>f1</ContentId><ContentTransferEncoded>\n") +
            raw.toBase64().insert(8, "\n  ") +
            QByteArrayLiteral("\n</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>");
        auto p = EdxmlReader::parse(xml);
        QVERIFY2(p.ok(), qPrintable(p.error().english()));
        QCOMPARE(p->header.from.organId, QStringLiteral("000.00.02.H16"));
        QCOMPARE(p->header.to.value(0).organId, QStringLiteral("000.00.01.H16"));
        QCOMPARE(p->header.subject, QStringLiteral("Về việc thử"));
        QCOMPARE(p->header.promulgation.date, QDate(2026, 1, 5));
        QCOMPARE(p->header.dueDate, QDate(2026, 2, 15));
        QCOMPARE(p->header.toPlaces, QStringList{QStringLiteral("Các sở, ngành")});
        QCOMPARE(p->business->type, std::optional<int>(1));
        QCOMPARE(p->traceHeaders.value(0).timestamp,
                 QDateTime(QDate(2026, 1, 5), QTime(8, 30), vietnamTimeZone()));
        QCOMPARE(p->attachments.size(), 1);
        QCOMPARE(p->attachments[0].data, raw);
        QCOMPARE(p->attachments[0].name, QStringLiteral("a.txt"));
        QCOMPARE(p->attachments[0].contentType, QStringLiteral("text/plain"));
        QVERIFY(p->signatureXml.isEmpty());

        // Children in no namespace under a root in the QCVN namespace, and an xmldsig signature with its own
        // prefix declared on the root: the kept text declares what it needs and is written back valid.
        const QByteArray noNs = QByteArrayLiteral(
            "<e:edXML xmlns:e=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\" "
            "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><edXMLEnvelope><edXMLHeader><MessageHeader>"
            "<From><OrganId>X</OrganId></From><StatusCode>5</StatusCode><Timestamp>2026/01/05 "
            "08:30:00</Timestamp>"
            "</MessageHeader><ds:Signature><ds:SignedInfo/><ds:SignatureValue>AAAA</ds:SignatureValue>"
            "</ds:Signature></edXMLHeader></edXMLEnvelope></e:edXML>");
        auto q = EdxmlReader::parse(noNs);
        QVERIFY2(q.ok(), qPrintable(q.error().english()));
        QCOMPARE(q->kind, PacketKind::Status);
        QCOMPARE(q->status.code, QStringLiteral("5"));
        QVERIFY2(q->signatureXml.startsWith(
                     QLatin1String("<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">")),
                 qPrintable(q->signatureXml));
        auto out = EdxmlWriter::write(q.value());
        QVERIFY2(out.ok(), qPrintable(out.error().english()));
        auto again = EdxmlReader::parse(out.value());
        QVERIFY2(again.ok(), qPrintable(again.error().english()));
        QCOMPARE(again->signatureXml, q->signatureXml);
        QVERIFY(elementSequence(out.value())
                    .contains(QStringLiteral("ds|Signature|http://www.w3.org/2000/09/xmldsig#")));

        // A packet declared ISO-8859-1 is read as such, and its signature is cut at the right place.
        const QByteArray latin =
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<edXML "
            "xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><edXMLEnvelope><edXMLHeader>"
            "<MessageHeader><From><OrganId>X</OrganId><OrganName>Caf\xe9 \xe9\xe9\xe9</OrganName>"
            "</From></MessageHeader><Signature><SignatureValue>AB</SignatureValue></Signature>"
            "</edXMLHeader></edXMLEnvelope></edXML>";
        auto l1 = EdxmlReader::parse(latin);
        QVERIFY2(l1.ok(), qPrintable(l1.error().english()));
        QCOMPARE(l1->header.from.organName, QStringLiteral("Café ééé"));
        QCOMPARE(l1->signatureXml,
                 QStringLiteral("<Signature><SignatureValue>AB</SignatureValue></Signature>"));

        // Unknown elements are skipped, not kept, and do not disturb the rest.
        auto unknown = EdxmlReader::parse(
            packet(minimalHeader +
                   "<edXML:ApplicationType>9</edXML:ApplicationType>"
                   "<edXML:ResponseForTask><edXML:TaskCode>T</edXML:TaskCode></edXML:ResponseForTask>"));
        QVERIFY(unknown.ok());
        QCOMPARE(unknown->header.subject, QStringLiteral("Thử"));
    }

    void dates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("date");
        QTest::newRow("sdk") << "2019/01/16" << QDate(2019, 1, 16);
        QTest::newRow("iso") << "2019-01-16" << QDate(2019, 1, 16);
        QTest::newRow("vietnamese") << "16/01/2019" << QDate(2019, 1, 16);
        QTest::newRow("short") << "6/1/2019" << QDate(2019, 1, 6);
        QTest::newRow("30 February") << "2014/02/30" << QDate();
        QTest::newRow("words") << "ngày 16 tháng 1" << QDate();
    }

    void dates()
    {
        QFETCH(QString, text);
        QFETCH(QDate, date);
        QCOMPARE(parseWireDate(text), date);
        if (date.isValid())
            QCOMPARE(parseWireDate(wireDate(date)), date);
    }

    void timestamps()
    {
        const QDateTime t(QDate(2018, 9, 28), QTime(17, 25, 11), vietnamTimeZone());
        QCOMPARE(parseWireTimestamp(QStringLiteral("2018/09/28 17:25:11")), t);
        QCOMPARE(parseWireTimestamp(QStringLiteral("2018-09-28T17:25:11")), t);
        QCOMPARE(parseWireTimestamp(QStringLiteral("2018-09-28T10:25:11Z")), t);
        QCOMPARE(parseWireTimestamp(QStringLiteral("2018/09/28 17:25")), t.addSecs(-11));
        QCOMPARE(wireTimestamp(t.toUTC()), QStringLiteral("2018/09/28 17:25:11"));
        QVERIFY(!parseWireTimestamp(QStringLiteral("2018/09/28 25:61:00")).isValid());
    }

    // ------------------------------------------------------------ hostile and broken input

    void refused_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");

        QTest::newRow("doctype with entity")
            << QByteArray(
                   "<?xml version=\"1.0\"?>\n<!DOCTYPE edXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                   "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">&x;</edXML>")
            << "edxml.dtd"
            << "Line 2, column 0: the packet carries a document type declaration";
        QByteArray laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
        for (int i = 1; i <= 9; ++i)
            laughs += QStringLiteral("<!ENTITY lol%1 \"%2\">\n")
                          .arg(i)
                          .arg(QStringLiteral("&lol%1;")
                                   .arg(i == 1 ? QString() : QString::number(i - 1))
                                   .repeated(10))
                          .toUtf8();
        laughs += "]>\n<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">&lol9;</edXML>";
        QTest::newRow("billion laughs") << laughs << "edxml.dtd"
                                        << "document type declaration";
        QTest::newRow("wrong root")
            << QByteArray("<?xml version=\"1.0\"?>\n<html><body>502 Bad Gateway</body></html>")
            << "edxml.not-edxml"
            << "Line 2, column 6: this is not an edXML packet: the root element is html";
        QTest::newRow("wrong namespace")
            << QByteArray("<edXMLEnvelope xmlns=\"http://www.go.vn/eDoc\"><edXMLHeader/></edXMLEnvelope>")
            << "edxml.not-edxml"
            << "the root element is edXMLEnvelope in the namespace \"http://www.go.vn/eDoc\"";
        QTest::newRow("edXML root in another namespace")
            << QByteArray("<edXML xmlns=\"http://www.e-doc.vn/Schema/\"><edXMLEnvelope/></edXML>")
            << "edxml.not-edxml"
            << "namespace \"http://www.e-doc.vn/Schema/\"";
        QTest::newRow("empty") << QByteArray(" \r\n ") << "edxml.not-edxml"
                               << "empty";
        QTest::newRow("no header")
            << QByteArray("<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><edXMLEnvelope/></edXML>")
            << "edxml.malformed"
            << "has no edXMLHeader";
        QTest::newRow("text before root")
            << QByteArray("HTTP/1.1 200 OK\n<edXML/>") << "edxml.malformed"
            << "Line 1, column 0: the file must start with the XML declaration or the root "
               "element, not with \"HTTP/1.1 200 OK\"";
        QTest::newRow("unbound prefix")
            << QByteArray("<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">\n  "
                          "<edXML:edXMLEnvelope>\n  </edXML:edXMLEnvelope>\n</edXML>")
            << "edxml.malformed"
            << "Line 2, column 2: the prefix edXML is used but never declared";
        QTest::newRow("wrong date") << packet(minimalHeader +
                                              "\n<edXML:PromulgationInfo><edXML:PromulgationDate>31/02/2026</"
                                              "edXML:PromulgationDate></edXML:PromulgationInfo>")
                                    << "edxml.date"
                                    << "Line 7, column 48: PromulgationDate \"31/02/2026\" is not a date";
        QTest::newRow("wrong timestamp")
            << packet(minimalHeader, "")
                   .replace(
                       "</edXML:MessageHeader>",
                       "</edXML:MessageHeader><edXML:TraceHeaderList><edXML:TraceHeader><edXML:Timestamp>hôm "
                       "qua</edXML:Timestamp></edXML:TraceHeader></edXML:TraceHeaderList>")
            << "edxml.date"
            << "Timestamp \"hôm qua\" is not a date and time";
        QTest::newRow("wrong number")
            << packet(minimalHeader +
                      "<edXML:OtherInfo><edXML:Priority>khẩn</edXML:Priority></edXML:OtherInfo>")
            << "edxml.value"
            << "Priority must be a whole number, not \"khẩn\"";
        QTest::newRow("wrong boolean")
            << packet(minimalHeader +
                      "<edXML:OtherInfo><edXML:Direction>có</edXML:Direction></edXML:OtherInfo>")
            << "edxml.value"
            << "Direction must be true or false";
        QTest::newRow("bad base64") << packet(minimalHeader, attachmentXml("a.pdf", "JVBERi0x*!^%"))
                                    << "edxml.attachment"
                                    << "the content of the attachment \"a.pdf\" is not valid base64";
        QTest::newRow("not-ascii base64")
            << packet(minimalHeader, attachmentXml("a.pdf", "JVBERiđ0x")) << "edxml.attachment"
            << "is not valid base64";
        QTest::newRow("damaged zip")
            << packet(minimalHeader,
                      attachmentXml("a.pdf", QByteArray("PK\x03\x04").append(40, 'z').toBase64()))
            << "edxml.attachment"
            << "the ZIP file of the attachment \"a.pdf\" is damaged or incomplete";
        QByteArray badCrc = storedZip("x.txt", "hello world");
        badCrc[badCrc.indexOf("hello")] = 'j';
        QTest::newRow("zip checksum")
            << packet(minimalHeader, attachmentXml("x.txt", badCrc.toBase64())) << "edxml.attachment"
            << "fails its ZIP checksum";
        QByteArray encrypted = storedZip("x.txt", "hello world");
        encrypted[6] = 1;
        encrypted[encrypted.indexOf(QByteArray("\x50\x4b\x01\x02", 4)) + 8] = 1;
        QTest::newRow("encrypted zip")
            << packet(minimalHeader, attachmentXml("x.txt", encrypted.toBase64())) << "edxml.attachment"
            << "encrypted ZIP";
        const QByteArray full =
            readFile(corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/status.edxml")));
        QTest::newRow("truncated") << full.left(full.indexOf("</edXML:ResponseFor>")) << "edxml.malformed"
                                   << "the file ends before the element";
        QTest::newRow("utf-16") << QByteArray("\xFF\xFE<\0e\0", 6) << "edxml.encoding"
                                << "UTF-8";
        QTest::newRow("utf-16 without BOM") << QByteArray("<\0e\0d\0", 6) << "edxml.encoding"
                                            << "UTF-8";
        QTest::newRow("invalid utf-8")
            << packet("<edXML:Subject>\xC3\x28</edXML:Subject>") << "edxml.encoding"
            << "not valid UTF-8";
        QTest::newRow("extra content") << packet(minimalHeader).append("<edXML/>") << "edxml.malformed"
                                       << "not well-formed";
    }

    void refused()
    {
        QFETCH(QByteArray, xml);
        QFETCH(QString, code);
        QFETCH(QString, message);
        auto p = EdxmlReader::parse(xml);
        QVERIFY2(!p.ok(), "accepted");
        QCOMPARE(p.error().code(), code);
        QVERIFY2(p.error().english().contains(message), qPrintable(p.error().english()));
        QVERIFY(!p.error().text().isEmpty());
    }

    void limits()
    {
        // Text of one element over 1 MB.
        auto huge = EdxmlReader::parse(
            packet(minimalHeader + "<edXML:Content>" + QByteArray(1100 * 1024, 'a') + "</edXML:Content>"));
        QVERIFY(!huge.ok());
        QCOMPARE(huge.error().code(), QStringLiteral("edxml.too-large"));
        QVERIFY2(huge.error().english().contains(
                     QLatin1String("the text of the element Content is longer than 1024 KB")),
                 qPrintable(huge.error().english()));
        // Nesting deeper than 64.
        QByteArray deep = QByteArray("<x>").repeated(70) + QByteArray("</x>").repeated(70);
        auto tooDeep = EdxmlReader::parse(packet(minimalHeader + deep));
        QVERIFY(!tooDeep.ok());
        QCOMPARE(tooDeep.error().code(), QStringLiteral("edxml.too-deep"));
        QVERIFY(tooDeep.error().english().contains(QLatin1String("nested more than 64 levels")));
        // The whole packet, one attachment, the number of attachments.
        Limits small;
        small.maxPacketBytes = 1000;
        auto big = EdxmlReader::parse(packet(minimalHeader + QByteArray(2000, ' ')), small);
        QCOMPARE(big.error().code(), QStringLiteral("edxml.too-large"));
        Limits oneKb;
        oneKb.maxAttachmentBytes = 1024;
        auto bigFile = EdxmlReader::parse(
            packet(minimalHeader, attachmentXml("big.bin", QByteArray(4096, 'q').toBase64())), oneKb);
        QCOMPARE(bigFile.error().code(), QStringLiteral("edxml.too-large"));
        QVERIFY(
            bigFile.error().english().contains(QLatin1String("the attachment \"big.bin\" is larger than 0")));
        QByteArray many = "<AttachmentEncoded>";
        for (int i = 0; i < 4; ++i)
            many += "<Attachment><ContentId>" + QByteArray::number(i) + "</ContentId></Attachment>";
        many += "</AttachmentEncoded>";
        Limits three;
        three.maxAttachments = 3;
        auto tooMany = EdxmlReader::parse(packet(minimalHeader, many), three);
        QCOMPARE(tooMany.error().code(), QStringLiteral("edxml.too-large"));
        QVERIFY(tooMany.error().english().contains(QLatin1String("more than 3 attachments")));
        QVERIFY(EdxmlReader::parse(packet(minimalHeader, many)).ok());
        // Millions of tiny elements would take gigabytes as a tree: the count is bounded.
        auto swarm = EdxmlReader::parse(packet(minimalHeader + QByteArray("<a/>").repeated(150000)));
        QCOMPARE(swarm.error().code(), QStringLiteral("edxml.too-large"));
        QVERIFY2(swarm.error().english().contains(QLatin1String("more than 100000 elements")),
                 qPrintable(swarm.error().english()));
    }

    void zipBombs()
    {
        // 64 MB of zeros deflate to some 64 KB: refused by the ratio guard before inflating.
        const QByteArray zeros(64 << 20, '\0');
        const QByteArray bomb =
            ZipCodec::zipOne(QStringLiteral("bomb.pdf"), zeros, {}, ZipCodec::Method::Deflate);
        QVERIFY(bomb.size() < 200 * 1024);
        auto p = EdxmlReader::parse(packet(minimalHeader, attachmentXml("bomb.pdf", bomb.toBase64())));
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code(), QStringLiteral("edxml.too-large"));
        QVERIFY2(p.error().english().contains(QLatin1String("would expand more than 200 times")),
                 qPrintable(p.error().english()));
        // What we write ourselves passes our guard: a blank scan is stored, not deflated.
        Packet scan;
        scan.header.from.organId = QStringLiteral("000.00.00.H16");
        Attachment blank;
        blank.contentId = QStringLiteral("scan");
        blank.name = QStringLiteral("trang-trang.tif");
        blank.data = zeros;
        scan.attachments << blank;
        auto written = EdxmlWriter::write(scan);
        QVERIFY(written.ok());
        auto readBack = EdxmlReader::parse(written.value());
        QVERIFY2(readBack.ok(), qPrintable(readBack.error().english()));
        QCOMPARE(readBack->attachments[0].data.size(), zeros.size());
        // All attachments together are bounded too.
        Limits total;
        total.maxTotalAttachmentBytes = 10 << 20;
        QByteArray four = "<AttachmentEncoded>";
        const QByteArray sixMb =
            ZipCodec::zipOne(QStringLiteral("a.txt"), QByteArray(6 << 20, 'k'), {}, ZipCodec::Method::Store);
        for (int i = 0; i < 2; ++i)
            four += "<Attachment><ContentId>" + QByteArray::number(i) +
                    "</ContentId><edXML:ContentTransferEncoded "
                    "xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">" +
                    sixMb.toBase64() + "</edXML:ContentTransferEncoded></Attachment>";
        four += "</AttachmentEncoded>";
        auto tooMuch = EdxmlReader::parse(packet(minimalHeader, four), total);
        QVERIFY(!tooMuch.ok());
        QVERIFY2(tooMuch.error().english().contains(
                     QLatin1String("the attachments together are larger than 10 MB")),
                 qPrintable(tooMuch.error().english()));
        // Over the size limit whatever the ratio.
        Limits limits;
        limits.maxAttachmentBytes = 1 << 20;
        auto large = EdxmlReader::parse(
            packet(minimalHeader,
                   attachmentXml("a.bin", ZipCodec::zipOne(QStringLiteral("a.bin"), QByteArray(2 << 20, 'x'),
                                                           {}, ZipCodec::Method::Deflate)
                                              .toBase64())),
            limits);
        QCOMPARE(large.error().code(), QStringLiteral("edxml.too-large"));
        // A ZIP that lies about its size: it says 1000 bytes and inflates to 8 MB. Inflating stops at the
        // recorded size.
        QByteArray liar = ZipCodec::zipOne(QStringLiteral("a.txt"), QByteArray(8 << 20, 'y'), {},
                                           ZipCodec::Method::Deflate);
        const qsizetype cd = liar.indexOf(QByteArray("\x50\x4b\x01\x02", 4));
        for (qsizetype at : {qsizetype(22), cd + 24}) {
            liar[at] = char(0xe8);
            liar[at + 1] = char(0x03);
            liar[at + 2] = 0;
            liar[at + 3] = 0;
        }
        auto lying = EdxmlReader::parse(packet(minimalHeader, attachmentXml("a.txt", liar.toBase64())));
        QVERIFY(!lying.ok());
        QCOMPARE(lying.error().code(), QStringLiteral("edxml.attachment"));
    }

    void zipEntries()
    {
        // A stored entry and a deflated one give the file back; a path in the entry name is never used.
        const QByteArray content = QByteArrayLiteral("Báo cáo quý I");
        auto stored = EdxmlReader::parse(
            packet(minimalHeader, attachmentXml("", storedZip("../../etc/passwd", content).toBase64())));
        QVERIFY2(stored.ok(), qPrintable(stored.error().english()));
        QCOMPARE(stored->attachments[0].data, content);
        QCOMPARE(stored->attachments[0].name, QStringLiteral("passwd"));
        auto traversal = EdxmlReader::parse(packet(
            minimalHeader,
            attachmentXml("..\\..\\Windows\\System32\\evil.exe",
                          ZipCodec::zipOne(QStringLiteral("/abs/../../x.exe"), content, {}).toBase64())));
        QVERIFY(traversal.ok());
        QCOMPARE(traversal->attachments[0].name, QStringLiteral("evil.exe"));
        QCOMPARE(traversal->attachments[0].data, content);
        // A ZIP sent as a file (several entries, or a .zip holding another kind of file) stays as it is.
        const QByteArray single = storedZip("report.pdf", content);
        auto keptZip =
            EdxmlReader::parse(packet(minimalHeader, attachmentXml("hoso.zip", single.toBase64())));
        QVERIFY(keptZip.ok());
        QCOMPARE(keptZip->attachments[0].data, single);
        QCOMPARE(keptZip->attachments[0].contentType, QStringLiteral("application/zip"));
        // The attachment's own type, when only the attachment element names it, survives writing (found by
        // the fuzzer: the writer turns that element's type into application/zip).
        const QByteArray typed =
            "<edXML "
            "xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><edXMLEnvelope><edXMLHeader><MessageHeader>"
            "<From><OrganId>X</OrganId></From></MessageHeader></"
            "edXMLHeader><edXMLBody><edXMLManifest><Reference>"
            "<ContentId>cid:a1</ContentId><ContentType>application/zip</ContentType></Reference></"
            "edXMLManifest>"
            "</edXMLBody></edXMLEnvelope>" +
            attachmentXml("so-lieu", ZipCodec::zipOne(QStringLiteral("x"), content, {}).toBase64())
                .replace("<ContentType>application/zip", "<ContentType>text/csv") +
            "</edXML>";
        auto typedFirst = EdxmlReader::parse(typed);
        QVERIFY2(typedFirst.ok(), qPrintable(typedFirst.error().english()));
        QCOMPARE(typedFirst->attachments[0].contentType, QStringLiteral("text/csv"));
        auto typedAgain = EdxmlReader::parse(EdxmlWriter::write(typedFirst.value()).value());
        QVERIFY(typedAgain.ok());
        QCOMPARE(typedAgain->attachments[0].contentType, QStringLiteral("text/csv"));
        QVERIFY(typedAgain.value() == typedFirst.value());
        // The fuzzer's own input: a manifest saying application/zip and the attachment a misspelt type.
        const QByteArray finding = readFile(QFINDTESTDATA("data/fuzz-contenttype-roundtrip.edxml"));
        QVERIFY(!finding.isEmpty());
        auto f1 = EdxmlReader::parse(finding);
        QVERIFY2(f1.ok(), qPrintable(f1.error().english()));
        auto f2 = EdxmlReader::parse(EdxmlWriter::write(f1.value()).value());
        QVERIFY(f2.ok());
        QVERIFY2(firstDifference(f1.value(), f2.value()).isEmpty(),
                 qPrintable(firstDifference(f1.value(), f2.value())));

        // The codec itself: what it zips, it unzips.
        const QByteArray text = QByteArray("Cộng hòa xã hội chủ nghĩa Việt Nam\n").repeated(2000);
        const QByteArray zip =
            ZipCodec::zipOne(QStringLiteral("abc.txt"), text, QDateTime(QDate(2026, 1, 5), QTime(8, 0)));
        ZipCodec::Problem problem = ZipCodec::Problem::Corrupt;
        const auto entries = ZipCodec::entries(zip, &problem);
        QCOMPARE(problem, ZipCodec::Problem::None);
        QCOMPARE(entries.size(), 1);
        QVERIFY(entries[0].compressedSize < text.size() / 10);
        QCOMPARE(ZipCodec::extract(zip, entries[0], {}, &problem), text);
        QCOMPARE(problem, ZipCodec::Problem::None);
        // Truncated anywhere: an error, never a crash.
        for (qsizetype cut = 0; cut < zip.size(); cut += 7) {
            const QByteArray part = zip.left(cut);
            const auto list = ZipCodec::entries(part, &problem);
            if (!list.isEmpty())
                ZipCodec::extract(part, list[0], {}, &problem);
            QVERIFY(problem != ZipCodec::Problem::None);
        }
    }

    void attachmentNames_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "Công văn 123.pdf"
                               << "Công văn 123.pdf";
        QTest::newRow("unix path") << "../../etc/passwd"
                                   << "passwd";
        QTest::newRow("windows path") << "C:\\Users\\a\\Desktop\\bao-cao.docx"
                                      << "bao-cao.docx";
        QTest::newRow("drive letter") << "C:bao-cao.docx"
                                      << "bao-cao.docx";
        QTest::newRow("dot dot") << ".."
                                 << "tep-dinh-kem-3";
        QTest::newRow("hidden") << ".bashrc"
                                << "bashrc";
        QTest::newRow("double dots") << "a..b...pdf"
                                     << "a.b.pdf";
        QTest::newRow("control characters") << "bao\x01\tcao\x7f.pdf"
                                            << "baocao.pdf";
        QTest::newRow("bidi override")
            << QStringLiteral("hoa-don\u202Efdp.exe") << QStringLiteral("hoa-donfdp.exe");
        QTest::newRow("reserved") << "CON.txt"
                                  << "_CON.txt";
        QTest::newRow("reserved lower") << "lpt1.tar.gz"
                                        << "_lpt1.tar.gz";
        QTest::newRow("reserved com") << "COM9"
                                      << "_COM9";
        QTest::newRow("not reserved") << "CONSOLE.txt"
                                      << "CONSOLE.txt";
        QTest::newRow("trailing dots spaces") << "bao cao.pdf. . "
                                              << "bao cao.pdf";
        QTest::newRow("windows characters") << "a<b>c:d\"e|f?g*.pdf"
                                            << "a_b_c_d_e_f_g_.pdf";
        QTest::newRow("empty") << ""
                               << "tep-dinh-kem-3";
        QTest::newRow("only separators") << "///"
                                         << "tep-dinh-kem-3";
        QTest::newRow("decomposed") << QString::fromUtf8("Vie\xcc\x82\xcc\xa3t Nam.pdf")
                                    << QStringLiteral("Việt Nam.pdf");
        const QString longStem = QStringLiteral("Quyết định khen thưởng ").repeated(20);
        QString expectedLong;
        for (const QChar c : longStem) {
            if ((expectedLong + c).toUtf8().size() > 200 - 4)
                break;
            expectedLong += c;
        }
        QTest::newRow("long") << longStem + QStringLiteral(".pdf")
                              << expectedLong.trimmed() + QStringLiteral(".pdf");
    }

    void attachmentNames()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QString name = AttachmentName::sanitise(input, 3);
        QCOMPARE(name, expected);
        QVERIFY(name.toUtf8().size() <= AttachmentName::MaxBytes);
        QCOMPARE(AttachmentName::sanitise(name, 3), name);
    }

    void validation()
    {
        auto minimal = EdxmlReader::parseFile(
            corpus(QStringLiteral("PVN-Organization__API-Gateway-iOffice/test_user_edxml.xml")));
        QVERIFY(minimal.ok());
        QStringList fields;
        for (const Problem &p : validate(minimal.value()))
            fields << p.field;
        QCOMPARE(fields,
                 (QStringList{QStringLiteral("Code/CodeNumber"), QStringLiteral("Code/CodeNotation"),
                              QStringLiteral("PromulgationInfo/PromulgationDate"),
                              QStringLiteral("DocumentType/Type"), QStringLiteral("DocumentType/TypeName"),
                              QStringLiteral("TraceHeaderList/TraceHeader")}));
        Packet status;
        status.kind = PacketKind::Status;
        status.status.code = QStringLiteral("07");
        QStringList statusFields;
        for (const Problem &p : validate(status))
            statusFields << p.field + QLatin1Char(':') + p.error.code();
        QCOMPARE(statusFields, (QStringList{QStringLiteral("From/OrganId:edxml.missing"),
                                            QStringLiteral("ResponseFor/OrganId:edxml.missing"),
                                            QStringLiteral("ResponseFor/Code:edxml.missing"),
                                            QStringLiteral("ResponseFor/DocumentId:edxml.missing"),
                                            QStringLiteral("StatusCode:edxml.status-code"),
                                            QStringLiteral("Timestamp:edxml.missing")}));
    }
};

QTEST_GUILESS_MAIN(TestEdxml)
#include "tst_edxml.moc"
