#include "signing/PdfVerifier.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimeZone>

namespace govdesk::signing {

using core::Error;
using core::Result;

QString isoVietnamTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Ho_Chi_Minh"))).toString(Qt::ISODate);
}

QString checkStateKey(CheckState s)
{
    switch (s) {
    case CheckState::Passed:
        return QStringLiteral("passed");
    case CheckState::Failed:
        return QStringLiteral("failed");
    case CheckState::Unknown:
        return QStringLiteral("unknown");
    case CheckState::NotChecked:
        break;
    }
    return QStringLiteral("not-checked");
}

QJsonObject SignatureReport::toJson() const
{
    QJsonArray reasonList;
    for (const Reason &r : reasons)
        reasonList.append(QJsonObject{
            {QStringLiteral("code"), r.code}, {QStringLiteral("vi"), r.vi}, {QStringLiteral("en"), r.en}});
    QJsonArray chain;
    for (const CertificateInfo &c : cms.chain)
        chain.append(QJsonObject{{QStringLiteral("subject"), c.subjectDn},
                                 {QStringLiteral("issuer"), c.issuerDn},
                                 {QStringLiteral("serial"), c.serialHex},
                                 {QStringLiteral("notBefore"), isoVietnamTime(c.notBefore)},
                                 {QStringLiteral("notAfter"), isoVietnamTime(c.notAfter)},
                                 {QStringLiteral("sha256"), c.sha256Hex}});
    QJsonArray byteRange;
    for (qint64 v : entry.byteRange)
        byteRange.append(double(v));
    return QJsonObject{
        {QStringLiteral("field"), entry.fieldName},
        {QStringLiteral("revision"), entry.revision},
        {QStringLiteral("page"), entry.pageIndex >= 0 ? QJsonValue(entry.pageIndex + 1) : QJsonValue()},
        {QStringLiteral("subFilter"), QString::fromLatin1(entry.subFilter)},
        {QStringLiteral("profile"), cms.subFilterProfile},
        {QStringLiteral("signer"),
         cms.signer.subjectCommonName.isEmpty() ? entry.name : cms.signer.subjectCommonName},
        {QStringLiteral("signerOrganization"), cms.signer.subjectOrganization},
        {QStringLiteral("signerTitle"), cms.signer.subjectTitle},
        {QStringLiteral("issuer"), cms.signer.issuerCommonName},
        {QStringLiteral("certificateSerial"), cms.signer.serialHex},
        {QStringLiteral("signingTime"), isoVietnamTime(cms.signingTime)},
        {QStringLiteral("signingTimeSource"), cms.signingTimeSource},
        {QStringLiteral("signingTimeSuspect"), cms.signingTimeSuspect},
        {QStringLiteral("claimedTime"), isoVietnamTime(entry.claimedTime)},
        {QStringLiteral("timestamp"), cms.hasTimestamp ? checkStateKey(cms.timestamp) : QJsonValue()},
        {QStringLiteral("integrity"), checkStateKey(cms.integrity)},
        {QStringLiteral("chain"), checkStateKey(cms.chainState)},
        {QStringLiteral("certificates"), chain},
        {QStringLiteral("revocation"), checkStateKey(cms.revocation)},
        {QStringLiteral("revocationSource"), cms.revocationSource},
        {QStringLiteral("coversWholeDocument"), entry.coversWholeDocument},
        {QStringLiteral("appendedChanges"), QJsonArray::fromStringList(entry.appendedChanges)},
        {QStringLiteral("byteRange"), byteRange},
        {QStringLiteral("verdict"), verdictKey(verdict)},
        {QStringLiteral("verdictText"), verdictText(verdict)},
        {QStringLiteral("reasons"), reasonList},
    };
}

QString SignatureReport::describe() const
{
    const QString who = cms.signer.subjectCommonName.isEmpty() ? entry.name : cms.signer.holderSummary();
    QString text = QCoreApplication::translate("Signing", "Signature %1 (%2) — %3: %4")
                       .arg(entry.revision)
                       .arg(entry.fieldName, who, verdictText(verdict));
    if (cms.signingTime.isValid())
        text += QLatin1Char('\n') +
                QCoreApplication::translate("Signing", "  Signed at %1 (%2)")
                    .arg(isoVietnamTime(cms.signingTime),
                         cms.signingTimeSource == QLatin1String("timestamp")
                             ? QCoreApplication::translate("Signing", "timestamp")
                             : QCoreApplication::translate("Signing", "claimed by the signer"));
    text += QLatin1Char('\n') + (entry.coversWholeDocument
                                     ? QCoreApplication::translate("Signing", "  Covers the whole document")
                                     : QCoreApplication::translate("Signing", "  Added after it: %1")
                                           .arg(entry.appendedChanges.join(QStringLiteral("; "))));
    for (const Reason &r : reasons)
        text += QStringLiteral("\n  - ") + r.vi;
    return text;
}

