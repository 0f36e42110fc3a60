#pragma once

#include "core/Result.h"
#include "core/User.h"
#include "exchange/transport/ExchangeTransport.h"
#include "storage/Database.h"

#include <QCoreApplication>

#include <memory>

namespace govdesk::exchange {

/// How this workspace reaches the document exchange. IT staff write it into the machine's system config
/// ([exchange] group of govdesk.conf, which then wins and cannot be changed from GovDesk) or an administrator
/// sets it with `exchange configure` / the settings dialog (kept in the workspace). The secret is never kept
/// here: it lives in the OS keychain, or is read from the environment variable named in `secretEnv`.
struct ExchangeSettings
{
    Q_DECLARE_TR_FUNCTIONS(ExchangeSettings)
public:
    bool configured = false;
    bool lockedBySystem = false; // set by the machine's govdesk.conf
    TransportConfig transport;   // secret left empty
    int pollSeconds = 300;       // how often the inbox is polled in the background
    QString place;               // địa danh written as PromulgationInfo/Place ("Đắk Nông")

    /// The workspace's settings, overridden by the machine's [exchange] group when it names an endpoint.
    static core::Result<ExchangeSettings> load(storage::Database &db);
    /// Administrators only; refused when the system config decides.
    static core::Result<void> save(storage::Database &db, const core::User &actor,
                                   const ExchangeSettings &settings);

    /// The transport for these settings with the secret resolved (keychain entry of `account`, else the
    /// environment variable); exchange.not-configured when nothing is set up.
    core::Result<std::unique_ptr<ExchangeTransport>> connect(const QString &account) const;
};

} // namespace govdesk::exchange
