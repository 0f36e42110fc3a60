// The PKCS#11 token layer against SoftHSM2 tokens, and against the test shim that behaves like a Ban Cơ yếu
// token (PIN retry counter, unplugging).

#include "signing/pkcs11/Pkcs11Module.h"
#include "signing/pkcs11/TokenWatcher.h"
#include "support/SoftHsmToken.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <dlfcn.h>

#include <atomic>
#include <thread>

using namespace govdesk::signing;
using govdesk::signing::testing::SoftHsmToken;
namespace core = govdesk::core;

namespace {

const QByteArray kPin = "246810";
const QString kTokenLabel = QStringLiteral("Văn thư Sở Tư pháp");
const QString kRsaLabel = QStringLiteral("Nguyễn Văn An");
const QString kEcLabel = QStringLiteral("Trần Thị Bình");
const QString kCaLabel = QStringLiteral("CA thử nghiệm");
const QByteArray kRsaId = QByteArray::fromHex("a1");
const QByteArray kEcId = QByteArray::fromHex("b2");
const QByteArray kCaId = QByteArray::fromHex("c3");

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

bool runTool(const QString &program, const QStringList &args, QByteArray *out = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60000))
        return false;
    const QByteArray o = p.readAll();
    if (out)
        *out = o;
    if (p.exitCode() != 0)
        qWarning("%s: %s", qPrintable(program), o.constData());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const TokenObjectCertificate *findCert(const TokenInfo &t, const QByteArray &id)
{
    for (const TokenObjectCertificate &c : t.certificates) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

const TokenInfo *findToken(const QList<TokenInfo> &tokens, const QString &label)
{
    for (const TokenInfo &t : tokens) {
        if (t.label == label)
            return &t;
    }
    return nullptr;
}

// OpenSSL check of a signature made by the token: RSA PKCS#1 v1.5 over DigestInfo(sha256), or DER ECDSA.
bool verifyWithCertificate(const QByteArray &certDer, const QByteArray &digest, const QByteArray &signature,
                           QByteArray *recoveredDigestInfo = nullptr)
{
    const auto *p = reinterpret_cast<const unsigned char *>(certDer.constData());
    X509 *cert = d2i_X509(nullptr, &p, certDer.size());
    if (!cert)
        return false;
    EVP_PKEY *key = X509_get_pubkey(cert);
    X509_free(cert);
    if (!key)
        return false;
    bool ok = false;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, nullptr);
    if (ctx && EVP_PKEY_verify_init(ctx) == 1 && EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) == 1) {
        if (EVP_PKEY_base_id(key) == EVP_PKEY_RSA)
            EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING);
        ok = EVP_PKEY_verify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()),
                             size_t(signature.size()),
                             reinterpret_cast<const unsigned char *>(digest.constData()),
                             size_t(digest.size())) == 1;
    }
    EVP_PKEY_CTX_free(ctx);
    if (recoveredDigestInfo && EVP_PKEY_base_id(key) == EVP_PKEY_RSA) {
        // The raw PKCS#1 block content: must be exactly DigestInfo(sha256, digest).
        EVP_PKEY_CTX *rctx = EVP_PKEY_CTX_new(key, nullptr);
        unsigned char buf[512];
        size_t len = sizeof buf;
        if (rctx && EVP_PKEY_verify_recover_init(rctx) == 1 &&
            EVP_PKEY_CTX_set_rsa_padding(rctx, RSA_PKCS1_PADDING) == 1 &&
            EVP_PKEY_verify_recover(rctx, buf, &len,
                                    reinterpret_cast<const unsigned char *>(signature.constData()),
                                    size_t(signature.size())) == 1)
            *recoveredDigestInfo = QByteArray(reinterpret_cast<const char *>(buf), qsizetype(len));
        EVP_PKEY_CTX_free(rctx);
    }
    EVP_PKEY_free(key);
    return ok;
}

} // namespace

