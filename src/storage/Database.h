#pragma once

#include "core/Result.h"
#include "storage/Migration.h"

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>

class QThread;

namespace govdesk::storage {

class BlobStore;

enum class Engine
{
    SQLite,
    PostgreSQL
};

/// Where the data lives: an embedded SQLite file (the default, in a workspace folder) or a shared-office
/// PostgreSQL server given as postgresql://user:password@host:port/dbname.
struct ConnectionInfo
{
    Engine engine = Engine::SQLite;
    QString workspaceDir; // SQLite: the folder holding govdesk.sqlite and blobs/
    QString host;
    int port = 5432;
    QString databaseName;
    QString user;
    QString password;

    static ConnectionInfo sqlite(const QString &workspaceDir);
    static core::Result<ConnectionInfo> fromUrl(const QString &url);
    /// For messages: never contains the password.
    QString describe() const;
};

/// The database of a workspace. Opening it applies every pending migration (for all modules passed in).
/// Each thread gets its own connection (Qt SQL connections are per-thread); work runs in `write` (one
/// transaction, retried when the engine reports a conflict) or `read`. Knows no feature rules.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)
public:
    ~Database();

    static core::Result<std::shared_ptr<Database>> open(const ConnectionInfo &info,
                                                        const QList<MigrationSet> &schemas);

    Engine engine() const { return m_info.engine; }
    const ConnectionInfo &info() const { return m_info; }
    /// This thread's connection (opened on first use).
    QSqlDatabase connection();

    /// Runs `work` in one write transaction: commits when it returns ok, rolls back otherwise. A conflict
    /// (SQLite busy, PostgreSQL serialization failure or deadlock) retries the whole unit of work.
    template<typename T> core::Result<T> write(const std::function<core::Result<T>(QSqlDatabase &)> &work);
    core::Result<void> writeVoid(const std::function<core::Result<void>(QSqlDatabase &)> &work);

    /// Applied migration versions per module.
    QHash<QString, int> schemaVersions();
    /// PRAGMA integrity_check / foreign_key_check on SQLite; a catalog read on PostgreSQL.
    core::Result<void> integrityCheck();

    BlobStore &blobs() { return *m_blobs; }

private:
    Database() = default;
    core::Result<QSqlDatabase> openConnection(const QString &name);
    core::Result<void> migrate(const QList<MigrationSet> &schemas);
    core::Result<void> begin(QSqlDatabase &db);
    bool commit(QSqlDatabase &db, QString *error);
    void rollback(QSqlDatabase &db);

    ConnectionInfo m_info;
    QString m_prefix;
    struct Registry
    {
        QMutex mutex;
        QHash<QThread *, QString> connections;
    };
    std::shared_ptr<Registry> m_registry = std::make_shared<Registry>();
    std::unique_ptr<BlobStore> m_blobs;
};

/// A prepared statement with positional parameters that reports failures as Error.
class Sql
{
public:
    Sql(QSqlDatabase &db, const QString &statement);
    Sql &bind(const QVariant &value);
    Sql &operator<<(const QVariant &value) { return bind(value); }
    core::Result<void> exec();
    bool next() { return m_query.next(); }
    QVariant value(int i) const { return m_query.value(i); }
    QVariant value(const QString &name) const { return m_query.value(name); }
    QSqlQuery &query() { return m_query; }
    int rowsAffected() const { return m_query.numRowsAffected(); }

private:
    QSqlQuery m_query;
    QString m_statement;
    bool m_prepared = false;
};

/// A storage failure as a user-facing Error.
core::Error sqlError(const QString &what);
/// True if the message is a transient conflict worth retrying.
bool isTransientConflict(const QString &driverMessage);

template<typename T>
core::Result<T> Database::write(const std::function<core::Result<T>(QSqlDatabase &)> &work)
{
    QSqlDatabase db = connection();
    for (int attempt = 0;; ++attempt) {
        if (auto b = begin(db); !b)
            return b.error();
        core::Result<T> r = work(db);
        if (!r) {
            rollback(db);
            if (r.error().code() == QLatin1String("storage.conflict") && attempt < 50)
                continue;
            return r;
        }
        QString err;
        if (commit(db, &err))
            return r;
        rollback(db);
        if (!(isTransientConflict(err) && attempt < 50))
            return sqlError(err);
    }
}

} // namespace govdesk::storage
