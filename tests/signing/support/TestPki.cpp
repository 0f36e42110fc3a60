#include "TestPki.h"

#include <QDateTime>
#include <QDir>
#include <QFile>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace govdesk::signing::testing {

namespace {

struct KeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct CertFree
{
    void operator()(X509 *x) const { X509_free(x); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

enum class KeyKind
{
    Rsa,
    Ec
};

struct NameEntry
{
    int nid;
    QString value;
    int type = MBSTRING_UTF8; // or V_ASN1_BMPSTRING / V_ASN1_T61STRING for raw encodings
};

struct Spec
{
    QList<NameEntry> subject;
    KeyKind key = KeyKind::Rsa;
    qint64 notBeforeOffset = -86400; // seconds from now
    qint64 notAfterOffset = 365 * 86400;
    long serial = 1;
    QList<QPair<int, QByteArray>> extensions; // nid, openssl config value
};

bool addName(X509_NAME *name, const NameEntry &e)
{
    QByteArray bytes;
    if (e.type == V_ASN1_BMPSTRING) {
        for (QChar c : e.value) {
            bytes.append(char(c.unicode() >> 8));
            bytes.append(char(c.unicode() & 0xff));
        }
    } else {
        bytes = e.value.toUtf8(); // UTF-8 also for T61: what several issuers do in practice
    }
    return X509_NAME_add_entry_by_NID(name, e.nid, e.type,
                                      reinterpret_cast<const unsigned char *>(bytes.constData()),
                                      int(bytes.size()), -1, 0) == 1;
}

Key makeKey(KeyKind kind)
{
    return Key(kind == KeyKind::Rsa ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
}

/// Issues a certificate for `key` signed by (issuer, issuerKey), or self-signed when issuer is null.
Cert issue(const Spec &spec, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuerKey)
{
    Cert x(X509_new());
    X509_set_version(x.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x.get()), spec.serial);
    X509_gmtime_adj(X509_getm_notBefore(x.get()), long(spec.notBeforeOffset));
    X509_gmtime_adj(X509_getm_notAfter(x.get()), long(spec.notAfterOffset));
    X509_NAME *name = X509_get_subject_name(x.get());
    for (const NameEntry &e : spec.subject)
        if (!addName(name, e))
            return {};
    X509_set_issuer_name(x.get(), issuer ? X509_get_subject_name(issuer) : name);
    X509_set_pubkey(x.get(), key);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer ? issuer : x.get(), x.get(), nullptr, nullptr, 0);
    for (const auto &[nid, value] : spec.extensions) {
        X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData());
        if (!ext)
            return {};
        X509_add_ext(x.get(), ext, -1);
        X509_EXTENSION_free(ext);
    }
    if (X509_sign(x.get(), issuerKey ? issuerKey : key, EVP_sha256()) <= 0)
        return {};
    return x;
}

QByteArray certDer(X509 *x)
{
    const int n = i2d_X509(x, nullptr);
    QByteArray out(n, Qt::Uninitialized);
    unsigned char *p = reinterpret_cast<unsigned char *>(out.data());
    i2d_X509(x, &p);
    return out;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray pemOf(X509 *x)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, x);
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    QByteArray out(data, int(n));
    BIO_free(bio);
    return out;
}

QByteArray pemOf(EVP_PKEY *k)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, k, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    QByteArray out(data, int(n));
    BIO_free(bio);
    return out;
}

QString serialHex(X509 *x)
{
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), nullptr);
    char *hex = BN_bn2hex(bn);
    const QString s = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    BN_free(bn);
    return s;
}

QString indexTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyMMddHHmmss")) + u'Z';
}

QDateTime notAfterOf(X509 *x)
{
    struct tm tm = {};
    ASN1_TIME_to_tm(X509_get0_notAfter(x), &tm);
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), QTimeZone::UTC);
}