class TstPkcs11 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void tokensListLabelsSerialAndCertificates();
    void moduleIsSharedPerPath();
    void rsaSignatureVerifiesWithOpenSsl();
    void ecSignatureVerifiesAsEcdsa();
    void signingNeedsLogin();
    void unknownKeyAndBadDigestAreClearErrors();
    void missingOrForeignModuleIsAClearError();
    void availableModulesKeepExistingFilesOnce();
    void moduleIsUsableFromTwoThreads();
    void secondStoreIsSeparate();
    void pinBuffersAreWiped();
    void ecdsaRawSignatureBecomesDer();

    void wrongPinCallsLoginOnceAndSaysTriesAreLow();
    void threeWrongPinsLockWithoutFurtherLoginCalls();
    void rightPinResetsTheCounter();
    void unpluggedTokenIsReportedAsRemoved();

    void watcherSeesTokenPluggedAndUnplugged();
    void watcherReleasesModulesWhenStopped();

private:
    // Shim state file: tries, logins, present.
    QMap<QString, long> shimState() const;
    void setShimState(long tries, long logins, long present);
    core::Result<std::shared_ptr<Pkcs11Module>> loadShim();

    QTemporaryDir m_dir;
    SoftHsmToken m_token;
    QString m_rsaCert, m_ecCert, m_caCert, m_serial, m_shimState;
};

void TstPkcs11::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // scripts/install-deps installs SoftHSM2; its absence is a broken set-up, not a reason to skip.
    QVERIFY2(QFile::exists(QString::fromLatin1(SoftHsmToken::modulePath)),
             "SoftHSM2 is not installed: run scripts/install-deps");
    const QString d = m_dir.path();
    m_rsaCert = d + QStringLiteral("/rsa.pem");
    m_ecCert = d + QStringLiteral("/ec.pem");
    m_caCert = d + QStringLiteral("/ca.pem");
    const QString openssl = QStringLiteral("openssl");
    QVERIFY(
        runTool(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                          QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                          d + QStringLiteral("/rsa.key"), QStringLiteral("-out"), m_rsaCert,
                          QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-utf8"),
                          QStringLiteral("-subj"), QStringLiteral("/C=VN/O=Sở Tư pháp/CN=") + kRsaLabel}));
    QVERIFY(runTool(
        openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                  QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                  QStringLiteral("-nodes"), QStringLiteral("-keyout"), d + QStringLiteral("/ec.key"),
                  QStringLiteral("-out"), m_ecCert, QStringLiteral("-days"), QStringLiteral("30"),
                  QStringLiteral("-utf8"), QStringLiteral("-subj"), QStringLiteral("/C=VN/CN=") + kEcLabel}));
    QVERIFY(runTool(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                              QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                              d + QStringLiteral("/ca.key"), QStringLiteral("-out"), m_caCert,
                              QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-utf8"),
                              QStringLiteral("-subj"), QStringLiteral("/C=VN/CN=") + kCaLabel}));

    QVERIFY2(m_token.create(kTokenLabel, kPin), qPrintable(m_token.errorString()));
    QVERIFY2(m_token.importKeyAndCertificate(d + QStringLiteral("/rsa.key"), m_rsaCert, "a1", kRsaLabel),
             qPrintable(m_token.errorString()));
    // PEM text instead of files works too.
    QVERIFY2(m_token.importKeyAndCertificate(QString::fromUtf8(readFile(d + QStringLiteral("/ec.key"))),
                                             QString::fromUtf8(readFile(m_ecCert)), "b2", kEcLabel),
             qPrintable(m_token.errorString()));
    QVERIFY2(m_token.importCertificate(m_caCert, "c3", kCaLabel), qPrintable(m_token.errorString()));
    QCOMPARE(qgetenv("SOFTHSM2_CONF"), QFile::encodeName(m_token.confPath()));

    // The serial number as SoftHSM's own tool reports it.
    QByteArray slots;
    QVERIFY(m_token.run(QStringLiteral("softhsm2-util"), {QStringLiteral("--show-slots")}, &slots));
    const QStringList lines = QString::fromUtf8(slots).split(QLatin1Char('\n'));
    QString serial;
    for (const QString &line : lines) {
        const QString t = line.trimmed();
        if (t.startsWith(QLatin1StringView("Serial number:")))
            serial = t.mid(14).trimmed();
        if (t.startsWith(QLatin1StringView("Label:")) && t.mid(6).trimmed() == kTokenLabel)
            m_serial = serial;
    }
    QVERIFY2(!m_serial.isEmpty(), slots.constData());

    // The shim forwards to its own copy of SoftHSM, so that it never shares SoftHSM's state with a direct
    // load.
    const QString target = d + QStringLiteral("/libsofthsm2-shim-target.so");
    QVERIFY(QFile::copy(QString::fromLatin1(SoftHsmToken::modulePath), target));
    m_shimState = d + QStringLiteral("/shim.state");
    qputenv("GOVDESK_P11SHIM_TARGET", QFile::encodeName(target));
    qputenv("GOVDESK_P11SHIM_STATE", QFile::encodeName(m_shimState));
}

