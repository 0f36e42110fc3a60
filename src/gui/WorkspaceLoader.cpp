#include "WorkspaceLoader.h"

#include "documents/DemoWorkspace.h"
#include "documents/DocumentsSchema.h"
#include "exchange/sync/ExchangeSchema.h"
#include "storage/Accounts.h"
#include "storage/StorageSchema.h"
#include "storage/SystemConfig.h"

#include <algorithm>

namespace govdesk::gui {

QString WorkspaceLoader::demoPassword()
{
    return QStringLiteral("govdesk2026");
}

core::Result<OpenedWorkspace> WorkspaceLoader::open(const QString &workspaceDir, const QString &databaseUrl)
{
    auto info = storage::SystemConfig::resolve(workspaceDir, databaseUrl);
    if (!info)
        return info.error();
    auto db = storage::Database::open(
        info.value(), {storage::storageSchema(), documents::documentsSchema(), exchange::exchangeSchema()});
    if (!db)
        return db.error();
    OpenedWorkspace out;
    out.db = db.value();
    storage::Accounts accounts(*out.db);
    if (!accounts.isInitialised()) {
        if (out.db->engine() != storage::Engine::SQLite)
            return GOVDESK_ERROR("workspace.uninitialised",
                                 QT_TRANSLATE_NOOP("WorkspaceLoader",
                                                   "The shared database has not been set up yet; ask your IT "
                                                   "staff to run \"govdesk-cli init\""));
        documents::DemoWorkspace::Options options;
        options.password = demoPassword();
        if (auto seeded = documents::DemoWorkspace::seed(*out.db, options); !seeded)
            return seeded.error();
        out.seeded = true;
    }
    if (auto identity = accounts.identity())
        out.agencyName = identity->orgName;
    if (auto units = accounts.units())
        out.demo = std::any_of(units->cbegin(), units->cend(), [](const core::OrgUnit &u) { return u.demo; });
    return out;
}

} // namespace govdesk::gui
