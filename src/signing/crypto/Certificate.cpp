#include "Certificate.h"

#include "OpenSsl_p.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringDecoder>

#include <openssl/pem.h>

namespace govdesk::signing {

using core::Result;
using namespace ossl;

namespace {

/// Bytes that are valid UTF-8 are read as UTF-8 (several Vietnamese issuers put UTF-8 into TeletexString or
/// PrintableString); otherwise as Latin-1, which is what TeletexString means in practice.
QString decodeLegacy(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString s = utf8(bytes);
    if (!utf8.hasError())
        return s;
    return QString::fromLatin1(bytes);
}

QString asn1StringText(const ASN1_STRING *s)
{
    if (!s)
        return {};
    const QByteArray raw(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s));
    switch (ASN1_STRING_type(s)) {
    case V_ASN1_UTF8STRING:
        return QString::fromUtf8(raw);
    case V_ASN1_BMPSTRING: {
        QString out;
        for (qsizetype i = 0; i + 1 < raw.size(); i += 2)
            out.append(QChar(char16_t((uchar(raw.at(i)) << 8) | uchar(raw.at(i + 1)))));
        return out;
    }
    case V_ASN1_UNIVERSALSTRING: {
        QList<char32_t> cps;
        for (qsizetype i = 0; i + 3 < raw.size(); i += 4)
            cps.append(char32_t(uchar(raw.at(i)) << 24 | uchar(raw.at(i + 1)) << 16 |
                                uchar(raw.at(i + 2)) << 8 | uchar(raw.at(i + 3))));
        return QString::fromUcs4(cps.constData(), cps.size());
    }
    default:
        return decodeLegacy(raw);
    }
}

QStringList nameValues(const X509_NAME *name, int nid)
{
    QStringList out;
    int pos = -1;
    while ((pos = X509_NAME_get_index_by_NID(name, nid, pos)) >= 0)
        out << asn1StringText(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, pos))).trimmed();
    return out;
}

QString nameValue(const X509_NAME *name, int nid)
{
    return nameValues(name, nid).join(QStringLiteral(", "));
}

QString escapeDnValue(const QString &v)
{
    QString out;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const QChar c = v.at(i);
        if (QStringLiteral(",+\"\\<>;=").contains(c) || (i == 0 && (c == u'#' || c == u' ')) ||
            (i == v.size() - 1 && c == u' '))
            out += u'\\';
        out += c;
    }
    return out;
}

/// Most specific first (RFC 4514 order), ", " between attributes, "+" inside a multi-valued RDN.
QString dnText(const X509_NAME *name)
{
    QString out;
    const int n = X509_NAME_entry_count(name);
    int lastSet = -1;
    for (int i = n - 1; i >= 0; --i) {
        const X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
        const ASN1_OBJECT *obj = X509_NAME_ENTRY_get_object(e);
        const int nid = OBJ_obj2nid(obj);
        QString key;
        switch (nid) {
        case NID_pkcs9_emailAddress:
            key = QStringLiteral("E");
            break;
        case NID_userId:
            key = QStringLiteral("UID");
            break;
        case NID_stateOrProvinceName:
            key = QStringLiteral("ST");
            break;
        default:
            key = nid != NID_undef ? QString::fromLatin1(OBJ_nid2sn(nid)) : asn1ObjectText(obj);
        }
        const int set = X509_NAME_ENTRY_set(e);
        if (!out.isEmpty())
            out += set == lastSet ? QStringLiteral("+") : QStringLiteral(", ");
        lastSet = set;
        out += key + u'=' + escapeDnValue(asn1StringText(X509_NAME_ENTRY_get_data(e)));
    }
    return out;
}

QStringList uris(const GENERAL_NAMES *names)
{
    QStringList out;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
        if (g->type == GEN_URI)
            out << asn1StringText(g->d.uniformResourceIdentifier).trimmed();
    }
    return out;
}

QString vnTime(const QDateTime &t)
{
    return t.toOffsetFromUtc(7 * 3600).toString(QStringLiteral("dd/MM/yyyy HH:mm:ss")) +
           QStringLiteral(" (UTC+7)");
}