void TstPkcs11::cleanup()
{
    setShimState(3, 0, 1);
}

QMap<QString, long> TstPkcs11::shimState() const
{
    QMap<QString, long> s;
    for (const QByteArray &line : readFile(m_shimState).split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            s.insert(QString::fromLatin1(line.left(eq)), line.mid(eq + 1).toLong());
    }
    return s;
}

void TstPkcs11::setShimState(long tries, long logins, long present)
{
    QFile f(m_shimState);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(
        QStringLiteral("tries=%1\nlogins=%2\npresent=%3\n").arg(tries).arg(logins).arg(present).toLatin1());
}

core::Result<std::shared_ptr<Pkcs11Module>> TstPkcs11::loadShim()
{
    return Pkcs11Module::load(QStringLiteral(GOVDESK_P11SHIM_PATH));
}

// ------------------------------------------------------------------ SoftHSM directly

void TstPkcs11::tokensListLabelsSerialAndCertificates()
{
    auto module = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
    GD_VERIFY_OK(module);
    QCOMPARE(module.value()->manufacturer(), QStringLiteral("SoftHSM"));
    QVERIFY(!module.value()->libraryDescription().isEmpty());
    QCOMPARE(module.value()->path(),
             QFileInfo(QString::fromLatin1(SoftHsmToken::modulePath)).canonicalFilePath());

    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    QCOMPARE(tokens->size(), 1); // SoftHSM's empty slot has no token
    const TokenInfo &t = tokens->first();
    QCOMPARE(t.label, kTokenLabel);
    QCOMPARE(t.serialNumber, m_serial);
    QCOMPARE(t.manufacturer, QStringLiteral("SoftHSM project"));
    QCOMPARE(t.model, QStringLiteral("SoftHSM v2"));
    QCOMPARE(t.modulePath, module.value()->path());
    QVERIFY(t.slotDescription.startsWith(QLatin1StringView("SoftHSM slot")));
    QVERIFY(t.loginRequired);
    QVERIFY(t.pinInitialized);
    QVERIFY(!t.pinLocked && !t.pinCountLow && !t.pinFinalTry);
    QCOMPARE(t.pinStateText(), QStringLiteral("Ready: no wrong PIN has been entered"));
    QVERIFY(t.minPinLength >= 4);
    QVERIFY(t.maxPinLength >= t.minPinLength);

    QCOMPARE(t.certificates.size(), 3);
    const TokenObjectCertificate *rsa = findCert(t, kRsaId);
    const TokenObjectCertificate *ec = findCert(t, kEcId);
    const TokenObjectCertificate *ca = findCert(t, kCaId);
    QVERIFY(rsa && ec && ca);
    QCOMPARE(rsa->label, kRsaLabel);
    QCOMPARE(ec->label, kEcLabel);
    QCOMPARE(ca->label, kCaLabel);
    QVERIFY(rsa->hasPrivateKey);
    QVERIFY(ec->hasPrivateKey);
    QVERIFY(!ca->hasPrivateKey);
    QCOMPARE(rsa->keyType, QStringLiteral("RSA"));
    QCOMPARE(rsa->keyBits, 2048);
    QCOMPARE(ec->keyType, QStringLiteral("EC"));
    QCOMPARE(ec->keyBits, 256);

    // The certificate bytes are the ones imported.
    QByteArray der;
    QVERIFY(runTool(QStringLiteral("openssl"),
                    {QStringLiteral("x509"), QStringLiteral("-in"), m_rsaCert, QStringLiteral("-outform"),
                     QStringLiteral("DER")},
                    &der));
    QCOMPARE(rsa->der, der);
}

