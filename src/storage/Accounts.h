#pragma once

#include "core/OrgUnit.h"
#include "core/Result.h"
#include "core/User.h"
#include "storage/Database.h"

namespace govdesk::storage {

/// Identity of the agency that owns the workspace (mã định danh, name, abbreviation used in notations).
struct WorkspaceIdentity
{
    QString orgCode;
    QString orgName;
    QString orgAbbreviation;
    QString orgUnitId;
};

struct NewUser
{
    QString username;
    QString fullName;
    core::Role role = core::Role::Officer;
    QString password;
    QString unitId;
    QString position;
};

/// Local accounts, the organisation tree and the workspace identity: the shared kernel every feature
/// service asks "who is this user, what may they do, which unit is that".
class Accounts
{
    Q_DECLARE_TR_FUNCTIONS(Accounts)
public:
    explicit Accounts(Database &db) : m_db(db) {}

    static constexpr int MinPasswordLength = 8;

    /// First start: records the agency and creates the `admin` account. Fails if already initialised.
    core::Result<core::User> initialise(const WorkspaceIdentity &identity, const QString &adminPassword);
    bool isInitialised();
    core::Result<WorkspaceIdentity> identity();

    core::Result<core::User> authenticate(const QString &username, const QString &password);
    core::Result<core::User> addUser(const core::User &actor, const NewUser &user);
    core::Result<core::User> userByName(const QString &username);
    core::Result<core::User> userById(const QString &id);
    core::Result<QList<core::User>> users();

    core::Result<core::OrgUnit> addUnit(const core::User &actor, core::OrgUnit unit);
    core::Result<QList<core::OrgUnit>> units();
    core::Result<core::OrgUnit> unitById(const QString &id);
    /// By mã định danh, abbreviation or exact name (case- and diacritic-insensitive).
    core::Result<core::OrgUnit> findUnit(const QString &codeOrName);

    /// Internal helpers shared with seeding (no permission check; caller holds the transaction).
    static core::Result<core::OrgUnit> insertUnit(QSqlDatabase &db, const QString &actor, core::OrgUnit unit);
    static core::Result<core::User> insertUser(QSqlDatabase &db, const QString &actor, const NewUser &user);

private:
    Database &m_db;
};

} // namespace govdesk::storage