Result<QList<CertificateInfo>> fromPkcs7(const PKCS7 *p7, QList<CertificateInfo> out)
{
    const STACK_OF(X509) *certs = nullptr;
    if (p7 && PKCS7_type_is_signed(p7) && p7->d.sign)
        certs = p7->d.sign->cert;
    for (int i = 0; certs && i < sk_X509_num(certs); ++i) {
        auto info = CertificateInfo::fromDer(x509ToDer(sk_X509_value(certs, i)));
        if (!info)
            return info.error();
        out << info.value();
    }
    return out;
}

} // namespace

Result<CertificateInfo> CertificateInfo::fromDer(const QByteArray &der)
{
    ERR_clear_error();
    X509Ptr x = x509FromDer(der);
    if (!x)
        return GOVDESK_ERROR("signing.cert-invalid",
                             QT_TRANSLATE_NOOP("Signing", "The data is not a valid X.509 certificate (%1)."),
                             ossl::lastError());
    CertificateInfo c;
    c.der = der;
    c.sha256Hex = QString::fromLatin1(sha256(der).toHex().toUpper());
    const X509_NAME *subject = X509_get_subject_name(x.get());
    const X509_NAME *issuer = X509_get_issuer_name(x.get());
    c.subjectCommonName = nameValue(subject, NID_commonName);
    c.subjectOrganization = nameValue(subject, NID_organizationName);
    c.subjectOrganizationalUnit = nameValue(subject, NID_organizationalUnitName);
    c.subjectTitle = nameValue(subject, NID_title);
    c.subjectLocality = nameValue(subject, NID_localityName);
    c.subjectProvince = nameValue(subject, NID_stateOrProvinceName);
    c.subjectEmail = nameValue(subject, NID_pkcs9_emailAddress);
    c.subjectUid = nameValue(subject, NID_userId);
    c.subjectDn = dnText(subject);
    c.issuerDn = dnText(issuer);
    c.issuerCommonName = nameValue(issuer, NID_commonName);
    c.issuerOrganization = nameValue(issuer, NID_organizationName);

    if (BignumPtr bn{ASN1_INTEGER_to_BN(X509_get0_serialNumber(x.get()), nullptr)}) {
        char *hex = BN_bn2hex(bn.get());
        c.serialHex = QString::fromLatin1(hex).toUpper();
        OPENSSL_free(hex);
    }
    c.notBefore = fromAsn1Time(X509_get0_notBefore(x.get()));
    c.notAfter = fromAsn1Time(X509_get0_notAfter(x.get()));

    const uint32_t flags = X509_get_extension_flags(x.get()); // also caches the extensions
    c.isCa = X509_check_ca(x.get()) > 0 && (flags & EXFLAG_BCONS);
    c.selfSigned = X509_self_signed(x.get(), 1) == 1;
    c.hasKeyUsage = flags & EXFLAG_KUSAGE;
    const uint32_t ku = X509_get_key_usage(x.get());
    c.digitalSignature = c.hasKeyUsage && (ku & KU_DIGITAL_SIGNATURE);
    c.nonRepudiation = c.hasKeyUsage && (ku & KU_NON_REPUDIATION);

    if (auto *eku = static_cast<EXTENDED_KEY_USAGE *>(
            X509_get_ext_d2i(x.get(), NID_ext_key_usage, nullptr, nullptr))) {
        for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i)
            c.extendedKeyUsageOids << asn1ObjectText(sk_ASN1_OBJECT_value(eku, i));
        EXTENDED_KEY_USAGE_free(eku);
    }
    if (auto *aia = static_cast<AUTHORITY_INFO_ACCESS *>(
            X509_get_ext_d2i(x.get(), NID_info_access, nullptr, nullptr))) {
        for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(aia); ++i) {
            const ACCESS_DESCRIPTION *ad = sk_ACCESS_DESCRIPTION_value(aia, i);
            if (ad->location->type != GEN_URI)
                continue;
            const QString uri = asn1StringText(ad->location->d.uniformResourceIdentifier).trimmed();
            const int method = OBJ_obj2nid(ad->method);
            if (method == NID_ad_OCSP)
                c.ocspUrls << uri;
            else if (method == NID_ad_ca_issuers)
                c.caIssuersUrls << uri;
        }
        AUTHORITY_INFO_ACCESS_free(aia);
    }
    if (auto *cdp = static_cast<CRL_DIST_POINTS *>(
            X509_get_ext_d2i(x.get(), NID_crl_distribution_points, nullptr, nullptr))) {
        for (int i = 0; i < sk_DIST_POINT_num(cdp); ++i) {
            const DIST_POINT *dp = sk_DIST_POINT_value(cdp, i);
            if (dp->distpoint && dp->distpoint->type == 0)
                c.crlUrls << uris(dp->distpoint->name.fullname);
        }
        CRL_DIST_POINTS_free(cdp);
    }
    if (const EVP_PKEY *key = X509_get0_pubkey(x.get())) {
        switch (EVP_PKEY_get_base_id(key)) {
        case EVP_PKEY_RSA:
        case EVP_PKEY_RSA_PSS:
            c.keyAlgorithm = QStringLiteral("RSA");
            break;
        case EVP_PKEY_EC:
            c.keyAlgorithm = QStringLiteral("EC");
            break;
        case EVP_PKEY_ED25519:
            c.keyAlgorithm = QStringLiteral("Ed25519");
            break;
        case EVP_PKEY_ED448:
            c.keyAlgorithm = QStringLiteral("Ed448");
            break;
        default:
            c.keyAlgorithm = QString::fromLatin1(EVP_PKEY_get0_type_name(key));
        }
        c.keyBits = EVP_PKEY_get_bits(key);
    }
    return c;
}