void TstPkcs11::moduleIsSharedPerPath()
{
    auto a = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
    auto b = Pkcs11Module::load(QFileInfo(QString::fromLatin1(SoftHsmToken::modulePath)).canonicalFilePath());
    GD_VERIFY_OK(a);
    GD_VERIFY_OK(b);
    QCOMPARE(a.value().get(), b.value().get()); // a symlink and its target are one module, initialised once
    // Released and loaded again: initialised again and still working.
    a = Pkcs11Module::load(QStringLiteral("/nonexistent")); // drops the references
    b = Pkcs11Module::load(QStringLiteral("/nonexistent"));
    auto c = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
    GD_VERIFY_OK(c);
    auto tokens = c.value()->tokens();
    GD_VERIFY_OK(tokens);
    QCOMPARE(tokens->size(), 1);
}

void TstPkcs11::rsaSignatureVerifiesWithOpenSsl()
{
    auto module = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
    GD_VERIFY_OK(module);
    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    QCOMPARE(tokens->size(), 1);
    const QByteArray certDer = findCert(tokens->first(), kRsaId)->der;

    auto session = module.value()->openSession(tokens->first().slotId);
    GD_VERIFY_OK(session);
    QVERIFY(!session.value()->loggedIn());
    const auto loggedIn = session.value()->login(kPin); // evaluated once: the macro repeats its argument
    GD_VERIFY_OK(loggedIn);
    QVERIFY(session.value()->loggedIn());

    const QByteArray digest = sha256(QByteArrayLiteral("Công văn số 15/STP-VP"));
    auto sig = session.value()->signDigest(kRsaId, digest);
    GD_VERIFY_OK(sig);
    QCOMPARE(sig->size(), 256);
    QByteArray recovered;
    QVERIFY(verifyWithCertificate(certDer, digest, sig.value(), &recovered));
    QCOMPARE(recovered, sha256DigestInfo(digest));
    // The check above does fail for another document.
    QVERIFY(!verifyWithCertificate(certDer, sha256(QByteArrayLiteral("other")), sig.value()));

    // After login the session sees the private keys themselves.
    const TokenInfo info = session.value()->tokenInfo();
    QCOMPARE(info.label, kTokenLabel);
    QVERIFY(findCert(info, kRsaId) && findCert(info, kRsaId)->hasPrivateKey);
    QVERIFY(findCert(info, kCaId) && !findCert(info, kCaId)->hasPrivateKey);
}

void TstPkcs11::ecSignatureVerifiesAsEcdsa()
{
    auto module = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
    GD_VERIFY_OK(module);
    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    const QByteArray certDer = findCert(tokens->first(), kEcId)->der;
    auto session = module.value()->openSession(tokens->first().slotId);
    GD_VERIFY_OK(session);
    const auto loggedIn = session.value()->login(kPin);
    GD_VERIFY_OK(loggedIn);

    const QByteArray digest = sha256(QByteArrayLiteral("Quyết định số 120/QĐ-UBND"));
    auto sig = session.value()->signDigest(kEcId, digest);
    GD_VERIFY_OK(sig);
    // A DER ECDSA-Sig-Value, not raw r||s.
    const auto *p = reinterpret_cast<const unsigned char *>(sig->constData());
    ECDSA_SIG *parsed = d2i_ECDSA_SIG(nullptr, &p, sig->size());
    QVERIFY(parsed);
    ECDSA_SIG_free(parsed);
    QVERIFY(verifyWithCertificate(certDer, digest, sig.value()));
    QVERIFY(!verifyWithCertificate(certDer, sha256(QByteArrayLiteral("other")), sig.value()));
}

void TstPkcs11::signingNeedsLogin()
{
    auto module = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
    GD_VERIFY_OK(module);
    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    auto session = module.value()->openSession(tokens->first().slotId);
    GD_VERIFY_OK(session);
    auto sig = session.value()->signDigest(kRsaId, sha256("x"));
    QVERIFY(!sig.ok());
    QCOMPARE(sig.error().code(), QStringLiteral("signing.not-logged-in"));
    QVERIFY(sig.error().english().contains(QLatin1StringView("PIN")));
    // An empty PIN on a token without a PIN pad is refused before reaching the token.
    auto login = session.value()->login({});
    QCOMPARE(login.error().code(), QStringLiteral("signing.pin-empty"));
}

