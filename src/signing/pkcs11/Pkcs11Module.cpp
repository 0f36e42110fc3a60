#include "Pkcs11Module.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QLibrary>
#include <QMutex>
#include <QMutexLocker>

#include <cstring>
#include <mutex>
#include <vector>

#include "Pkcs11Internal.h"

namespace govdesk::signing {

using core::Result;
using namespace p11;

// ================================================================== TokenInfo

QString TokenInfo::pinStateText() const
{
    if (pinLocked)
        return QCoreApplication::translate("Signing", "PIN locked: the token must be unlocked by its issuer");
    if (pinFinalTry)
        return QCoreApplication::translate("Signing", "Final try: one more wrong PIN locks the token");
    if (pinCountLow)
        return QCoreApplication::translate("Signing", "A wrong PIN was entered: few tries left");
    if (!pinInitialized)
        return QCoreApplication::translate("Signing", "No user PIN is set on this token");
    if (pinToBeChanged)
        return QCoreApplication::translate("Signing",
                                           "Ready, but the PIN must be changed with the token's tool");
    return QCoreApplication::translate("Signing", "Ready: no wrong PIN has been entered");
}

// ================================================================== module

struct Pkcs11Module::Private
{
    QString path;
    QLibrary library;
    CK_FUNCTION_LIST_PTR f = nullptr;
    bool ownsInitialize = false;
    QString description, manufacturer, version;
    // Serialises every call into the module: vendor modules differ in how well they honour
    // CKF_OS_LOCKING_OK, and a session must never be used by two threads at once.
    QMutex mutex;
};

namespace {

// Loaded modules by canonical path. Recursive: a module destroyed while the cache is locked (a failed load)
// removes itself from the cache.
std::recursive_mutex &cacheMutex()
{
    static std::recursive_mutex m;
    return m;
}

QHash<QString, std::weak_ptr<Pkcs11Module>> &cache()
{
    static QHash<QString, std::weak_ptr<Pkcs11Module>> c;
    return c;
}

void fillFromTokenInfo(TokenInfo *t, const CK_TOKEN_INFO &ti)
{
    t->label = fixedText(ti.label, sizeof ti.label);
    t->manufacturer = fixedText(ti.manufacturerID, sizeof ti.manufacturerID);
    t->model = fixedText(ti.model, sizeof ti.model);
    t->serialNumber = fixedText(ti.serialNumber, sizeof ti.serialNumber);
    t->loginRequired = ti.flags & CKF_LOGIN_REQUIRED;
    t->protectedAuthenticationPath = ti.flags & CKF_PROTECTED_AUTHENTICATION_PATH;
    t->pinCountLow = ti.flags & CKF_USER_PIN_COUNT_LOW;
    t->pinFinalTry = ti.flags & CKF_USER_PIN_FINAL_TRY;
    t->pinLocked = ti.flags & CKF_USER_PIN_LOCKED;
    t->pinToBeChanged = ti.flags & CKF_USER_PIN_TO_BE_CHANGED;
    t->pinInitialized = ti.flags & CKF_USER_PIN_INITIALIZED;
    auto pinLen = [](CK_ULONG v) { return (v == CK_UNAVAILABLE_INFORMATION || v > 1024) ? 0 : int(v); };
    t->minPinLength = pinLen(ti.ulMinPinLen);
    t->maxPinLength = pinLen(ti.ulMaxPinLen);
}

// Reads one attribute (two-call pattern). Empty when absent, sensitive or unreadable.
QByteArray attribute(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_TYPE type,
                     bool *ok = nullptr)
{
    if (ok)
        *ok = false;
    CK_ATTRIBUTE a{type, nullptr, 0};
    if (f->C_GetAttributeValue(s, o, &a, 1) != CKR_OK || a.ulValueLen == CK_UNAVAILABLE_INFORMATION ||
        a.ulValueLen > 1024 * 1024)
        return {};
    QByteArray value(qsizetype(a.ulValueLen), '\0');
    a.pValue = value.data();
    if (f->C_GetAttributeValue(s, o, &a, 1) != CKR_OK || a.ulValueLen == CK_UNAVAILABLE_INFORMATION)
        return {};
    value.truncate(qsizetype(a.ulValueLen));
    if (ok)
        *ok = true;
    return value;
}

CK_ULONG ulongAttribute(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_OBJECT_HANDLE o,
                        CK_ATTRIBUTE_TYPE type, CK_ULONG fallback)
{
    bool ok = false;
    const QByteArray v = attribute(f, s, o, type, &ok);
    if (!ok || v.size() != qsizetype(sizeof(CK_ULONG)))
        return fallback;
    CK_ULONG out;
    std::memcpy(&out, v.constData(), sizeof out);
    return out;
}

// Finds objects matching the template. rv receives the first failing return value.
std::vector<CK_OBJECT_HANDLE> findObjects(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s, CK_ATTRIBUTE *tmpl,
                                          CK_ULONG count, CK_RV *rvOut = nullptr)
{
    std::vector<CK_OBJECT_HANDLE> found;
    CK_RV rv = f->C_FindObjectsInit(s, tmpl, count);
    if (rv == CKR_OK) {
        CK_OBJECT_HANDLE batch[32];
        for (;;) {
            CK_ULONG n = 0;
            rv = f->C_FindObjects(s, batch, 32, &n);
            if (rv != CKR_OK || n == 0)
                break;
            found.insert(found.end(), batch, batch + n);
            if (found.size() > 4096) // a broken module that never ends the search
                break;
        }
        f->C_FindObjectsFinal(s);
    }
    if (rvOut)
        *rvOut = rv;
    return found;
}

// Certificates on the token, with hasPrivateKey from the key objects visible in this session.
QList<TokenObjectCertificate> readCertificates(CK_FUNCTION_LIST_PTR f, CK_SESSION_HANDLE s)
{
    QList<TokenObjectCertificate> certs;
    CK_OBJECT_CLASS certClass = CKO_CERTIFICATE;
    CK_CERTIFICATE_TYPE x509 = CKC_X_509;
    CK_ATTRIBUTE certTmpl[] = {{CKA_CLASS, &certClass, sizeof certClass},
                               {CKA_CERTIFICATE_TYPE, &x509, sizeof x509}};
    for (CK_OBJECT_HANDLE o : findObjects(f, s, certTmpl, 2)) {
        TokenObjectCertificate c;
        c.der = attribute(f, s, o, CKA_VALUE);
        if (c.der.isEmpty())
            continue;
        c.id = attribute(f, s, o, CKA_ID);
        c.label = QString::fromUtf8(attribute(f, s, o, CKA_LABEL)).trimmed();
        certificateKeyInfo(c.der, &c.keyType, &c.keyBits);
        certs.append(c);
    }

    // Key ids: private keys are usually hidden before login, their public halves are not.
    QList<QByteArray> privateIds, publicIds;
    CK_OBJECT_CLASS keyClass = CKO_PRIVATE_KEY;
    CK_ATTRIBUTE keyTmpl[] = {{CKA_CLASS, &keyClass, sizeof keyClass}};
    for (CK_OBJECT_HANDLE o : findObjects(f, s, keyTmpl, 1))
        privateIds.append(attribute(f, s, o, CKA_ID));
    keyClass = CKO_PUBLIC_KEY;
    for (CK_OBJECT_HANDLE o : findObjects(f, s, keyTmpl, 1))
        publicIds.append(attribute(f, s, o, CKA_ID));

    for (TokenObjectCertificate &c : certs) {
        if (c.id.isEmpty())
            continue;
        c.hasPrivateKey = privateIds.contains(c.id) || publicIds.contains(c.id);
    }
    return certs;
}

} // namespace

Pkcs11Module::Pkcs11Module(std::unique_ptr<Private> dd) : d(std::move(dd)) {}

Pkcs11Module::~Pkcs11Module()
{
    std::lock_guard cacheLock(cacheMutex());
    auto it = cache().find(d->path);
    std::shared_ptr<Pkcs11Module> successor = it != cache().end() ? it->lock() : nullptr;
    if (successor) {
        // The same module was loaded again while this instance was being released: it keeps the module
        // initialised and finalises it in its turn.
        if (successor.get() != this && d->ownsInitialize)
            successor->d->ownsInitialize = true;
    } else {
        if (it != cache().end())
            cache().erase(it);
        if (d->f && d->ownsInitialize)
            d->f->C_Finalize(nullptr);
    }
    d->f = nullptr;
    if (d->library.isLoaded())
        d->library.unload();
}

Result<std::shared_ptr<Pkcs11Module>> Pkcs11Module::load(const QString &path)
{
    const QFileInfo fi(path);
    if (path.isEmpty() || !fi.exists() || !fi.isFile())
        return GOVDESK_ERROR("signing.module-not-found",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The token driver (PKCS#11 module) %1 does not exist. "
                                               "Install the token's software or correct the path in "
                                               "the configuration."),
                             path);
    const QString canonical = fi.canonicalFilePath();

    std::lock_guard cacheLock(cacheMutex());
    if (auto existing = cache().value(canonical).lock())
        return existing;

    auto d = std::make_unique<Private>();
    d->path = canonical;
    d->library.setFileName(canonical);
    if (!d->library.load()) {
        const QString why = d->library.errorString();
        if (why.contains(QLatin1StringView("wrong ELF class")))
            return GOVDESK_ERROR("signing.module-wrong-architecture",
                                 QT_TRANSLATE_NOOP("Signing",
                                                   "The token driver %1 is built for another processor "
                                                   "architecture (32-bit instead of 64-bit or the reverse). "
                                                   "Install the token software matching this computer."),
                                 canonical);
        return GOVDESK_ERROR("signing.module-load-failed",
                             QT_TRANSLATE_NOOP("Signing", "The token driver %1 could not be loaded: %2"),
                             canonical, why);
    }
    auto getFunctionList = reinterpret_cast<CK_C_GetFunctionList>(d->library.resolve("C_GetFunctionList"));
    if (!getFunctionList) {
        d->library.unload();
        return GOVDESK_ERROR(
            "signing.module-not-pkcs11",
            QT_TRANSLATE_NOOP("Signing", "The file %1 is not a token driver: it has no PKCS#11 entry point "
                                         "(C_GetFunctionList)."),
            canonical);
    }
    CK_FUNCTION_LIST_PTR f = nullptr;
    CK_RV rv = getFunctionList(&f);
    if (rv != CKR_OK || !f || !f->C_Initialize) {
        d->library.unload();
        return GOVDESK_ERROR(
            "signing.module-not-pkcs11",
            QT_TRANSLATE_NOOP("Signing", "The token driver %1 did not return its PKCS#11 functions (%2)."),
            canonical, rvName(rv));
    }

    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    rv = f->C_Initialize(&args);
    if (rv == CKR_CANT_LOCK) // single-threaded module: our own mutex serialises every call anyway
        rv = f->C_Initialize(nullptr);
    if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        d->library.unload();
        return GOVDESK_ERROR("signing.module-init-failed",
                             QT_TRANSLATE_NOOP("Signing", "The token driver %1 failed to start (%2)."),
                             canonical, rvName(rv));
    }
    d->ownsInitialize = rv == CKR_OK;
    d->f = f;

