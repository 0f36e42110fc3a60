#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace govdesk::signing::testing {

/// One key pair and its certificate, as files (PEM) and the certificate's DER.
struct TestIdentity
{
    QString keyPem, certPem; ///< file paths
    QByteArray certDer;
    QString commonName;
    bool isNull() const { return certDer.isEmpty(); }
};

/// A throwaway PKI shaped like the government one: a root, an issuing CA, personal and organisation
/// certificates with Vietnamese names (UTF8String, plus a BMPString organisation and a TeletexString
/// holding UTF-8), an expired and a revoked certificate, and a TSA; with a CRL, an OCSP index and a TSA
/// configuration for the openssl CLI. AIA and CDP point at `ocspAndCrlBaseUrl` (see LocalPkiServer).
class TestPki
{
public:
    TestPki();
    ~TestPki();

    /// base like "http://127.0.0.1:PORT": OCSP at /ocsp, CRLs at /ca.crl and /root.crl, CA certificates at
    /// /ca.crt and /root.crt. Returns false (see errorString()) when something could not be made.
    bool create(const QString &ocspAndCrlBaseUrl);
    QString errorString() const { return m_error; }

    TestIdentity root() const { return m_root; } ///< "Root CA Thử nghiệm GovDesk"
    TestIdentity issuingCa() const { return m_ca; } ///< "CA phục vụ các cơ quan Nhà nước Thử nghiệm"
    TestIdentity person() const { return m_person; } ///< "Nguyễn Văn An", Phó Chủ tịch, UBND tỉnh Đắk Nông
    TestIdentity organisation() const { return m_org; } ///< "UBND tỉnh Đắk Nông" (organisation certificate)
    TestIdentity expired() const { return m_expired; }         ///< "Trần Thị Bình", expired 30 days ago
    TestIdentity revoked() const { return m_revoked; }         ///< "Lê Văn Cường", revoked yesterday
    TestIdentity tsa() const { return m_tsa; }                 ///< TSA, EKU timeStamping (critical)
    TestIdentity personEc() const { return m_personEc; }       ///< "Phạm Thị Dung", EC P-256 key
    TestIdentity untrustedRoot() const { return m_otherRoot; } ///< a root nobody trusts
    TestIdentity untrustedPerson() const
    {
        return m_otherPerson;
    } ///< "Hoàng Văn Em", issued by untrustedRoot

    QString crlPath() const;     ///< CRL of the issuing CA (DER), lists revoked()
    QString rootCrlPath() const; ///< CRL of the root (DER), empty
    QString ocspIndexPath() const;
    QString tsaConfigPath() const;
    QString dir() const;
    /// When revoked() was revoked (UTC).
    QDateTime revocationTime() const { return m_revokedAt; }

    /// Signs a SHA-256 digest with the identity's software key as a token would: RSA PKCS#1 v1.5 over the
    /// DigestInfo; ECDSA as DER, or as raw r||s when `rawEcdsa`.
    static core::Result<QByteArray> signDigest(const TestIdentity &id, const QByteArray &sha256Digest,
                                               bool rawEcdsa = false);

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_error;
    TestIdentity m_root, m_ca, m_person, m_org, m_expired, m_revoked, m_tsa, m_personEc, m_otherRoot,
        m_otherPerson;
    QDateTime m_revokedAt;
};

} // namespace govdesk::signing::testing
