#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>

// USB tokens through the PKCS#11 C API. Modules (the vendor's .so/.dll) are loaded at run time; no PKCS#11
// type appears in this header.

namespace govdesk::signing {

/// A certificate object stored on a token, readable before login.
struct TokenObjectCertificate
{
    QByteArray id;  ///< CKA_ID, shared by the certificate and its key pair
    QString label;  ///< CKA_LABEL decoded as UTF-8
    QByteArray der; ///< CKA_VALUE
    /// True when a private key with the same CKA_ID is visible, or (before login, when the token hides
    /// private keys) when the token holds a public key with that CKA_ID, i.e. the certificate belongs to a
    /// key pair.
    bool hasPrivateKey = false;
    QString keyType; ///< "RSA" or "EC" (from the certificate's public key), empty when unknown
    int keyBits = 0; ///< RSA modulus size or EC curve size
};

/// A token present in a slot, with its PIN state and its public certificates.
struct TokenInfo
{
    QString modulePath;
    quint64 slotId = 0;
    QString slotDescription;
    QString label, manufacturer, model, serialNumber;
    bool loginRequired = true, protectedAuthenticationPath = false; ///< protected path = PIN pad / reader
    bool pinCountLow = false, pinFinalTry = false, pinLocked = false, pinToBeChanged = false,
         pinInitialized = true;
    int minPinLength = 0, maxPinLength = 0;
    QList<TokenObjectCertificate> certificates; ///< public objects readable before login

    /// One translated line for the UI, most serious state first: "PIN locked: the token must be unlocked by
    /// its issuer", "Final try: one more wrong PIN locks the token", "A wrong PIN was entered: few tries
    /// left", "No user PIN is set on this token", "Ready, but the PIN must be changed with the token's tool",
    /// "Ready: no wrong PIN has been entered".
    QString pinStateText() const;
    /// Same (module, slot, serial): the same physical token in the same reader.
    bool sameToken(const TokenInfo &other) const
    {
        return modulePath == other.modulePath && slotId == other.slotId && serialNumber == other.serialNumber;
    }
};

class Pkcs11Session;

/// One loaded PKCS#11 module: dlopen + C_GetFunctionList + C_Initialize (CKF_OS_LOCKING_OK). Instances are
/// shared per canonical path; the last reference calls C_Finalize and unloads the library. Every call into
/// the module is serialised by a per-module mutex, so one module may be used from the GUI thread and a
/// worker.
class Pkcs11Module : public std::enable_shared_from_this<Pkcs11Module>
{
public:
    ~Pkcs11Module();
    Pkcs11Module(const Pkcs11Module &) = delete;
    Pkcs11Module &operator=(const Pkcs11Module &) = delete;

    /// Loads (or returns the already loaded) module at path. Errors: signing.module-not-found,
    /// signing.module-load-failed (with the loader's message), signing.module-not-pkcs11,
    /// signing.module-init-failed.
    static core::Result<std::shared_ptr<Pkcs11Module>> load(const QString &path);

    QString path() const;
    QString libraryDescription() const; ///< CK_INFO.libraryDescription
    QString manufacturer() const;       ///< CK_INFO.manufacturerID
    QString cryptokiVersion() const;    ///< e.g. "2.40"

    /// Slots with an initialised token present (C_GetSlotList(TRUE)), each with its certificates. Blank
    /// (uninitialised) tokens and a token that disappears while it is being read are skipped.
    core::Result<QList<TokenInfo>> tokens();
    /// Slots with a token present, without opening sessions or reading objects (cheap; used for polling).
    core::Result<QList<TokenInfo>> tokensWithoutCertificates();

    /// Opens a read-only serial session on the token in slotId.
    core::Result<std::unique_ptr<Pkcs11Session>> openSession(quint64 slotId);

private:
    struct Private;
    explicit Pkcs11Module(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
    friend class Pkcs11Session;
};

/// A read-only serial session on one token. Logs out (when it logged in) and closes in its destructor.
/// A session is used by one thread at a time.
class Pkcs11Session
{
public:
    ~Pkcs11Session();
    Pkcs11Session(const Pkcs11Session &) = delete;
    Pkcs11Session &operator=(const Pkcs11Session &) = delete;

