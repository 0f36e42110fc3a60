#include "Cades.h"

#include "Der.h"
#include "Http_p.h"
#include "OpenSsl_p.h"

#include <openssl/ec.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

namespace govdesk::signing {

using core::Error;
using core::Result;
using namespace ossl;

namespace {

constexpr const char *kOidData = "1.2.840.113549.1.7.1";
constexpr const char *kOidSignedData = "1.2.840.113549.1.7.2";
constexpr const char *kOidContentType = "1.2.840.113549.1.9.3";
constexpr const char *kOidMessageDigest = "1.2.840.113549.1.9.4";
constexpr const char *kOidSigningTime = "1.2.840.113549.1.9.5";
constexpr const char *kOidSigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
constexpr const char *kOidSignatureTimeStampToken = "1.2.840.113549.1.9.16.2.14";
constexpr const char *kOidSha256 = "2.16.840.1.101.3.4.2.1";
constexpr const char *kOidRsaEncryption = "1.2.840.113549.1.1.1";
constexpr const char *kOidEcdsaWithSha256 = "1.2.840.10045.4.3.2";

QByteArray timeDer(const QDateTime &t)
{
    const QDateTime u = t.toUTC();
    if (u.date().year() >= 1950 && u.date().year() < 2050)
        return der::tlv(der::UtcTime, u.toString(QStringLiteral("yyMMddHHmmss")).toLatin1() + 'Z');
    return der::tlv(der::GeneralizedTime, u.toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() + 'Z');
}

/// ECDSA signatures from tokens come as r||s; CMS wants the DER SEQUENCE { r, s }.
QByteArray ecdsaToDer(const QByteArray &sig)
{
    const unsigned char *p = reinterpret_cast<const unsigned char *>(sig.constData());
    if (ECDSA_SIG *s = d2i_ECDSA_SIG(nullptr, &p, sig.size())) {
        const bool whole = p == reinterpret_cast<const unsigned char *>(sig.constData()) + sig.size();
        ECDSA_SIG_free(s);
        if (whole)
            return sig;
    }
    ERR_clear_error();
    if (sig.isEmpty() || sig.size() % 2)
        return {};
    const qsizetype half = sig.size() / 2;
    return der::sequence({der::unsignedInteger(sig.left(half)), der::unsignedInteger(sig.mid(half))});
}

Error tsaHttpError(const QUrl &url, const http::Reply &r, int timeoutMs)
{
    const QString u = url.toDisplayString();
    switch (r.failure) {
    case http::Reply::Timeout:
        return GOVDESK_ERROR("signing.tsa-failed",
                             QT_TRANSLATE_NOOP("Signing", "The timestamp server %1 did not answer within %2 "
                                                          "seconds. Try again later or check the network."),
                             u, QString::number(qMax(1, timeoutMs / 1000)));
    case http::Reply::HttpStatus:
        return GOVDESK_ERROR("signing.tsa-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The timestamp server %1 answered with HTTP status %2 "
                                               "instead of a timestamp."),
                             u, QString::number(r.status));
    case http::Reply::TooLarge:
        return GOVDESK_ERROR("signing.tsa-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The timestamp server %1 sent an unexpectedly large "
                                               "answer; it was not used."),
                             u);
    default:
        return GOVDESK_ERROR("signing.tsa-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The timestamp server %1 could not be reached (%2). "
                                               "Check the network connection and the server address."),
                             u, r.detail);
    }
}

QString statusText(const TS_STATUS_INFO *info)
{
    QStringList parts;
    const STACK_OF(ASN1_UTF8STRING) *texts = TS_STATUS_INFO_get0_text(info);
    for (int i = 0; texts && i < sk_ASN1_UTF8STRING_num(texts); ++i) {
        const ASN1_UTF8STRING *s = sk_ASN1_UTF8STRING_value(texts, i);
        parts << QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)),
                                   ASN1_STRING_length(s));
    }
    return parts.isEmpty() ? QStringLiteral("-") : parts.join(QStringLiteral("; "));
}

} // namespace

