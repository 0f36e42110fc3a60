#include "Session.h"

#include "core/TextFold.h"

#include <algorithm>

namespace govdesk::gui {

core::Result<ReferenceData> ReferenceData::load(storage::Database &db)
{
    ReferenceData d;
    storage::Accounts accounts(db);
    documents::IncomingService service(db);
    auto identity = accounts.identity();
    if (!identity)
        return identity.error();
    d.identity = identity.value();
    auto units = accounts.units();
    if (!units)
        return units.error();
    d.units = units.value();
    auto users = accounts.users();
    if (!users)
        return users.error();
    d.users = users.value();
    auto types = service.documentTypes();
    if (!types)
        return types.error();
    d.documentTypes = types.value();
    auto books = service.books();
    if (!books)
        return books.error();
    d.books = books.value();
    d.demo = std::any_of(d.units.cbegin(), d.units.cend(), [](const core::OrgUnit &u) { return u.demo; });
    return d;
}

Session::Session(std::shared_ptr<storage::Database> db, core::User user, ReferenceData data, QObject *parent)
    : QObject(parent), m_db(std::move(db)), m_user(std::move(user)), m_data(std::move(data)),
      m_incoming(*m_db), m_outgoing(*m_db), m_accounts(*m_db)
{
    // Several readers at once: a page of the list, its count and a document may be asked for together.
    m_pool.setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
    // The service may emit from a worker; the queued connection brings the signal to the UI thread.
    connect(&m_incoming, &documents::IncomingService::documentChanged, this, &Session::documentChanged,
            Qt::QueuedConnection);
    connect(&m_outgoing, &documents::OutgoingService::documentChanged, this, &Session::documentChanged,
            Qt::QueuedConnection);
}

Session::~Session()
{
    m_pool.waitForDone();
}

QString Session::databaseDescription() const
{
    return m_db->info().describe();
}

QString Session::unitName(const QString &unitId) const
{
    for (const core::OrgUnit &u : m_data.units)
        if (u.id == unitId)
            return u.name;
    return {};
}

QString Session::userDisplayName(const QString &userIdOrName) const
{
    for (const core::User &u : m_data.users)
        if (u.id == userIdOrName || u.username == userIdOrName)
            return u.fullName.isEmpty() ? u.username : u.fullName;
    return userIdOrName;
}

static void sortVietnamese(QList<core::OrgUnit> &units)
{
    std::stable_sort(units.begin(), units.end(), [](const core::OrgUnit &a, const core::OrgUnit &b) {
        return core::vietnameseSortKey(a.name) < core::vietnameseSortKey(b.name);
    });
}

QList<core::OrgUnit> Session::internalUnits() const
{
    QList<core::OrgUnit> out;
    for (const core::OrgUnit &u : m_data.units)
        if (u.internal)
            out << u;
    sortVietnamese(out);
    return out;
}

QList<core::OrgUnit> Session::externalUnits() const
{
    QList<core::OrgUnit> out = core::externalUnits(m_data.units, m_data.identity.orgUnitId);
    sortVietnamese(out);
    return out;
}

} // namespace govdesk::gui
