#include "Accounts.h"

#include "AuditLog.h"
#include "core/Ids.h"
#include "core/OrganCode.h"
#include "core/PasswordHash.h"
#include "core/TextFold.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace govdesk::storage {

using core::OrgUnit;
using core::Result;
using core::User;

static QJsonObject userJson(const User &u)
{
    return QJsonObject{
        {QStringLiteral("username"), u.username},           {QStringLiteral("fullName"), u.fullName},
        {QStringLiteral("role"), core::Roles::key(u.role)}, {QStringLiteral("unitId"), u.unitId},
        {QStringLiteral("position"), u.position},           {QStringLiteral("active"), u.active}};
}

static QJsonObject unitJson(const OrgUnit &u)
{
    return QJsonObject{{QStringLiteral("code"), u.code},
                       {QStringLiteral("name"), u.name},
                       {QStringLiteral("abbreviation"), u.abbreviation},
                       {QStringLiteral("parentId"), u.parentId},
                       {QStringLiteral("level"), u.level},
                       {QStringLiteral("internal"), u.internal}};
}

static const char *userColumns =
    "SELECT id, username, full_name, role, unit_id, position, active, password_hash "
    "FROM users ";

static User readUser(Sql &q)
{
    User u;
    u.id = q.value(0).toString();
    u.username = q.value(1).toString();
    u.fullName = q.value(2).toString();
    u.role = core::Roles::fromKey(q.value(3).toString()).value_or(core::Role::Officer);
    u.unitId = q.value(4).toString();
    u.position = q.value(5).toString();
    u.active = q.value(6).toInt() != 0;
    return u;
}

static const char *unitColumns =
    "SELECT id, code, name, abbreviation, parent_id, level, internal, demo FROM org_units ";

static OrgUnit readUnit(Sql &q)
{
    OrgUnit u;
    u.id = q.value(0).toString();
    u.code = q.value(1).toString();
    u.name = q.value(2).toString();
    u.abbreviation = q.value(3).toString();
    u.parentId = q.value(4).toString();
    u.level = q.value(5).toInt();
    u.internal = q.value(6).toInt() != 0;
    u.demo = q.value(7).toInt() != 0;
    return u;
}

static QVariant nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

bool Accounts::isInitialised()
{
    QSqlDatabase db = m_db.connection();
    Sql q(db, QStringLiteral("SELECT value FROM workspace_settings WHERE key = 'org.code'"));
    return q.exec().ok() && q.next();
}

Result<WorkspaceIdentity> Accounts::identity()
{
    QSqlDatabase db = m_db.connection();
    Sql q(db, QStringLiteral("SELECT key, value FROM workspace_settings WHERE key LIKE 'org.%'"));
    if (auto r = q.exec(); !r)
        return r.error();
    WorkspaceIdentity id;
    while (q.next()) {
        const QString k = q.value(0).toString();
        const QString v = q.value(1).toString();
        if (k == QLatin1String("org.code"))
            id.orgCode = v;
        else if (k == QLatin1String("org.name"))
            id.orgName = v;
        else if (k == QLatin1String("org.abbreviation"))
            id.orgAbbreviation = v;
        else if (k == QLatin1String("org.unitId"))
            id.orgUnitId = v;
    }
    if (id.orgCode.isEmpty())
        return GOVDESK_ERROR(
            "workspace.uninitialised",
            QT_TRANSLATE_NOOP("Accounts",
                              "This workspace has not been set up yet; run \"govdesk-cli init\" first"));
    return id;
}