Result<QByteArray> requestTimestampToken(const QUrl &tsaUrl, const QByteArray &sha256Imprint, int timeoutMs)
{
    const QString u = tsaUrl.toDisplayString();
    if (!tsaUrl.isValid() || (tsaUrl.scheme() != u"http" && tsaUrl.scheme() != u"https"))
        return GOVDESK_ERROR("signing.tsa-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The timestamp server address \"%1\" is not a valid "
                                               "http or https address."),
                             u);
    if (sha256Imprint.size() != 32)
        return GOVDESK_ERROR("signing.tsa-failed",
                             QT_TRANSLATE_NOOP("Signing", "A timestamp can only be requested for a SHA-256 "
                                                          "digest (32 bytes)."));
    ERR_clear_error();
    TsReqPtr req{TS_REQ_new()};
    TS_REQ_set_version(req.get(), 1);
    {
        Ptr<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free> mi{TS_MSG_IMPRINT_new()};
        Ptr<X509_ALGOR, X509_ALGOR_free> alg{X509_ALGOR_new()};
        X509_ALGOR_set0(alg.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
        TS_MSG_IMPRINT_set_algo(mi.get(), alg.get());
        TS_MSG_IMPRINT_set_msg(
            mi.get(), reinterpret_cast<unsigned char *>(const_cast<char *>(sha256Imprint.constData())),
            int(sha256Imprint.size()));
        TS_REQ_set_msg_imprint(req.get(), mi.get());
    }
    unsigned char nonceBytes[8];
    RAND_bytes(nonceBytes, sizeof nonceBytes);
    nonceBytes[0] &= 0x7f;
    BignumPtr nonceBn{BN_bin2bn(nonceBytes, sizeof nonceBytes, nullptr)};
    AsnIntegerPtr nonce{BN_to_ASN1_INTEGER(nonceBn.get(), nullptr)};
    TS_REQ_set_nonce(req.get(), nonce.get());
    TS_REQ_set_cert_req(req.get(), 1);
    const QByteArray query = toDer<TS_REQ, i2d_TS_REQ>(req.get());

    const http::Reply reply =
        http::exchange(tsaUrl, query, "application/timestamp-query", timeoutMs, 1024 * 1024);
    if (!reply.ok())
        return tsaHttpError(tsaUrl, reply, timeoutMs);

    const unsigned char *p = reinterpret_cast<const unsigned char *>(reply.body.constData());
    TsRespPtr resp{d2i_TS_RESP(nullptr, &p, reply.body.size())};
    ERR_clear_error();
    if (!resp)
        return GOVDESK_ERROR("signing.tsa-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The timestamp server %1 sent an answer that is not an "
                                               "RFC 3161 timestamp response."),
                             u);
    const TS_STATUS_INFO *status = TS_RESP_get_status_info(resp.get());
    const long code = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status));
    if (code != 0 && code != 1)
        return GOVDESK_ERROR("signing.tsa-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The timestamp server %1 rejected the request (status "
                                               "%2: %3)."),
                             u, QString::number(code), statusText(status));
    TS_TST_INFO *info = TS_RESP_get_tst_info(resp.get());
    PKCS7 *token = TS_RESP_get_token(resp.get());
    if (!info || !token)
        return GOVDESK_ERROR("signing.tsa-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The timestamp server %1 granted the request but sent "
                                               "no timestamp token."),
                             u);
    const ASN1_INTEGER *gotNonce = TS_TST_INFO_get_nonce(info);
    const TS_MSG_IMPRINT *gotImprint = TS_TST_INFO_get_msg_imprint(info);
    const ASN1_OCTET_STRING *gotDigest =
        gotImprint ? TS_MSG_IMPRINT_get_msg(const_cast<TS_MSG_IMPRINT *>(gotImprint)) : nullptr;
    const QByteArray gotBytes =
        gotDigest ? QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(gotDigest)),
                               ASN1_STRING_length(gotDigest))
                  : QByteArray();
    if (!gotNonce || ASN1_INTEGER_cmp(gotNonce, nonce.get()) != 0 || gotBytes != sha256Imprint)
        return GOVDESK_ERROR("signing.tsa-failed",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The timestamp from %1 does not match the request (wrong "
                                               "nonce or digest); it was not used."),
                             u);
    return toDer<PKCS7, i2d_PKCS7>(token);
}

