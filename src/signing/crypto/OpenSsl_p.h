#pragma once

// Private to the crypto layer's .cpp files: OpenSSL ownership helpers and conversions to Qt types. Never
// include from a public header.

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace govdesk::signing::ossl {

template<typename T, void (*F)(T *)> struct Deleter
{
    void operator()(T *p) const { F(p); }
};
template<typename T, void (*F)(T *)> using Ptr = std::unique_ptr<T, Deleter<T, F>>;

using X509Ptr = Ptr<X509, X509_free>;
using X509CrlPtr = Ptr<X509_CRL, X509_CRL_free>;
using X509StorePtr = Ptr<X509_STORE, X509_STORE_free>;
using X509StoreCtxPtr = Ptr<X509_STORE_CTX, X509_STORE_CTX_free>;
using EvpPkeyPtr = Ptr<EVP_PKEY, EVP_PKEY_free>;
using EvpPkeyCtxPtr = Ptr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using EvpMdCtxPtr = Ptr<EVP_MD_CTX, EVP_MD_CTX_free>;
using BioPtr = Ptr<BIO, BIO_free_all>;
using CmsPtr = Ptr<CMS_ContentInfo, CMS_ContentInfo_free>;
using Pkcs7Ptr = Ptr<PKCS7, PKCS7_free>;
using TsReqPtr = Ptr<TS_REQ, TS_REQ_free>;
using TsRespPtr = Ptr<TS_RESP, TS_RESP_free>;
using TstInfoPtr = Ptr<TS_TST_INFO, TS_TST_INFO_free>;
using OcspReqPtr = Ptr<OCSP_REQUEST, OCSP_REQUEST_free>;
using OcspRespPtr = Ptr<OCSP_RESPONSE, OCSP_RESPONSE_free>;
using OcspBasicPtr = Ptr<OCSP_BASICRESP, OCSP_BASICRESP_free>;
using OcspCertIdPtr = Ptr<OCSP_CERTID, OCSP_CERTID_free>;
using AsnIntegerPtr = Ptr<ASN1_INTEGER, ASN1_INTEGER_free>;
using BignumPtr = Ptr<BIGNUM, BN_free>;

inline void freeX509Stack(STACK_OF(X509) * s)
{
    OSSL_STACK_OF_X509_free(s);
}
using X509StackPtr = Ptr<STACK_OF(X509), freeX509Stack>;

inline X509Ptr x509FromDer(const QByteArray &der)
{
    const unsigned char *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509 *x = d2i_X509(nullptr, &p, der.size());
    if (x && p != reinterpret_cast<const unsigned char *>(der.constData()) + der.size()) {
        X509_free(x); // trailing bytes: not one certificate
        x = nullptr;
    }
    return X509Ptr(x);
}

template<typename T, int (*I2D)(const T *, unsigned char **)> QByteArray toDer(const T *obj)
{
    if (!obj)
        return {};
    const int n = I2D(obj, nullptr);
    if (n <= 0)
        return {};
    QByteArray out(n, Qt::Uninitialized);
    unsigned char *p = reinterpret_cast<unsigned char *>(out.data());
    I2D(obj, &p);
    return out;
}

inline QByteArray x509ToDer(const X509 *x)
{
    return toDer<X509, i2d_X509>(x);
}

inline QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? QByteArray(data, n) : QByteArray();
}

inline BioPtr memBio(const QByteArray &bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
}

inline QDateTime fromAsn1Time(const ASN1_TIME *t)
{
    if (!t)
        return {};
    struct tm tm = {};
    if (ASN1_TIME_to_tm(t, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), QTimeZone::UTC);
}

inline QDateTime fromGeneralizedTime(const ASN1_GENERALIZEDTIME *t)
{
    return fromAsn1Time(t);
}

/// The last OpenSSL error queue entries as one English line (for diagnostics), clearing the queue.
inline QString lastError()
{
    QString out;
    unsigned long e;
    while ((e = ERR_get_error()) != 0) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        if (!out.isEmpty())
            out += QStringLiteral("; ");
        out += QString::fromLatin1(buf);
    }
    return out;
}

inline QByteArray sha256(const QByteArray &data)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(data.constData(), size_t(data.size()), md, &n, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(md), int(n));
}

inline QString asn1ObjectText(const ASN1_OBJECT *o)
{
    char buf[128];
    const int n = OBJ_obj2txt(buf, sizeof buf, o, 1);
    return n > 0 ? QString::fromLatin1(buf, qMin(n, int(sizeof buf) - 1)) : QString();
}

} // namespace govdesk::signing::ossl