Result<OrgUnit> Accounts::insertUnit(QSqlDatabase &db, const QString &actor, OrgUnit unit)
{
    if (unit.name.trimmed().isEmpty())
        return GOVDESK_ERROR("unit.name", QT_TRANSLATE_NOOP("Accounts", "A unit needs a name"));
    if (!unit.code.isEmpty()) {
        auto code = core::OrganCode::parse(unit.code);
        if (!code)
            return code.error();
        unit.code = code->text();
        if (!unit.internal)
            unit.level = code->level();
    }
    if (unit.id.isEmpty())
        unit.id = core::newId();
    Sql q(db, QStringLiteral(
                  "INSERT INTO org_units (id, code, name, abbreviation, parent_id, level, internal, demo) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q << unit.id << nullIfEmpty(unit.code) << unit.name.trimmed() << unit.abbreviation.trimmed()
      << nullIfEmpty(unit.parentId) << unit.level << int(unit.internal) << int(unit.demo);
    if (auto r = q.exec(); !r) {
        if (r.error().code() == QLatin1String("storage.unique"))
            return GOVDESK_ERROR("unit.duplicate",
                                 QT_TRANSLATE_NOOP("Accounts", "A unit with the code %1 already exists"),
                                 unit.code);
        return r.error();
    }
    if (auto a = AuditLog::append(db, actor, QStringLiteral("unit.add"), QStringLiteral("org_unit"), unit.id,
                                  {}, unitJson(unit));
        !a)
        return a.error();
    return unit;
}

Result<User> Accounts::insertUser(QSqlDatabase &db, const QString &actor, const NewUser &nu)
{
    static const QRegularExpression namePattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{1,63}$"));
    if (!namePattern.match(nu.username).hasMatch())
        return GOVDESK_ERROR(
            "user.name",
            QT_TRANSLATE_NOOP(
                "Accounts",
                "Invalid user name \"%1\": use 2–64 lower-case letters, digits, dot, dash or underscore"),
            nu.username);
    if (nu.password.size() < MinPasswordLength)
        return GOVDESK_ERROR("user.password",
                             QT_TRANSLATE_NOOP("Accounts", "The password must have at least %1 characters"),
                             QString::number(MinPasswordLength));
    User u;
    u.id = core::newId();
    u.username = nu.username;
    u.fullName = nu.fullName.isEmpty() ? nu.username : nu.fullName;
    u.role = nu.role;
    u.unitId = nu.unitId;
    u.position = nu.position;
    Sql q(db, QStringLiteral(
                  "INSERT INTO users (id, username, full_name, role, unit_id, position, password_hash, "
                  "active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)"));
    q << u.id << u.username << u.fullName << core::Roles::key(u.role) << nullIfEmpty(u.unitId) << u.position
      << core::PasswordHash::hash(nu.password) << QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    if (auto r = q.exec(); !r) {
        if (r.error().code() == QLatin1String("storage.unique"))
            return GOVDESK_ERROR("user.exists", QT_TRANSLATE_NOOP("Accounts", "The user %1 already exists"),
                                 nu.username);
        return r.error();
    }
    if (auto a = AuditLog::append(db, actor, QStringLiteral("user.add"), QStringLiteral("user"), u.id, {},
                                  userJson(u));
        !a)
        return a.error();
    return u;
}

Result<User> Accounts::initialise(const WorkspaceIdentity &identity, const QString &adminPassword)
{
    auto code = core::OrganCode::parse(identity.orgCode);
    if (!code)
        return code.error();
    if (identity.orgName.trimmed().isEmpty())
        return GOVDESK_ERROR("workspace.name",
                             QT_TRANSLATE_NOOP("Accounts", "The agency's name is required"));
    static const QRegularExpression abbr(QStringLiteral("^[A-ZĐ][A-Za-zĐđ0-9]{0,15}$"));
    if (!abbr.match(identity.orgAbbreviation).hasMatch())
        return GOVDESK_ERROR(
            "workspace.abbreviation",
            QT_TRANSLATE_NOOP(
                "Accounts",
                "Invalid abbreviation \"%1\": letters and digits only, starting with a capital, as used "
                "in notations (e.g. UBND)"),
            identity.orgAbbreviation);
    return m_db.write<User>([&](QSqlDatabase &db) -> Result<User> {
        Sql exists(db, QStringLiteral("SELECT 1 FROM workspace_settings WHERE key = 'org.code'"));
        if (auto r = exists.exec(); !r)
            return r.error();
        if (exists.next())
            return GOVDESK_ERROR("workspace.initialised",
                                 QT_TRANSLATE_NOOP("Accounts", "This workspace is already set up"));
        OrgUnit own;
        own.code = code->text();
        own.name = identity.orgName.trimmed();
        own.abbreviation = identity.orgAbbreviation;
        auto unit = insertUnit(db, QStringLiteral("system"), own);
        if (!unit)
            return unit.error();
        const QList<QPair<QString, QString>> settings = {
            {QStringLiteral("org.code"), own.code},
            {QStringLiteral("org.name"), own.name},
            {QStringLiteral("org.abbreviation"), own.abbreviation},
            {QStringLiteral("org.unitId"), unit->id}};
        for (const auto &kv : settings) {
            Sql s(db, QStringLiteral("INSERT INTO workspace_settings (key, value) VALUES (?, ?)"));
            s << kv.first << kv.second;
            if (auto r = s.exec(); !r)
                return r.error();
        }
        if (auto a = AuditLog::append(db, QStringLiteral("system"), QStringLiteral("workspace.init"),
                                      QStringLiteral("workspace"), own.code, {},
                                      QJsonObject{{QStringLiteral("orgCode"), own.code},
                                                  {QStringLiteral("orgName"), own.name},
                                                  {QStringLiteral("orgAbbreviation"), own.abbreviation}});
            !a)
            return a.error();
        NewUser admin;
        admin.username = QStringLiteral("admin");
        admin.fullName = tr("Administrator");
        admin.role = core::Role::Admin;
        admin.password = adminPassword;
        admin.unitId = unit->id;
        return insertUser(db, QStringLiteral("system"), admin);
    });
}

Result<User> Accounts::authenticate(const QString &username, const QString &password)
{
    QSqlDatabase db = m_db.connection();
    Sql q(db, QLatin1String(userColumns) + QStringLiteral("WHERE username = ?"));
    q << username.trimmed().toLower();
    if (auto r = q.exec(); !r)
        return r.error();
    // Same message for an unknown user and a wrong password: it does not reveal which accounts exist.
    if (!q.next() || !core::PasswordHash::verify(password, q.value(7).toString()))
        return GOVDESK_ERROR("auth.failed", QT_TRANSLATE_NOOP("Accounts", "Wrong user name or password"));
    User u = readUser(q);
    if (!u.active)
        return GOVDESK_ERROR("auth.disabled", QT_TRANSLATE_NOOP("Accounts", "The account %1 is disabled"),
                             u.username);
    return u;
}

Result<User> Accounts::addUser(const User &actor, const NewUser &nu)
{
    if (!actor.can(core::Permission::ManageUsers))
        return GOVDESK_ERROR("permission.users",
                             QT_TRANSLATE_NOOP("Accounts", "Only an administrator can add users"));
    return m_db.write<User>([&](QSqlDatabase &db) { return insertUser(db, actor.username, nu); });
}

Result<User> Accounts::userByName(const QString &username)
{
    QSqlDatabase db = m_db.connection();
    Sql q(db, QLatin1String(userColumns) + QStringLiteral("WHERE username = ?"));
    q << username.trimmed().toLower();
    if (auto r = q.exec(); !r)
        return r.error();
    if (!q.next())
        return GOVDESK_ERROR("user.unknown", QT_TRANSLATE_NOOP("Accounts", "There is no user %1"), username);
    return readUser(q);
}

Result<User> Accounts::userById(const QString &id)
{
    QSqlDatabase db = m_db.connection();
    Sql q(db, QLatin1String(userColumns) + QStringLiteral("WHERE id = ?"));
    q << id;
    if (auto r = q.exec(); !r)
        return r.error();
    if (!q.next())
        return GOVDESK_ERROR("user.unknown", QT_TRANSLATE_NOOP("Accounts", "There is no user %1"), id);
    return readUser(q);
}

Result<QList<User>> Accounts::users()
{
    QSqlDatabase db = m_db.connection();
    Sql q(db, QLatin1String(userColumns) + QStringLiteral("ORDER BY username"));
    if (auto r = q.exec(); !r)
        return r.error();
    QList<User> out;
    while (q.next())
        out << readUser(q);
    return out;
}

Result<OrgUnit> Accounts::addUnit(const User &actor, OrgUnit unit)
{
    if (!actor.can(core::Permission::ManageOrganisation))
        return GOVDESK_ERROR(
            "permission.units",
            QT_TRANSLATE_NOOP("Accounts", "Only an administrator can change the organisation list"));
    return m_db.write<OrgUnit>([&](QSqlDatabase &db) { return insertUnit(db, actor.username, unit); });
}

Result<QList<OrgUnit>> Accounts::units()
{
    QSqlDatabase db = m_db.connection();
    Sql q(db, QLatin1String(unitColumns) + QStringLiteral("WHERE active = 1"));
    if (auto r = q.exec(); !r)
        return r.error();
    QList<OrgUnit> out;
    while (q.next())
        out << readUnit(q);
    std::sort(out.begin(), out.end(), [](const OrgUnit &a, const OrgUnit &b) {
        return core::vietnameseSortKey(a.name) < core::vietnameseSortKey(b.name);
    });
    return out;
}

Result<OrgUnit> Accounts::unitById(const QString &id)
{
    QSqlDatabase db = m_db.connection();
    Sql q(db, QLatin1String(unitColumns) + QStringLiteral("WHERE id = ?"));
    q << id;
    if (auto r = q.exec(); !r)
        return r.error();
    if (!q.next())
        return GOVDESK_ERROR("unit.unknown", QT_TRANSLATE_NOOP("Accounts", "There is no unit %1"), id);
    return readUnit(q);
}

Result<OrgUnit> Accounts::findUnit(const QString &key)
{
    auto all = units();
    if (!all)
        return all.error();
    const QString k = key.trimmed();
    const QString folded = core::foldForSearch(k);
    for (const OrgUnit &u : all.value())
        if (u.id == k || (!u.code.isEmpty() && u.code.compare(k, Qt::CaseInsensitive) == 0))
            return u;
    for (const OrgUnit &u : all.value())
        if (core::foldForSearch(u.name) == folded)
            return u;
    for (const OrgUnit &u : all.value())
        if (!u.abbreviation.isEmpty() && u.abbreviation.compare(k, Qt::CaseInsensitive) == 0)
            return u;
    return GOVDESK_ERROR("unit.unknown", QT_TRANSLATE_NOOP("Accounts", "There is no unit %1"), key);
}

} // namespace govdesk::storage
