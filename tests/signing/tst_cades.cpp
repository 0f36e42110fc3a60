// CAdES signatures built by our own DER writer, checked independently with OpenSSL's CMS and TS verifiers:
// they verify against the test root, carry exactly the PAdES B-B signed attributes, name the signer
// certificate correctly, get an RFC 3161 timestamp from the local TSA, and report a TSA that is down.
#include "signing/crypto/Cades.h"
#include "support/LocalPkiServer.h"
#include "support/TestPki.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QTest>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/pem.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

using namespace govdesk::signing;
using namespace govdesk::signing::testing;

namespace {

X509 *loadCert(const QByteArray &der)
{
    const unsigned char *p = reinterpret_cast<const unsigned char *>(der.constData());
    return d2i_X509(nullptr, &p, der.size());
}

CMS_ContentInfo *parseCms(const QByteArray &der)
{
    const unsigned char *p = reinterpret_cast<const unsigned char *>(der.constData());
    return d2i_CMS_ContentInfo(nullptr, &p, der.size());
}

/// OpenSSL's own verdict: the detached CMS verifies over `content` with a chain to `root`.
bool opensslVerifies(const QByteArray &cmsDer, const QByteArray &content, const QByteArray &rootDer,
                     QByteArray *why = nullptr)
{
    CMS_ContentInfo *cms = parseCms(cmsDer);
    if (!cms)
        return false;
    X509_STORE *store = X509_STORE_new();
    X509 *root = loadCert(rootDer);
    X509_STORE_add_cert(store, root);
    X509_free(root);
    BIO *in = BIO_new_mem_buf(content.constData(), int(content.size()));
    const bool ok = CMS_verify(cms, nullptr, store, in, nullptr, CMS_BINARY | CMS_DETACHED) == 1;
    if (!ok && why) {
        char buf[256];
        ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
        *why = buf;
    }
    ERR_clear_error();
    BIO_free(in);
    X509_STORE_free(store);
    CMS_ContentInfo_free(cms);
    return ok;
}

QString oidText(const ASN1_OBJECT *o)
{
    char buf[128];
    OBJ_obj2txt(buf, sizeof buf, o, 1);
    return QString::fromLatin1(buf);
}

QByteArray attributeValueDer(X509_ATTRIBUTE *attr)
{
    const ASN1_TYPE *t = X509_ATTRIBUTE_get0_type(attr, 0);
    return QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(t->value.sequence)),
                      ASN1_STRING_length(t->value.sequence));
}

} // namespace

class TestCades : public QObject
{
    Q_OBJECT

    TestPki m_pki;
    LocalPkiServer m_server;
    QByteArray m_content = QByteArrayLiteral("%PDF-1.7 nội dung văn bản cần ký — bytes of the byte range");

    govdesk::core::Result<QByteArray> sign(const TestIdentity &who, const QUrl &tsa = {},
                                           bool rawEcdsa = false, const QDateTime &signingTime = {})
    {
        CadesSignRequest req;
        req.contentSha256 = QCryptographicHash::hash(m_content, QCryptographicHash::Sha256);
        req.signerCertDer = who.certDer;
        req.chainDer = {m_pki.issuingCa().certDer};
        req.cmsSigningTime = signingTime;
        return buildCadesSignature(
            req, [&](const QByteArray &digest) { return TestPki::signDigest(who, digest, rawEcdsa); }, tsa,
            10000);
    }

    QUrl tsaUrl() const { return QUrl(m_server.baseUrl() + QStringLiteral("/tsa")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start(m_pki));
        QVERIFY2(m_pki.create(m_server.baseUrl()), qPrintable(m_pki.errorString()));
    }

    void verifiesWithOpenSsl()
    {
        auto cms = sign(m_pki.person());
        GD_VERIFY_OK(cms);
        QByteArray why;
        QVERIFY2(opensslVerifies(cms.value(), m_content, m_pki.root().certDer, &why), why.constData());
        // Any change of the signed bytes breaks it.
        QByteArray changed = m_content;
        changed[5] = changed[5] ^ 0x01;
        QVERIFY(!opensslVerifies(cms.value(), changed, m_pki.root().certDer));
    }

