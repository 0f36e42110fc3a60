#pragma once

#include "core/Result.h"
#include "storage/Database.h"

namespace govdesk::storage {

/// Per-machine configuration written by IT staff at install time (/etc/govdesk/govdesk.conf on Linux,
/// %ProgramData%\GovDesk\govdesk.conf on Windows; GOVDESK_SYSTEM_CONFIG overrides the path). Keys:
///   [database] url=postgresql://…   locked=true|false
/// When the database is locked a user cannot point the client elsewhere.
class SystemConfig
{
    Q_DECLARE_TR_FUNCTIONS(SystemConfig)
public:
    static QString path();
    static QString defaultWorkspaceDir();

    /// Chooses where the data lives: an explicit workspace folder or database URL (CLI options, user
    /// settings) unless IT locked the database, then the system config, then the default SQLite workspace.
    static core::Result<ConnectionInfo> resolve(const QString &workspaceDir, const QString &databaseUrl);
};

} // namespace govdesk::storage