    CK_INFO info{};
    if (f->C_GetInfo(&info) == CKR_OK) {
        d->description = fixedText(info.libraryDescription, sizeof info.libraryDescription);
        d->manufacturer = fixedText(info.manufacturerID, sizeof info.manufacturerID);
        d->version = QStringLiteral("%1.%2").arg(info.cryptokiVersion.major).arg(info.cryptokiVersion.minor);
    }

    std::shared_ptr<Pkcs11Module> module(new Pkcs11Module(std::move(d)));
    cache().insert(canonical, module);
    return module;
}

QString Pkcs11Module::path() const
{
    return d->path;
}

QString Pkcs11Module::libraryDescription() const
{
    return d->description;
}

QString Pkcs11Module::manufacturer() const
{
    return d->manufacturer;
}

QString Pkcs11Module::cryptokiVersion() const
{
    return d->version;
}

static Result<QList<TokenInfo>> listTokens(CK_FUNCTION_LIST_PTR f, const QString &path, QMutex &mutex,
                                           bool withCertificates)
{
    QMutexLocker lock(&mutex);
    std::vector<CK_SLOT_ID> slots;
    CK_RV rv = CKR_OK;
    for (int attempt = 0; attempt < 5; ++attempt) {
        CK_ULONG n = 0;
        rv = f->C_GetSlotList(CK_TRUE, nullptr, &n);
        if (rv != CKR_OK)
            break;
        slots.resize(n);
        if (n == 0)
            break;
        rv = f->C_GetSlotList(CK_TRUE, slots.data(), &n);
        if (rv == CKR_BUFFER_TOO_SMALL) // a token arrived between the two calls
            continue;
        slots.resize(n);
        break;
    }
    if (rv != CKR_OK)
        return GOVDESK_ERROR(
            "signing.token-list-failed",
            QT_TRANSLATE_NOOP("Signing", "The token driver %1 could not list the tokens (%2)."), path,
            rvName(rv));

    QList<TokenInfo> tokens;
    for (CK_SLOT_ID slot : slots) {
        TokenInfo t;
        t.modulePath = path;
        t.slotId = slot;
        CK_SLOT_INFO si{};
        if (f->C_GetSlotInfo(slot, &si) == CKR_OK)
            t.slotDescription = fixedText(si.slotDescription, sizeof si.slotDescription);
        CK_TOKEN_INFO ti{};
        rv = f->C_GetTokenInfo(slot, &ti);
        if (rv != CKR_OK) // unplugged in the meantime, or a token the driver cannot read: not offered
            continue;
        if (!(ti.flags & CKF_TOKEN_INITIALIZED)) // blank token: nothing to sign with
            continue;
        fillFromTokenInfo(&t, ti);
        if (withCertificates) {
            CK_SESSION_HANDLE s = CK_INVALID_HANDLE;
            if (f->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &s) == CKR_OK) {
                t.certificates = readCertificates(f, s);
                f->C_CloseSession(s);
            }
        }
        tokens.append(t);
    }
    return tokens;
}