    void signedAttributesArePadesBaseline()
    {
        auto cms = sign(m_pki.person());
        GD_VERIFY_OK(cms);
        CMS_ContentInfo *ci = parseCms(cms.value());
        QVERIFY(ci);
        QCOMPARE(oidText(CMS_get0_eContentType(ci)), QStringLiteral("1.2.840.113549.1.7.1"));
        QVERIFY(CMS_get0_content(ci) == nullptr || *CMS_get0_content(ci) == nullptr); // detached
        STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(ci);
        QCOMPARE(sk_CMS_SignerInfo_num(sis), 1);
        CMS_SignerInfo *si = sk_CMS_SignerInfo_value(sis, 0);

        QStringList oids;
        for (int i = 0; i < CMS_signed_get_attr_count(si); ++i)
            oids << oidText(X509_ATTRIBUTE_get0_object(CMS_signed_get_attr(si, i)));
        oids.sort();
        QCOMPARE(oids, (QStringList{QStringLiteral("1.2.840.113549.1.9.16.2.47"), // signing-certificate-v2
                                    QStringLiteral("1.2.840.113549.1.9.3"),       // content-type
                                    QStringLiteral("1.2.840.113549.1.9.4")}));    // message-digest
        QCOMPARE(CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1), -1);
        QCOMPARE(CMS_unsigned_get_attr_count(si), -1); // no timestamp asked

