#pragma once

#include "core/Result.h"
#include "core/User.h"
#include "storage/Accounts.h"
#include "storage/Database.h"
#include "support/PgServer.h"

#include <QByteArray>
#include <QMetaType>
#include <QTemporaryDir>

#include <memory>

Q_DECLARE_METATYPE(govdesk::storage::Engine)

/// Fails the test with the error's code and message unless the result is ok; `result` is evaluated once.
#define GD_VERIFY_OK(result)                                                                                 \
    do {                                                                                                     \
        const auto &gdVerifyOk = (result);                                                                   \
        QVERIFY2(gdVerifyOk.ok(), ::govdesk::test::why(gdVerifyOk).constData());                             \
    } while (false)

namespace govdesk::test {

/// "code: English message" of a failed result, for QVERIFY2; "ok" otherwise.
QByteArray why(const core::Error &e);
template<typename R> QByteArray why(const R &r)
{
    return r.ok() ? QByteArrayLiteral("ok") : why(r.error());
}

/// Every module's schema, as the applications open a workspace.
QList<storage::MigrationSet> allSchemas();
core::Result<std::shared_ptr<storage::Database>> openDatabase(const storage::ConnectionInfo &info);

QString engineName(storage::Engine engine);

/// Adds the column "engine" and one row per engine, for data-driven tests that must hold on both.
void addEngineRows();

/// Fresh, empty places for data: a new SQLite workspace folder, or a new database on a PostgreSQL server
/// started on first use and shared by the test program. Everything is removed with the object.
class Workspaces
{
public:
    Workspaces();
    ~Workspaces();

    core::Result<storage::ConnectionInfo> fresh(storage::Engine engine);
    /// Starts the server if needed; fails with a clear message when PostgreSQL is not installed.
    core::Result<void> ensurePostgres();
    PgServer &postgres() { return *m_pg; }
    /// A new empty folder (for files the test writes).
    QString tempDir();

private:
    std::unique_ptr<PgServer> m_pg;
    core::Error m_pgError;
    bool m_pgTried = false;
    QList<std::shared_ptr<QTemporaryDir>> m_dirs;
    int m_serial = 0;
};

/// The password every account made by the fixtures has.
inline QString testPassword()
{
    return QStringLiteral("mat-khau-123");
}

/// An initialised agency with one account per role. Two officers work in two different internal units; a
/// third has no unit. Accounts other than admin get a cheap password hash, so fixtures stay fast (the
/// production cost is exercised by the account tests and the CLI).
struct Office
{
    std::shared_ptr<storage::Database> db;
    storage::WorkspaceIdentity identity;
    core::User admin, clerk, leader, officer, officer2, loneOfficer;
    QString unitKT, unitVX; // internal units of officer and officer2
};
/// `identity` empty: UBND tỉnh Đắk Nông (000.00.00.H16).
core::Result<Office> createOffice(const storage::ConnectionInfo &info,
                                  const storage::WorkspaceIdentity &identity = {});

/// Adds an account directly, with a cheap hash (see Office).
core::Result<core::User> addFastUser(storage::Database &db, const storage::NewUser &user);

/// Runs an external program and returns its exit code, stdout and stderr (for pdfinfo, pdftotext).
struct ToolResult
{
    int exitCode = -1;
    QString out;
    QString err;
};
ToolResult runTool(const QString &program, const QStringList &args, int timeoutMs = 60000);

/// pdfinfo's "Page size" in points; invalid when pdfinfo fails.
QSizeF pdfPageSize(const QString &pdf, int *pages = nullptr);
/// pdftotext -layout of the whole file.
QString pdfText(const QString &pdf);

} // namespace govdesk::test
