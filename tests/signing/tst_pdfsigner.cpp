// The PDF layer's incremental-update signing: pdfsig must accept what it writes (one and two signatures,
// classic and stream cross-references, existing annotations and forms), qpdf --check must pass, the original
// bytes stay a prefix, tampering shows, bad files are refused with a clear code, and the DSS is read back.

#include "signing/IssueStamp.h"
#include "signing/pdf/PdfSigner.h"
#include "support/SigningFixtures.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <poppler-qt6.h>

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace govdesk::signing;
using namespace Qt::StringLiterals;
using govdesk::signing::testing::a4Pdf;

namespace {

struct ProcessResult
{
    int exitCode = -1;
    QString out;
};

ProcessResult run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    ProcessResult r;
    if (!p.waitForStarted(10000))
        return r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAll());
    return r;
}

/// A two-page A4 document made with Qt's PDF writer (classic cross-reference table), Vietnamese text.
QByteArray qtPdf()
{
    return a4Pdf({{{QPointF(85, 70), u"ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG"_s},
                   {QPointF(300, 70), u"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"_s},
                   {QPointF(85, 200), u"Quyết định về việc phê duyệt kế hoạch chuyển đổi số năm 2026."_s}},
                  {{QPointF(85, 100), u"Trang hai: nơi nhận, lưu VT."_s}}},
                 u"Quyết định về việc phê duyệt kế hoạch"_s);
}