        // message-digest is SHA-256 of the content; digest algorithm SHA-256; RSA signature.
        const auto *md = static_cast<ASN1_OCTET_STRING *>(
            CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
        QVERIFY(md);
        QCOMPARE(
            QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(md)), ASN1_STRING_length(md)),
            QCryptographicHash::hash(m_content, QCryptographicHash::Sha256));
        X509_ALGOR *dig = nullptr, *sig = nullptr;
        CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &dig, &sig);
        QCOMPARE(OBJ_obj2nid(dig->algorithm), NID_sha256);
        QVERIFY(OBJ_obj2nid(sig->algorithm) == NID_rsaEncryption ||
                OBJ_obj2nid(sig->algorithm) == NID_sha256WithRSAEncryption);

        // ESS signing-certificate-v2 names the signer certificate: OpenSSL's own check, and the same encoding
        // OpenSSL makes (SHA-256 hash + IssuerSerial).
        X509_ATTRIBUTE *ess = CMS_signed_get_attr(
            si, CMS_signed_get_attr_by_OBJ(si, OBJ_txt2obj("1.2.840.113549.1.9.16.2.47", 1), -1));
        const QByteArray essDer = attributeValueDer(ess);
        const unsigned char *p = reinterpret_cast<const unsigned char *>(essDer.constData());
        ESS_SIGNING_CERT_V2 *v2 = d2i_ESS_SIGNING_CERT_V2(nullptr, &p, essDer.size());
        QVERIFY(v2);
        X509 *signer = loadCert(m_pki.person().certDer);
        X509 *other = loadCert(m_pki.organisation().certDer);
        STACK_OF(X509) *chain = sk_X509_new_null();
        sk_X509_push(chain, signer);
        QCOMPARE(OSSL_ESS_check_signing_certs(nullptr, v2, chain, 1), 1);
        sk_X509_set(chain, 0, other);
        QVERIFY(OSSL_ESS_check_signing_certs(nullptr, v2, chain, 1) != 1);
        ESS_SIGNING_CERT_V2 *reference = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), signer, nullptr, 1);
        unsigned char *refDer = nullptr;
        const int refLen = i2d_ESS_SIGNING_CERT_V2(reference, &refDer);
        QCOMPARE(essDer, QByteArray(reinterpret_cast<const char *>(refDer), refLen));
        OPENSSL_free(refDer);
        ESS_SIGNING_CERT_V2_free(reference);
        ESS_SIGNING_CERT_V2_free(v2);
        sk_X509_free(chain);
        X509_free(signer);
        X509_free(other);
        ERR_clear_error();

        // The certificates: the signer and the issuing CA.
        STACK_OF(X509) *certs = CMS_get1_certs(ci);
        QCOMPARE(sk_X509_num(certs), 2);
        OSSL_STACK_OF_X509_free(certs);
        CMS_ContentInfo_free(ci);
    }

    void timestampFromLocalTsa()
    {
        const int before = m_server.requestCount(QStringLiteral("/tsa"));
        auto cms = sign(m_pki.person(), tsaUrl());
        GD_VERIFY_OK(cms);
        QCOMPARE(m_server.requestCount(QStringLiteral("/tsa")), before + 1);
        QByteArray why;
        QVERIFY2(opensslVerifies(cms.value(), m_content, m_pki.root().certDer, &why), why.constData());

        CMS_ContentInfo *ci = parseCms(cms.value());
        CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(ci), 0);
        const int idx = CMS_unsigned_get_attr_by_OBJ(si, OBJ_txt2obj("1.2.840.113549.1.9.16.2.14", 1), -1);
        QVERIFY2(idx >= 0, "no signature-time-stamp attribute");
        const QByteArray tokenDer = attributeValueDer(CMS_unsigned_get_attr(si, idx));
        const unsigned char *p = reinterpret_cast<const unsigned char *>(tokenDer.constData());
        PKCS7 *token = d2i_PKCS7(nullptr, &p, tokenDer.size());
        QVERIFY(token);

        // OpenSSL's TS verifier: TSA signature chaining to the test root, imprint = SHA-256(signature value).
        const ASN1_OCTET_STRING *sigValue = CMS_SignerInfo_get0_signature(si);
        const QByteArray imprint = QCryptographicHash::hash(
            QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(sigValue)),
                       ASN1_STRING_length(sigValue)),
            QCryptographicHash::Sha256);
        TS_VERIFY_CTX *vctx = TS_VERIFY_CTX_new();
        X509_STORE *store = X509_STORE_new();
        X509 *root = loadCert(m_pki.root().certDer);
        X509_STORE_add_cert(store, root);
        X509_free(root);
        TS_VERIFY_CTX_set0_store(vctx, store);
        TS_VERIFY_CTX_set0_imprint(
            vctx, static_cast<unsigned char *>(OPENSSL_memdup(imprint.constData(), imprint.size())),
            long(imprint.size()));
        TS_VERIFY_CTX_set_flags(vctx, TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_IMPRINT);
        const int verified = TS_RESP_verify_token(vctx, token);
        char err[256] = "";
        ERR_error_string_n(ERR_peek_last_error(), err, sizeof err);
        QVERIFY2(verified == 1, err);
        ERR_clear_error();

        TS_TST_INFO *info = PKCS7_to_TS_TST_INFO(token);
        QVERIFY(info);
        struct tm tm = {};
        QVERIFY(ASN1_TIME_to_tm(TS_TST_INFO_get_time(info), &tm) == 1);
        const QDateTime genTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                                QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), QTimeZone::UTC);
        QVERIFY2(qAbs(genTime.secsTo(QDateTime::currentDateTimeUtc())) < 60,
                 qPrintable(genTime.toString(Qt::ISODate)));
        TS_TST_INFO_free(info);
        TS_VERIFY_CTX_free(vctx);
        PKCS7_free(token);
        CMS_ContentInfo_free(ci);
    }

    void tsaDownIsReported()
    {
        m_server.setDown(true);
        auto cms = sign(m_pki.person(), tsaUrl());
        m_server.setDown(false);
        QVERIFY(!cms.ok());
        QCOMPARE(cms.error().code(), QStringLiteral("signing.tsa-failed"));
        QVERIFY2(cms.error().english().contains(tsaUrl().toDisplayString()),
                 qPrintable(cms.error().english()));
        QVERIFY2(cms.error().english().contains(QStringLiteral("could not be reached")),
                 qPrintable(cms.error().english()));
    }

    void tsaHttpErrorIsReported()
    {
        auto cms = sign(m_pki.person(), QUrl(m_server.baseUrl() + QStringLiteral("/no-tsa-here")));
        QVERIFY(!cms.ok());
        QCOMPARE(cms.error().code(), QStringLiteral("signing.tsa-failed"));
        QVERIFY2(cms.error().english().contains(QStringLiteral("HTTP status 404")),
                 qPrintable(cms.error().english()));
    }

    void ecKey_data()
    {
        QTest::addColumn<bool>("rawEcdsa");
        QTest::newRow("token r||s") << true;
        QTest::newRow("DER") << false;
    }
    void ecKey()
    {
        QFETCH(bool, rawEcdsa);
        auto cms = sign(m_pki.personEc(), tsaUrl(), rawEcdsa);
        GD_VERIFY_OK(cms);
        QByteArray why;
        QVERIFY2(opensslVerifies(cms.value(), m_content, m_pki.root().certDer, &why), why.constData());
        CMS_ContentInfo *ci = parseCms(cms.value());
        X509_ALGOR *sig = nullptr;
        CMS_SignerInfo_get0_algs(sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(ci), 0), nullptr, nullptr,
                                 nullptr, &sig);
        QCOMPARE(OBJ_obj2nid(sig->algorithm), NID_ecdsa_with_SHA256);
        CMS_ContentInfo_free(ci);
    }

    void keyOfAnotherCertificateIsRefused()
    {
        CadesSignRequest req;
        req.contentSha256 = QCryptographicHash::hash(m_content, QCryptographicHash::Sha256);
        req.signerCertDer = m_pki.person().certDer;
        auto cms = buildCadesSignature(
            req, [&](const QByteArray &d) { return TestPki::signDigest(m_pki.organisation(), d); });
        QVERIFY(!cms.ok());
        QCOMPARE(cms.error().code(), QStringLiteral("signing.key-mismatch"));
    }

    void signerErrorIsPassedThrough()
    {
        CadesSignRequest req;
        req.contentSha256 = QCryptographicHash::hash(m_content, QCryptographicHash::Sha256);
        req.signerCertDer = m_pki.person().certDer;
        auto cms = buildCadesSignature(req, [](const QByteArray &) -> govdesk::core::Result<QByteArray> {
            return GOVDESK_ERROR("pkcs11.pin-incorrect", QT_TRANSLATE_NOOP("Signing", "Wrong PIN."));
        });
        QVERIFY(!cms.ok());
        QCOMPARE(cms.error().code(), QStringLiteral("pkcs11.pin-incorrect"));
    }

    void badInputIsRefusedNotCrashing()
    {
        CadesSignRequest req;
        req.contentSha256 = QByteArray(32, 'x');
        req.signerCertDer = QByteArrayLiteral("not a certificate");
        auto cms = buildCadesSignature(
            req, [](const QByteArray &d) -> govdesk::core::Result<QByteArray> { return d; });
        QVERIFY(!cms.ok());
        QCOMPARE(cms.error().code(), QStringLiteral("signing.cert-invalid"));
        req.contentSha256 = QByteArray(20, 'x');
        QCOMPARE(buildCadesSignature(req, {}).error().code(), QStringLiteral("signing.bad-digest"));
    }

    void optionalSigningTimeAttribute()
    {
        const QDateTime at = QDateTime(QDate(2026, 3, 15), QTime(7, 5, 9), QTimeZone::UTC);
        auto cms = sign(m_pki.person(), {}, false, at);
        GD_VERIFY_OK(cms);
        QByteArray why;
        QVERIFY2(opensslVerifies(cms.value(), m_content, m_pki.root().certDer, &why), why.constData());
        CMS_ContentInfo *ci = parseCms(cms.value());
        CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(ci), 0);
        const int idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
        QVERIFY(idx >= 0);
        const ASN1_TYPE *t = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, idx), 0);
        QCOMPARE(t->type, V_ASN1_UTCTIME);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(t->value.utctime)),
                            ASN1_STRING_length(t->value.utctime)),
                 QByteArrayLiteral("260315070509Z"));
        CMS_ContentInfo_free(ci);
    }
};

QTEST_GUILESS_MAIN(TestCades)
#include "tst_cades.moc"
