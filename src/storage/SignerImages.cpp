#include "SignerImages.h"

#include "AuditLog.h"
#include "BlobStore.h"
#include "Database.h"

#include <QJsonObject>

namespace govdesk::storage {

using core::Result;

namespace {

bool isPng(const QByteArray &data)
{
    return data.startsWith("\x89PNG\r\n\x1a\n");
}

QString signatureKey(const QString &userId)
{
    return QStringLiteral("signing.signature.") + userId;
}

} // namespace

Result<void> SignerImages::store(const core::User &actor, const QString &key, const QByteArray &png,
                                 const QList<QPair<QString, QString>> &extra)
{
    if (!isPng(png))
        return GOVDESK_ERROR("signer.image-format",
                             QT_TRANSLATE_NOOP("SignerImages",
                                               "The image must be a PNG file with a transparent "
                                               "background"));
    if (png.size() > 4 * 1024 * 1024)
        return GOVDESK_ERROR(
            "signer.image-size",
            QT_TRANSLATE_NOOP("SignerImages", "The image is larger than 4 MB; use a smaller PNG"));
    return m_db.writeVoid([&](QSqlDatabase &db) -> Result<void> {
        auto sha = m_db.blobs().put(db, png);
        if (!sha)
            return sha.error();
        QList<QPair<QString, QString>> values{{key, sha.value()}};
        values += extra;
        QJsonObject after{{QStringLiteral("sha256"), sha.value()}};
        for (const auto &kv : values) {
            Sql del(db, QStringLiteral("DELETE FROM workspace_settings WHERE key = ?"));
            del << kv.first;
            if (auto r = del.exec(); !r)
                return r.error();
            Sql ins(db, QStringLiteral("INSERT INTO workspace_settings (key, value) VALUES (?, ?)"));
            ins << kv.first << kv.second;
            if (auto r = ins.exec(); !r)
                return r.error();
            after.insert(kv.first, kv.second);
        }
        if (auto a = AuditLog::append(db, actor.username, QStringLiteral("signer.image"),
                                      QStringLiteral("setting"), key, {}, after);
            !a)
            return a.error();
        return {};
    });
}

Result<QByteArray> SignerImages::load(const QString &key)
{
    QSqlDatabase db = m_db.connection();
    Sql q(db, QStringLiteral("SELECT value FROM workspace_settings WHERE key = ?"));
    q << key;
    if (auto r = q.exec(); !r)
        return r.error();
    if (!q.next())
        return QByteArray();
    return m_db.blobs().get(q.value(0).toString());
}

Result<void> SignerImages::setSignature(const core::User &actor, const QString &userId, const QByteArray &png)
{
    if (actor.id != userId && actor.role != core::Role::Admin)
        return GOVDESK_ERROR("signer.not-allowed",
                             QT_TRANSLATE_NOOP("SignerImages",
                                               "Only the signer or an administrator may set a "
                                               "signature image"));
    return store(actor, signatureKey(userId), png, {});
}

Result<QByteArray> SignerImages::signature(const QString &userId)
{
    return load(signatureKey(userId));
}

Result<void> SignerImages::setSeal(const core::User &actor, const QByteArray &png, double sizeMm)
{
    if (actor.role != core::Role::Clerk && actor.role != core::Role::Admin)
        return GOVDESK_ERROR("signer.not-allowed",
                             QT_TRANSLATE_NOOP("SignerImages",
                                               "Only the văn thư or an administrator may set the "
                                               "organisation's seal"));
    if (sizeMm < 10 || sizeMm > 80)
        return GOVDESK_ERROR(
            "signer.seal-size",
            QT_TRANSLATE_NOOP("SignerImages", "The seal's real size must be between 10 and 80 mm"));
    return store(actor, QStringLiteral("signing.seal"), png,
                 {{QStringLiteral("signing.sealSizeMm"), QString::number(sizeMm, 'f', 1)}});
}

Result<SignerImages::Seal> SignerImages::seal()
{
    auto png = load(QStringLiteral("signing.seal"));
    if (!png)
        return png.error();
    Seal s;
    s.png = png.value();
    QSqlDatabase db = m_db.connection();
    Sql q(db, QStringLiteral("SELECT value FROM workspace_settings WHERE key = 'signing.sealSizeMm'"));
    if (auto r = q.exec(); !r)
        return r.error();
    if (q.next())
        s.sizeMm = q.value(0).toDouble();
    return s;
}

} // namespace govdesk::storage