void TstPkcs11::unknownKeyAndBadDigestAreClearErrors()
{
    auto module = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
    GD_VERIFY_OK(module);
    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    auto session = module.value()->openSession(tokens->first().slotId);
    GD_VERIFY_OK(session);
    const auto loggedIn = session.value()->login(kPin);
    GD_VERIFY_OK(loggedIn);

    auto sig = session.value()->signDigest(QByteArray::fromHex("ff01"), sha256("x"));
    QVERIFY(!sig.ok());
    QCOMPARE(sig.error().code(), QStringLiteral("signing.key-not-found"));
    QVERIFY2(sig.error().english().contains(QLatin1StringView("ff01")), qPrintable(sig.error().english()));
    // The certificate without a key cannot sign either.
    sig = session.value()->signDigest(kCaId, sha256("x"));
    QCOMPARE(sig.error().code(), QStringLiteral("signing.key-not-found"));

    sig = session.value()->signDigest(kRsaId, QByteArray(20, 'x'));
    QCOMPARE(sig.error().code(), QStringLiteral("signing.digest-length"));
    QVERIFY(sig.error().english().contains(QLatin1StringView("20")));

    auto bad = module.value()->openSession(987654321);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code(), QStringLiteral("signing.token-removed"));
}

void TstPkcs11::missingOrForeignModuleIsAClearError()
{
    auto missing = Pkcs11Module::load(QStringLiteral("/usr/lib/khong-co/libbit4xpki.so"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code(), QStringLiteral("signing.module-not-found"));
    QVERIFY(missing.error().english().contains(QLatin1StringView("/usr/lib/khong-co/libbit4xpki.so")));

    // A file that is not a library at all: the loader's reason is in the message.
    const QString text = m_dir.filePath(QStringLiteral("not-a-library.so"));
    QFile f(text);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("this is not a shared library\n").repeated(20));
    f.close();
    auto notElf = Pkcs11Module::load(text);
    QVERIFY(!notElf.ok());
    QCOMPARE(notElf.error().code(), QStringLiteral("signing.module-load-failed"));
    QVERIFY2(notElf.error().english().contains(text), qPrintable(notElf.error().english()));
    QVERIFY2(notElf.error().english().contains(QLatin1StringView("ELF"), Qt::CaseInsensitive),
             qPrintable(notElf.error().english()));

    // A real library that is not a PKCS#11 module (OpenSSL's libcrypto).
    Dl_info info{};
    QVERIFY(dladdr(reinterpret_cast<void *>(&EVP_sha256), &info) && info.dli_fname);
    const QString libcrypto = QString::fromLocal8Bit(info.dli_fname);
    auto foreign = Pkcs11Module::load(libcrypto);
    QVERIFY(!foreign.ok());
    QCOMPARE(foreign.error().code(), QStringLiteral("signing.module-not-pkcs11"));
    QVERIFY(foreign.error().english().contains(QLatin1StringView("C_GetFunctionList")));
}

void TstPkcs11::availableModulesKeepExistingFilesOnce()
{
    const QString softhsm = QString::fromLatin1(SoftHsmToken::modulePath); // a symlink
    const QString canonical = QFileInfo(softhsm).canonicalFilePath();
    QVERIFY(canonical != softhsm);
    const QList<KnownModule> modules = availablePkcs11Modules(
        {softhsm, QStringLiteral("/opt/khong-co/libvnpt-ca_p11.so"), canonical, QString()});
    int softhsmCount = 0;
    for (const KnownModule &m : modules) {
        QVERIFY2(QFile::exists(m.path), qPrintable(m.path));
        QVERIFY(!m.path.contains(QLatin1StringView("khong-co")));
        if (m.path == canonical) {
            ++softhsmCount;
            QCOMPARE(m.id, QStringLiteral("configured"));
        }
    }
    QCOMPARE(softhsmCount, 1);
    QCOMPARE(modules.first().path, canonical); // configured modules come first

    // The vendor defaults come from the compiled-in list: OpenSC's module is the ePass2003 entry.
    const QString opensc = QStringLiteral("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so");
    QVERIFY2(QFile::exists(opensc), "OpenSC is not installed: run scripts/install-deps");
    int openscCount = 0;
    for (const KnownModule &m :
         availablePkcs11Modules({QStringLiteral("/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so")})) {
        if (m.path == opensc) {
            ++openscCount;
            QCOMPARE(m.id, QStringLiteral("epass2003")); // a configured known file keeps its vendor
            QVERIFY(m.vendor.contains(QLatin1StringView("ePass2003")));
        }
    }
    QCOMPARE(openscCount, 1);
}