Result<QList<TokenInfo>> Pkcs11Module::tokens()
{
    return listTokens(d->f, d->path, d->mutex, true);
}

Result<QList<TokenInfo>> Pkcs11Module::tokensWithoutCertificates()
{
    return listTokens(d->f, d->path, d->mutex, false);
}

// ================================================================== session

struct Pkcs11Session::Private
{
    std::shared_ptr<Pkcs11Module> module;
    CK_FUNCTION_LIST_PTR f = nullptr;
    CK_SLOT_ID slot = 0;
    CK_SESSION_HANDLE handle = CK_INVALID_HANDLE;
    bool loggedIn = false;
    bool mustLogout = false; // we logged in (not another session of this application)
    QMutex &mutex() const { return module->d->mutex; }
};

Result<std::unique_ptr<Pkcs11Session>> Pkcs11Module::openSession(quint64 slotId)
{
    QMutexLocker lock(&d->mutex);
    CK_SESSION_HANDLE h = CK_INVALID_HANDLE;
    const CK_RV rv = d->f->C_OpenSession(CK_SLOT_ID(slotId), CKF_SERIAL_SESSION, nullptr, nullptr, &h);
    if (rv != CKR_OK) {
        if (isRemoval(rv))
            return tokenRemovedError();
        return GOVDESK_ERROR("signing.session-failed",
                             QT_TRANSLATE_NOOP("Signing", "The token could not be opened (%1)."), rvName(rv));
    }
    auto sd = std::make_unique<Pkcs11Session::Private>();
    sd->module = shared_from_this();
    sd->f = d->f;
    sd->slot = CK_SLOT_ID(slotId);
    sd->handle = h;
    return std::unique_ptr<Pkcs11Session>(new Pkcs11Session(std::move(sd)));
}