/// A hand-written PDF whose page already has a text annotation, and optionally a form with a text field;
/// `indirect` puts /Annots, /AcroForm and /Fields in objects of their own.
QByteArray annotatedPdf(bool indirect, bool withForm)
{
    QList<QByteArray> objects;
    const QByteArray content = "BT /F1 12 Tf 72 760 Td (Trang co chu thich) Tj ET";
    const QByteArray form = !withForm  ? ""
                            : indirect ? " /AcroForm 8 0 R"
                                       : " /AcroForm << /Fields [10 0 R] >>";
    objects << "<< /Type /Catalog /Pages 2 0 R" + form + " >>";
    objects << "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
    const QByteArray annots = withForm ? "[7 0 R 10 0 R]" : "[7 0 R]";
    objects
        << "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 "
           "5 0 R >> >> /Annots " +
               (indirect ? QByteArray("6 0 R") : annots) + " >>";
    objects << "<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content + "\nendstream";
    objects << "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    objects << annots;
    objects << "<< /Type /Annot /Subtype /Text /Rect [40 40 60 60] /Contents (Ghi chu) /P 3 0 R >>";
    objects << "<< /Fields 9 0 R /DA (/Helv 0 Tf 0 g) >>";
    objects << "[10 0 R]";
    objects << "<< /Type /Annot /Subtype /Widget /FT /Tx /T (SoVanBan) /V (15) /Rect [300 700 400 720] /P 3 "
               "0 R >>";
    if (!withForm || !indirect)
        objects[7] = objects[8] = "null";
    if (!withForm)
        objects[9] = "null";
    QByteArray pdf = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
    QList<qint64> offsets;
    for (int i = 0; i < objects.size(); ++i) {
        offsets << pdf.size();
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const qint64 xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f\r\n";
    for (qint64 o : offsets)
        pdf += QByteArray::number(o).rightJustified(10, '0') + " 00000 n\r\n";
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

int count(const QString &haystack, const QString &needle)
{
    return int(haystack.count(needle));
}

} // namespace

class TestPdfSigner : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    EVP_PKEY *m_key = nullptr;
    X509 *m_cert = nullptr;
    QByteArray m_certDer;
    int m_cmsCalls = 0;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    /// A detached CMS over the signed bytes, built from their digest as a token would: the messageDigest
    /// attribute is the digest handed over by signPdf.
    CmsProducer producer()
    {
        return [this](const QByteArray &digest) -> govdesk::core::Result<QByteArray> {
            ++m_cmsCalls;
            const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
            CMS_ContentInfo *cms = CMS_sign(nullptr, nullptr, nullptr, nullptr, flags);
            CMS_SignerInfo *si = cms ? CMS_add1_signer(cms, m_cert, m_key, EVP_sha256(), flags) : nullptr;
            bool ok = si &&
                      CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                                  OBJ_nid2obj(NID_pkcs7_data), -1) > 0 &&
                      CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
                                                  digest.constData(), int(digest.size())) > 0 &&
                      CMS_SignerInfo_sign(si) > 0;
            QByteArray der;
            if (ok) {
                unsigned char *buf = nullptr;
                const int len = i2d_CMS_ContentInfo(cms, &buf);
                ok = len > 0;
                if (ok)
                    der = QByteArray(reinterpret_cast<const char *>(buf), len);
                OPENSSL_free(buf);
            }
            CMS_ContentInfo_free(cms);
            if (!ok)
                qFatal("the test CMS could not be built");
            return der;
        };
    }

    PdfSignRequest request(const QString &reason = u"Phê duyệt"_s)
    {
        PdfSignRequest r;
        r.signerName = u"Nguyễn Văn An"_s;
        r.reason = reason;
        r.location = u"Gia Nghĩa, Đắk Nông"_s;
        r.signingTime =
            QDateTime(QDate(2026, 3, 15), QTime(14, 5, 9), QTimeZone::fromSecondsAheadOfUtc(7 * 3600));
        return r;
    }

    PdfSignResult sign(const QByteArray &pdf, const PdfSignRequest &r)
    {
        auto result = signPdf(pdf, r, producer());
        if (!result)
            qFatal("signing failed: %s %s", qPrintable(result.error().code()),
                   qPrintable(result.error().english()));
        return result.value();
    }

    QString pdfsig(const QByteArray &pdf, const QString &name)
    {
        const ProcessResult r = run(u"pdfsig"_s, {write(name, pdf)});
        return r.out;
    }

    void qpdfCheckPasses(const QByteArray &pdf, const QString &name)
    {
        const ProcessResult r = run(u"qpdf"_s, {u"--check"_s, write(name, pdf)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        QVERIFY2(!r.out.contains(u"WARNING"_s), qPrintable(r.out));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const QString &tool : {u"pdfsig"_s, u"qpdf"_s})
            QVERIFY2(!QStandardPaths::findExecutable(tool).isEmpty(),
                     qPrintable(tool + u" is not installed"_s));
        m_key = EVP_RSA_gen(2048);
        QVERIFY(m_key);
        m_cert = X509_new();
        X509_set_version(m_cert, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(m_cert), 20260315);
        X509_gmtime_adj(X509_getm_notBefore(m_cert), -3600);
        X509_gmtime_adj(X509_getm_notAfter(m_cert), 3600L * 24 * 365);
        X509_set_pubkey(m_cert, m_key);
        X509_NAME *name = X509_get_subject_name(m_cert);
        const QByteArray cn = u"Nguyễn Văn An"_s.toUtf8();
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(cn.data()), -1, -1, 0);
        X509_set_issuer_name(m_cert, name);
        QVERIFY(X509_sign(m_cert, m_key, EVP_sha256()) > 0);
        unsigned char *buf = nullptr;
        const int len = i2d_X509(m_cert, &buf);
        m_certDer = QByteArray(reinterpret_cast<const char *>(buf), len);
        OPENSSL_free(buf);
    }

    void cleanupTestCase()
    {
        X509_free(m_cert);
        EVP_PKEY_free(m_key);
    }

    void inspectsQtPdf()
    {
        const QByteArray pdf = qtPdf();
        auto info = inspectPdf(pdf);
        QVERIFY2(info, qPrintable(info.error().english()));
        QCOMPARE(info->pageCount, 2);
        QVERIFY(!info->encrypted);
        QVERIFY2(!info->damaged, qPrintable(info->damageDetail));
        QVERIFY(!info->usesXrefStreams);
        QCOMPARE(info->signatureCount, 0);
        QCOMPARE(qRound(info->pages[0].mediaBox.width()), 595);
        QCOMPARE(qRound(info->pages[0].mediaBox.height()), 842);
        QCOMPARE(info->size, pdf.size());
    }

    void signsOnce_data()
    {
        QTest::addColumn<bool>("xrefStream");
        QTest::newRow("classic xref table") << false;
        QTest::newRow("xref stream") << true;
    }

    void signsOnce()
    {
        QFETCH(bool, xrefStream);
        QByteArray pdf = qtPdf();
        if (xrefStream) {
            const QString in = write(u"plain.pdf"_s, pdf), out = m_dir.filePath(u"objstm.pdf"_s);
            const ProcessResult r = run(u"qpdf"_s, {u"--object-streams=generate"_s, in, out});
            QVERIFY2(r.exitCode == 0, qPrintable(r.out));
            pdf = readFile(out);
            QVERIFY(inspectPdf(pdf)->usesXrefStreams);
        }
        m_cmsCalls = 0;
        const PdfSignResult signedPdf = sign(pdf, request());
        QCOMPARE(m_cmsCalls, 1);
        QVERIFY(signedPdf.pdf.startsWith(pdf));
        QCOMPARE(signedPdf.fieldName, u"Signature1"_s);
        QCOMPARE(signedPdf.addedBytes, int(signedPdf.pdf.size() - pdf.size()));
        QCOMPARE(signedPdf.byteRange[2] + signedPdf.byteRange[3], signedPdf.pdf.size());
        QCOMPARE(inspectPdf(signedPdf.pdf)->usesXrefStreams, xrefStream);

        const QString report = pdfsig(signedPdf.pdf, u"signed-once.pdf"_s);
        QVERIFY2(report.contains(u"Signature is Valid"_s), qPrintable(report));
        QCOMPARE(count(report, u"Signature #"_s), 1);
        QVERIFY2(report.contains(u"Nguyễn Văn An"_s), qPrintable(report));
        qpdfCheckPasses(signedPdf.pdf, u"signed-once-check.pdf"_s);

        auto entries = readPdfSignatures(signedPdf.pdf);
        QVERIFY2(entries, qPrintable(entries.error().english()));
        QCOMPARE(entries->size(), 1);
        const PdfSignatureEntry &e = entries->first();
        QCOMPARE(e.fieldName, u"Signature1"_s);
        QCOMPARE(e.pageIndex, 0);
        QCOMPARE(e.subFilter, QByteArray("ETSI.CAdES.detached"));
        QVERIFY(e.byteRangeValid);
        QVERIFY(e.coversWholeDocument);
        QVERIFY(e.appendedChanges.isEmpty());
        QCOMPARE(e.revision, 1);
        QCOMPARE(e.name, u"Nguyễn Văn An"_s);
        QCOMPARE(e.reason, u"Phê duyệt"_s);
        QCOMPARE(e.location, u"Gia Nghĩa, Đắk Nông"_s);
        QCOMPARE(e.claimedTime, request().signingTime);
        QCOMPARE(e.claimedTime.offsetFromUtc(), 7 * 3600);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(e.byteRange[i], signedPdf.byteRange[i]);
        // The CMS comes back at its DER length, and it covers exactly the signed bytes.
        QVERIFY(e.cms.size() > 500 && e.cms.size() < kDefaultContentsReserve);
        QCOMPARE(e.cms.at(0), char(0x30));
        const QByteArray covered = signedBytes(signedPdf.pdf, e);
        QCOMPARE(covered.size(), signedPdf.pdf.size() - (2 * kDefaultContentsReserve + 2));
        QVERIFY(!covered.contains(e.cms.toHex().toUpper().left(64)));

        auto info = inspectPdf(signedPdf.pdf);
        QCOMPARE(info->signatureCount, 1);
        QVERIFY(!info->damaged);
        qInfo("invisible signature added %d bytes (%s)", signedPdf.addedBytes,
              xrefStream ? "xref stream" : "table");
    }

    void signsTwice_data() { signsOnce_data(); }

    void signsTwice()
    {
        QFETCH(bool, xrefStream);
        QByteArray pdf = qtPdf();
        if (xrefStream) {
            const QString in = write(u"plain2.pdf"_s, pdf), out = m_dir.filePath(u"objstm2.pdf"_s);
            QCOMPARE(run(u"qpdf"_s, {u"--object-streams=generate"_s, in, out}).exitCode, 0);
            pdf = readFile(out);
        }
        PdfSignRequest personal = request(u"Ký ban hành"_s);
        personal.pageIndex = 1;
        personal.rect = QRectF(300, 500, 150, 60);
        personal.appearance.kind = SignatureAppearance::Kind::Image;
        QImage ink(300, 120, QImage::Format_ARGB32);
        ink.fill(Qt::transparent);
        QPainter(&ink).fillRect(20, 40, 260, 30, QColor(0, 0, 200));
        personal.appearance.image = ink;
        const PdfSignResult first = sign(pdf, personal);

        PdfSignRequest organ = request(u"Văn thư ký số cơ quan"_s);
        organ.signerName = u"UBND tỉnh Đắk Nông"_s;
        const PdfSignResult second = sign(first.pdf, organ);
        QVERIFY(second.pdf.startsWith(first.pdf));
        QVERIFY(second.pdf.startsWith(pdf));
        QCOMPARE(second.fieldName, u"Signature2"_s);

        const QString report = pdfsig(second.pdf, u"signed-twice.pdf"_s);
        QCOMPARE(count(report, u"Signature #"_s), 2);
        QVERIFY2(count(report, u"Signature is Valid"_s) == 2, qPrintable(report));
        qpdfCheckPasses(second.pdf, u"signed-twice-check.pdf"_s);

        auto entries = readPdfSignatures(second.pdf);
        QVERIFY2(entries, qPrintable(entries.error().english()));
        QCOMPARE(entries->size(), 2);
        const PdfSignatureEntry &a = entries->at(0), &b = entries->at(1);
        QCOMPARE(a.revision, 1);
        QCOMPARE(a.fieldName, u"Signature1"_s);
        QCOMPARE(a.pageIndex, 1);
        QCOMPARE(a.rect, QRectF(300, 500, 150, 60));
        QVERIFY(a.byteRangeValid);
        QVERIFY(!a.coversWholeDocument);
        QVERIFY2(a.appendedChanges.join(u"; "_s).contains(u"Signature2"_s),
                 qPrintable(a.appendedChanges.join(u"; "_s)));
        QVERIFY2(a.appendedOnlySignaturesOrDss, qPrintable(a.appendedChanges.join(u"; "_s)));
        QCOMPARE(b.revision, 2);
        QCOMPARE(b.fieldName, u"Signature2"_s);
        QVERIFY(b.coversWholeDocument);
        QVERIFY(b.byteRangeValid);
        QCOMPARE(b.name, u"UBND tỉnh Đắk Nông"_s);
        QCOMPARE(inspectPdf(second.pdf)->signatureCount, 2);
    }

    void keepsExistingAnnotationsAndFields_data()
    {
        QTest::addColumn<bool>("indirect");
        QTest::addColumn<bool>("withForm");
        QTest::newRow("direct /Annots, no form") << false << false;
        QTest::newRow("direct /Annots and /Fields") << false << true;
        QTest::newRow("indirect /Annots, /AcroForm and /Fields") << true << true;
    }

    void keepsExistingAnnotationsAndFields()
    {
        QFETCH(bool, indirect);
        QFETCH(bool, withForm);
        const QByteArray pdf = annotatedPdf(indirect, withForm);
        auto info = inspectPdf(pdf);
        QVERIFY2(info && !info->damaged, info ? qPrintable(info->damageDetail) : "unreadable");
        PdfSignRequest r = request();
        r.rect = QRectF(400, 40, 120, 50);
        r.appearance.kind = SignatureAppearance::Kind::Image;
        QImage ink(120, 50, QImage::Format_ARGB32);
        ink.fill(QColor(0, 0, 220));
        r.appearance.image = ink;
        const PdfSignResult once = sign(pdf, r);
        const PdfSignResult twice = sign(once.pdf, request());
        qpdfCheckPasses(twice.pdf, u"annotated-check.pdf"_s);
        const QString report = pdfsig(twice.pdf, u"annotated.pdf"_s);
        QVERIFY2(count(report, u"Signature is Valid"_s) == 2, qPrintable(report));

        // The page keeps its annotation (and the form field), plus the two signature widgets.
        const ProcessResult json =
            run(u"qpdf"_s, {u"--json"_s, u"--json-key=pages"_s, u"--json-key=acroform"_s,
                            u"--json-key=qpdf"_s, m_dir.filePath(u"annotated.pdf"_s)});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const QJsonObject objects = root[u"qpdf"_s].toArray().at(1).toObject();
        auto resolve = [&](const QJsonValue &v) {
            return v.isString() && v.toString().endsWith(u" R"_s)
                       ? objects[u"obj:"_s + v.toString()].toObject()[u"value"_s]
                       : v;
        };
        const QString pageRef = root[u"pages"_s].toArray().at(0).toObject()[u"object"_s].toString();
        const QJsonArray annots = resolve(resolve(pageRef).toObject()[u"/Annots"_s]).toArray();
        QCOMPARE(annots.size(), withForm ? 4 : 3);
        QStringList subtypes;
        for (const QJsonValue &a : annots)
            subtypes << resolve(a).toObject()[u"/Subtype"_s].toString();
        QCOMPARE(subtypes.count(u"/Text"_s), 1);
        QCOMPARE(subtypes.count(u"/Widget"_s), withForm ? 3 : 2);
        const QJsonArray fields = root[u"acroform"_s].toObject()[u"fields"_s].toArray();
        QCOMPARE(fields.size(), withForm ? 3 : 2);
        QStringList names;
        for (const QJsonValue &f : fields)
            names << f.toObject()[u"fullname"_s].toString();
        QVERIFY2(names.contains(u"Signature1"_s) && names.contains(u"Signature2"_s),
                 qPrintable(names.join(u","_s)));
        if (withForm)
            QVERIFY(names.contains(u"SoVanBan"_s));

        auto entries = readPdfSignatures(twice.pdf);
        QVERIFY(entries);
        QCOMPARE(entries->size(), 2);
        QVERIFY(entries->at(0).appendedOnlySignaturesOrDss);
        QCOMPARE(entries->at(0).rect, QRectF(400, 40, 120, 50));
    }

    void tamperingShows()
    {
        const QByteArray pdf = qtPdf();
        QByteArray bytes = sign(pdf, request()).pdf;
        // Flip one byte of the binary comment on the second line, inside the first signed range.
        const int at = int(bytes.indexOf('\n')) + 2;
        bytes[at] = char(bytes[at] ^ 0x01);
        const QString report = pdfsig(bytes, u"tampered.pdf"_s);
        QVERIFY2(report.contains(u"Signature #1"_s), qPrintable(report));
        QVERIFY2(!report.contains(u"Signature is Valid"_s), qPrintable(report));
        QVERIFY2(report.contains(u"Invalid"_s) || report.contains(u"Mismatch"_s), qPrintable(report));
        auto entries = readPdfSignatures(bytes);
        QVERIFY(entries);
        QCOMPARE(entries->size(), 1);
        QVERIFY(entries->first().byteRangeValid);
        QVERIFY(entries->first().coversWholeDocument);
    }

    void changesAfterSigningAreNamed()
    {
        // An incremental update after the signature that replaces the page's content and adds a note.
        const QByteArray pdf = annotatedPdf(true, false);
        const QByteArray signedPdf = sign(pdf, request()).pdf;
        const auto size = QRegularExpression(u"/Size (\\d+)"_s).globalMatch(QString::fromLatin1(signedPdf));
        int nextObj = 0;
        auto it = size;
        while (it.hasNext())
            nextObj = it.next().captured(1).toInt();
        QVERIFY(nextObj > 10);
        const qsizetype sx = signedPdf.lastIndexOf("startxref");
        const QByteArray prev = signedPdf.mid(sx + 10).split('\n').first().trimmed();
        QByteArray update = signedPdf;
        const QByteArray content = "BT /F1 30 Tf 72 400 Td (DA SUA) Tj ET";
        QList<std::pair<int, qint64>> offsets;
        offsets << std::pair{nextObj, update.size()};
        update += QByteArray::number(nextObj) + " 0 obj\n<< /Length " + QByteArray::number(content.size()) +
                  " >>\nstream\n" + content + "\nendstream\nendobj\n";
        offsets << std::pair{3, update.size()};
        update += "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R " +
                  QByteArray::number(nextObj) +
                  " 0 R] /Resources << /Font << /F1 5 0 R >> >> /Annots 6 0 R >>\nendobj\n";
        const qint64 xref = update.size();
        update += "xref\n3 1\n" + QByteArray::number(offsets[1].second).rightJustified(10, '0') +
                  " 00000 n\r\n" + QByteArray::number(nextObj) + " 1\n" +
                  QByteArray::number(offsets[0].second).rightJustified(10, '0') +
                  " 00000 n\r\ntrailer\n<< /Size " + QByteArray::number(nextObj + 1) + " /Root 1 0 R /Prev " +
                  prev + " >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
        auto entries = readPdfSignatures(update);
        QVERIFY2(entries, qPrintable(entries.error().english()));
        QCOMPARE(entries->size(), 1);
        const PdfSignatureEntry &e = entries->first();
        QVERIFY(!e.coversWholeDocument);
        QVERIFY(!e.appendedOnlySignaturesOrDss);
        QVERIFY2(e.appendedChanges.join(u"; "_s).contains(u"page 1"_s),
                 qPrintable(e.appendedChanges.join(u"; "_s)));
        const QString report = pdfsig(update, u"changed-after.pdf"_s);
        QVERIFY2(report.contains(u"Signature is Valid"_s), qPrintable(report)); // the signed revision itself
    }

    void refusesBadInput_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("code");
        QTest::newRow("encrypted") << u"encrypted"_s << u"signing.pdf-encrypted"_s;
        QTest::newRow("truncated") << u"truncated"_s << u"signing.pdf-damaged"_s;
        QTest::newRow("broken xref offset") << u"broken-xref"_s << u"signing.pdf-damaged"_s;
        QTest::newRow("random bytes") << u"random"_s << u"signing.pdf-unreadable"_s;
        QTest::newRow("empty") << u"empty"_s << u"signing.pdf-unreadable"_s;
        QTest::newRow("page out of range") << u"page"_s << u"signing.pdf-page"_s;
        QTest::newRow("field name taken") << u"field"_s << u"signing.pdf-field-exists"_s;
        QTest::newRow("reserve too small") << u"reserve"_s << u"signing.pdf-reserve"_s;
    }

    void refusesBadInput()
    {
        QFETCH(QString, kind);
        QFETCH(QString, code);
        const QByteArray good = qtPdf();
        QByteArray pdf = good;
        PdfSignRequest r = request();
        if (kind == u"encrypted") {
            const QString in = write(u"clear.pdf"_s, good), out = m_dir.filePath(u"locked.pdf"_s);
            const ProcessResult p =
                run(u"qpdf"_s, {u"--encrypt"_s, u"u"_s, u"o"_s, u"256"_s, u"--"_s, in, out});
            QVERIFY2(p.exitCode == 0, qPrintable(p.out));
            pdf = readFile(out);
            auto info = inspectPdf(pdf);
            QVERIFY(info);
            QVERIFY(info->encrypted);
            QCOMPARE(readPdfSignatures(pdf).error().code(), u"signing.pdf-encrypted"_s);
        } else if (kind == u"truncated") {
            pdf = good.left(good.size() * 2 / 3);
            auto info = inspectPdf(pdf);
            QVERIFY(!info);
            QCOMPARE(info.error().code(), u"signing.pdf-damaged"_s);
        } else if (kind == u"broken-xref") {
            const qsizetype at = pdf.lastIndexOf("startxref") + 10;
            pdf.replace(at, 3, "999");
            auto info = inspectPdf(pdf);
            QVERIFY(info);
            QVERIFY(info->damaged);
            QVERIFY(!info->damageDetail.isEmpty());
        } else if (kind == u"random") {
            pdf.resize(5000);
            for (char &c : pdf)
                c = char(QRandomGenerator::global()->bounded(256));
            QVERIFY(!inspectPdf(pdf));
        } else if (kind == u"empty") {
            pdf.clear();
        } else if (kind == u"page") {
            r.pageIndex = 2;
        } else if (kind == u"field") {
            pdf = sign(good, request()).pdf;
            r.fieldName = u"Signature1"_s;
        } else if (kind == u"reserve") {
            r.contentsReserve = 200;
        }
        m_cmsCalls = 0;
        auto result = signPdf(pdf, r, producer());
        QVERIFY(!result);
        QCOMPARE(result.error().code(), code);
        QVERIFY(!result.error().english().isEmpty());
        qInfo("%s: %s", qPrintable(code), qPrintable(result.error().english()));
        QCOMPARE(m_cmsCalls, kind == u"reserve" ? 1 : 0);
        auto dss = appendDss(pdf, {m_certDer}, {}, {});
        if (kind != u"page" && kind != u"field" && kind != u"reserve")
            QVERIFY(!dss);
    }

    void appendsDss()
    {
        const PdfSignResult one = sign(qtPdf(), request());
        const QByteArray ocsp = QByteArray("\x30\x03\x0a\x01\x00", 5);
        const QByteArray crl = QCryptographicHash::hash("crl", QCryptographicHash::Sha256);
        auto withDss = appendDss(one.pdf, {m_certDer}, {ocsp}, {crl});
        QVERIFY2(withDss, qPrintable(withDss.error().english()));
        QVERIFY(withDss->startsWith(one.pdf));
        auto dss = readPdfDss(withDss.value());
        QVERIFY(dss);
        QCOMPARE(dss->certs, QList<QByteArray>{m_certDer});
        QCOMPARE(dss->ocspResponses, QList<QByteArray>{ocsp});
        QCOMPARE(dss->crls, QList<QByteArray>{crl});
        qpdfCheckPasses(withDss.value(), u"dss-check.pdf"_s);
        QString report = pdfsig(withDss.value(), u"dss.pdf"_s);
        QVERIFY2(report.contains(u"Signature is Valid"_s), qPrintable(report));

        auto entries = readPdfSignatures(withDss.value());
        QVERIFY(entries);
        QCOMPARE(entries->size(), 1);
        QVERIFY(!entries->first().coversWholeDocument);
        QCOMPARE(entries->first().appendedChanges, QStringList{u"DSS"_s});
        QVERIFY(entries->first().appendedOnlySignaturesOrDss);

        // A second DSS update merges: the certificate is not repeated, the new one is added.
        const QByteArray otherCert = m_certDer + "x";
        auto merged = appendDss(withDss.value(), {m_certDer, otherCert}, {ocsp}, {});
        QVERIFY(merged);
        auto dss2 = readPdfDss(merged.value());
        QVERIFY(dss2);
        QCOMPARE(dss2->certs, (QList<QByteArray>{m_certDer, otherCert}));
        QCOMPARE(dss2->ocspResponses.size(), 1);
        QCOMPARE(dss2->crls.size(), 1);
        // Nothing new: the file is returned unchanged.
        QCOMPARE(appendDss(merged.value(), {m_certDer}, {}, {}).value(), merged.value());

        // A signature after the DSS: both valid.
        const PdfSignResult two = sign(merged.value(), request());
        report = pdfsig(two.pdf, u"dss-two.pdf"_s);
        QVERIFY2(count(report, u"Signature is Valid"_s) == 2, qPrintable(report));
        QCOMPARE(readPdfDss(two.pdf)->certs.size(), 2);
    }

    /// The text of page 1 as Poppler extracts it (annotation appearances included), spaces removed, so the
    /// order of words along a line can be checked whatever the spacing.
    static QString compactText(const QByteArray &pdf)
    {
        std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(pdf);
        if (!doc)
            return {};
        std::unique_ptr<Poppler::Page> page = doc->page(0);
        QString text = page ? page->text(QRectF()) : QString();
        text.remove(QRegularExpression(u"\\s"_s));
        return text;
    }

    void issueStampsFillTheBlanksAndKeepThePersonalSignatureValid()
    {
        const QByteArray draft = testing::officialPdf(u"/QĐ-UBND"_s, QDate());
        QVERIFY(!compactText(draft).contains(u"05/QĐ-UBND"_s));
        PdfSignRequest personal = request();
        personal.fieldName = u"ChuKy_CaNhan"_s;
        const PdfSignResult signedDraft = sign(draft, personal);

        QStringList warnings;
        auto stamped = stampIssueDetails(signedDraft.pdf, 5, QDate(2027, 1, 3), &warnings);
        QVERIFY2(stamped, qPrintable(stamped ? QString() : stamped.error().english()));
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u"; "_s)));
        QVERIFY(stamped->startsWith(signedDraft.pdf));
        // Decree 30 leading zeros: number 05, day 03, month 01; the year written after "năm".
        const QString text = compactText(stamped.value());
        QVERIFY2(text.contains(u"Số:05/QĐ-UBND"_s), qPrintable(text));
        QVERIFY2(text.contains(u"ngày03tháng01năm2027"_s), qPrintable(text));
        // The body's own date is left alone.
        QVERIFY2(text.contains(u"ngày05tháng3năm2020"_s), qPrintable(text));

        // The personal signature is still valid; the change it reports is the issue stamp only.
        auto entries = readPdfSignatures(stamped.value());
        QVERIFY(entries);
        QCOMPARE(entries->size(), 1);
        QVERIFY(entries->first().appendedOnlySignaturesOrDss);
        QVERIFY2(entries->first().appendedChanges.join(u"; "_s).contains(u"number and issue date"_s),
                 qPrintable(entries->first().appendedChanges.join(u"; "_s)));
        qpdfCheckPasses(stamped.value(), u"stamped.pdf"_s);

        // The organisation signs over the stamped document: pdfsig finds both signatures valid.
        PdfSignRequest organisation = request(u"Phát hành"_s);
        organisation.fieldName = u"ChuKy_CoQuan"_s;
        const PdfSignResult issued = sign(stamped.value(), organisation);
        const QString report = pdfsig(issued.pdf, u"issued.pdf"_s);
        QVERIFY2(count(report, u"Signature is Valid"_s) == 2, qPrintable(report));
        QVERIFY(compactText(issued.pdf).contains(u"Số:05/QĐ-UBND"_s));
        // Stamping again with the same number and date finds them written and adds nothing.
        auto again = planIssueStamps(issued.pdf, 5, QDate(2027, 1, 3));
        QVERIFY2(again, qPrintable(again ? QString() : again.error().english()));
        QVERIFY(again->stamps.isEmpty());
        auto another = planIssueStamps(issued.pdf, 6, QDate(2027, 1, 3));
        QVERIFY(!another);
        QCOMPARE(another.error().code(), u"signing.stamp-filled"_s);

        // A day of two digits and a month past February take no leading zero; numbers from 10 neither.
        auto later = stampIssueDetails(signedDraft.pdf, 125, QDate(2026, 11, 27));
        QVERIFY(later);
        QVERIFY(compactText(later.value()).contains(u"Số:125/QĐ-UBND"_s));
        QVERIFY(compactText(later.value()).contains(u"ngày27tháng11năm2026"_s));
    }

    void otherAnnotationsAfterASignatureStillCount()
    {
        const PdfSignResult signedDraft = sign(testing::officialPdf(u"/QĐ-UBND"_s, QDate()), request());
        PdfTextStamp note;
        note.rect = QRectF(100, 700, 60, 16);
        note.text = u"5"_s;
        note.name = u"Ghi chú"_s; // not an issue stamp
        PdfTextStamp amount = note;
        amount.name = QString::fromLatin1(kIssueStampPrefix) + u"So"_s;
        amount.text = u"5.000.000 đồng"_s; // not digits only
        PdfTextStamp low = note;
        low.name = amount.name;
        low.rect = QRectF(100, 120, 30, 16); // in the lower half, where the body and signatures are
        for (const PdfTextStamp &stamp : {note, amount, low}) {
            auto changed = appendTextStamps(signedDraft.pdf, {stamp});
            QVERIFY(changed);
            auto entries = readPdfSignatures(changed.value());
            QVERIFY(entries);
            QVERIFY2(!entries->first().appendedOnlySignaturesOrDss, qPrintable(stamp.text));
            QVERIFY(entries->first().appendedChanges.join(u"; "_s).contains(u"annotation on page 1"_s));
        }
    }

    void issueStampsRefuseFilledOrMissingBlanks()
    {
        // Already numbered and dated with the same values: nothing to write.
        const QByteArray numbered = testing::officialPdf(u"12/QĐ-UBND"_s, QDate(2026, 3, 15));
        auto same = planIssueStamps(numbered, 12, QDate(2026, 3, 15));
        QVERIFY(same);
        QVERIFY(same->stamps.isEmpty());
        auto other = planIssueStamps(numbered, 13, QDate(2026, 3, 15));
        QVERIFY(!other);
        QCOMPARE(other.error().code(), u"signing.stamp-filled"_s);
        auto otherDay = planIssueStamps(numbered, 12, QDate(2026, 3, 16));
        QVERIFY(!otherDay);
        QCOMPARE(otherDay.error().code(), u"signing.stamp-filled"_s);
        // No template blanks at all.
        auto none = planIssueStamps(a4Pdf({{{QPointF(72, 100), u"Một trang không có chỗ ghi số"_s}}}), 1,
                                    QDate(2026, 3, 15));
        QVERIFY(!none);
        QCOMPARE(none.error().code(), u"signing.stamp-number-place"_s);
        // Not a PDF.
        auto broken = stampIssueDetails("%PDF-1.7 broken", 1, QDate(2026, 3, 15));
        QVERIFY(!broken);
    }
};

QTEST_MAIN(TestPdfSigner)
#include "tst_pdfsigner.moc"
