#pragma once

#include "core/Result.h"
#include "storage/Database.h"

#include <QCoreApplication>

#include <memory>

namespace govdesk::gui {

/// An opened workspace, ready for login.
struct OpenedWorkspace
{
    std::shared_ptr<storage::Database> db;
    QString agencyName;
    bool demo = false;   // holds the demo agency: the login dialog shows the demo accounts
    bool seeded = false; // the demo data was created just now
};

/// Finds and opens the workspace the application starts into: an explicit folder or database URL, else
/// what IT configured, else the user's default SQLite workspace. A new, empty SQLite workspace is seeded
/// with the demo agency so a first start opens straight into something to work with. Slow (migrations,
/// seeding hashes passwords): call it from a worker.
class WorkspaceLoader
{
    Q_DECLARE_TR_FUNCTIONS(WorkspaceLoader)
public:
    /// The password every demo account gets.
    static QString demoPassword();

    static core::Result<OpenedWorkspace> open(const QString &workspaceDir, const QString &databaseUrl);
};

} // namespace govdesk::gui
