#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace govdesk::signing {

/// What a person or a program needs to know about one X.509 certificate, decoded once. Names are Unicode
/// (Vietnamese in UTF8String, BMPString or a TeletexString holding UTF-8 all read correctly).
struct CertificateInfo
{
    QByteArray der;
    QString sha256Hex; ///< upper-case hex of SHA-256(DER)
    QString subjectCommonName, subjectOrganization, subjectOrganizationalUnit, subjectTitle, subjectLocality,
        subjectProvince, subjectEmail, subjectUid;
    QString subjectDn, issuerDn; ///< one line, most specific first: "CN=…, O=…, C=VN"
    QString issuerCommonName, issuerOrganization;
    QString serialHex;             ///< upper-case hex
    QDateTime notBefore, notAfter; ///< UTC
    bool isCa = false, selfSigned = false;
    bool hasKeyUsage = false, digitalSignature = false, nonRepudiation = false;
    QStringList extendedKeyUsageOids, ocspUrls, crlUrls, caIssuersUrls;
    QString keyAlgorithm; ///< "RSA", "EC", "Ed25519", …
    int keyBits = 0;

    static core::Result<CertificateInfo> fromDer(const QByteArray &der);
    /// One or many certificates: a PEM bundle, a DER certificate or a PKCS#7 (.p7b, PEM or DER).
    static core::Result<QList<CertificateInfo>> fromPemOrDer(const QByteArray &data);

    /// "Nguyễn Văn An — UBND tỉnh Đắk Nông": the holder and the organisation, for lists and messages.
    QString holderSummary() const;
    bool isNull() const { return der.isEmpty(); }
    bool operator==(const CertificateInfo &other) const { return der == other.der; }
};

/// Refuses a certificate unfit to sign at `at`: expired (signing.cert-expired), not yet valid
/// (signing.cert-not-yet-valid), a CA certificate or one whose key usage excludes document signatures
/// (signing.cert-wrong-usage).
core::Result<void> checkCertificateForSigning(const CertificateInfo &cert, const QDateTime &at);

/// Trust anchors: the government anchors shipped with the application, certificate files from system trust
/// directories accepted only when their fingerprint is pinned (resources/signing/trust/pinned.json), and
/// anything trusted explicitly (an administrator's --trust, tests). Intermediates only help build chains.
class TrustStore
{
public:
    /// The shipped anchors only (RootCA chuyên dùng Chính phủ G2).
    static TrustStore builtIn();
    /// The SHA-256 fingerprints (upper-case hex) of the pinned government anchors.
    static QStringList pinnedFingerprints();

    /// Reads every certificate file in `dir` (and below); accepts only certificates whose fingerprint is
    /// pinned and reports each rejected file in warnings(). Fails only when the folder cannot be read.
    core::Result<void> addPinnedDirectory(const QString &dir);
    /// Trusts every certificate in a file (PEM, DER, .p7b) or in every such file of a folder, as given.
    core::Result<void> addTrusted(const QString &pemOrDerFileOrDir);
    void addTrustedCertificate(const QByteArray &der);
    void addIntermediate(const QByteArray &der);

    QList<CertificateInfo> anchors() const { return m_anchors; }
    QList<CertificateInfo> intermediates() const { return m_intermediates; }
    QStringList warnings() const { return m_warnings; }
    bool isAnchor(const QByteArray &der) const;

private:
    bool addAnchor(const CertificateInfo &info);
    QList<CertificateInfo> m_anchors, m_intermediates;
    QStringList m_warnings;
};

} // namespace govdesk::signing