Result<QList<CertificateInfo>> CertificateInfo::fromPemOrDer(const QByteArray &data)
{
    QList<CertificateInfo> out;
    if (data.contains("-----BEGIN")) {
        BioPtr bio = memBio(data);
        for (;;) {
            char *name = nullptr, *header = nullptr;
            unsigned char *bytes = nullptr;
            long len = 0;
            if (PEM_read_bio(bio.get(), &name, &header, &bytes, &len) != 1)
                break;
            const QByteArray type(name);
            const QByteArray der(reinterpret_cast<const char *>(bytes), int(len));
            OPENSSL_free(name);
            OPENSSL_free(header);
            OPENSSL_free(bytes);
            if (type == "CERTIFICATE" || type == "X509 CERTIFICATE") {
                auto info = fromDer(der);
                if (!info)
                    return info.error();
                out << info.value();
            } else if (type == "TRUSTED CERTIFICATE") {
                const unsigned char *p = reinterpret_cast<const unsigned char *>(der.constData());
                X509Ptr x{d2i_X509_AUX(nullptr, &p, der.size())};
                auto info = fromDer(x509ToDer(x.get()));
                if (!info)
                    return info.error();
                out << info.value();
            } else if (type == "PKCS7") {
                const unsigned char *p = reinterpret_cast<const unsigned char *>(der.constData());
                Pkcs7Ptr p7{d2i_PKCS7(nullptr, &p, der.size())};
                auto more = fromPkcs7(p7.get(), out);
                if (!more)
                    return more.error();
                out = more.value();
            }
        }
        ERR_clear_error();
    } else if (!data.isEmpty()) {
        if (X509Ptr x = x509FromDer(data)) {
            auto info = fromDer(data);
            if (!info)
                return info.error();
            out << info.value();
        } else {
            const unsigned char *p = reinterpret_cast<const unsigned char *>(data.constData());
            Pkcs7Ptr p7{d2i_PKCS7(nullptr, &p, data.size())};
            if (p7) {
                auto more = fromPkcs7(p7.get(), out);
                if (!more)
                    return more.error();
                out = more.value();
            }
        }
        ERR_clear_error();
    }
    if (out.isEmpty())
        return GOVDESK_ERROR("signing.cert-invalid",
                             QT_TRANSLATE_NOOP("Signing",
                                               "No certificate was found in the data (expected PEM, "
                                               "DER or PKCS#7 .p7b)."));
    return out;
}

QString CertificateInfo::holderSummary() const
{
    QString who = subjectCommonName;
    QString org = subjectOrganization.isEmpty() ? subjectOrganizationalUnit : subjectOrganization;
    if (who.isEmpty())
        return org.isEmpty() ? subjectDn : org;
    if (!org.isEmpty() && org.compare(who, Qt::CaseInsensitive) != 0)
        who += QStringLiteral(" — ") + org;
    return who;
}

