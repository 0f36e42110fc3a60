// Certificates as a user sees them (Vietnamese names intact, the shipped government root), refusal of
// certificates unfit to sign, trust anchors pinned by fingerprint, and the verdict on CMS signatures: valid,
// altered, untrusted, revoked (online OCSP, embedded CRL), unchecked revocation, embedded OCSP offline,
// signatures made by other software (openssl cms, with signingTime) and the local-time-as-UTC quirk.
#include "signing/crypto/CmsVerifier.h"
#include "support/LocalPkiServer.h"
#include "support/TestPki.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace govdesk::signing;
using namespace govdesk::signing::testing;

namespace {

const QString kG2Fingerprint =
    QStringLiteral("F04BA4B459A7C9A1B971AD9B1CB833E695A80C79AEA63B174B66A70EDFE2FDB8");

QStringList codes(const CmsVerification &v)
{
    QStringList out;
    for (const Reason &r : v.reasons)
        out << r.code;
    return out;
}

QByteArray describe(const CmsVerification &v)
{
    QStringList lines{QStringLiteral("verdict=%1 integrity=%2 chain=%3 revocation=%4 (%5) time=%6 (%7)")
                          .arg(verdictKey(v.verdict))
                          .arg(int(v.integrity))
                          .arg(int(v.chainState))
                          .arg(int(v.revocation))
                          .arg(v.revocationSource, v.signingTime.toString(Qt::ISODate), v.signingTimeSource)};
    for (const Reason &r : v.reasons)
        lines << r.code + QStringLiteral(": ") + r.en;
    return lines.join(u'\n').toUtf8();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCertVerify : public QObject
{
    Q_OBJECT

    TestPki m_pki;
    LocalPkiServer m_server;
    TrustStore m_trust; // the test root, trusted explicitly
    QByteArray m_content = QByteArrayLiteral("%PDF-1.7 văn bản số 12/UBND-VP — signed byte range");

    govdesk::core::Result<QByteArray> sign(const TestIdentity &who, const QUrl &tsa = {},
                                           const QDateTime &cmsSigningTime = {},
                                           const QList<QByteArray> &chain = {})
    {
        CadesSignRequest req;
        req.contentSha256 = QCryptographicHash::hash(m_content, QCryptographicHash::Sha256);
        req.signerCertDer = who.certDer;
        req.chainDer = chain.isEmpty() ? QList<QByteArray>{m_pki.issuingCa().certDer} : chain;
        req.cmsSigningTime = cmsSigningTime;
        return buildCadesSignature(
            req, [&](const QByteArray &d) { return TestPki::signDigest(who, d); }, tsa);
    }

    CmsVerifyOptions options(bool online) const
    {
        CmsVerifyOptions o;
        o.trust = &m_trust;
        o.online = online;
        o.timeoutMs = 10000;
        o.claimedSigningTime = QDateTime::currentDateTimeUtc();
        return o;
    }

    QUrl tsaUrl() const { return QUrl(m_server.baseUrl() + QStringLiteral("/tsa")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start(m_pki));
        QVERIFY2(m_pki.create(m_server.baseUrl()), qPrintable(m_pki.errorString()));
        const auto trusted = m_trust.addTrusted(m_pki.root().certPem);
        GD_VERIFY_OK(trusted);
        QCOMPARE(m_trust.anchors().size(), 1);
    }

    // ------------------------------------------------------------ certificates

    void decodesVietnameseNames()
    {
        auto info = CertificateInfo::fromDer(m_pki.person().certDer);
        GD_VERIFY_OK(info);
        const CertificateInfo &c = info.value();
        QCOMPARE(c.subjectCommonName, QStringLiteral("Nguyễn Văn An"));
        QCOMPARE(c.subjectOrganization, QStringLiteral("UBND tỉnh Đắk Nông"));
        QCOMPARE(c.subjectOrganizationalUnit, QStringLiteral("Văn phòng UBND tỉnh"));
        QCOMPARE(c.subjectTitle, QStringLiteral("Phó Chủ tịch"));
        QCOMPARE(c.subjectProvince, QStringLiteral("Đắk Nông"));
        QCOMPARE(c.subjectLocality, QStringLiteral("Gia Nghĩa")); // UTF-8 inside a TeletexString
        QCOMPARE(c.subjectUid, QStringLiteral("CMND:012345678"));
        QCOMPARE(c.subjectEmail, QStringLiteral("an.nv@daknong.gov.vn"));
        QCOMPARE(c.issuerCommonName, QStringLiteral("CA phục vụ các cơ quan Nhà nước Thử nghiệm"));
        QCOMPARE(c.issuerOrganization, QStringLiteral("Ban Cơ yếu Chính phủ Thử nghiệm"));
        QVERIFY2(c.subjectDn.startsWith(
                     QStringLiteral("E=an.nv@daknong.gov.vn, UID=CMND:012345678, CN=Nguyễn Văn An")),
                 qPrintable(c.subjectDn));
        QVERIFY(c.subjectDn.endsWith(QStringLiteral("C=VN")));
        QCOMPARE(c.holderSummary(), QStringLiteral("Nguyễn Văn An — UBND tỉnh Đắk Nông"));
        QCOMPARE(c.sha256Hex,
                 QString::fromLatin1(
                     QCryptographicHash::hash(c.der, QCryptographicHash::Sha256).toHex().toUpper()));
        QCOMPARE(c.serialHex, QStringLiteral("1001"));
        QVERIFY(!c.isCa && !c.selfSigned);
        QVERIFY(c.hasKeyUsage && c.digitalSignature && c.nonRepudiation);
        QCOMPARE(c.ocspUrls, QStringList{m_server.baseUrl() + QStringLiteral("/ocsp")});
        QCOMPARE(c.crlUrls, QStringList{m_server.baseUrl() + QStringLiteral("/ca.crl")});
        QCOMPARE(c.caIssuersUrls, QStringList{m_server.baseUrl() + QStringLiteral("/ca.crt")});
        QVERIFY(c.extendedKeyUsageOids.contains(QStringLiteral("1.3.6.1.5.5.7.3.4")));
        QCOMPARE(c.keyAlgorithm, QStringLiteral("RSA"));
        QCOMPARE(c.keyBits, 2048);
        QVERIFY(c.notBefore < QDateTime::currentDateTimeUtc() &&
                c.notAfter > QDateTime::currentDateTimeUtc());
        QCOMPARE(c.notAfter.timeSpec(), Qt::UTC);

        auto org = CertificateInfo::fromDer(m_pki.organisation().certDer);
        GD_VERIFY_OK(org);
        QCOMPARE(org->subjectOrganization, QStringLiteral("UBND tỉnh Đắk Nông")); // BMPString
        QCOMPARE(org->holderSummary(), QStringLiteral("UBND tỉnh Đắk Nông"));

        auto ec = CertificateInfo::fromDer(m_pki.personEc().certDer);
        GD_VERIFY_OK(ec);
        QCOMPARE(ec->keyAlgorithm, QStringLiteral("EC"));
        QCOMPARE(ec->keyBits, 256);
    }

    void shippedGovernmentRoot()
    {
        const TrustStore store = TrustStore::builtIn();
        QCOMPARE(store.anchors().size(), 1);
        const CertificateInfo g2 = store.anchors().first();
        QCOMPARE(g2.sha256Hex, kG2Fingerprint);
        QCOMPARE(g2.subjectOrganization, QStringLiteral("Ban Cơ yếu Chính phủ"));
        QCOMPARE(g2.subjectCommonName, QStringLiteral("RootCA chuyên dùng Chính phủ G2"));
        QVERIFY(g2.isCa && g2.selfSigned);
        QCOMPARE(g2.notAfter.date(), QDate(2048, 8, 14));
        QVERIFY(store.warnings().isEmpty());
        QVERIFY(TrustStore::pinnedFingerprints().contains(kG2Fingerprint));
    }

    void readsBundlesAndPkcs7()
    {
        const QByteArray bundle = readFile(m_pki.person().certPem) + readFile(m_pki.issuingCa().certPem);
        auto certs = CertificateInfo::fromPemOrDer(bundle);
        GD_VERIFY_OK(certs);
        QCOMPARE(certs->size(), 2);
        QCOMPARE(certs->at(1).subjectCommonName,
                 QStringLiteral("CA phục vụ các cơ quan Nhà nước Thử nghiệm"));

        auto der = CertificateInfo::fromPemOrDer(m_pki.root().certDer);
        GD_VERIFY_OK(der);
        QCOMPARE(der->size(), 1);

        const QString p7b = m_pki.dir() + QStringLiteral("/chain.p7b");
        QProcess p;
        p.start(QStandardPaths::findExecutable(QStringLiteral("openssl")),
                {QStringLiteral("crl2pkcs7"), QStringLiteral("-nocrl"), QStringLiteral("-certfile"),
                 m_pki.issuingCa().certPem, QStringLiteral("-certfile"), m_pki.root().certPem,
                 QStringLiteral("-outform"), QStringLiteral("DER"), QStringLiteral("-out"), p7b});
        QVERIFY(p.waitForFinished(30000) && p.exitCode() == 0);
        auto fromP7 = CertificateInfo::fromPemOrDer(readFile(p7b));
        GD_VERIFY_OK(fromP7);
        QCOMPARE(fromP7->size(), 2);

        auto garbage = CertificateInfo::fromPemOrDer(QByteArrayLiteral("\x30\x03\x02\x01\x05 rác"));
        QVERIFY(!garbage.ok());
        QCOMPARE(garbage.error().code(), QStringLiteral("signing.cert-invalid"));
        QVERIFY(!CertificateInfo::fromDer(QByteArray()).ok());
    }

    void refusesCertificatesUnfitToSign()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const CertificateInfo person = CertificateInfo::fromDer(m_pki.person().certDer).value();
        const auto fit = checkCertificateForSigning(person, now);
        GD_VERIFY_OK(fit);

        auto expired =
            checkCertificateForSigning(CertificateInfo::fromDer(m_pki.expired().certDer).value(), now);
        QCOMPARE(expired.error().code(), QStringLiteral("signing.cert-expired"));
        QVERIFY2(expired.error().english().contains(QStringLiteral("Trần Thị Bình")),
                 qPrintable(expired.error().english()));

        auto early = checkCertificateForSigning(person, person.notBefore.addDays(-1));
        QCOMPARE(early.error().code(), QStringLiteral("signing.cert-not-yet-valid"));

        auto ca =
            checkCertificateForSigning(CertificateInfo::fromDer(m_pki.issuingCa().certDer).value(), now);
        QCOMPARE(ca.error().code(), QStringLiteral("signing.cert-wrong-usage"));
        auto tsa = checkCertificateForSigning(CertificateInfo::fromDer(m_pki.tsa().certDer).value(), now);
        QCOMPARE(tsa.error().code(), QStringLiteral("signing.cert-wrong-usage"));

        CertificateInfo encipherOnly = person;
        encipherOnly.digitalSignature = encipherOnly.nonRepudiation = false;
        QCOMPARE(checkCertificateForSigning(encipherOnly, now).error().code(),
                 QStringLiteral("signing.cert-wrong-usage"));
    }

    void pinnedDirectoryAcceptsOnlyPinnedAnchors()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(QString::fromUtf8(qgetenv("GOVDESK_SOURCE_DIR")) +
                                QStringLiteral("/resources/signing/trust/vgca-rootcag2.pem"),
                            dir.filePath(QStringLiteral("rootcag2.crt"))));
        QVERIFY(QFile::copy(m_pki.root().certPem, dir.filePath(QStringLiteral("random-root.pem"))));
        QFile readme(dir.filePath(QStringLiteral("README")));
        QVERIFY(readme.open(QIODevice::WriteOnly));
        readme.write("not a certificate");
        readme.close();