Result<QByteArray> buildCadesSignature(const CadesSignRequest &request, const DigestSigner &sign,
                                       const QUrl &tsaUrl, int timeoutMs)
{
    if (request.contentSha256.size() != 32)
        return GOVDESK_ERROR(
            "signing.bad-digest",
            QT_TRANSLATE_NOOP("Signing", "The document digest must be a SHA-256 value (32 bytes)."));
    if (!sign)
        return GOVDESK_ERROR("signing.no-signer",
                             QT_TRANSLATE_NOOP("Signing", "No signing key was given for the signature."));
    ERR_clear_error();
    X509Ptr cert = x509FromDer(request.signerCertDer);
    if (!cert)
        return GOVDESK_ERROR(
            "signing.cert-invalid",
            QT_TRANSLATE_NOOP("Signing", "The signer certificate is not a valid X.509 certificate."));
    const EVP_PKEY *pub = X509_get0_pubkey(cert.get());
    const int keyType = pub ? EVP_PKEY_get_base_id(pub) : 0;
    if (keyType != EVP_PKEY_RSA && keyType != EVP_PKEY_EC)
        return GOVDESK_ERROR("signing.key-unsupported",
                             QT_TRANSLATE_NOOP("Signing",
                                               "Only RSA and elliptic-curve (ECDSA) keys can sign; the "
                                               "certificate holds a %1 key."),
                             pub ? QString::fromLatin1(EVP_PKEY_get0_type_name(pub)) : QStringLiteral("?"));

    const QByteArray issuerName = toDer<X509_NAME, i2d_X509_NAME>(X509_get_issuer_name(cert.get()));
    const QByteArray serial = toDer<ASN1_INTEGER, i2d_ASN1_INTEGER>(X509_get0_serialNumber(cert.get()));

    // ESS signing-certificate-v2 (RFC 5035): SHA-256 (the default, so omitted) of the certificate and its
    // IssuerSerial { GeneralNames { directoryName [4] issuer }, serial }.
    const QByteArray issuerSerial = der::sequence({der::sequence({der::tlv(0xA4, issuerName)}), serial});
    const QByteArray essCertId =
        der::sequence({der::octetString(sha256(request.signerCertDer)), issuerSerial});
    const QByteArray signingCertificateV2 = der::sequence({der::sequence({essCertId})});

    QList<QByteArray> attributes = {
        der::attribute(kOidContentType, {der::oid(kOidData)}),
        der::attribute(kOidMessageDigest, {der::octetString(request.contentSha256)}),
        der::attribute(kOidSigningCertificateV2, {signingCertificateV2}),
    };
    if (request.cmsSigningTime.isValid())
        attributes << der::attribute(kOidSigningTime, {timeDer(request.cmsSigningTime)});
    const QByteArray signedAttributes = der::setOf(attributes); // what is signed: the SET OF encoding
    const QByteArray toSign = sha256(signedAttributes);

    Result<QByteArray> signed_ = sign(toSign);
    if (!signed_)
        return signed_.error();
    QByteArray signature = signed_.value();
    if (keyType == EVP_PKEY_EC)
        signature = ecdsaToDer(signature);
    if (signature.isEmpty())
        return GOVDESK_ERROR(
            "signing.key-mismatch",
            QT_TRANSLATE_NOOP("Signing", "The token returned an empty or malformed signature."));

    {
        EvpPkeyCtxPtr ctx{EVP_PKEY_CTX_new(const_cast<EVP_PKEY *>(pub), nullptr)};
        bool good = ctx && EVP_PKEY_verify_init(ctx.get()) == 1;
        if (good && keyType == EVP_PKEY_RSA)
            good = EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) == 1;
        if (good)
            good = EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256()) == 1;
        good =
            good && EVP_PKEY_verify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                                    size_t(signature.size()),
                                    reinterpret_cast<const unsigned char *>(toSign.constData()),
                                    size_t(toSign.size())) == 1;
        ERR_clear_error();
        if (!good)
            return GOVDESK_ERROR("signing.key-mismatch",
                                 QT_TRANSLATE_NOOP("Signing",
                                                   "The signature made by the token does not match the "
                                                   "certificate: the key used does not belong to this "
                                                   "certificate."));
    }

    const QByteArray signatureAlgorithm = keyType == EVP_PKEY_RSA ? der::algorithm(kOidRsaEncryption, true)
                                                                  : der::algorithm(kOidEcdsaWithSha256);
    QList<QByteArray> signerInfoItems = {
        der::integer(1),
        der::sequence({issuerName, serial}),
        der::algorithm(kOidSha256),
        der::implicitConstructed(0, signedAttributes),
        signatureAlgorithm,
        der::octetString(signature),
    };
    if (tsaUrl.isValid() && !tsaUrl.isEmpty()) {
        auto token = requestTimestampToken(tsaUrl, sha256(signature), timeoutMs);
        if (!token)
            return token.error();
        signerInfoItems << der::implicitConstructed(
            1, der::setOf({der::attribute(kOidSignatureTimeStampToken, {token.value()})}));
    }

    // The signer first, then the chain without duplicates (readers that take the first certificate exist).
    QList<QByteArray> certificates = {request.signerCertDer};
    for (const QByteArray &c : request.chainDer)
        if (!c.isEmpty() && !certificates.contains(c))
            certificates << c;
    QByteArray certificateSet;
    for (const QByteArray &c : certificates)
        certificateSet += c;

    const QByteArray signedData = der::sequence({
        der::integer(1),
        der::setOf({der::algorithm(kOidSha256)}),
        der::sequence({der::oid(kOidData)}),
        der::tlv(0xA0, certificateSet),
        der::setOf({der::sequence(signerInfoItems)}),
    });
    const QByteArray contentInfo = der::sequence({der::oid(kOidSignedData), der::explicitTag(0, signedData)});

    const unsigned char *p = reinterpret_cast<const unsigned char *>(contentInfo.constData());
    CmsPtr check{d2i_CMS_ContentInfo(nullptr, &p, contentInfo.size())};
    ERR_clear_error();
    if (!check)
        return GOVDESK_ERROR("signing.cms-encoding",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The signature could not be encoded (internal error in "
                                               "the CMS writer)."));
    return contentInfo;
}

} // namespace govdesk::signing