Result<void> checkCertificateForSigning(const CertificateInfo &cert, const QDateTime &at)
{
    const QDateTime when = at.isValid() ? at : QDateTime::currentDateTimeUtc();
    const QString who = cert.holderSummary();
    if (cert.notBefore.isValid() && when < cert.notBefore)
        return GOVDESK_ERROR("signing.cert-not-yet-valid",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The certificate of %1 is not valid yet: it becomes "
                                               "valid on %2."),
                             who, vnTime(cert.notBefore));
    if (cert.notAfter.isValid() && when > cert.notAfter)
        return GOVDESK_ERROR("signing.cert-expired",
                             QT_TRANSLATE_NOOP("Signing", "The certificate of %1 expired on %2. Ask the "
                                                          "certification authority to renew it."),
                             who, vnTime(cert.notAfter));
    if (cert.isCa)
        return GOVDESK_ERROR("signing.cert-wrong-usage",
                             QT_TRANSLATE_NOOP("Signing", "The certificate of %1 belongs to a certification "
                                                          "authority and cannot sign documents."),
                             who);
    if (cert.hasKeyUsage && !cert.digitalSignature && !cert.nonRepudiation)
        return GOVDESK_ERROR("signing.cert-wrong-usage",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The certificate of %1 is not allowed to make digital "
                                               "signatures (its key usage excludes them)."),
                             who);
    // Certificates restricted to a service role (time stamping, OCSP, TLS server, code signing) only.
    static const QSet<QString> serviceOnly = {
        QStringLiteral("1.3.6.1.5.5.7.3.8"), QStringLiteral("1.3.6.1.5.5.7.3.9"),
        QStringLiteral("1.3.6.1.5.5.7.3.1"), QStringLiteral("1.3.6.1.5.5.7.3.3")};
    if (!cert.extendedKeyUsageOids.isEmpty() &&
        std::all_of(cert.extendedKeyUsageOids.begin(), cert.extendedKeyUsageOids.end(),
                    [](const QString &o) { return serviceOnly.contains(o); }))
        return GOVDESK_ERROR("signing.cert-wrong-usage",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The certificate of %1 is meant for a service (time "
                                               "stamping, status checking or a web server), not for "
                                               "signing documents."),
                             who);
    return {};
}

// ---------------------------------------------------------------- trust store

