#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QUrl>

#include <functional>

namespace govdesk::signing {

/// Signs a SHA-256 digest with the signer's private key (on a token): returns, for RSA, the PKCS#1 v1.5
/// signature of the DigestInfo(SHA-256, digest); for EC, the ECDSA signature either DER-encoded or as the raw
/// r||s a PKCS#11 token returns (both are accepted).
using DigestSigner = std::function<core::Result<QByteArray>(const QByteArray &sha256Digest)>;

struct CadesSignRequest
{
    QByteArray contentSha256; ///< SHA-256 of the signed bytes (the PDF byte range)
    QByteArray signerCertDer;
    QList<QByteArray> chainDer; ///< intermediates (and optionally the root), added to the certificates
    /// Adds a CMS signing-time attribute. PAdES baseline forbids it (the time goes into the PDF /M), so
    /// GovDesk never sets it when signing; it exists to produce the adbe.pkcs7.detached kind of signature
    /// other software makes, for interoperability tests.
    QDateTime cmsSigningTime;
};

/// Builds a detached CAdES-BES / PAdES B-B CMS SignedData (ETSI.CAdES.detached): signed attributes
/// content-type, message-digest and ESS signing-certificate-v2, no signing-time; the signer certificate and
/// the chain in certificates; SHA-256. The produced signature is checked against the certificate's public
/// key, so a token key that does not belong to the certificate is reported (signing.key-mismatch). When
/// `tsaUrl` is set, an RFC 3161 timestamp over the signature value is requested and added as the unsigned
/// attribute signature-time-stamp (PAdES B-T); failures are signing.tsa-failed.
core::Result<QByteArray> buildCadesSignature(const CadesSignRequest &request, const DigestSigner &sign,
                                             const QUrl &tsaUrl = {}, int timeoutMs = 15000);

/// RFC 3161 request (SHA-256 imprint, random nonce, certReq) posted to `tsaUrl`; the response must be granted
/// and carry our nonce and imprint. Returns the TimeStampToken (a CMS ContentInfo, DER).
core::Result<QByteArray> requestTimestampToken(const QUrl &tsaUrl, const QByteArray &sha256Imprint,
                                               int timeoutMs = 15000);

} // namespace govdesk::signing
