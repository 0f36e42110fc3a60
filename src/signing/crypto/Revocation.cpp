#include "Revocation.h"

#include "Http_p.h"
#include "OpenSsl_p.h"

#include <openssl/pem.h>

namespace govdesk::signing {

using core::Error;
using core::Result;
using namespace ossl;

namespace {

/// Some older certificates carry the internal responder address; the public one answers for them.
QUrl ocspUrl(const QString &text)
{
    QUrl url(text);
    if (url.host().compare(u"ocsp.ca.ptc", Qt::CaseInsensitive) == 0)
        url.setHost(QStringLiteral("ocsp.ca.gov.vn"));
    return url;
}

Error ocspHttpError(const QUrl &url, const http::Reply &r, int timeoutMs)
{
    const QString u = url.toDisplayString();
    switch (r.failure) {
    case http::Reply::Timeout:
        return GOVDESK_ERROR("signing.ocsp-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The certificate status service (OCSP) %1 did not answer "
                                               "within %2 seconds."),
                             u, QString::number(qMax(1, timeoutMs / 1000)));
    case http::Reply::HttpStatus:
        return GOVDESK_ERROR("signing.ocsp-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The certificate status service (OCSP) %1 answered with "
                                               "HTTP status %2."),
                             u, QString::number(r.status));
    case http::Reply::TooLarge:
        return GOVDESK_ERROR("signing.ocsp-failed",
                             QT_TRANSLATE_NOOP("Signing", "The certificate status service (OCSP) %1 sent an "
                                                          "unexpectedly large answer."),
                             u);
    default:
        return GOVDESK_ERROR("signing.ocsp-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The certificate status service (OCSP) %1 could not be "
                                               "reached (%2)."),
                             u, r.detail);
    }
}

Error crlHttpError(const QUrl &url, const http::Reply &r, int timeoutMs)
{
    const QString u = url.toDisplayString();
    switch (r.failure) {
    case http::Reply::Timeout:
        return GOVDESK_ERROR("signing.crl-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The revocation list %1 could not be downloaded within %2 "
                                               "seconds."),
                             u, QString::number(qMax(1, timeoutMs / 1000)));
    case http::Reply::HttpStatus:
        return GOVDESK_ERROR("signing.crl-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The server of the revocation list %1 answered with HTTP "
                                               "status %2."),
                             u, QString::number(r.status));
    case http::Reply::TooLarge:
        return GOVDESK_ERROR("signing.crl-failed",
                             QT_TRANSLATE_NOOP("Signing", "The revocation list %1 is too large to download."),
                             u);
    default:
        return GOVDESK_ERROR(
            "signing.crl-failed",
            QT_TRANSLATE_NOOP("Signing", "The revocation list %1 could not be downloaded (%2)."), u,
            r.detail);
    }
}

} // namespace