Pkcs11Session::Pkcs11Session(std::unique_ptr<Private> dd) : d(std::move(dd)) {}

Pkcs11Session::~Pkcs11Session()
{
    QMutexLocker lock(&d->mutex());
    if (d->mustLogout)
        d->f->C_Logout(d->handle);
    d->f->C_CloseSession(d->handle);
}

quint64 Pkcs11Session::slotId() const
{
    return d->slot;
}

bool Pkcs11Session::loggedIn() const
{
    return d->loggedIn;
}

TokenInfo Pkcs11Session::tokenInfo() const
{
    QMutexLocker lock(&d->mutex());
    TokenInfo t;
    t.modulePath = d->module->path();
    t.slotId = d->slot;
    CK_SLOT_INFO si{};
    if (d->f->C_GetSlotInfo(d->slot, &si) == CKR_OK)
        t.slotDescription = fixedText(si.slotDescription, sizeof si.slotDescription);
    CK_TOKEN_INFO ti{};
    if (d->f->C_GetTokenInfo(d->slot, &ti) == CKR_OK) {
        fillFromTokenInfo(&t, ti);
        t.certificates = readCertificates(d->f, d->handle);
    }
    return t;
}

Result<void> Pkcs11Session::login(const QByteArray &pin)
{
    QMutexLocker lock(&d->mutex());
    CK_TOKEN_INFO ti{};
    CK_RV rv = d->f->C_GetTokenInfo(d->slot, &ti);
    if (rv != CKR_OK)
        return isRemoval(rv)
                   ? Result<void>(tokenRemovedError())
                   : Result<void>(GOVDESK_ERROR("signing.token-info-failed",
                                                QT_TRANSLATE_NOOP("Signing", "The token could not be "
                                                                             "read (%1)."),
                                                rvName(rv)));
    if (ti.flags & CKF_USER_PIN_LOCKED)
        return GOVDESK_ERROR("signing.pin-locked",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The token's PIN is locked after too many wrong tries. "
                                               "Ask the body that issued the token to unlock it."));
    if (!(ti.flags & CKF_LOGIN_REQUIRED)) {
        d->loggedIn = true;
        return {};
    }
    const bool pinPad = ti.flags & CKF_PROTECTED_AUTHENTICATION_PATH;
    if (pin.isEmpty() && !pinPad)
        return GOVDESK_ERROR("signing.pin-empty", QT_TRANSLATE_NOOP("Signing", "Enter the token's PIN."));

    // Our own copy, wiped right after the call (the module's prototype takes a non-const buffer).
    std::vector<CK_UTF8CHAR> buffer(pin.begin(), pin.end());
    rv = d->f->C_Login(d->handle, CKU_USER, pin.isEmpty() ? nullptr : buffer.data(),
                       pin.isEmpty() ? 0 : CK_ULONG(buffer.size()));
    wipe(buffer.data(), buffer.size());

    if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN) {
        d->loggedIn = true;
        d->mustLogout = rv == CKR_OK;
        return {};
    }
    if (rv == CKR_PIN_INCORRECT) {
        CK_TOKEN_INFO after{};
        const CK_FLAGS flags = d->f->C_GetTokenInfo(d->slot, &after) == CKR_OK ? after.flags : 0;
        if (flags & CKF_USER_PIN_LOCKED)
            return GOVDESK_ERROR("signing.pin-locked",
                                 QT_TRANSLATE_NOOP("Signing",
                                                   "The PIN is incorrect and the token is now locked. "
                                                   "Ask the body that issued the token to unlock it."));
        if (flags & CKF_USER_PIN_FINAL_TRY)
            return GOVDESK_ERROR("signing.pin-incorrect",
                                 QT_TRANSLATE_NOOP("Signing",
                                                   "The PIN is incorrect. Only one try is left: one "
                                                   "more wrong PIN locks the token."));
        if (flags & CKF_USER_PIN_COUNT_LOW)
            return GOVDESK_ERROR("signing.pin-incorrect",
                                 QT_TRANSLATE_NOOP("Signing",
                                                   "The PIN is incorrect. Few tries are left before "
                                                   "the token locks itself."));
        return GOVDESK_ERROR("signing.pin-incorrect",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The PIN is incorrect. The token locks itself after a "
                                               "few wrong tries; check the PIN before trying again."));
    }
    if (rv == CKR_PIN_LOCKED)
        return GOVDESK_ERROR("signing.pin-locked",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The token's PIN is locked after too many wrong tries. "
                                               "Ask the body that issued the token to unlock it."));
    if (rv == CKR_PIN_EXPIRED) {
        d->mustLogout = true; // the module may keep a restricted login until the PIN is changed
        return GOVDESK_ERROR("signing.pin-expired",
                             QT_TRANSLATE_NOOP("Signing", "The token's PIN has expired. Change it with the "
                                                          "token's management tool, then sign again."));
    }
    if (rv == CKR_PIN_LEN_RANGE) {
        if (ti.ulMinPinLen > 0 && ti.ulMaxPinLen >= ti.ulMinPinLen && ti.ulMaxPinLen < 1024)
            return GOVDESK_ERROR("signing.pin-length",
                                 QT_TRANSLATE_NOOP("Signing",
                                                   "The PIN has the wrong length: this token expects "
                                                   "%1 to %2 characters."),
                                 QString::number(ti.ulMinPinLen), QString::number(ti.ulMaxPinLen));
        return GOVDESK_ERROR("signing.pin-length",
                             QT_TRANSLATE_NOOP("Signing", "The PIN has the wrong length for this token."));
    }
    if (rv == CKR_PIN_INVALID)
        return GOVDESK_ERROR("signing.pin-invalid",
                             QT_TRANSLATE_NOOP("Signing", "The PIN contains characters this token does not "
                                                          "accept."));
    if (rv == CKR_FUNCTION_CANCELED || rv == CKR_CANCEL)
        return GOVDESK_ERROR("signing.pin-cancelled",
                             QT_TRANSLATE_NOOP("Signing", "PIN entry was cancelled on the token's reader."));
    if (rv == CKR_USER_PIN_NOT_INITIALIZED)
        return GOVDESK_ERROR("signing.pin-not-initialized",
                             QT_TRANSLATE_NOOP("Signing",
                                               "No user PIN has been set on this token. Initialise it "
                                               "with the token's management tool."));
    if (isRemoval(rv))
        return tokenRemovedError();
    return GOVDESK_ERROR("signing.login-failed",
                         QT_TRANSLATE_NOOP("Signing", "Signing in to the token failed (%1)."), rvName(rv));
}

