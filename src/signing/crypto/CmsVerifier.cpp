#include "CmsVerifier.h"

#include "Http_p.h"
#include "OpenSsl_p.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>

#include <openssl/ess.h>

namespace govdesk::signing {

using namespace ossl;

Reason makeReason(const char *code, const char *source, const QStringList &args)
{
    QString vi = QCoreApplication::translate("Signing", source);
    QString en = QString::fromUtf8(source);
    for (const QString &a : args) {
        vi = vi.arg(a);
        en = en.arg(a);
    }
    return {QString::fromLatin1(code), vi, en};
}

namespace {

constexpr qint64 kVietnamOffset = 7 * 3600;
constexpr qint64 kSuspectTolerance = 10 * 60;

Reason fromError(const char *code, const core::Error &e)
{
    return {QString::fromLatin1(code), e.text(), e.english()};
}

QString vnTime(const QDateTime &t)
{
    if (!t.isValid())
        return QStringLiteral("-");
    return t.toOffsetFromUtc(kVietnamOffset).toString(Qt::ISODate);
}

/// An OBJECT IDENTIFIER made once per process (OBJ_txt2obj allocates).
const ASN1_OBJECT *objectId(const char *dotted)
{
    static QMutex mutex;
    static QHash<QByteArray, ASN1_OBJECT *> cache;
    QMutexLocker lock(&mutex);
    ASN1_OBJECT *&o = cache[QByteArray(dotted)];
    if (!o)
        o = OBJ_txt2obj(dotted, 1);
    return o;
}

QString digestName(int nid)
{
    switch (nid) {
    case NID_sha1:
        return QStringLiteral("SHA-1");
    case NID_sha224:
        return QStringLiteral("SHA-224");
    case NID_sha256:
        return QStringLiteral("SHA-256");
    case NID_sha384:
        return QStringLiteral("SHA-384");
    case NID_sha512:
        return QStringLiteral("SHA-512");
    case NID_md5:
        return QStringLiteral("MD5");
    default:
        return nid != NID_undef ? QString::fromLatin1(OBJ_nid2sn(nid)) : QStringLiteral("?");
    }
}

QByteArray digestWith(const EVP_MD *md, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (!md || EVP_Digest(data.constData(), size_t(data.size()), out, &n, md, nullptr) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), int(n));
}

QByteArray asn1Bytes(const ASN1_STRING *s)
{
    return s ? QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s))
             : QByteArray();
}

QDateTime attributeTime(X509_ATTRIBUTE *attr)
{
    const ASN1_TYPE *t = attr ? X509_ATTRIBUTE_get0_type(attr, 0) : nullptr;
    if (!t)
        return {};
    if (t->type == V_ASN1_UTCTIME)
        return fromAsn1Time(t->value.utctime);
    if (t->type == V_ASN1_GENERALIZEDTIME)
        return fromAsn1Time(t->value.generalizedtime);
    return {};
}

/// The certificates a chain may be built from, owned.
class CertPool
{
public:
    CertPool() : m_stack(sk_X509_new_null()) {}
    void add(X509 *x) // takes a reference
    {
        if (!x)
            return;
        const QByteArray der = x509ToDer(x);
        if (der.isEmpty() || m_der.contains(der))
            return;
        m_der << der;
        X509_up_ref(x);
        sk_X509_push(m_stack.get(), x);
    }
    void add(const QByteArray &der)
    {
        if (X509Ptr x = x509FromDer(der))
            add(x.get());
    }
    STACK_OF(X509) * stack() const { return m_stack.get(); }
    X509 *findSigner(CMS_SignerInfo *si) const
    {
        for (int i = 0; i < sk_X509_num(m_stack.get()); ++i)
            if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(m_stack.get(), i)) == 0)
                return sk_X509_value(m_stack.get(), i);
        return nullptr;
    }
    X509 *findIssuerOf(X509 *cert) const
    {
        for (int i = 0; i < sk_X509_num(m_stack.get()); ++i) {
            X509 *c = sk_X509_value(m_stack.get(), i);
            if (X509_check_issued(c, cert) == X509_V_OK)
                return c;
        }
        return nullptr;
    }