    quint64 slotId() const;
    /// Token flags re-read now, with the certificates visible in this session (after login, hasPrivateKey is
    /// exact).
    TokenInfo tokenInfo() const;

    /// Calls C_Login(CKU_USER) exactly once and never retries. The PIN is copied for the call and the copy
    /// wiped; wipe the caller's copy with wipeSecret(). Errors:
    ///   signing.pin-incorrect  wrong PIN; the message says how many tries may be left, from the flags
    ///   re-read
    ///                          after the failure (few tries left / one try left / unknown)
    ///   signing.pin-locked     the wrong PIN just locked the token, or C_Login answered CKR_PIN_LOCKED, or
    ///   the
    ///                          token's flags already said locked (then C_Login is NOT called)
    ///   signing.pin-empty      empty PIN on a token without a PIN pad (C_Login not called)
    ///   signing.pin-expired, signing.pin-length, signing.pin-invalid, signing.pin-cancelled (PIN pad),
    ///   signing.pin-not-initialized, signing.token-removed, signing.token-info-failed, signing.login-failed
    /// An empty PIN on a token with a protected authentication path (PIN pad) calls C_Login(NULL). A token
    /// that needs no login (no CKF_LOGIN_REQUIRED) is logged in without calling C_Login.
    core::Result<void> login(const QByteArray &pin);
    bool loggedIn() const;

    /// Signs a SHA-256 digest (32 bytes) with the private key whose CKA_ID is keyId.
    ///   RSA: CKM_RSA_PKCS over DigestInfo(sha256, digest) (PKCS#1 v1.5) -> the signature bytes
    ///   EC:  CKM_ECDSA over the digest -> DER ECDSA-Sig-Value (converted from the token's raw r||s)
    /// Errors: signing.digest-length, signing.not-logged-in, signing.key-not-found,
    /// signing.key-type-unsupported, signing.mechanism-unsupported, signing.key-not-for-signing,
    /// signing.key-needs-pin-per-signature (CKA_ALWAYS_AUTHENTICATE without a PIN pad), signing.pin-expired,
    /// signing.token-removed, signing.sign-failed.
    core::Result<QByteArray> signDigest(const QByteArray &keyId, const QByteArray &sha256Digest);

private:
    struct Private;
    explicit Pkcs11Session(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
    friend class Pkcs11Module;
};

/// A PKCS#11 module file found on this computer.
struct KnownModule
{
    QString vendor; ///< e.g. "Bit4id (Ban Cơ yếu Chính phủ)"; "Configured" for paths from the system config
    QString id;     ///< e.g. "bit4id"; "configured" for paths from the system config
    QString path; ///< canonical path of an existing file
};

/// Modules to offer: the configured paths first (system config, [signing] pkcs11Modules), then the known
/// defaults for the current OS from :/signing/pkcs11-modules.json (first existing file of each entry). Only
/// files that exist are kept; duplicates (same canonical path) are removed.
QList<KnownModule> availablePkcs11Modules(const QStringList &configuredPaths = {});

/// Converts a raw ECDSA signature r||s (two equal halves, as PKCS#11 returns it) into a DER
/// ECDSA-Sig-Value SEQUENCE { INTEGER r, INTEGER s }. Returns an empty array for an odd or empty input.
QByteArray ecdsaRawToDer(const QByteArray &raw);

/// The DigestInfo for SHA-256 (RFC 8017 §9.2) wrapping digest: what CKM_RSA_PKCS signs.
QByteArray sha256DigestInfo(const QByteArray &digest);

/// Overwrites the bytes of secret (e.g. a PIN read from a dialog) with zeros and clears it. Copies that share
/// its data are wiped too; keep a PIN in a single QByteArray so that no other copy survives.
void wipeSecret(QByteArray &secret);

} // namespace govdesk::signing

Q_DECLARE_METATYPE(govdesk::signing::TokenInfo)