bool PdfVerification::allValid() const
{
    if (signatures.isEmpty())
        return false;
    for (const SignatureReport &s : signatures)
        if (s.verdict != Verdict::Valid)
            return false;
    return true;
}

Verdict PdfVerification::overall() const
{
    if (signatures.isEmpty())
        return Verdict::Indeterminate;
    Verdict v = Verdict::Valid;
    for (const SignatureReport &s : signatures) {
        if (s.verdict == Verdict::Invalid)
            return Verdict::Invalid;
        if (s.verdict == Verdict::Indeterminate)
            v = Verdict::Indeterminate;
    }
    return v;
}

QJsonArray PdfVerification::toJson() const
{
    QJsonArray a;
    for (const SignatureReport &s : signatures)
        a.append(s.toJson());
    return a;
}

Result<PdfVerification> verifyPdf(const QByteArray &pdf, const PdfVerifyOptions &options)
{
    auto entries = readPdfSignatures(pdf);
    if (!entries)
        return entries.error();
    PdfDss dss;
    if (auto d = readPdfDss(pdf))
        dss = d.value();

    PdfVerification result;
    for (const PdfSignatureEntry &e : entries.value()) {
        SignatureReport report;
        report.entry = e;
        if (!e.byteRangeValid || e.cms.isEmpty()) {
            report.cms.integrity = CheckState::Failed;
            report.verdict = Verdict::Invalid;
            report.reasons << makeReason(
                "signature.byte-range",
                QT_TRANSLATE_NOOP("Signing", "The signature's byte range does not cover the file "
                                             "except the signature itself: the file was altered"));
            result.signatures << report;
            continue;
        }
        CmsVerifyOptions o;
        o.trust = options.trust;
        o.online = options.online;
        o.timeoutMs = options.timeoutMs;
        o.embedded.ocspResponses = dss.ocspResponses;
        o.embedded.crls = dss.crls;
        o.extraCertificates = dss.certs;
        o.claimedSigningTime = e.claimedTime;
        report.cms = verifyCms(e.cms, signedBytes(pdf, e), o);
        report.verdict = report.cms.verdict;
        report.reasons = report.cms.reasons;
        if (!e.coversWholeDocument && !e.appendedOnlySignaturesOrDss) {
            report.reasons << makeReason(
                "signature.modified-after",
                QT_TRANSLATE_NOOP("Signing", "The document was changed after this signature: %1"),
                {e.appendedChanges.join(QStringLiteral("; "))});
            if (report.verdict == Verdict::Valid)
                report.verdict = Verdict::Indeterminate;
        }
        result.signatures << report;
    }
    return result;
}

Result<QByteArray> readPdfFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return GOVDESK_ERROR("signing.file-unreadable",
                             QT_TRANSLATE_NOOP("Signing", "Cannot read the file %1: %2"), path,
                             f.errorString());
    if (f.size() > kMaxPdfFileSize)
        return GOVDESK_ERROR(
            "signing.file-too-large",
            QT_TRANSLATE_NOOP("Signing", "The file %1 is %2 MB; files over %3 MB are not signed or verified "
                                         "here: split the document or reduce its scans"),
            path, QString::number(f.size() / (1024 * 1024)),
            QString::number(kMaxPdfFileSize / (1024 * 1024)));
    QByteArray data = f.readAll();
    if (data.size() != f.size())
        return GOVDESK_ERROR("signing.file-unreadable",
                             QT_TRANSLATE_NOOP("Signing", "Cannot read the file %1: %2"), path,
                             f.errorString());
    return data;
}

Result<PdfVerification> verifyPdfFile(const QString &path, const PdfVerifyOptions &options)
{
    auto data = readPdfFile(path);
    if (!data)
        return data.error();
    return verifyPdf(data.value(), options);
}

} // namespace govdesk::signing