static core::Error signError(CK_RV rv)
{
    if (isRemoval(rv))
        return tokenRemovedError();
    switch (rv) {
    case CKR_USER_NOT_LOGGED_IN:
        return GOVDESK_ERROR("signing.not-logged-in",
                             QT_TRANSLATE_NOOP("Signing", "Enter the token's PIN before signing."));
    case CKR_MECHANISM_INVALID:
    case CKR_KEY_TYPE_INCONSISTENT:
        return GOVDESK_ERROR("signing.mechanism-unsupported",
                             QT_TRANSLATE_NOOP("Signing", "The token cannot sign with this key in the form "
                                                          "required for PDF signatures (%1)."),
                             rvName(rv));
    case CKR_KEY_FUNCTION_NOT_PERMITTED:
        return GOVDESK_ERROR("signing.key-not-for-signing",
                             QT_TRANSLATE_NOOP("Signing", "The token does not allow this key to be used for "
                                                          "signing."));
    case CKR_PIN_EXPIRED:
        return GOVDESK_ERROR("signing.pin-expired",
                             QT_TRANSLATE_NOOP("Signing", "The token's PIN has expired. Change it with the "
                                                          "token's management tool, then sign again."));
    default:
        return GOVDESK_ERROR("signing.sign-failed",
                             QT_TRANSLATE_NOOP("Signing", "The token failed to sign (%1)."), rvName(rv));
    }
}

