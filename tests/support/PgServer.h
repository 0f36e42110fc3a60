#pragma once

#include "core/Result.h"
#include "storage/Database.h"

#include <QString>

namespace govdesk::test {

/// A throwaway PostgreSQL server for one test program: a fresh cluster in a temporary folder under /tmp,
/// listening on 127.0.0.1 at a free port (and on a private unix socket folder), stopped and removed when the
/// object goes. PostgreSQL refuses to run as root, so as root the server runs as the `postgres` account.
/// Start it with start(); a machine without PostgreSQL gives an error naming what is missing.
class PgServer
{
public:
    PgServer() = default;
    ~PgServer();
    PgServer(const PgServer &) = delete;
    PgServer &operator=(const PgServer &) = delete;

    /// initdb + pg_ctl start + one database named `database`.
    core::Result<void> start(const QString &database = QStringLiteral("govdesk"));
    bool isRunning() const { return m_running; }

    /// Creates another empty database on this server (one per test, so tests do not see each other).
    core::Result<storage::ConnectionInfo> createDatabase(const QString &name);

    /// postgresql://user:password@127.0.0.1:port/database of the database made by start().
    QString url() const { return urlFor(m_database); }
    QString urlFor(const QString &database) const;
    storage::ConnectionInfo connectionInfo() const { return connectionInfoFor(m_database); }
    storage::ConnectionInfo connectionInfoFor(const QString &database) const;

    int port() const { return m_port; }
    QString user() const { return m_user; }
    QString password() const { return m_password; }
    /// The server log, for failure messages.
    QString log() const;

    /// The highest installed /usr/lib/postgresql/*/bin (or PG_BINDIR), empty if none.
    static QString binDir();

private:
    core::Result<void> runTool(const QString &tool, const QStringList &args, bool asServerUser,
                               int timeoutMs = 120000);
    void stop();

    QString m_bin;
    QString m_root; // temporary folder holding data/, sock/, pwfile, server.log
    QString m_database;
    QString m_user = QStringLiteral("govdesk");
    QString m_password = QStringLiteral("govdesk-test-pw");
    int m_port = 0;
    bool m_running = false;
};

} // namespace govdesk::test