namespace {

struct Pinned
{
    QString name, kind;
};

const QHash<QString, Pinned> &pinnedAnchors()
{
    static const QHash<QString, Pinned> pins = [] {
        QHash<QString, Pinned> h;
        QFile f(QStringLiteral(":/signing/trust/pinned.json"));
        if (!f.open(QIODevice::ReadOnly))
            return h;
        const QJsonArray anchors = QJsonDocument::fromJson(f.readAll()).object().value(u"anchors").toArray();
        for (const QJsonValue &v : anchors) {
            const QJsonObject o = v.toObject();
            h.insert(o.value(u"sha256").toString().toUpper(),
                     {o.value(u"name").toString(), o.value(u"kind").toString()});
        }
        return h;
    }();
    return pins;
}

QList<QString> certificateFiles(const QString &path)
{
    QFileInfo fi(path);
    if (!fi.isDir())
        return {path};
    QList<QString> files;
    QDirIterator it(path, QDir::Files | QDir::Readable | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo f(it.next());
        if (f.size() > 0 && f.size() <= 4 * 1024 * 1024)
            files << f.absoluteFilePath();
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

QString translated(const char *source, const QStringList &args = {})
{
    QString s = QCoreApplication::translate("Signing", source);
    for (const QString &a : args)
        s = s.arg(a);
    return s;
}

} // namespace

TrustStore TrustStore::builtIn()
{
    TrustStore store;
    QFile f(QStringLiteral(":/signing/trust/vgca-rootcag2.pem"));
    if (f.open(QIODevice::ReadOnly)) {
        auto certs = CertificateInfo::fromPemOrDer(f.readAll());
        if (certs) {
            for (const CertificateInfo &c : certs.value()) {
                if (pinnedAnchors().contains(c.sha256Hex))
                    store.addAnchor(c);
                else
                    store.m_warnings << translated(QT_TRANSLATE_NOOP("Signing",
                                                                     "The shipped certificate %1 does not "
                                                                     "match its pinned fingerprint and is "
                                                                     "not trusted."),
                                                   {c.subjectDn});
            }
        }
    }
    return store;
}

QStringList TrustStore::pinnedFingerprints()
{
    return pinnedAnchors().keys();
}

bool TrustStore::isAnchor(const QByteArray &der) const
{
    return std::any_of(m_anchors.begin(), m_anchors.end(),
                       [&](const CertificateInfo &c) { return c.der == der; });
}

bool TrustStore::addAnchor(const CertificateInfo &info)
{
    if (isAnchor(info.der))
        return false;
    m_anchors << info;
    return true;
}

Result<void> TrustStore::addPinnedDirectory(const QString &dir)
{
    QFileInfo fi(dir);
    if (!fi.isDir() || !fi.isReadable())
        return GOVDESK_ERROR(
            "signing.trust-dir-unreadable",
            QT_TRANSLATE_NOOP("Signing", "The trust folder %1 does not exist or cannot be read."),
            QDir::toNativeSeparators(dir));
    for (const QString &path : certificateFiles(dir)) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        auto certs = CertificateInfo::fromPemOrDer(f.readAll());
        if (!certs)
            continue; // not a certificate file (README, hash links…)
        int rejected = 0;
        for (const CertificateInfo &c : certs.value()) {
            if (pinnedAnchors().contains(c.sha256Hex))
                addAnchor(c);
            else
                ++rejected;
        }
        if (rejected > 0 && certs->size() == 1)
            m_warnings << translated(
                QT_TRANSLATE_NOOP("Signing", "%1: the certificate \"%2\" (SHA-256 %3) is not one of "
                                             "the pinned government trust anchors and was ignored."),
                {QDir::toNativeSeparators(path), certs->first().holderSummary(), certs->first().sha256Hex});
        else if (rejected > 0)
            m_warnings << translated(QT_TRANSLATE_NOOP("Signing",
                                                       "%1: %2 certificates are not pinned government trust "
                                                       "anchors and were ignored."),
                                     {QDir::toNativeSeparators(path), QString::number(rejected)});
    }
    return {};
}

Result<void> TrustStore::addTrusted(const QString &pemOrDerFileOrDir)
{
    QFileInfo fi(pemOrDerFileOrDir);
    if (!fi.exists())
        return GOVDESK_ERROR("signing.trust-file-missing",
                             QT_TRANSLATE_NOOP("Signing", "The trust certificate file %1 does not exist."),
                             QDir::toNativeSeparators(pemOrDerFileOrDir));
    int found = 0;
    for (const QString &path : certificateFiles(pemOrDerFileOrDir)) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            if (!fi.isDir())
                return GOVDESK_ERROR(
                    "signing.trust-file-unreadable",
                    QT_TRANSLATE_NOOP("Signing", "The trust certificate file %1 cannot be read."),
                    QDir::toNativeSeparators(path));
            continue;
        }
        auto certs = CertificateInfo::fromPemOrDer(f.readAll());
        if (!certs) {
            if (!fi.isDir())
                return GOVDESK_ERROR("signing.trust-file-invalid",
                                     QT_TRANSLATE_NOOP("Signing",
                                                       "The file %1 does not contain a certificate "
                                                       "(PEM, DER or PKCS#7 expected)."),
                                     QDir::toNativeSeparators(path));
            continue;
        }
        for (const CertificateInfo &c : certs.value()) {
            addAnchor(c);
            ++found;
        }
    }
    if (found == 0)
        return GOVDESK_ERROR("signing.trust-file-invalid",
                             QT_TRANSLATE_NOOP("Signing", "No certificate was found in %1."),
                             QDir::toNativeSeparators(pemOrDerFileOrDir));
    return {};
}

void TrustStore::addTrustedCertificate(const QByteArray &der)
{
    if (auto c = CertificateInfo::fromDer(der))
        addAnchor(c.value());
}

void TrustStore::addIntermediate(const QByteArray &der)
{
    if (std::any_of(m_intermediates.begin(), m_intermediates.end(),
                    [&](const CertificateInfo &c) { return c.der == der; }))
        return;
    if (auto c = CertificateInfo::fromDer(der))
        m_intermediates << c.value();
}

} // namespace govdesk::signing