void TstPkcs11::moduleIsUsableFromTwoThreads()
{
    auto module = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
    GD_VERIFY_OK(module);
    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    const QByteArray certDer = findCert(tokens->first(), kRsaId)->der;
    auto session = module.value()->openSession(tokens->first().slotId);
    GD_VERIFY_OK(session);
    const auto loggedIn = session.value()->login(kPin);
    GD_VERIFY_OK(loggedIn);

    // A worker lists tokens (as the token watcher does) while this thread signs.
    std::atomic<int> listed{0}, listFailures{0};
    std::thread worker([&] {
        auto m = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
        for (int i = 0; i < 40 && m.ok(); ++i) {
            auto t = m.value()->tokens();
            if (t.ok() && t->size() == 1 && t->first().certificates.size() == 3)
                ++listed;
            else
                ++listFailures;
        }
    });
    int verified = 0;
    for (int i = 0; i < 40; ++i) {
        const QByteArray digest = sha256(QByteArray::number(i));
        auto sig = session.value()->signDigest(kRsaId, digest);
        if (sig.ok() && verifyWithCertificate(certDer, digest, sig.value()))
            ++verified;
    }
    worker.join();
    QCOMPARE(verified, 40);
    QCOMPARE(listed.load(), 40);
    QCOMPARE(listFailures.load(), 0);
}

void TstPkcs11::secondStoreIsSeparate()
{
    {
        SoftHsmToken other;
        QVERIFY2(other.create(QStringLiteral("Kho khác"), "13579135"), qPrintable(other.errorString()));
        auto module = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
        GD_VERIFY_OK(module);
        auto tokens = module.value()->tokens();
        GD_VERIFY_OK(tokens);
        QCOMPARE(tokens->size(), 1);
        QCOMPARE(tokens->first().label, QStringLiteral("Kho khác"));
        QVERIFY(tokens->first().certificates.isEmpty());
    }
    // The other store is gone and SOFTHSM2_CONF points at the main one again.
    QCOMPARE(qgetenv("SOFTHSM2_CONF"), QFile::encodeName(m_token.confPath()));
    auto module = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
    GD_VERIFY_OK(module);
    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    QCOMPARE(tokens->size(), 1);
    QCOMPARE(tokens->first().label, kTokenLabel);
}

void TstPkcs11::pinBuffersAreWiped()
{
    QByteArray pin = QByteArray("246810");
    const QByteArray sharedCopy = pin; // implicitly shared: the same bytes
    wipeSecret(pin);
    QVERIFY(pin.isEmpty());
    QCOMPARE(sharedCopy, QByteArray(6, '\0'));

    QByteArray literal = QByteArrayLiteral("1234"); // read-only data: dropped, not written
    wipeSecret(literal);
    QVERIFY(literal.isEmpty());
}

void TstPkcs11::ecdsaRawSignatureBecomesDer()
{
    // r with its top bit set gets a leading zero; s with leading zero bytes is shortened.
    const QByteArray r = QByteArray(1, '\x80') + QByteArray(31, '\x01');
    const QByteArray s = QByteArray(30, '\0') + QByteArray::fromHex("0102");
    const QByteArray der = ecdsaRawToDer(r + s);
    QCOMPARE(der.toHex(), (QByteArray("3027") + "0221" + "00" + r.toHex() + "0202" + "0102"));
    QVERIFY(ecdsaRawToDer(QByteArray(63, '\x01')).isEmpty());
    QVERIFY(ecdsaRawToDer({}).isEmpty());
}

// ------------------------------------------------------------------ through the shim (a real token's PIN
// rules)

void TstPkcs11::wrongPinCallsLoginOnceAndSaysTriesAreLow()
{
    setShimState(3, 0, 1);
    auto module = loadShim();
    GD_VERIFY_OK(module);
    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    QCOMPARE(tokens->size(), 1);
    QCOMPARE(tokens->first().label, kTokenLabel);
    auto session = module.value()->openSession(tokens->first().slotId);
    GD_VERIFY_OK(session);

    auto login = session.value()->login("000000");
    QVERIFY(!login.ok());
    QCOMPARE(login.error().code(), QStringLiteral("signing.pin-incorrect"));
    QVERIFY2(login.error().english().contains(QLatin1StringView("Few tries are left")),
             qPrintable(login.error().english()));
    QCOMPARE(shimState().value(QStringLiteral("logins")), 1L);
    QVERIFY(!session.value()->loggedIn());
    const TokenInfo info = session.value()->tokenInfo();
    QVERIFY(info.pinCountLow);
    QVERIFY(!info.pinFinalTry);
    QCOMPARE(info.pinStateText(), QStringLiteral("A wrong PIN was entered: few tries left"));
}