Result<QByteArray> fetchOcspResponse(const CertificateInfo &cert, const CertificateInfo &issuer,
                                     int timeoutMs)
{
    QUrl url;
    for (const QString &u : cert.ocspUrls) {
        const QUrl candidate = ocspUrl(u);
        if (candidate.scheme() == u"http" || candidate.scheme() == u"https") {
            url = candidate;
            break;
        }
    }
    if (url.isEmpty())
        return GOVDESK_ERROR("signing.ocsp-failed",
                             QT_TRANSLATE_NOOP("Signing", "The certificate of %1 names no certificate status "
                                                          "service (OCSP)."),
                             cert.holderSummary());
    X509Ptr x = x509FromDer(cert.der), ix = x509FromDer(issuer.der);
    if (!x || !ix)
        return GOVDESK_ERROR("signing.ocsp-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The certificate or its issuer could not be read for the "
                                               "status request."));
    ERR_clear_error();
    OcspCertIdPtr id{OCSP_cert_to_id(EVP_sha1(), x.get(), ix.get())};
    OcspReqPtr req{OCSP_REQUEST_new()};
    if (!id || !req || !OCSP_request_add0_id(req.get(), OCSP_CERTID_dup(id.get())) ||
        !OCSP_request_add1_nonce(req.get(), nullptr, -1))
        return GOVDESK_ERROR(
            "signing.ocsp-failed",
            QT_TRANSLATE_NOOP("Signing", "The certificate status request could not be built (%1)."),
            lastError());
    const QByteArray body = toDer<OCSP_REQUEST, i2d_OCSP_REQUEST>(req.get());
    const http::Reply reply = http::exchange(url, body, "application/ocsp-request", timeoutMs, 1024 * 1024);
    if (!reply.ok())
        return ocspHttpError(url, reply, timeoutMs);

    const unsigned char *p = reinterpret_cast<const unsigned char *>(reply.body.constData());
    OcspRespPtr resp{d2i_OCSP_RESPONSE(nullptr, &p, reply.body.size())};
    ERR_clear_error();
    if (!resp)
        return GOVDESK_ERROR("signing.ocsp-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The certificate status service %1 sent an answer that is "
                                               "not an OCSP response."),
                             url.toDisplayString());
    const int status = OCSP_response_status(resp.get());
    if (status != OCSP_RESPONSE_STATUS_SUCCESSFUL)
        return GOVDESK_ERROR("signing.ocsp-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The certificate status service %1 refused to answer "
                                               "(%2)."),
                             url.toDisplayString(), QString::fromLatin1(OCSP_response_status_str(status)));
    OcspBasicPtr basic{OCSP_response_get1_basic(resp.get())};
    int certStatus = -1, reason = -1;
    ASN1_GENERALIZEDTIME *revokedAt = nullptr, *thisUpdate = nullptr, *nextUpdate = nullptr;
    if (!basic || OCSP_check_nonce(req.get(), basic.get()) == 0 ||
        OCSP_resp_find_status(basic.get(), id.get(), &certStatus, &reason, &revokedAt, &thisUpdate,
                              &nextUpdate) != 1) {
        ERR_clear_error();
        return GOVDESK_ERROR("signing.ocsp-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The answer of the certificate status service %1 does not "
                                               "match the request (another certificate or a replayed "
                                               "answer)."),
                             url.toDisplayString());
    }
    return reply.body;
}

Result<QByteArray> fetchCrl(const QUrl &url, int timeoutMs)
{
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https"))
        return GOVDESK_ERROR("signing.crl-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The revocation list address \"%1\" is not an http or "
                                               "https address."),
                             url.toDisplayString());
    const http::Reply reply = http::exchange(url, QByteArray(), QByteArray(), timeoutMs);
    if (!reply.ok())
        return crlHttpError(url, reply, timeoutMs);
    ERR_clear_error();
    X509CrlPtr crl;
    if (reply.body.contains("-----BEGIN")) {
        BioPtr bio = memBio(reply.body);
        crl.reset(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
    } else {
        const unsigned char *p = reinterpret_cast<const unsigned char *>(reply.body.constData());
        crl.reset(d2i_X509_CRL(nullptr, &p, reply.body.size()));
    }
    ERR_clear_error();
    if (!crl)
        return GOVDESK_ERROR("signing.crl-failed",
                             QT_TRANSLATE_NOOP("Signing", "The file downloaded from %1 is not a certificate "
                                                          "revocation list."),
                             url.toDisplayString());
    return toDer<X509_CRL, i2d_X509_CRL>(crl.get());
}

RevocationData collectRevocationData(const QList<CertificateInfo> &chain, QStringList *problems,
                                     int timeoutMs)
{
    RevocationData out;
    QStringList fetchedCrlUrls;
    auto note = [problems](const QString &text) {
        if (problems)
            problems->append(text);
    };
    for (qsizetype i = 0; i < chain.size(); ++i) {
        const CertificateInfo &cert = chain.at(i);
        if (cert.selfSigned)
            continue;
        const CertificateInfo *issuer = i + 1 < chain.size() ? &chain.at(i + 1) : nullptr;
        if (issuer && !cert.ocspUrls.isEmpty()) {
            auto ocsp = fetchOcspResponse(cert, *issuer, timeoutMs);
            if (ocsp) {
                out.ocspResponses << ocsp.value();
                continue;
            }
            note(ocsp.error().text());
        }
        bool gotCrl = false;
        for (const QString &u : cert.crlUrls) {
            if (fetchedCrlUrls.contains(u)) {
                gotCrl = true;
                break;
            }
            auto crl = fetchCrl(QUrl(u), timeoutMs);
            if (crl) {
                out.crls << crl.value();
                fetchedCrlUrls << u;
                gotCrl = true;
                break;
            }
            note(crl.error().text());
        }
        if (!gotCrl)
            note(QCoreApplication::translate("Signing", "No revocation information could be obtained for the "
                                                        "certificate of %1.")
                     .arg(cert.holderSummary()));
    }
    return out;
}

} // namespace govdesk::signing