Result<QByteArray> Pkcs11Session::signDigest(const QByteArray &keyId, const QByteArray &sha256Digest)
{
    if (sha256Digest.size() != 32)
        return GOVDESK_ERROR("signing.digest-length",
                             QT_TRANSLATE_NOOP("Signing",
                                               "A SHA-256 digest of 32 bytes is required for signing, "
                                               "got %1 bytes."),
                             QString::number(sha256Digest.size()));
    QMutexLocker lock(&d->mutex());
    CK_FUNCTION_LIST_PTR f = d->f;
    const CK_SESSION_HANDLE s = d->handle;

    CK_OBJECT_CLASS keyClass = CKO_PRIVATE_KEY;
    QByteArray id = keyId;
    CK_ATTRIBUTE tmpl[] = {{CKA_CLASS, &keyClass, sizeof keyClass}, {CKA_ID, id.data(), CK_ULONG(id.size())}};
    CK_RV rv = CKR_OK;
    const std::vector<CK_OBJECT_HANDLE> keys = findObjects(f, s, tmpl, 2, &rv);
    if (rv != CKR_OK && isRemoval(rv))
        return tokenRemovedError();
    if (keys.empty()) {
        if (!d->loggedIn)
            return signError(CKR_USER_NOT_LOGGED_IN);
        return GOVDESK_ERROR("signing.key-not-found",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The token has no private key with the identifier %1 "
                                               "(the key of the chosen certificate)."),
                             QString::fromLatin1(keyId.toHex()));
    }
    const CK_OBJECT_HANDLE key = keys.front();
    const CK_ULONG keyType = ulongAttribute(f, s, key, CKA_KEY_TYPE, CK_UNAVAILABLE_INFORMATION);

    QByteArray input;
    CK_MECHANISM mechanism{};
    if (keyType == CKK_RSA) {
        mechanism.mechanism = CKM_RSA_PKCS;
        input = sha256DigestInfo(sha256Digest);
    } else if (keyType == CKK_EC) {
        mechanism.mechanism = CKM_ECDSA;
        input = sha256Digest;
    } else {
        return GOVDESK_ERROR("signing.key-type-unsupported",
                             QT_TRANSLATE_NOOP("Signing",
                                               "The key on the token is neither RSA nor EC; GovDesk "
                                               "cannot sign with it."));
    }

    // Keys marked "always authenticate" want the PIN again for each signature: only a PIN pad can give it
    // without asking the user a second time.
    const QByteArray always = attribute(f, s, key, CKA_ALWAYS_AUTHENTICATE);
    const bool contextLogin = always.size() == 1 && always.at(0) != 0;
    CK_TOKEN_INFO ti{};
    const bool pinPad =
        f->C_GetTokenInfo(d->slot, &ti) == CKR_OK && (ti.flags & CKF_PROTECTED_AUTHENTICATION_PATH);
    if (contextLogin && !pinPad)
        return GOVDESK_ERROR("signing.key-needs-pin-per-signature",
                             QT_TRANSLATE_NOOP("Signing",
                                               "This key asks for the PIN again for every signature, "
                                               "which GovDesk supports only with a PIN pad reader."));

    rv = f->C_SignInit(s, &mechanism, key);
    if (rv != CKR_OK)
        return signError(rv);
    if (contextLogin) {
        rv = f->C_Login(s, CKU_CONTEXT_SPECIFIC, nullptr, 0);
        if (rv != CKR_OK) {
            f->C_SignInit(s, nullptr, CK_INVALID_HANDLE); // ends the pending operation (PKCS#11 3.0)
            return signError(rv);
        }
    }

    QByteArray signature(1024, '\0'); // RSA up to 8192 bits, ECDSA up to P-521
    CK_ULONG len = CK_ULONG(signature.size());
    rv = f->C_Sign(s, reinterpret_cast<CK_BYTE_PTR>(input.data()), CK_ULONG(input.size()),
                   reinterpret_cast<CK_BYTE_PTR>(signature.data()), &len);
    if (rv == CKR_BUFFER_TOO_SMALL && len > 0 && len < 64 * 1024) {
        signature.resize(qsizetype(len));
        rv = f->C_Sign(s, reinterpret_cast<CK_BYTE_PTR>(input.data()), CK_ULONG(input.size()),
                       reinterpret_cast<CK_BYTE_PTR>(signature.data()), &len);
    }
    if (rv != CKR_OK)
        return signError(rv);
    signature.truncate(qsizetype(len));

    if (keyType == CKK_EC) {
        const QByteArray der = ecdsaRawToDer(signature);
        if (der.isEmpty())
            return GOVDESK_ERROR("signing.sign-failed",
                                 QT_TRANSLATE_NOOP("Signing", "The token returned an ECDSA signature in an "
                                                              "unexpected form (%1 bytes)."),
                                 QString::number(signature.size()));
        return der;
    }
    return signature;
}

} // namespace govdesk::signing
