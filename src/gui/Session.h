#pragma once

#include "core/OrgUnit.h"
#include "core/Result.h"
#include "core/User.h"
#include "documents/IncomingService.h"
#include "documents/OutgoingService.h"
#include "exchange/sync/ExchangeService.h"
#include "gui/Async.h"
#include "storage/Accounts.h"
#include "storage/Database.h"

#include <QObject>
#include <QThreadPool>

#include <memory>

namespace govdesk::gui {

/// What every screen needs to know about the workspace and rarely changes: the agency, its units and users,
/// the document types and books. Loaded once after login, in a worker.
struct ReferenceData
{
    storage::WorkspaceIdentity identity;
    QList<core::OrgUnit> units;
    QList<core::User> users;
    QList<documents::DocumentType> documentTypes;
    QList<documents::IncomingService::Book> books;
    bool demo = false; // the workspace holds the demo agency

    static core::Result<ReferenceData> load(storage::Database &db);
};

/// The logged-in user's working session: the open database, the services, the reference data and the
/// thread pool every slow call runs on. One per main window; outlives every widget that uses it.
class Session : public QObject
{
    Q_OBJECT
public:
    Session(std::shared_ptr<storage::Database> db, core::User user, ReferenceData data,
            QObject *parent = nullptr);
    ~Session() override;

    const core::User &user() const { return m_user; }
    const ReferenceData &data() const { return m_data; }
    storage::Database &database() { return *m_db; }
    documents::IncomingService &incoming() { return m_incoming; }
    documents::OutgoingService &outgoing() { return m_outgoing; }
    storage::Accounts &accounts() { return m_accounts; }
    /// Liên thông văn bản: the outbox, statuses and requests of the document exchange.
    exchange::ExchangeService &exchange() { return m_exchange; }
    QThreadPool *pool() { return &m_pool; }

    /// The database for the status bar ("SQLite: /home/…/GovDesk", "PostgreSQL: …"), never a password.
    QString databaseDescription() const;
    QString unitName(const QString &unitId) const;
    QString userDisplayName(const QString &userIdOrName) const;
    QList<core::OrgUnit> internalUnits() const;
    /// Organisations that send documents (everything but our own internal units), in Vietnamese order.
    QList<core::OrgUnit> externalUnits() const;

    /// Runs `work` on the session's pool and `done` on `context`'s thread (see runInWorker).
    template<typename Work, typename Done> void run(QObject *context, Work work, Done done)
    {
        runInWorker(&m_pool, context, std::move(work), std::move(done));
    }

Q_SIGNALS:
    /// A document was registered or changed (by this user or, through the service, by a worker).
    void documentChanged(const QString &id);
    /// Packets were queued for the document exchange (a document sent, a revocation, a decision on a
    /// request): the background sync sends them without waiting for its next cycle.
    void exchangeQueued();

private:
    std::shared_ptr<storage::Database> m_db;
    core::User m_user;
    ReferenceData m_data;
    documents::IncomingService m_incoming;
    documents::OutgoingService m_outgoing;
    storage::Accounts m_accounts;
    exchange::ExchangeService m_exchange{*m_db};
    // Last: destroyed first, so every running task finishes while the database and services still exist.
    QThreadPool m_pool;
};

} // namespace govdesk::gui