QByteArray signCrl(X509 *issuer, EVP_PKEY *issuerKey, const QList<QPair<X509 *, QDateTime>> &revoked)
{
    X509_CRL *crl = X509_CRL_new();
    X509_CRL_set_version(crl, 1);
    X509_CRL_set_issuer_name(crl, X509_get_subject_name(issuer));
    ASN1_TIME *t = ASN1_TIME_new();
    X509_gmtime_adj(t, -3600);
    X509_CRL_set1_lastUpdate(crl, t);
    X509_gmtime_adj(t, 7 * 86400);
    X509_CRL_set1_nextUpdate(crl, t);
    for (const auto &[cert, when] : revoked) {
        X509_REVOKED *r = X509_REVOKED_new();
        X509_REVOKED_set_serialNumber(r, X509_get_serialNumber(cert));
        ASN1_TIME_set(t, time_t(when.toSecsSinceEpoch()));
        X509_REVOKED_set_revocationDate(r, t);
        X509_CRL_add0_revoked(crl, r);
    }
    ASN1_TIME_free(t);
    X509_CRL_sort(crl);
    X509_CRL_sign(crl, issuerKey, EVP_sha256());
    const int n = i2d_X509_CRL(crl, nullptr);
    QByteArray out(n, Qt::Uninitialized);
    unsigned char *p = reinterpret_cast<unsigned char *>(out.data());
    i2d_X509_CRL(crl, &p);
    X509_CRL_free(crl);
    return out;
}

} // namespace

TestPki::TestPki() = default;
TestPki::~TestPki() = default;

QString TestPki::dir() const
{
    return m_dir ? m_dir->path() : QString();
}
QString TestPki::crlPath() const
{
    return dir() + QStringLiteral("/ca.crl");
}
QString TestPki::rootCrlPath() const
{
    return dir() + QStringLiteral("/root.crl");
}
QString TestPki::ocspIndexPath() const
{
    return dir() + QStringLiteral("/index.txt");
}
QString TestPki::tsaConfigPath() const
{
    return dir() + QStringLiteral("/tsa.cnf");
}

