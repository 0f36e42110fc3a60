#pragma once

#include "core/Result.h"
#include "signing/crypto/CmsVerifier.h"
#include "signing/pdf/PdfSigner.h"

#include <QJsonArray>
#include <QJsonObject>

namespace govdesk::signing {

/// What a reader of a signed PDF needs to know about one signature: the PDF facts (field, page, byte range,
/// what was appended after it) and the cryptographic verdict, with reasons in Vietnamese and English.
struct SignatureReport
{
    PdfSignatureEntry entry;
    CmsVerification cms;
    Verdict verdict = Verdict::Indeterminate;
    QList<Reason> reasons; ///< cms.reasons plus the PDF-level ones

    QJsonObject toJson() const;
    /// One translated paragraph for the CLI and tooltips: "Chữ ký 1 — Nguyễn Văn An: Hợp lệ …".
    QString describe() const;
};

struct PdfVerifyOptions
{
    const TrustStore *trust = nullptr;
    bool online = false; ///< fetch OCSP/CRL when nothing is embedded
    int timeoutMs = 10000;
};

struct PdfVerification
{
    QList<SignatureReport> signatures;
    bool allValid() const; ///< true only when there is at least one signature and every one is valid
    Verdict overall() const;
    QJsonArray toJson() const;
};

/// Verifies every signature of a PDF: integrity over its byte range and whether later changes were
/// appended, signer, signing time, chain to the trust anchors at signing time and revocation (the
/// document's DSS first, then online when allowed, otherwise said to be unchecked).
core::Result<PdfVerification> verifyPdf(const QByteArray &pdf, const PdfVerifyOptions &options);
core::Result<PdfVerification> verifyPdfFile(const QString &path, const PdfVerifyOptions &options);

/// Reads a PDF to sign or verify, refusing files larger than kMaxPdfFileSize before reading them.
inline constexpr qint64 kMaxPdfFileSize = 512ll * 1024 * 1024;
core::Result<QByteArray> readPdfFile(const QString &path);

QString checkStateKey(CheckState s); ///< "passed" | "failed" | "unknown" | "not-checked"
/// ISO 8601 with the Vietnam offset, e.g. 2026-03-15T14:05:09+07:00 (empty for an invalid time).
QString isoVietnamTime(const QDateTime &time);

} // namespace govdesk::signing
