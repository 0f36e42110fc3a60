#pragma once

#include "core/Result.h"
#include "signing/PdfVerifier.h"
#include "signing/crypto/Certificate.h"
#include "signing/pkcs11/Pkcs11Module.h"

#include <QImage>
#include <QRectF>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

namespace govdesk::signing {

/// Who signs, following Decree 30/2020 Phụ lục I: the competent person, the organisation on the main
/// document (seal), the organisation on an attachment in a separate file, the organisation on an electronic
/// copy.
enum class SignatureRole
{
    Personal,
    Organisation,
    Attachment,
    Copy
};
std::optional<SignatureRole>
signatureRoleFromKey(const QString &key); ///< ca-nhan | co-quan | dinh-kem | ban-sao
QString signatureRoleKey(SignatureRole role);
QString signatureRoleText(SignatureRole role);

/// How one file is signed: role, images, texts and placement. The same options serve a whole batch.
struct SignOptions
{
    SignatureRole role = SignatureRole::Personal;
    QImage signatureImage;  ///< personal: handwritten signature (blue, transparent)
    QImage sealImage;       ///< organisation: seal (red, transparent)
    double sealSizeMm = 36; ///< the seal's real diameter/width in millimetres
    QString title, name; ///< personal: the chức vụ line and the name printed on the page (template placement)
    QString reference;           ///< attachment: số và ký hiệu of the main document, e.g. "15/QĐ-UBND"
    QString copyType, copyOrgan; ///< copy: "SAO Y" and the copying organisation
    int page = -1; ///< 1-based; -1 = by role (last page for personal/organisation, first for the others)
    QRectF rect;   ///< user placement in points from the bottom-left corner; empty = by role/template
    QString reason, location;
    QUrl tsa;                      ///< RFC 3161 server; empty = no timestamp (PAdES B-B)
    bool collectRevocation = true; ///< fetch OCSP/CRL at signing time and keep it in the DSS (PAdES B-LT)
    const TrustStore *trust = nullptr;
    QDateTime now;               ///< signing time; invalid = the clock
    bool overwriteInput = false; ///< the user asked to replace the original file
};

struct SignOutcome
{
    QString inputPath, outputPath;
    QString fieldName;
    int page = 0;
    QRectF rect;
    int bytesAdded = 0;
    QString level;         ///< "PAdES-B-B" | "PAdES-B-T" | "PAdES-B-LT"
    QStringList warnings;  ///< translated: revocation not fetched, …
    SignatureReport check; ///< the new signature verified on the written file
};

/// Where the signature of `role` goes on the page, before any bytes are written: the user's rectangle, a
/// template (the box between the title and the name lines), the seal over the left third of the personal
/// signature, or top-right of the first page for attachments and copies.
struct Placement
{
    int pageIndex = 0;
    QRectF rect;
    QString warning;        ///< translated: why the default position was used
    int signatureCount = 0; ///< signatures already in the file (the new field is named after them)
};
core::Result<Placement> placeSignature(const QByteArray &pdf, const SignOptions &options,
                                       const QStringList &textLines);

/// The text block of an attachment or copy signature: lines and the ISO 8601 time with the Vietnam offset.
QStringList signatureTextLines(const SignOptions &options, const QDateTime &signingTime);

/// A token session with one chosen certificate, logged in once and reused for a whole batch. The PIN is
/// used for one C_Login and wiped; a wrong PIN is never retried.
class TokenSigner
{
    Q_DECLARE_TR_FUNCTIONS(TokenSigner)
public:
    struct Choice
    {
        QString modulePath;
        QString tokenLabel; ///< empty = the only token present
        QString certLabel;  ///< empty with empty certId = the only certificate with a private key
        QByteArray certId;
    };
    static core::Result<std::unique_ptr<TokenSigner>> open(const Choice &choice);
    ~TokenSigner();

    const TokenInfo &token() const { return m_token; }
    const CertificateInfo &certificate() const { return m_certificate; }
    QList<QByteArray> chain() const { return m_chain; }

    core::Result<void> login(QByteArray pin);
    /// Refuses an expired, not-yet-valid, wrong-usage or revoked certificate (revocation checked online
    /// when `online`), keeping the revocation data fetched for the DSS.
    core::Result<void> checkCertificate(const QDateTime &at, const TrustStore *trust, bool online,
                                        QStringList *warnings);

    core::Result<SignOutcome> signFile(const QString &inputPath, const QString &outputPath,
                                       const SignOptions &options);
    core::Result<QByteArray> signBytes(const QByteArray &pdf, const SignOptions &options,
                                       SignOutcome *outcome);

    struct BatchItem
    {
        QString inputPath, outputPath;
    };
    struct BatchResult
    {
        BatchItem item;
        core::Result<SignOutcome> outcome = core::Error();
    };
    /// Signs every file with the one login; a failure in one file is reported and the others go on.
    /// `progress` is called after each file (index, count, result); `cancel` stops before the next file.
    QList<BatchResult> signBatch(const QList<BatchItem> &items, const SignOptions &options,
                                 const std::function<void(int, int, const BatchResult &)> &progress = {},
                                 const std::atomic_bool *cancel = nullptr);

private:
    TokenSigner() = default;
    std::shared_ptr<Pkcs11Module> m_module;
    std::unique_ptr<Pkcs11Session> m_session;
    TokenInfo m_token;
    TokenObjectCertificate m_object;
    CertificateInfo m_certificate;
    QList<QByteArray> m_chain; ///< issuing CAs found in the trust store (for the CMS and the DSS)
    RevocationData m_revocation;
};

} // namespace govdesk::signing