void TstPkcs11::threeWrongPinsLockWithoutFurtherLoginCalls()
{
    setShimState(3, 0, 1);
    auto module = loadShim();
    GD_VERIFY_OK(module);
    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    auto session = module.value()->openSession(tokens->first().slotId);
    GD_VERIFY_OK(session);

    QCOMPARE(session.value()->login("111111").error().code(), QStringLiteral("signing.pin-incorrect"));
    auto second = session.value()->login("222222");
    QCOMPARE(second.error().code(), QStringLiteral("signing.pin-incorrect"));
    QVERIFY2(second.error().english().contains(QLatin1StringView("Only one try is left")),
             qPrintable(second.error().english()));
    QVERIFY(session.value()->tokenInfo().pinFinalTry);
    QCOMPARE(shimState().value(QStringLiteral("logins")), 2L);

    auto third = session.value()->login("333333");
    QCOMPARE(third.error().code(), QStringLiteral("signing.pin-locked"));
    QVERIFY(third.error().english().contains(QLatin1StringView("now locked")));
    QCOMPARE(shimState().value(QStringLiteral("logins")), 3L);
    QCOMPARE(shimState().value(QStringLiteral("tries")), 0L);

    // Locked: even the right PIN is refused, and the token is not asked again.
    auto right = session.value()->login(kPin);
    QCOMPARE(right.error().code(), QStringLiteral("signing.pin-locked"));
    QCOMPARE(shimState().value(QStringLiteral("logins")), 3L);
    QVERIFY(!session.value()->loggedIn());

    // The token list shows it too, for the UI.
    auto again = module.value()->tokens();
    GD_VERIFY_OK(again);
    QVERIFY(again->first().pinLocked);
    QCOMPARE(again->first().pinStateText(),
             QStringLiteral("PIN locked: the token must be unlocked by its issuer"));

    // A token that returns CKR_PIN_LOCKED from C_Login itself (counter kept elsewhere) is reported the same
    // way.
    setShimState(0, 0, 1);
    auto fresh = module.value()->openSession(tokens->first().slotId);
    GD_VERIFY_OK(fresh);
    QCOMPARE(fresh.value()->login(kPin).error().code(), QStringLiteral("signing.pin-locked"));
    QCOMPARE(shimState().value(QStringLiteral("logins")), 0L); // refused from the flags already
}

void TstPkcs11::rightPinResetsTheCounter()
{
    setShimState(3, 0, 1);
    auto module = loadShim();
    GD_VERIFY_OK(module);
    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    {
        auto session = module.value()->openSession(tokens->first().slotId);
        GD_VERIFY_OK(session);
        QCOMPARE(session.value()->login("999999").error().code(), QStringLiteral("signing.pin-incorrect"));
        QCOMPARE(session.value()->login("888888").error().code(), QStringLiteral("signing.pin-incorrect"));
        QCOMPARE(shimState().value(QStringLiteral("tries")), 1L);
        const auto loggedIn = session.value()->login(kPin);
        GD_VERIFY_OK(loggedIn);
        QVERIFY(session.value()->loggedIn());
        QCOMPARE(shimState().value(QStringLiteral("tries")), 3L);
        QCOMPARE(shimState().value(QStringLiteral("logins")), 3L);
        const TokenInfo info = session.value()->tokenInfo();
        QVERIFY(!info.pinCountLow && !info.pinFinalTry && !info.pinLocked);
        QCOMPARE(info.pinStateText(), QStringLiteral("Ready: no wrong PIN has been entered"));
        auto sig = session.value()->signDigest(kRsaId, sha256("ok"));
        GD_VERIFY_OK(sig);
        QVERIFY(verifyWithCertificate(findCert(tokens->first(), kRsaId)->der, sha256("ok"), sig.value()));
    }
    // The session logged out when it closed: a new session must log in again.
    auto next = module.value()->openSession(tokens->first().slotId);
    GD_VERIFY_OK(next);
    QCOMPARE(next.value()->signDigest(kRsaId, sha256("ok")).error().code(),
             QStringLiteral("signing.not-logged-in"));
}