private:
    X509StackPtr m_stack;
    QList<QByteArray> m_der;
};

struct ChainResult
{
    bool ok = false;
    int error = X509_V_OK;
    int errorDepth = 0;
    QList<QByteArray> chain; ///< leaf first
};

X509StorePtr anchorStore(const TrustStore &trust, const QDateTime &at)
{
    X509StorePtr store{X509_STORE_new()};
    for (const CertificateInfo &a : trust.anchors())
        if (X509Ptr x = x509FromDer(a.der))
            X509_STORE_add_cert(store.get(), x.get());
    X509_VERIFY_PARAM *param = X509_STORE_get0_param(store.get());
    X509_VERIFY_PARAM_clear_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    if (at.isValid())
        X509_VERIFY_PARAM_set_time(param, time_t(at.toSecsSinceEpoch()));
    return store;
}

ChainResult buildChain(X509 *leaf, const CertPool &pool, const TrustStore &trust, const QDateTime &at)
{
    ChainResult r;
    X509StorePtr store = anchorStore(trust, at);
    X509StoreCtxPtr ctx{X509_STORE_CTX_new()};
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), leaf, pool.stack()) != 1) {
        r.error = X509_V_ERR_UNSPECIFIED;
        ERR_clear_error();
        return r;
    }
    r.ok = X509_verify_cert(ctx.get()) == 1;
    r.error = X509_STORE_CTX_get_error(ctx.get());
    r.errorDepth = X509_STORE_CTX_get_error_depth(ctx.get());
    if (STACK_OF(X509) *chain = X509_STORE_CTX_get1_chain(ctx.get())) {
        for (int i = 0; i < sk_X509_num(chain); ++i)
            r.chain << x509ToDer(sk_X509_value(chain, i));
        OSSL_STACK_OF_X509_free(chain);
    }
    if (r.chain.isEmpty())
        r.chain << x509ToDer(leaf);
    // Complete a chain the verifier stopped early (untrusted root) with the issuers we hold, for display.
    while (!r.ok && r.chain.size() < 10) {
        X509Ptr top = x509FromDer(r.chain.last());
        if (!top || X509_self_signed(top.get(), 0) == 1)
            break;
        X509 *issuer = pool.findIssuerOf(top.get());
        if (!issuer || r.chain.contains(x509ToDer(issuer)))
            break;
        r.chain << x509ToDer(issuer);
    }
    ERR_clear_error();
    return r;
}

bool isTrustProblem(int error)
{
    switch (error) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_UNTRUSTED:
        return true;
    default:
        return false;
    }
}

enum class RevStatus
{
    None,
    Good,
    Revoked,
    RevokedAfter,
    Unknown
};

struct RevResult
{
    RevStatus status = RevStatus::None;
    QDateTime revokedAt;
    QString source;
};

RevResult evaluate(bool revoked, const QDateTime &revokedAt, const QDateTime &signingTime,
                   const QString &source)
{
    if (!revoked)
        return {RevStatus::Good, {}, source};
    if (signingTime.isValid() && revokedAt.isValid() && revokedAt > signingTime)
        return {RevStatus::RevokedAfter, revokedAt, source};
    return {RevStatus::Revoked, revokedAt, source};
}

