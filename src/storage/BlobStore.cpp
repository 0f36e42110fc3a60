#include "BlobStore.h"

#include "Database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace govdesk::storage {

using core::Result;

QString BlobStore::sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QString BlobStore::pathFor(const QString &sha) const
{
    return QDir(m_db->info().workspaceDir)
        .absoluteFilePath(QStringLiteral("blobs/%1/%2").arg(sha.left(2), sha.mid(2)));
}

Result<QString> BlobStore::putFile(QSqlDatabase &db, const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return GOVDESK_ERROR("blob.missing", QT_TRANSLATE_NOOP("BlobStore", "The file %1 does not exist"),
                             path);
    if (f.size() > MaxBlobSize)
        return GOVDESK_ERROR("blob.too-large",
                             QT_TRANSLATE_NOOP("BlobStore", "The file %1 is larger than %2 MB"), path,
                             QString::number(MaxBlobSize / 1024 / 1024));
    if (!f.open(QIODevice::ReadOnly))
        return GOVDESK_ERROR("blob.read", QT_TRANSLATE_NOOP("BlobStore", "Cannot read the file %1: %2"), path,
                             f.errorString());
    return put(db, f.readAll());
}

Result<QString> BlobStore::put(QSqlDatabase &db, const QByteArray &data)
{
    if (data.size() > MaxBlobSize)
        return GOVDESK_ERROR("blob.too-large",
                             QT_TRANSLATE_NOOP("BlobStore", "The file %1 is larger than %2 MB"), QString(),
                             QString::number(MaxBlobSize / 1024 / 1024));
    const QString sha = sha256Hex(data);
    if (m_db->engine() == Engine::SQLite) {
        const QString path = pathFor(sha);
        if (!QFileInfo::exists(path)) {
            if (!QDir().mkpath(QFileInfo(path).absolutePath()))
                return GOVDESK_ERROR("blob.write",
                                     QT_TRANSLATE_NOOP("BlobStore", "Cannot store the attachment in %1: %2"),
                                     path, tr("cannot create the folder"));
            // Written and synced before the row that refers to it commits: a crash leaves at worst an
            // unreferenced file, never a row without its bytes.
            QSaveFile out(path);
            if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit())
                return GOVDESK_ERROR("blob.write",
                                     QT_TRANSLATE_NOOP("BlobStore", "Cannot store the attachment in %1: %2"),
                                     path, out.errorString());
        }
        Sql q(db, QStringLiteral(
                      "INSERT INTO blobs (sha256, size) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING"));
        q << sha << qint64(data.size());
        if (auto r = q.exec(); !r)
            return r.error();
    } else {
        Sql q(db,
              QStringLiteral(
                  "INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING"));
        q << sha << qint64(data.size()) << data;
        if (auto r = q.exec(); !r)
            return r.error();
    }
    return sha;
}

Result<QByteArray> BlobStore::get(const QString &sha)
{
    QByteArray data;
    if (m_db->engine() == Engine::SQLite) {
        QFile f(pathFor(sha));
        if (!f.open(QIODevice::ReadOnly))
            return GOVDESK_ERROR(
                "blob.missing", QT_TRANSLATE_NOOP("BlobStore", "The attachment %1 is missing from the store"),
                sha.left(12));
        data = f.readAll();
    } else {
        QSqlDatabase db = m_db->connection();
        Sql q(db, QStringLiteral("SELECT data FROM blobs WHERE sha256 = ?"));
        q << sha;
        if (auto r = q.exec(); !r)
            return r.error();
        if (!q.next())
            return GOVDESK_ERROR(
                "blob.missing", QT_TRANSLATE_NOOP("BlobStore", "The attachment %1 is missing from the store"),
                sha.left(12));
        data = q.value(0).toByteArray();
    }
    if (sha256Hex(data) != sha)
        return GOVDESK_ERROR(
            "blob.corrupt",
            QT_TRANSLATE_NOOP("BlobStore",
                              "The attachment %1 is damaged: its content no longer matches its fingerprint"),
            sha.left(12));
    return data;
}

bool BlobStore::contains(const QString &sha)
{
    QSqlDatabase db = m_db->connection();
    Sql q(db, QStringLiteral("SELECT 1 FROM blobs WHERE sha256 = ?"));
    q << sha;
    return q.exec().ok() && q.next();
}

} // namespace govdesk::storage
