#include "IncomingSignatures.h"

#include "signing/PdfVerifier.h"
#include "storage/SystemConfig.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace govdesk::documents {

core::Result<signing::TrustStore> systemTrustStore(const QStringList &extra)
{
    signing::TrustStore store = signing::TrustStore::builtIn();
    for (const QString &dir : storage::SystemConfig::signing().trustDirs)
        if (QFileInfo(dir).isDir())
            if (auto r = store.addPinnedDirectory(dir); !r)
                return r.error();
    for (const QString &path : storage::SystemConfig::signing().trustedCertificates + extra)
        if (auto r = store.addTrusted(path); !r)
            return r.error();
    return store;
}

SignatureCheck checkSignatures(const QByteArray &data)
{
    SignatureCheck check;
    if (data.left(1024).indexOf("%PDF-") < 0)
        return check;
    const storage::SigningSettings settings = storage::SystemConfig::signing();
    auto trust = systemTrustStore();
    signing::TrustStore fallback = signing::TrustStore::builtIn();
    signing::PdfVerifyOptions options;
    options.trust = trust ? &trust.value() : &fallback;
    options.online = settings.onlineRevocation;
    options.timeoutMs = 5000;
    auto result = signing::verifyPdf(data, options);
    if (!result) {
        check.report = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("error"), result.error().code()},
                                      {QStringLiteral("message"), result.error().bilingual()}})
                .toJson(QJsonDocument::Compact));
        return check;
    }
    if (result->signatures.isEmpty())
        return check;
    check.verdict = signing::verdictKey(result->overall());
    check.report = QString::fromUtf8(QJsonDocument(result->toJson()).toJson(QJsonDocument::Compact));
    return check;
}

} // namespace govdesk::documents
