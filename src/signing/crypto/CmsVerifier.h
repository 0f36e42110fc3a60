#pragma once

#include "signing/crypto/Cades.h"
#include "signing/crypto/Certificate.h"
#include "signing/crypto/Revocation.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace govdesk::signing {

enum class Verdict
{
    Valid,
    Invalid,
    Indeterminate
}; ///< hợp lệ / không hợp lệ / không xác định
enum class CheckState
{
    Passed,
    Failed,
    Unknown,
    NotChecked
};

/// Why a check failed or could not be made: a stable code ("integrity-digest", "revoked", …), the sentence in
/// the current language (Vietnamese) and its English source.
struct Reason
{
    QString code;
    QString vi;
    QString en;
};

/// A reason from an English source text marked with QT_TRANSLATE_NOOP("Signing", …): Vietnamese through the
/// catalogue, English as written, both with `args` filled in.
Reason makeReason(const char *code, const char *source, const QStringList &args = {});

struct CmsVerifyOptions
{
    const TrustStore *trust = nullptr;
    bool online = false; ///< may fetch OCSP/CRL and missing CA certificates (AIA)
    int timeoutMs = 10000;
    RevocationData embedded;             ///< e.g. from the PDF's DSS, used first
    QList<QByteArray> extraCertificates; ///< e.g. DSS /Certs
    QDateTime claimedSigningTime;        ///< e.g. PDF /M, used when there is no timestamp nor signingTime
};

struct CmsVerification
{
    /// message-digest == digest(content) AND the signature value verifies with the signer certificate.
    CheckState integrity = CheckState::Unknown;
    CertificateInfo signer;
    QList<CertificateInfo> chain; ///< signer first, anchor last when found
    QDateTime signingTime;        ///< UTC
    QString signingTimeSource;    ///< "timestamp" | "cms-signing-time" | "claimed" | ""
    /// The CMS signingTime looks like Vietnam local time labelled UTC: about 7 h (±10 min) after the
    /// timestamp's genTime or, without a timestamp, after the claimed time.
    bool signingTimeSuspect = false;
    bool hasTimestamp = false;
    CheckState timestamp = CheckState::NotChecked; ///< token signature, imprint and TSA chain
    QDateTime timestampTime;                       ///< genTime of the timestamp token, when present
    QString digestAlgorithm;                       ///< "SHA-256", "SHA-1", …
    QString subFilterProfile;                      ///< "CAdES" (ESS signing-certificate present) or "PKCS#7"
    CheckState chainState =
        CheckState::Unknown; ///< chain to an anchor, each certificate valid at signingTime
    CheckState revocation = CheckState::NotChecked; ///< Failed = revoked before the signing time
    QString revocationSource; ///< "embedded-ocsp" | "embedded-crl" | "online-ocsp" | "online-crl" | ""
    /// Revocation evidence fetched online during this verification (to keep with the result / add to a DSS).
    RevocationData fetched;
    Verdict verdict = Verdict::Indeterminate;
    QList<Reason> reasons; ///< every failed or unknown check, and notable facts, in both languages
};

/// Verifies one CMS signature over `signedContent`: integrity, signer, signing time, timestamp, chain to the
/// trust anchors at the signing time and revocation (embedded first, then online when allowed). Never fails:
/// anything wrong is in the verdict and the reasons. Accepts CAdES (ETSI.CAdES.detached) and plain PKCS#7
/// (adbe.pkcs7.detached, with signingTime and without ESS) signatures.
CmsVerification verifyCms(const QByteArray &cmsDer, const QByteArray &signedContent,
                          const CmsVerifyOptions &options);

/// Status of `cert` (issued by `issuer`) at `at` from the OCSP responses (checked first) and CRLs in `data`:
/// Passed when good, Failed when revoked at or before `at`, Unknown when nothing answers for it. `source`
/// gets "ocsp" or "crl". Used before signing, to refuse a revoked certificate.
CheckState checkRevocation(const CertificateInfo &cert, const CertificateInfo &issuer,
                           const RevocationData &data, const TrustStore &trust, const QDateTime &at,
                           QString *source = nullptr);

/// "Hợp lệ" / "Không hợp lệ" / "Không xác định" (translated from "Valid" / "Invalid" / "Indeterminate").
QString verdictText(Verdict v);
/// "valid" | "invalid" | "indeterminate" (JSON).
QString verdictKey(Verdict v);

} // namespace govdesk::signing