RevResult checkOcsp(X509 *cert, X509 *issuer, const QList<QByteArray> &responses, const CertPool &pool,
                    const TrustStore &trust, const QDateTime &signingTime, const QString &source)
{
    RevResult out;
    for (const QByteArray &bytes : responses) {
        const unsigned char *p = reinterpret_cast<const unsigned char *>(bytes.constData());
        OcspRespPtr resp{d2i_OCSP_RESPONSE(nullptr, &p, bytes.size())};
        if (!resp || OCSP_response_status(resp.get()) != OCSP_RESPONSE_STATUS_SUCCESSFUL)
            continue;
        OcspBasicPtr basic{OCSP_response_get1_basic(resp.get())};
        if (!basic)
            continue;
        int status = -1, reason = -1;
        ASN1_GENERALIZEDTIME *revokedAt = nullptr, *thisUpdate = nullptr, *nextUpdate = nullptr;
        bool found = false;
        for (const EVP_MD *md : {EVP_sha1(), EVP_sha256()}) {
            OcspCertIdPtr id{OCSP_cert_to_id(md, cert, issuer)};
            if (id && OCSP_resp_find_status(basic.get(), id.get(), &status, &reason, &revokedAt, &thisUpdate,
                                            &nextUpdate) == 1) {
                found = true;
                break;
            }
        }
        if (!found)
            continue;
        // The responder (the issuing CA or a delegated responder) must chain to an anchor when it answered.
        const ASN1_GENERALIZEDTIME *producedAt = OCSP_resp_get0_produced_at(basic.get());
        X509StorePtr store = anchorStore(trust, fromAsn1Time(producedAt));
        CertPool certs;
        certs.add(issuer);
        for (int i = 0; i < sk_X509_num(pool.stack()); ++i)
            certs.add(sk_X509_value(pool.stack(), i));
        if (OCSP_basic_verify(basic.get(), certs.stack(), store.get(), 0) != 1) {
            ERR_clear_error();
            out = {RevStatus::Unknown, {}, source};
            continue;
        }
        if (status == V_OCSP_CERTSTATUS_GOOD)
            return evaluate(false, {}, signingTime, source);
        if (status == V_OCSP_CERTSTATUS_REVOKED)
            return evaluate(true, fromAsn1Time(revokedAt), signingTime, source);
        out = {RevStatus::Unknown, {}, source};
    }
    ERR_clear_error();
    return out;
}

RevResult checkCrl(X509 *cert, X509 *issuer, const QList<QByteArray> &crls, const QDateTime &signingTime,
                   const QString &source)
{
    for (const QByteArray &bytes : crls) {
        const unsigned char *p = reinterpret_cast<const unsigned char *>(bytes.constData());
        X509CrlPtr crl{d2i_X509_CRL(nullptr, &p, bytes.size())};
        if (!crl || X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(issuer)) != 0)
            continue;
        if (X509_CRL_verify(crl.get(), X509_get0_pubkey(issuer)) != 1)
            continue;
        X509_REVOKED *entry = nullptr;
        if (X509_CRL_get0_by_cert(crl.get(), &entry, cert) == 1 && entry)
            return evaluate(true, fromAsn1Time(X509_REVOKED_get0_revocationDate(entry)), signingTime, source);
        ERR_clear_error();
        return evaluate(false, {}, signingTime, source);
    }
    ERR_clear_error();
    return {};
}

} // namespace

CheckState checkRevocation(const CertificateInfo &cert, const CertificateInfo &issuer,
                           const RevocationData &data, const TrustStore &trust, const QDateTime &at,
                           QString *source)
{
    X509Ptr leaf = x509FromDer(cert.der);
    X509Ptr ca = x509FromDer(issuer.der);
    if (!leaf || !ca)
        return CheckState::Unknown;
    CertPool pool;
    pool.add(ca.get());
    RevResult r =
        checkOcsp(leaf.get(), ca.get(), data.ocspResponses, pool, trust, at, QStringLiteral("ocsp"));
    if (r.status == RevStatus::None || r.status == RevStatus::Unknown) {
        const RevResult crl = checkCrl(leaf.get(), ca.get(), data.crls, at, QStringLiteral("crl"));
        if (crl.status != RevStatus::None)
            r = crl;
    }
    if (source)
        *source = r.source;
    switch (r.status) {
    case RevStatus::Good:
    case RevStatus::RevokedAfter:
        return CheckState::Passed;
    case RevStatus::Revoked:
        return CheckState::Failed;
    case RevStatus::Unknown:
    case RevStatus::None:
        break;
    }
    return CheckState::Unknown;
}

QString verdictText(Verdict v)
{
    switch (v) {
    case Verdict::Valid:
        return QCoreApplication::translate("Signing", "Valid");
    case Verdict::Invalid:
        return QCoreApplication::translate("Signing", "Invalid");
    default:
        return QCoreApplication::translate("Signing", "Indeterminate");
    }
}

QString verdictKey(Verdict v)
{
    switch (v) {
    case Verdict::Valid:
        return QStringLiteral("valid");
    case Verdict::Invalid:
        return QStringLiteral("invalid");
    default:
        return QStringLiteral("indeterminate");
    }
}

