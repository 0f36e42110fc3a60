#pragma once

#include "core/Result.h"
#include "signing/crypto/Certificate.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QUrl>

namespace govdesk::signing {

/// Revocation evidence as DER blobs: OCSP responses (OCSPResponse) and CRLs, e.g. for a PDF's DSS.
struct RevocationData
{
    QList<QByteArray> ocspResponses;
    QList<QByteArray> crls;
    bool isEmpty() const { return ocspResponses.isEmpty() && crls.isEmpty(); }
};

/// Asks the certificate's OCSP responder (from its AIA; the internal "ocsp.ca.ptc" is rewritten to
/// ocsp.ca.gov.vn) about `cert`. Returns the DER OCSPResponse, which must be successful and answer for this
/// certificate (good, revoked or unknown: judging it is the verifier's job). Errors: signing.ocsp-failed.
core::Result<QByteArray> fetchOcspResponse(const CertificateInfo &cert, const CertificateInfo &issuer,
                                           int timeoutMs = 10000);

/// Downloads a CRL over http(s) and returns it as DER (PEM is converted). Errors: signing.crl-failed.
core::Result<QByteArray> fetchCrl(const QUrl &url, int timeoutMs = 10000);

/// OCSP (preferred) or else a CRL for every certificate of `chain` (signer first) that is not self-signed,
/// for PAdES B-LT. What could not be obtained is described (translated) in `problems`.
RevocationData collectRevocationData(const QList<CertificateInfo> &chain, QStringList *problems,
                                     int timeoutMs = 10000);

} // namespace govdesk::signing