void TstPkcs11::unpluggedTokenIsReportedAsRemoved()
{
    setShimState(3, 0, 1);
    auto module = loadShim();
    GD_VERIFY_OK(module);
    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    auto session = module.value()->openSession(tokens->first().slotId);
    GD_VERIFY_OK(session);
    const auto loggedIn = session.value()->login(kPin);
    GD_VERIFY_OK(loggedIn);

    setShimState(3, 1, 0); // pulled out of the USB port
    auto sig = session.value()->signDigest(kRsaId, sha256("x"));
    QVERIFY(!sig.ok());
    QCOMPARE(sig.error().code(), QStringLiteral("signing.token-removed"));
    QVERIFY(sig.error().english().contains(QLatin1StringView("unplugged")));
    auto none = module.value()->tokens();
    GD_VERIFY_OK(none);
    QVERIFY(none->isEmpty());
    auto reopen = module.value()->openSession(tokens->first().slotId);
    QCOMPARE(reopen.error().code(), QStringLiteral("signing.token-removed"));
    auto login = session.value()->login(kPin);
    QCOMPARE(login.error().code(), QStringLiteral("signing.token-removed"));
}

// ------------------------------------------------------------------ watching

void TstPkcs11::watcherSeesTokenPluggedAndUnplugged()
{
    setShimState(3, 0, 0); // no token at start
    const QString shim = QStringLiteral(GOVDESK_P11SHIM_PATH);
    TokenWatcher watcher({shim, QStringLiteral("/opt/khong-co/libbit4xpki.so")}, 100);
    QSignalSpy spy(&watcher, &TokenWatcher::tokensChanged);
    watcher.start();
    QVERIFY(watcher.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!watcher.moduleErrors().isEmpty(), 5000);
    QCOMPARE(watcher.moduleErrors().first().code(), QStringLiteral("signing.module-not-found"));
    QVERIFY(spy.isEmpty());
    QVERIFY(watcher.current().isEmpty());

    setShimState(3, 0, 1); // plugged in
    QVERIFY(spy.wait(10000));
    QList<TokenInfo> seen = spy.last().first().value<QList<TokenInfo>>();
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().label, kTokenLabel);
    QCOMPARE(seen.first().certificates.size(), 3); // with the certificates, ready for the signer picker
    QCOMPARE(watcher.current().size(), 1);

    setShimState(3, 0, 0); // unplugged
    QVERIFY(spy.wait(10000));
    seen = spy.last().first().value<QList<TokenInfo>>();
    QVERIFY(seen.isEmpty());
    QVERIFY(watcher.current().isEmpty());
    const qsizetype signals_ = spy.size();
    QCOMPARE(signals_, 2);
    watcher.stop();
    QVERIFY(!watcher.isRunning());
}

// SoftHSM reads its token folder only in C_Initialize: a token created by another process while the module is
// loaded does not appear in C_GetSlotList (real token drivers do report newly plugged tokens; the shim test
// above covers that). What must hold: a stopped watcher releases its modules, so the next load initialises
// the module again and sees the new token.
void TstPkcs11::watcherReleasesModulesWhenStopped()
{
    {
        TokenWatcher watcher({QString::fromLatin1(SoftHsmToken::modulePath)}, 100);
        QSignalSpy spy(&watcher, &TokenWatcher::tokensChanged);
        watcher.start();
        QVERIFY(spy.wait(10000));
        QCOMPARE(spy.last().first().value<QList<TokenInfo>>().size(), 1);
        QVERIFY2(m_token.create(QStringLiteral("Token thứ hai"), kPin), qPrintable(m_token.errorString()));
        watcher.stop();
    }
    auto module = Pkcs11Module::load(QString::fromLatin1(SoftHsmToken::modulePath));
    GD_VERIFY_OK(module);
    auto tokens = module.value()->tokens();
    GD_VERIFY_OK(tokens);
    QCOMPARE(tokens->size(), 2);
    QVERIFY(findToken(tokens.value(), QStringLiteral("Token thứ hai")));
    QVERIFY(findToken(tokens.value(), kTokenLabel));
}

QTEST_GUILESS_MAIN(TstPkcs11)
#include "tst_pkcs11.moc"
