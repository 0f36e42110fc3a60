#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

namespace govdesk::storage {

class Database;

/// Content-addressed store for attachments, keyed by the SHA-256 of the bytes. In a SQLite workspace the
/// bytes are files under <workspace>/blobs/ab/cdef… written atomically (QSaveFile); on PostgreSQL they live
/// in the database so every client of a shared office sees them. Reading re-checks the hash.
class BlobStore
{
    Q_DECLARE_TR_FUNCTIONS(BlobStore)
public:
    static constexpr qint64 MaxBlobSize = 512ll * 1024 * 1024;

    explicit BlobStore(Database *db) : m_db(db) {}

    /// Stores the bytes (inside the caller's transaction `db`) and returns their SHA-256 in hex.
    core::Result<QString> put(QSqlDatabase &db, const QByteArray &data);
    core::Result<QString> putFile(QSqlDatabase &db, const QString &path);
    core::Result<QByteArray> get(const QString &sha256);
    bool contains(const QString &sha256);

    static QString sha256Hex(const QByteArray &data);

private:
    QString pathFor(const QString &sha256) const;
    Database *m_db;
};

} // namespace govdesk::storage