bool TestPki::create(const QString &base)
{
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    const QByteArray b = base.toUtf8();
    const QByteArray caAia = "caIssuers;URI:" + b + "/root.crt";
    const QByteArray leafAia = "OCSP;URI:" + b + "/ocsp,caIssuers;URI:" + b + "/ca.crt";
    const QByteArray leafCdp = "URI:" + b + "/ca.crl";
    const QByteArray caCdp = "URI:" + b + "/root.crl";
    const QList<QPair<int, QByteArray>> caExt = {
        {NID_basic_constraints, "critical,CA:TRUE"},
        {NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature"},
        {NID_subject_key_identifier, "hash"},
    };
    auto leafExt = [&](const QByteArray &eku) {
        QList<QPair<int, QByteArray>> e = {
            {NID_basic_constraints, "critical,CA:FALSE"},
            {NID_key_usage, "critical,digitalSignature,nonRepudiation"},
            {NID_subject_key_identifier, "hash"},
            {NID_authority_key_identifier, "keyid:always"},
            {NID_info_access, leafAia},
            {NID_crl_distribution_points, leafCdp},
        };
        if (!eku.isEmpty())
            e.append({NID_ext_key_usage, eku});
        return e;
    };
    const QString province = QStringLiteral("Đắk Nông");
    const QString ubnd = QStringLiteral("UBND tỉnh Đắk Nông");

    struct Made
    {
        Key key;
        Cert cert;
    };
    auto make = [&](const Spec &spec, Made *issuer, TestIdentity *id, const QString &file) -> Made {
        Made m;
        m.key = makeKey(spec.key);
        if (m.key)
            m.cert = issue(spec, m.key.get(), issuer ? issuer->cert.get() : nullptr,
                           issuer ? issuer->key.get() : nullptr);
        if (!m.cert) {
            m_error = QStringLiteral("cannot issue %1: %2")
                          .arg(file, QString::fromLatin1(ERR_error_string(ERR_get_error(), nullptr)));
            return m;
        }
        id->keyPem = dir() + u'/' + file + QStringLiteral(".key");
        id->certPem = dir() + u'/' + file + QStringLiteral(".pem");
        id->certDer = certDer(m.cert.get());
        for (const NameEntry &e : spec.subject)
            if (e.nid == NID_commonName)
                id->commonName = e.value;
        writeFile(id->keyPem, pemOf(m.key.get()));
        writeFile(id->certPem, pemOf(m.cert.get()));
        return m;
    };

    Spec rootSpec;
    rootSpec.subject = {{NID_countryName, QStringLiteral("VN")},
                        {NID_organizationName, QStringLiteral("Ban Cơ yếu Chính phủ Thử nghiệm")},
                        {NID_commonName, QStringLiteral("Root CA Thử nghiệm GovDesk")}};
    rootSpec.notBeforeOffset = -3650LL * 86400;
    rootSpec.notAfterOffset = 3650LL * 86400;
    rootSpec.serial = 1;
    rootSpec.extensions = caExt;
    Made root = make(rootSpec, nullptr, &m_root, QStringLiteral("root"));
    if (!root.cert)
        return false;

    Spec caSpec;
    caSpec.subject = {{NID_countryName, QStringLiteral("VN")},
                      {NID_organizationName, QStringLiteral("Ban Cơ yếu Chính phủ Thử nghiệm")},
                      {NID_commonName, QStringLiteral("CA phục vụ các cơ quan Nhà nước Thử nghiệm")}};
    caSpec.notBeforeOffset = -3000LL * 86400;
    caSpec.notAfterOffset = 3000LL * 86400;
    caSpec.serial = 2;
    caSpec.extensions = caExt;
    caSpec.extensions.append({NID_authority_key_identifier, "keyid:always"});
    caSpec.extensions.append({NID_info_access, caAia});
    caSpec.extensions.append({NID_crl_distribution_points, caCdp});
    Made ca = make(caSpec, &root, &m_ca, QStringLiteral("ca"));
    if (!ca.cert)
        return false;

    Spec personSpec;
    personSpec.subject = {{NID_countryName, QStringLiteral("VN")},
                          {NID_stateOrProvinceName, province},
                          {NID_localityName, QStringLiteral("Gia Nghĩa"), V_ASN1_T61STRING},
                          {NID_organizationName, ubnd},
                          {NID_organizationalUnitName, QStringLiteral("Văn phòng UBND tỉnh")},
                          {NID_title, QStringLiteral("Phó Chủ tịch")},
                          {NID_commonName, QStringLiteral("Nguyễn Văn An")},
                          {NID_userId, QStringLiteral("CMND:012345678")},
                          {NID_pkcs9_emailAddress, QStringLiteral("an.nv@daknong.gov.vn")}};
    personSpec.serial = 0x1001;
    personSpec.extensions = leafExt("emailProtection,clientAuth");
    Made person = make(personSpec, &ca, &m_person, QStringLiteral("person"));
    if (!person.cert)
        return false;

    Spec orgSpec;
    orgSpec.subject = {{NID_countryName, QStringLiteral("VN")},
                       {NID_stateOrProvinceName, province},
                       {NID_organizationName, ubnd, V_ASN1_BMPSTRING},
                       {NID_commonName, ubnd},
                       {NID_userId, QStringLiteral("MNS:G12.34.56")}};
    orgSpec.serial = 0x1002;
    orgSpec.extensions = leafExt("emailProtection,clientAuth");
    Made org = make(orgSpec, &ca, &m_org, QStringLiteral("organisation"));
    if (!org.cert)
        return false;

    Spec expiredSpec;
    expiredSpec.subject = {{NID_countryName, QStringLiteral("VN")},
                           {NID_organizationName, ubnd},
                           {NID_commonName, QStringLiteral("Trần Thị Bình")}};
    expiredSpec.serial = 0x1003;
    expiredSpec.notBeforeOffset = -400LL * 86400;
    expiredSpec.notAfterOffset = -30LL * 86400;
    expiredSpec.extensions = leafExt({});
    Made expired = make(expiredSpec, &ca, &m_expired, QStringLiteral("expired"));
    if (!expired.cert)
        return false;

    Spec revokedSpec;
    revokedSpec.subject = {{NID_countryName, QStringLiteral("VN")},
                           {NID_organizationName, ubnd},
                           {NID_commonName, QStringLiteral("Lê Văn Cường")}};
    revokedSpec.serial = 0x1004;
    revokedSpec.notBeforeOffset = -10LL * 86400;
    revokedSpec.extensions = leafExt({});
    Made revoked = make(revokedSpec, &ca, &m_revoked, QStringLiteral("revoked"));
    if (!revoked.cert)
        return false;
    m_revokedAt = QDateTime::currentDateTimeUtc().addDays(-1);
    m_revokedAt.setTime(
        QTime(m_revokedAt.time().hour(), m_revokedAt.time().minute(), m_revokedAt.time().second()));

    Spec tsaSpec;
    tsaSpec.subject = {{NID_countryName, QStringLiteral("VN")},
                       {NID_organizationName, QStringLiteral("Ban Cơ yếu Chính phủ Thử nghiệm")},
                       {NID_commonName, QStringLiteral("Dịch vụ cấp dấu thời gian Thử nghiệm")}};
    tsaSpec.serial = 0x1005;
    tsaSpec.extensions = {
        {NID_basic_constraints, "critical,CA:FALSE"},
        {NID_key_usage, "critical,digitalSignature,nonRepudiation"},
        {NID_ext_key_usage, "critical,timeStamping"},
        {NID_subject_key_identifier, "hash"},
        {NID_authority_key_identifier, "keyid:always"},
    };
    Made tsa = make(tsaSpec, &ca, &m_tsa, QStringLiteral("tsa"));
    if (!tsa.cert)
        return false;

    Spec ecSpec;
    ecSpec.subject = {{NID_countryName, QStringLiteral("VN")},
                      {NID_organizationName, ubnd},
                      {NID_title, QStringLiteral("Chánh Văn phòng")},
                      {NID_commonName, QStringLiteral("Phạm Thị Dung")}};
    ecSpec.key = KeyKind::Ec;
    ecSpec.serial = 0x1006;
    ecSpec.extensions = leafExt("emailProtection");
    Made ec = make(ecSpec, &ca, &m_personEc, QStringLiteral("person-ec"));
    if (!ec.cert)
        return false;

    Spec otherRootSpec;
    otherRootSpec.subject = {{NID_countryName, QStringLiteral("VN")},
                             {NID_organizationName, QStringLiteral("Tổ chức không được tin cậy")},
                             {NID_commonName, QStringLiteral("Root CA không được tin cậy")}};
    otherRootSpec.serial = 7;
    otherRootSpec.extensions = caExt;
    Made otherRoot = make(otherRootSpec, nullptr, &m_otherRoot, QStringLiteral("other-root"));
    if (!otherRoot.cert)
        return false;
    Spec otherSpec;
    otherSpec.subject = {{NID_countryName, QStringLiteral("VN")},
                         {NID_organizationName, QStringLiteral("Công ty Không Rõ")},
                         {NID_commonName, QStringLiteral("Hoàng Văn Em")}};
    otherSpec.serial = 0x2001;
    otherSpec.extensions = {{NID_basic_constraints, "critical,CA:FALSE"},
                            {NID_key_usage, "critical,digitalSignature,nonRepudiation"}};
    Made other = make(otherSpec, &otherRoot, &m_otherPerson, QStringLiteral("other-person"));
    if (!other.cert)
        return false;

    // Revocation: the issuing CA's CRL lists the revoked certificate; the root's CRL is empty.
    if (!writeFile(crlPath(), signCrl(ca.cert.get(), ca.key.get(), {{revoked.cert.get(), m_revokedAt}})) ||
        !writeFile(rootCrlPath(), signCrl(root.cert.get(), root.key.get(), {}))) {
        m_error = QStringLiteral("cannot write the CRLs");
        return false;
    }
    QByteArray index;
    for (X509 *x : {person.cert.get(), org.cert.get(), expired.cert.get(), tsa.cert.get(), ec.cert.get()})
        index += QStringLiteral("V\t%1\t\t%2\tunknown\t/CN=x\n")
                     .arg(indexTime(notAfterOf(x)), serialHex(x))
                     .toUtf8();
    index += QStringLiteral("R\t%1\t%2\t%3\tunknown\t/CN=x\n")
                 .arg(indexTime(notAfterOf(revoked.cert.get())), indexTime(m_revokedAt),
                      serialHex(revoked.cert.get()))
                 .toUtf8();
    writeFile(ocspIndexPath(), index);
    writeFile(ocspIndexPath() + QStringLiteral(".attr"), "unique_subject = no\n");

    // openssl ts -reply configuration.
    writeFile(dir() + QStringLiteral("/tsaserial"), "01\n");
    writeFile(dir() + QStringLiteral("/tsa-chain.pem"), pemOf(ca.cert.get()) + pemOf(root.cert.get()));
    const QString d = dir();
    const QString cnf = QStringLiteral("[ tsa ]\n"
                                       "default_tsa = tsa_config1\n"
                                       "[ tsa_config1 ]\n"
                                       "serial = %1/tsaserial\n"
                                       "crypto_device = builtin\n"
                                       "signer_cert = %2\n"
                                       "certs = %1/tsa-chain.pem\n"
                                       "signer_key = %3\n"
                                       "signer_digest = sha256\n"
                                       "default_policy = 1.3.6.1.4.1.99999.1.1\n"
                                       "digests = sha256, sha384, sha512\n"
                                       "accuracy = secs:1\n"
                                       "clock_precision_digits = 0\n"
                                       "ordering = yes\n"
                                       "tsa_name = yes\n"
                                       "ess_cert_id_chain = no\n"
                                       "ess_cert_id_alg = sha256\n")
                            .arg(d, m_tsa.certPem, m_tsa.keyPem);
    writeFile(tsaConfigPath(), cnf.toUtf8());
    return true;
}

core::Result<QByteArray> TestPki::signDigest(const TestIdentity &id, const QByteArray &digest, bool rawEcdsa)
{
    QFile f(id.keyPem);
    if (!f.open(QIODevice::ReadOnly))
        return GOVDESK_ERROR("test.key", QT_TRANSLATE_NOOP("Signing", "Cannot read the test key %1."),
                             id.keyPem);
    const QByteArray pem = f.readAll();
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    Key key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    if (!key)
        return GOVDESK_ERROR("test.key", QT_TRANSLATE_NOOP("Signing", "Cannot parse the test key %1."),
                             id.keyPem);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key.get(), nullptr);
    EVP_PKEY_sign_init(ctx);
    const bool rsa = EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_RSA;
    if (rsa)
        EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING);
    EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256());
    size_t len = 0;
    EVP_PKEY_sign(ctx, nullptr, &len, reinterpret_cast<const unsigned char *>(digest.constData()),
                  size_t(digest.size()));
    QByteArray sig(qsizetype(len), Qt::Uninitialized);
    const int ok =
        EVP_PKEY_sign(ctx, reinterpret_cast<unsigned char *>(sig.data()), &len,
                      reinterpret_cast<const unsigned char *>(digest.constData()), size_t(digest.size()));
    EVP_PKEY_CTX_free(ctx);
    if (ok != 1)
        return GOVDESK_ERROR("test.sign", QT_TRANSLATE_NOOP("Signing", "The test key could not sign."));
    sig.resize(qsizetype(len));
    if (!rsa && rawEcdsa) {
        const unsigned char *p = reinterpret_cast<const unsigned char *>(sig.constData());
        ECDSA_SIG *s = d2i_ECDSA_SIG(nullptr, &p, sig.size());
        const BIGNUM *r = nullptr, *sv = nullptr;
        ECDSA_SIG_get0(s, &r, &sv);
        QByteArray raw(64, '\0');
        BN_bn2binpad(r, reinterpret_cast<unsigned char *>(raw.data()), 32);
        BN_bn2binpad(sv, reinterpret_cast<unsigned char *>(raw.data()) + 32, 32);
        ECDSA_SIG_free(s);
        return raw;
    }
    return sig;
}

} // namespace govdesk::signing::testing