        TrustStore store;
        const auto added = store.addPinnedDirectory(dir.path());
        GD_VERIFY_OK(added);
        QCOMPARE(store.anchors().size(), 1);
        QCOMPARE(store.anchors().first().sha256Hex, kG2Fingerprint);
        QVERIFY2(store.warnings().size() == 1, qPrintable(store.warnings().join(u'\n')));
        QVERIFY2(store.warnings().first().contains(QStringLiteral("random-root.pem")),
                 qPrintable(store.warnings().first()));

        auto missing = store.addPinnedDirectory(dir.filePath(QStringLiteral("no-such-folder")));
        QCOMPARE(missing.error().code(), QStringLiteral("signing.trust-dir-unreadable"));
        QCOMPARE(store.addTrusted(dir.filePath(QStringLiteral("README"))).error().code(),
                 QStringLiteral("signing.trust-file-invalid"));
    }

    // ------------------------------------------------------------ verification

    void validSignatureOnline()
    {
        auto cms = sign(m_pki.person());
        GD_VERIFY_OK(cms);
        const CmsVerification v = verifyCms(cms.value(), m_content, options(true));
        QVERIFY2(v.verdict == Verdict::Valid, describe(v));
        QCOMPARE(v.integrity, CheckState::Passed);
        QCOMPARE(v.chainState, CheckState::Passed);
        QCOMPARE(v.revocation, CheckState::Passed);
        QCOMPARE(v.revocationSource, QStringLiteral("online-ocsp"));
        QCOMPARE(v.signer.subjectCommonName, QStringLiteral("Nguyễn Văn An"));
        QCOMPARE(v.chain.size(), 3);
        QCOMPARE(v.chain.last().der, m_pki.root().certDer);
        QCOMPARE(v.subFilterProfile, QStringLiteral("CAdES"));
        QCOMPARE(v.digestAlgorithm, QStringLiteral("SHA-256"));
        QCOMPARE(v.signingTimeSource, QStringLiteral("claimed"));
        QVERIFY(!v.hasTimestamp);
        QVERIFY(v.reasons.isEmpty());
        QVERIFY(!v.fetched.ocspResponses.isEmpty());
        QCOMPARE(verdictKey(v.verdict), QStringLiteral("valid"));
    }

    void timestampedSignature()
    {
        auto cms = sign(m_pki.organisation(), tsaUrl());
        GD_VERIFY_OK(cms);
        const CmsVerification v = verifyCms(cms.value(), m_content, options(true));
        QVERIFY2(v.verdict == Verdict::Valid, describe(v));
        QVERIFY(v.hasTimestamp);
        QCOMPARE(v.timestamp, CheckState::Passed);
        QCOMPARE(v.signingTimeSource, QStringLiteral("timestamp"));
        QVERIFY(qAbs(v.signingTime.secsTo(QDateTime::currentDateTimeUtc())) < 120);
        QVERIFY(!v.signingTimeSuspect);
    }

    void changedContentIsInvalid()
    {
        auto cms = sign(m_pki.person());
        GD_VERIFY_OK(cms);
        QByteArray changed = m_content;
        changed[10] = changed[10] ^ 0x20;
        const CmsVerification v = verifyCms(cms.value(), changed, options(false));
        QVERIFY2(v.verdict == Verdict::Invalid, describe(v));
        QCOMPARE(v.integrity, CheckState::Failed);
        QVERIFY(codes(v).contains(QStringLiteral("integrity-digest")));
        QCOMPARE(verdictKey(v.verdict), QStringLiteral("invalid"));
    }

    void damagedSignatureValueIsInvalid()
    {
        auto cms = sign(m_pki.person());
        GD_VERIFY_OK(cms);
        QByteArray broken = cms.value();
        // The RSA signature value is the last 256 bytes of this CMS (no unsigned attributes).
        broken[broken.size() - 20] = broken[broken.size() - 20] ^ 0x01;
        const CmsVerification v = verifyCms(broken, m_content, options(false));
        QVERIFY2(v.verdict == Verdict::Invalid, describe(v));
        QVERIFY(codes(v).contains(QStringLiteral("integrity-signature")));
    }

    void garbageIsInvalidNotACrash()
    {
        for (const QByteArray &junk :
             {QByteArray(), QByteArrayLiteral("\x30\x82\xff\xff"), QByteArray(5000, 'A')}) {
            const CmsVerification v = verifyCms(junk, m_content, options(false));
            QCOMPARE(v.verdict, Verdict::Invalid);
            QVERIFY(codes(v).contains(QStringLiteral("cms-invalid")));
            QVERIFY(!v.reasons.first().vi.isEmpty() && !v.reasons.first().en.isEmpty());
        }
    }

    void untrustedRootIsIndeterminate()
    {
        auto cms = sign(m_pki.person());
        GD_VERIFY_OK(cms);
        CmsVerifyOptions o = options(false);
        const TrustStore governmentOnly = TrustStore::builtIn();
        o.trust = &governmentOnly;
        const CmsVerification v = verifyCms(cms.value(), m_content, o);
        QVERIFY2(v.verdict == Verdict::Indeterminate, describe(v));
        QCOMPARE(v.integrity, CheckState::Passed);
        QCOMPARE(v.chainState, CheckState::Unknown);
        QVERIFY(codes(v).contains(QStringLiteral("untrusted")));

        // A signer from a foreign hierarchy, with its root in the signature: still not trusted.
        auto foreign = sign(m_pki.untrustedPerson(), {}, {}, {m_pki.untrustedRoot().certDer});
        GD_VERIFY_OK(foreign);
        const CmsVerification f = verifyCms(foreign.value(), m_content, options(false));
        QVERIFY2(f.verdict == Verdict::Indeterminate, describe(f));
        QCOMPARE(f.chainState, CheckState::Unknown);
        QCOMPARE(f.chain.size(), 2);
        QCOMPARE(f.chain.last().subjectCommonName, QStringLiteral("Root CA không được tin cậy"));
    }

    void revokedOnlineOcspIsInvalid()
    {
        const int before = m_server.requestCount(QStringLiteral("/ocsp"));
        auto cms = sign(m_pki.revoked());
        GD_VERIFY_OK(cms);
        const CmsVerification v = verifyCms(cms.value(), m_content, options(true));
        QVERIFY2(v.verdict == Verdict::Invalid, describe(v));
        QCOMPARE(v.integrity, CheckState::Passed);
        QCOMPARE(v.revocation, CheckState::Failed);
        QCOMPARE(v.revocationSource, QStringLiteral("online-ocsp"));
        QVERIFY(codes(v).contains(QStringLiteral("revoked")));
        QVERIFY(m_server.requestCount(QStringLiteral("/ocsp")) > before);
    }

    void revokedEmbeddedCrlIsInvalid()
    {
        auto crl = fetchCrl(QUrl(m_server.baseUrl() + QStringLiteral("/ca.crl")));
        GD_VERIFY_OK(crl);
        auto cms = sign(m_pki.revoked());
        GD_VERIFY_OK(cms);
        CmsVerifyOptions o = options(false);
        o.embedded.crls << crl.value();
        const CmsVerification v = verifyCms(cms.value(), m_content, o);
        QVERIFY2(v.verdict == Verdict::Invalid, describe(v));
        QCOMPARE(v.revocation, CheckState::Failed);
        QCOMPARE(v.revocationSource, QStringLiteral("embedded-crl"));

        // Signed before the revocation: the same certificate's signature stays valid.
        CmsVerifyOptions earlier = o;
        earlier.claimedSigningTime = m_pki.revocationTime().addSecs(-3600);
        auto rootCrl = fetchCrl(QUrl(m_server.baseUrl() + QStringLiteral("/root.crl")));
        GD_VERIFY_OK(rootCrl);
        earlier.embedded.crls << rootCrl.value();
        const CmsVerification e = verifyCms(cms.value(), m_content, earlier);
        QVERIFY2(e.verdict == Verdict::Valid, describe(e));
        QVERIFY(codes(e).contains(QStringLiteral("revoked-after-signing")));
    }

    void offlineWithoutDataIsNotChecked()
    {
        auto cms = sign(m_pki.person());
        GD_VERIFY_OK(cms);
        const int before = m_server.requestCount(QStringLiteral("/ocsp"));
        const CmsVerification v = verifyCms(cms.value(), m_content, options(false));
        QCOMPARE(m_server.requestCount(QStringLiteral("/ocsp")), before);
        QCOMPARE(v.revocation, CheckState::NotChecked);
        QCOMPARE(v.integrity, CheckState::Passed);
        QCOMPARE(v.chainState, CheckState::Passed);
        QVERIFY2(v.verdict == Verdict::Indeterminate, describe(v));
        QVERIFY(codes(v).contains(QStringLiteral("revocation-not-checked")));
        const Reason r = v.reasons.at(codes(v).indexOf(QStringLiteral("revocation-not-checked")));
        QVERIFY2(r.en.contains(QStringLiteral("not checked")), qPrintable(r.en));
    }

    void embeddedOcspPassesOffline()
    {
        auto cms = sign(m_pki.person());
        GD_VERIFY_OK(cms);
        QList<CertificateInfo> chain;
        for (const TestIdentity &id : {m_pki.person(), m_pki.issuingCa(), m_pki.root()})
            chain << CertificateInfo::fromDer(id.certDer).value();
        QStringList problems;
        const RevocationData collected = collectRevocationData(chain, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(collected.ocspResponses.size(), 1); // the signer, by OCSP
        QCOMPARE(collected.crls.size(), 1);          // the issuing CA, by the root's CRL

        m_server.setDown(true); // nothing may be fetched now
        const int before = m_server.requestCount(QStringLiteral("/ocsp"));
        CmsVerifyOptions o = options(false);
        o.embedded = collected;
        const CmsVerification v = verifyCms(cms.value(), m_content, o);
        m_server.setDown(false);
        QCOMPARE(m_server.requestCount(QStringLiteral("/ocsp")), before);
        QVERIFY2(v.verdict == Verdict::Valid, describe(v));
        QCOMPARE(v.revocation, CheckState::Passed);
        QCOMPARE(v.revocationSource, QStringLiteral("embedded-ocsp"));
    }

    void leafOnlySignatureFetchesIssuerOnline()
    {
        auto cms = sign(m_pki.person(), {}, {}, {m_pki.person().certDer}); // no CA certificate inside
        GD_VERIFY_OK(cms);
        const CmsVerification offline = verifyCms(cms.value(), m_content, options(false));
        QCOMPARE(offline.chainState, CheckState::Unknown);
        const int before = m_server.requestCount(QStringLiteral("/ca.crt"));
        const CmsVerification online = verifyCms(cms.value(), m_content, options(true));
        QVERIFY2(online.verdict == Verdict::Valid, describe(online));
        QCOMPARE(m_server.requestCount(QStringLiteral("/ca.crt")), before + 1);
    }

    void expiredAtSigningTimeIsInvalid()
    {
        auto cms = sign(m_pki.expired());
        GD_VERIFY_OK(cms);
        const CmsVerification v = verifyCms(cms.value(), m_content, options(false));
        QVERIFY2(v.verdict == Verdict::Invalid, describe(v));
        QCOMPARE(v.chainState, CheckState::Failed);
        QVERIFY(codes(v).contains(QStringLiteral("cert-expired")));
    }

    void signatureFromOpensslCmsTool()
    {
        const QString in = m_pki.dir() + QStringLiteral("/content.bin"),
                      out = m_pki.dir() + QStringLiteral("/sig.der");
        QFile f(in);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_content);
        f.close();
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStandardPaths::findExecutable(QStringLiteral("openssl")),
                {QStringLiteral("cms"), QStringLiteral("-sign"), QStringLiteral("-binary"),
                 QStringLiteral("-md"), QStringLiteral("sha256"), QStringLiteral("-in"), in,
                 QStringLiteral("-signer"), m_pki.person().certPem, QStringLiteral("-inkey"),
                 m_pki.person().keyPem, QStringLiteral("-certfile"), m_pki.issuingCa().certPem,
                 QStringLiteral("-noattr"), QStringLiteral("-outform"), QStringLiteral("DER"),
                 QStringLiteral("-out"), out});
        // First without attributes at all (old PKCS#7 tools), then the usual form with signingTime.
        QVERIFY2(p.waitForFinished(30000) && p.exitCode() == 0, p.readAll().constData());
        const CmsVerification bare = verifyCms(readFile(out), m_content, options(true));
        QVERIFY2(bare.verdict == Verdict::Valid, describe(bare));
        QCOMPARE(bare.subFilterProfile, QStringLiteral("PKCS#7"));

        QStringList args = p.arguments();
        args.removeAll(QStringLiteral("-noattr"));
        p.start(p.program(), args);
        QVERIFY2(p.waitForFinished(30000) && p.exitCode() == 0, p.readAll().constData());
        CmsVerifyOptions o = options(true);
        o.claimedSigningTime = {};
        const CmsVerification v = verifyCms(readFile(out), m_content, o);
        QVERIFY2(v.verdict == Verdict::Valid, describe(v));
        QCOMPARE(v.subFilterProfile, QStringLiteral("PKCS#7"));
        QCOMPARE(v.signingTimeSource, QStringLiteral("cms-signing-time"));
        QVERIFY(qAbs(v.signingTime.secsTo(QDateTime::currentDateTimeUtc())) < 120);
        QVERIFY(!v.signingTimeSuspect);

        QByteArray changed = m_content;
        changed.append(' ');
        QCOMPARE(verifyCms(readFile(out), changed, o).verdict, Verdict::Invalid);
    }

    void localTimeLabelledUtcIsFlagged()
    {
        // A tool wrote Vietnam local time into signingTime and marked it UTC: 7 hours after the TSA genTime.
        auto cms = sign(m_pki.person(), tsaUrl(), QDateTime::currentDateTimeUtc().addSecs(7 * 3600));
        GD_VERIFY_OK(cms);
        const CmsVerification v = verifyCms(cms.value(), m_content, options(true));
        QVERIFY(v.signingTimeSuspect);
        QCOMPARE(v.signingTimeSource, QStringLiteral("timestamp"));
        QVERIFY(qAbs(v.signingTime.secsTo(QDateTime::currentDateTimeUtc())) < 120);
        QVERIFY(codes(v).contains(QStringLiteral("signing-time-local")));
        QVERIFY2(v.verdict == Verdict::Valid, describe(v));

        // Without a timestamp, against the claimed (PDF /M) time.
        const QDateTime claimed = QDateTime::currentDateTimeUtc().addSecs(-600);
        auto noTs = sign(m_pki.person(), {}, claimed.addSecs(7 * 3600 + 30));
        GD_VERIFY_OK(noTs);
        CmsVerifyOptions o = options(false);
        o.claimedSigningTime = claimed;
        const CmsVerification n = verifyCms(noTs.value(), m_content, o);
        QVERIFY(n.signingTimeSuspect);
        QCOMPARE(n.signingTimeSource, QStringLiteral("claimed"));

        // A correct UTC signingTime is not flagged.
        auto honest = sign(m_pki.person(), tsaUrl(), QDateTime::currentDateTimeUtc());
        GD_VERIFY_OK(honest);
        QVERIFY(!verifyCms(honest.value(), m_content, options(false)).signingTimeSuspect);
    }

    void everyCorruptionIsExplained()
    {
        // Damage anywhere in a valid signature: never a crash, and whenever the verdict is no longer valid
        // the user is told why.
        auto cms = sign(m_pki.person());
        GD_VERIFY_OK(cms);
        QList<CertificateInfo> chain;
        for (const TestIdentity &id : {m_pki.person(), m_pki.issuingCa(), m_pki.root()})
            chain << CertificateInfo::fromDer(id.certDer).value();
        CmsVerifyOptions o = options(false);
        o.embedded = collectRevocationData(chain, nullptr);
        QCOMPARE(verifyCms(cms.value(), m_content, o).verdict, Verdict::Valid);
        int notValid = 0;
        for (qsizetype i = 0; i < cms->size(); i += 7) {
            QByteArray damaged = cms.value();
            damaged[i] = char(damaged[i] ^ 0x5a);
            const CmsVerification v = verifyCms(damaged, m_content, o);
            if (v.verdict != Verdict::Valid) {
                ++notValid;
                QVERIFY2(
                    !v.reasons.isEmpty(),
                    qPrintable(
                        QStringLiteral("byte %1: %2 without a reason").arg(i).arg(verdictKey(v.verdict))));
            }
        }
        QVERIFY(notValid > 0);
    }

    void verdictWords()
    {
        QCOMPARE(verdictKey(Verdict::Indeterminate), QStringLiteral("indeterminate"));
        QCOMPARE(verdictText(Verdict::Valid), QStringLiteral("Valid")); // no translator loaded in tests
    }
};

QTEST_GUILESS_MAIN(TestCertVerify)
#include "tst_certverify.moc"