CmsVerification verifyCms(const QByteArray &cmsDer, const QByteArray &signedContent,
                          const CmsVerifyOptions &options)
{
    CmsVerification r;
    ERR_clear_error();
    const TrustStore builtIn = options.trust ? TrustStore() : TrustStore::builtIn();
    const TrustStore &trust = options.trust ? *options.trust : builtIn;

    const unsigned char *p = reinterpret_cast<const unsigned char *>(cmsDer.constData());
    CmsPtr cms{cmsDer.isEmpty() ? nullptr : d2i_CMS_ContentInfo(nullptr, &p, cmsDer.size())};
    STACK_OF(CMS_SignerInfo) *signerInfos = nullptr;
    if (cms && OBJ_obj2nid(CMS_get0_type(cms.get())) == NID_pkcs7_signed)
        signerInfos = CMS_get0_SignerInfos(cms.get());
    if (!signerInfos || sk_CMS_SignerInfo_num(signerInfos) < 1) {
        ERR_clear_error();
        r.integrity = CheckState::Failed;
        r.chainState = CheckState::NotChecked;
        r.verdict = Verdict::Invalid;
        r.reasons << makeReason("cms-invalid",
                                QT_TRANSLATE_NOOP("Signing", "The signature data is damaged or is "
                                                             "not a CMS/PKCS#7 signature."));
        return r;
    }
    CMS_SignerInfo *si = sk_CMS_SignerInfo_value(signerInfos, 0);

    CertPool pool;
    if (X509StackPtr embedded{CMS_get1_certs(cms.get())})
        for (int i = 0; i < sk_X509_num(embedded.get()); ++i)
            pool.add(sk_X509_value(embedded.get(), i));
    for (const QByteArray &c : options.extraCertificates)
        pool.add(c);
    for (const CertificateInfo &c : trust.intermediates())
        pool.add(c.der);
    for (const CertificateInfo &c : trust.anchors())
        pool.add(c.der);

    X509_ALGOR *digestAlg = nullptr, *signatureAlg = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digestAlg, &signatureAlg);
    const int digestNid = digestAlg ? OBJ_obj2nid(digestAlg->algorithm) : NID_undef;
    r.digestAlgorithm = digestName(digestNid);
    const EVP_MD *md = digestAlg ? EVP_get_digestbyobj(digestAlg->algorithm) : nullptr;

    // ---- signer and integrity
    X509 *signer = pool.findSigner(si);
    if (signer) {
        if (auto info = CertificateInfo::fromDer(x509ToDer(signer)))
            r.signer = info.value();
    }
    const bool hasSignedAttributes = CMS_signed_get_attr_count(si) > 0;
    bool digestMatches = true;
    if (hasSignedAttributes) {
        const auto *messageDigest = static_cast<const ASN1_OCTET_STRING *>(
            CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
        digestMatches = messageDigest && asn1Bytes(messageDigest) == digestWith(md, signedContent);
    }
    if (!signer) {
        r.integrity = digestMatches ? CheckState::Unknown : CheckState::Failed;
        r.reasons << makeReason("signer-certificate-missing",
                                QT_TRANSLATE_NOOP("Signing",
                                                  "The signer's certificate is not included in the "
                                                  "signature, so the signature value cannot be checked."));
    } else {
        BioPtr content = memBio(signedContent);
        const bool ok = CMS_verify(cms.get(), pool.stack(), nullptr, content.get(), nullptr,
                                   CMS_BINARY | CMS_DETACHED | CMS_NO_SIGNER_CERT_VERIFY) == 1;
        ERR_clear_error();
        r.integrity = ok && digestMatches ? CheckState::Passed : CheckState::Failed;
    }
    if (!digestMatches)
        r.reasons << makeReason("integrity-digest",
                                QT_TRANSLATE_NOOP("Signing",
                                                  "The signed content was changed after signing: its "
                                                  "digest no longer matches the one in the signature."));
    else if (r.integrity == CheckState::Failed)
        r.reasons << makeReason("integrity-signature",
                                QT_TRANSLATE_NOOP("Signing",
                                                  "The signature value does not match the signer's "
                                                  "certificate: the signature is forged or damaged."));

    // ---- ESS signing-certificate(-v2): CAdES profile and protection against certificate substitution
    const int essV2 = CMS_signed_get_attr_by_OBJ(si, objectId("1.2.840.113549.1.9.16.2.47"), -1);
    const int essV1 = CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificate, -1);
    r.subFilterProfile = essV2 >= 0 || essV1 >= 0 ? QStringLiteral("CAdES") : QStringLiteral("PKCS#7");
    if (signer && (essV2 >= 0 || essV1 >= 0)) {
        // The first ESSCertID must name the signer certificate (hash and, when present, issuer and serial).
        const ASN1_TYPE *value =
            X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, essV2 >= 0 ? essV2 : essV1), 0);
        bool matches = false;
        if (value && value->type == V_ASN1_SEQUENCE) {
            const unsigned char *vp = ASN1_STRING_get0_data(value->value.sequence);
            const long vlen = ASN1_STRING_length(value->value.sequence);
            Ptr<ESS_SIGNING_CERT, ESS_SIGNING_CERT_free> v1;
            Ptr<ESS_SIGNING_CERT_V2, ESS_SIGNING_CERT_V2_free> v2;
            if (essV2 >= 0)
                v2.reset(d2i_ESS_SIGNING_CERT_V2(nullptr, &vp, vlen));
            else
                v1.reset(d2i_ESS_SIGNING_CERT(nullptr, &vp, vlen));
            X509StackPtr signerOnly{sk_X509_new_null()};
            X509_up_ref(signer);
            sk_X509_push(signerOnly.get(), signer);
            matches =
                (v1 || v2) && OSSL_ESS_check_signing_certs(v1.get(), v2.get(), signerOnly.get(), 1) == 1;
        }
        ERR_clear_error();
        if (!matches) {
            r.integrity = CheckState::Failed;
            r.reasons << makeReason("signing-certificate-mismatch",
                                    QT_TRANSLATE_NOOP("Signing",
                                                      "The signed reference to the signer's certificate "
                                                      "does not match the certificate attached to the "
                                                      "signature."));
        }
    }

    // ---- times: CMS signingTime, RFC 3161 signature timestamp
    const QDateTime cmsSigningTime =
        attributeTime(CMS_signed_get_attr(si, CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1)));
    const int tsIndex = CMS_unsigned_get_attr_by_OBJ(si, objectId("1.2.840.113549.1.9.16.2.14"), -1);
    QDateTime genTime;
    if (tsIndex >= 0) {
        r.hasTimestamp = true;
        r.timestamp = CheckState::Failed;
        const ASN1_TYPE *t = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, tsIndex), 0);
        CmsPtr token;
        if (t && t->type == V_ASN1_SEQUENCE) {
            const unsigned char *tp = ASN1_STRING_get0_data(t->value.sequence);
            token.reset(d2i_CMS_ContentInfo(nullptr, &tp, ASN1_STRING_length(t->value.sequence)));
        }
        BioPtr out{BIO_new(BIO_s_mem())};
        CertPool tokenCerts;
        if (token) {
            if (X509StackPtr c{CMS_get1_certs(token.get())})
                for (int i = 0; i < sk_X509_num(c.get()); ++i)
                    tokenCerts.add(sk_X509_value(c.get(), i));
            for (int i = 0; i < sk_X509_num(pool.stack()); ++i)
                tokenCerts.add(sk_X509_value(pool.stack(), i));
        }
        if (token && CMS_verify(token.get(), tokenCerts.stack(), nullptr, nullptr, out.get(),
                                CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1) {
            const QByteArray tstBytes = bioBytes(out.get());
            const unsigned char *ip = reinterpret_cast<const unsigned char *>(tstBytes.constData());
            TstInfoPtr info{d2i_TS_TST_INFO(nullptr, &ip, tstBytes.size())};
            const TS_MSG_IMPRINT *imprint = info ? TS_TST_INFO_get_msg_imprint(info.get()) : nullptr;
            if (imprint) {
                TS_MSG_IMPRINT *mi = const_cast<TS_MSG_IMPRINT *>(imprint);
                const X509_ALGOR *alg = TS_MSG_IMPRINT_get_algo(mi);
                const QByteArray expected = digestWith(EVP_get_digestbyobj(alg->algorithm),
                                                       asn1Bytes(CMS_SignerInfo_get0_signature(si)));
                if (!expected.isEmpty() && expected == asn1Bytes(TS_MSG_IMPRINT_get_msg(mi))) {
                    genTime = fromAsn1Time(TS_TST_INFO_get_time(info.get()));
                    r.timestampTime = genTime;
                    r.timestamp = CheckState::Passed;
                    // Who stamped: the TSA certificate must chain to an anchor at genTime.
                    STACK_OF(X509) *tsaSigners = CMS_get0_signers(token.get());
                    X509 *tsa =
                        tsaSigners && sk_X509_num(tsaSigners) > 0 ? sk_X509_value(tsaSigners, 0) : nullptr;
                    if (tsaSigners)
                        sk_X509_free(tsaSigners);
                    const ChainResult tsaChain =
                        tsa ? buildChain(tsa, tokenCerts, trust, genTime) : ChainResult{};
                    if (!tsaChain.ok) {
                        r.timestamp = CheckState::Unknown;
                        r.reasons << makeReason(
                            "timestamp-untrusted",
                            QT_TRANSLATE_NOOP("Signing", "The timestamp is intact but its "
                                                         "authority (%1) is not trusted."),
                            {tsa ? CertificateInfo::fromDer(x509ToDer(tsa))->holderSummary()
                                 : QStringLiteral("?")});
                    }
                }
            }
        }
        ERR_clear_error();
        if (r.timestamp == CheckState::Failed)
            r.reasons << makeReason("timestamp-invalid",
                                    QT_TRANSLATE_NOOP("Signing",
                                                      "The timestamp attached to the signature is damaged "
                                                      "or belongs to another signature; it was ignored."));
    }

    auto looksLocal = [](const QDateTime &labelledUtc, const QDateTime &reference) {
        if (!labelledUtc.isValid() || !reference.isValid())
            return false;
        const qint64 diff = reference.secsTo(labelledUtc);
        return qAbs(diff - kVietnamOffset) <= kSuspectTolerance;
    };
    if (genTime.isValid()) {
        r.signingTime = genTime;
        r.signingTimeSource = QStringLiteral("timestamp");
        r.signingTimeSuspect = looksLocal(cmsSigningTime, genTime);
    } else if (cmsSigningTime.isValid()) {
        r.signingTimeSuspect = looksLocal(cmsSigningTime, options.claimedSigningTime.toUTC());
        if (r.signingTimeSuspect) {
            r.signingTime = options.claimedSigningTime.toUTC();
            r.signingTimeSource = QStringLiteral("claimed");
        } else {
            r.signingTime = cmsSigningTime;
            r.signingTimeSource = QStringLiteral("cms-signing-time");
        }
    } else if (options.claimedSigningTime.isValid()) {
        r.signingTime = options.claimedSigningTime.toUTC();
        r.signingTimeSource = QStringLiteral("claimed");
    }
    if (r.signingTimeSuspect)
        r.reasons << makeReason("signing-time-local",
                                QT_TRANSLATE_NOOP("Signing",
                                                  "The signing time written in the signature (%1) "
                                                  "appears to be Vietnam local time wrongly labelled as "
                                                  "UTC; the time %2 was used instead."),
                                {cmsSigningTime.toString(Qt::ISODate), vnTime(r.signingTime)});
    const QDateTime checkTime = r.signingTime.isValid() ? r.signingTime : QDateTime::currentDateTimeUtc();

    // ---- chain to an anchor at the signing time
    ChainResult chain;
    if (signer) {
        chain = buildChain(signer, pool, trust, checkTime);
        for (int fetches = 0; options.online && !chain.ok && fetches < 3 &&
                              (chain.error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
                               chain.error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT);
             ++fetches) {
            // Real signatures often carry only the leaf: fetch the missing CA certificate from the AIA.
            auto top = CertificateInfo::fromDer(chain.chain.last());
            bool added = false;
            for (const QString &u : top ? top->caIssuersUrls : QStringList()) {
                const QUrl url(u);
                if (url.scheme() != u"http" && url.scheme() != u"https")
                    continue;
                const http::Reply reply =
                    http::exchange(url, QByteArray(), QByteArray(), options.timeoutMs, 1024 * 1024);
                auto certs = reply.ok() ? CertificateInfo::fromPemOrDer(reply.body)
                                        : core::Result<QList<CertificateInfo>>(core::Error());
                if (certs.ok()) {
                    for (const CertificateInfo &c : certs.value())
                        pool.add(c.der);
                    added = true;
                    break;
                }
            }
            if (!added)
                break;
            chain = buildChain(signer, pool, trust, checkTime);
        }
        for (const QByteArray &c : chain.chain)
            if (auto info = CertificateInfo::fromDer(c))
                r.chain << info.value();
        if (chain.ok) {
            r.chainState = CheckState::Passed;
        } else if (isTrustProblem(chain.error)) {
            r.chainState = CheckState::Unknown;
            const CertificateInfo top = r.chain.isEmpty() ? r.signer : r.chain.last();
            r.reasons << makeReason("untrusted",
                                    QT_TRANSLATE_NOOP("Signing",
                                                      "The certificate chain does not lead to a trusted "
                                                      "root: \"%1\" is not a trust anchor of this "
                                                      "computer."),
                                    {top.holderSummary()});
        } else {
            r.chainState = CheckState::Failed;
            const int depth = qBound(0, chain.errorDepth, int(qMax<qsizetype>(0, r.chain.size() - 1)));
            const QString who =
                r.chain.isEmpty() ? r.signer.holderSummary() : r.chain.at(depth).holderSummary();
            if (chain.error == X509_V_ERR_CERT_HAS_EXPIRED)
                r.reasons << makeReason("cert-expired",
                                        QT_TRANSLATE_NOOP("Signing",
                                                          "The certificate of %1 had expired at the "
                                                          "signing time (%2)."),
                                        {who, vnTime(checkTime)});
            else if (chain.error == X509_V_ERR_CERT_NOT_YET_VALID)
                r.reasons << makeReason("cert-not-yet-valid",
                                        QT_TRANSLATE_NOOP("Signing",
                                                          "The certificate of %1 was not yet valid at "
                                                          "the signing time (%2)."),
                                        {who, vnTime(checkTime)});
            else
                r.reasons << makeReason(
                    "chain-invalid",
                    QT_TRANSLATE_NOOP("Signing", "The certificate chain is not valid at the "
                                                 "certificate of %1 (%2)."),
                    {who, QString::fromLatin1(X509_verify_cert_error_string(chain.error))});
        }
        // The signer certificate must be valid at the signing time even when the chain is not trusted.
        if (r.chainState != CheckState::Failed && !r.signer.isNull() &&
            (checkTime < r.signer.notBefore || checkTime > r.signer.notAfter)) {
            r.chainState = CheckState::Failed;
            r.reasons << makeReason("cert-expired",
                                    QT_TRANSLATE_NOOP("Signing",
                                                      "The certificate of %1 was not valid at the signing "
                                                      "time (%2): it is valid from %3 to %4."),
                                    {r.signer.holderSummary(), vnTime(checkTime), vnTime(r.signer.notBefore),
                                     vnTime(r.signer.notAfter)});
        }
    } else {
        r.chainState = CheckState::Unknown;
    }

    // ---- revocation of every certificate below the root
    const bool haveEmbedded = !options.embedded.isEmpty();
    if (!signer) {
        r.revocation = CheckState::NotChecked;
    } else if (!options.online && !haveEmbedded) {
        r.revocation = CheckState::NotChecked;
        r.reasons << makeReason("revocation-not-checked",
                                QT_TRANSLATE_NOOP("Signing",
                                                  "Whether the certificate was revoked was not checked: "
                                                  "the signature carries no revocation data and online "
                                                  "checking is off."));
    } else {
        bool anyRevoked = false, allGood = true;
        QString leafSource;
        for (qsizetype i = 0; i < r.chain.size(); ++i) {
            const CertificateInfo &info = r.chain.at(i);
            if (info.selfSigned)
                continue;
            X509Ptr cert = x509FromDer(info.der);
            X509Ptr issuer = i + 1 < r.chain.size() ? x509FromDer(r.chain.at(i + 1).der) : X509Ptr();
            RevResult res;
            if (issuer) {
                res = checkOcsp(cert.get(), issuer.get(), options.embedded.ocspResponses, pool, trust,
                                checkTime, QStringLiteral("embedded-ocsp"));
                if (res.status == RevStatus::None || res.status == RevStatus::Unknown) {
                    const RevResult crl = checkCrl(cert.get(), issuer.get(), options.embedded.crls, checkTime,
                                                   QStringLiteral("embedded-crl"));
                    if (crl.status != RevStatus::None)
                        res = crl;
                }
                if (options.online && (res.status == RevStatus::None || res.status == RevStatus::Unknown)) {
                    const CertificateInfo issuerInfo = r.chain.at(i + 1);
                    if (!info.ocspUrls.isEmpty()) {
                        auto fetched = fetchOcspResponse(info, issuerInfo, options.timeoutMs);
                        if (fetched) {
                            r.fetched.ocspResponses << fetched.value();
                            const RevResult o = checkOcsp(cert.get(), issuer.get(), {fetched.value()}, pool,
                                                          trust, checkTime, QStringLiteral("online-ocsp"));
                            if (o.status != RevStatus::None)
                                res = o;
                        } else {
                            r.reasons << fromError("ocsp-unavailable", fetched.error());
                        }
                    }
                    if (res.status == RevStatus::None || res.status == RevStatus::Unknown) {
                        for (const QString &u : info.crlUrls) {
                            auto fetched = fetchCrl(QUrl(u), options.timeoutMs);
                            if (!fetched) {
                                r.reasons << fromError("crl-unavailable", fetched.error());
                                continue;
                            }
                            r.fetched.crls << fetched.value();
                            const RevResult c = checkCrl(cert.get(), issuer.get(), {fetched.value()},
                                                         checkTime, QStringLiteral("online-crl"));
                            if (c.status != RevStatus::None) {
                                res = c;
                                break;
                            }
                        }
                    }
                }
            }
            if (i == 0)
                leafSource = res.source;
            switch (res.status) {
            case RevStatus::Good:
                break;
            case RevStatus::Revoked:
                anyRevoked = true;
                r.revocationSource = res.source;
                r.reasons << makeReason("revoked",
                                        QT_TRANSLATE_NOOP("Signing",
                                                          "The certificate of %1 was revoked on %2, "
                                                          "before the signing time (%3)."),
                                        {info.holderSummary(), vnTime(res.revokedAt), vnTime(checkTime)});
                break;
            case RevStatus::RevokedAfter:
                r.reasons << makeReason("revoked-after-signing",
                                        QT_TRANSLATE_NOOP("Signing",
                                                          "The certificate of %1 was revoked on %2, after "
                                                          "the signing time; the signature remains "
                                                          "valid."),
                                        {info.holderSummary(), vnTime(res.revokedAt)});
                break;
            default:
                allGood = false;
                r.reasons << makeReason("revocation-unknown",
                                        QT_TRANSLATE_NOOP("Signing",
                                                          "Whether the certificate of %1 was revoked "
                                                          "could not be determined (no usable OCSP "
                                                          "response or revocation list)."),
                                        {info.holderSummary()});
            }
        }
        if (r.chain.isEmpty())
            allGood = false;
        if (r.revocationSource.isEmpty())
            r.revocationSource = leafSource;
        r.revocation = anyRevoked ? CheckState::Failed : allGood ? CheckState::Passed : CheckState::Unknown;
    }

    // ---- verdict
    if (r.integrity == CheckState::Failed || r.chainState == CheckState::Failed ||
        r.revocation == CheckState::Failed)
        r.verdict = Verdict::Invalid;
    else if (r.integrity == CheckState::Passed && r.chainState == CheckState::Passed &&
             r.revocation == CheckState::Passed)
        r.verdict = Verdict::Valid;
    else
        r.verdict = Verdict::Indeterminate;
    ERR_clear_error();
    return r;
}

} // namespace govdesk::signing
