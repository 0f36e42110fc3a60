#include "TestSupport.h"

#include "core/Ids.h"
#include "core/PasswordHash.h"
#include "documents/DocumentsSchema.h"
#include "exchange/sync/ExchangeSchema.h"
#include "storage/AuditLog.h"
#include "storage/StorageSchema.h"

#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSizeF>
#include <QTest>

namespace govdesk::test {

using core::Result;
using storage::ConnectionInfo;
using storage::Engine;

QByteArray why(const core::Error &e)
{
    return (e.code() + QStringLiteral(": ") + e.english()).toUtf8();
}

QList<storage::MigrationSet> allSchemas()
{
    return {storage::storageSchema(), documents::documentsSchema(), exchange::exchangeSchema()};
}

Result<std::shared_ptr<storage::Database>> openDatabase(const ConnectionInfo &info)
{
    return storage::Database::open(info, allSchemas());
}

QString engineName(Engine engine)
{
    return engine == Engine::SQLite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

void addEngineRows()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("sqlite") << Engine::SQLite;
    QTest::newRow("postgresql") << Engine::PostgreSQL;
}

Workspaces::Workspaces() = default;

Workspaces::~Workspaces() = default;

core::Result<void> Workspaces::ensurePostgres()
{
    if (!m_pgTried) {
        m_pgTried = true;
        m_pg = std::make_unique<PgServer>();
        if (auto r = m_pg->start(); !r)
            m_pgError = r.error();
    }
    if (!m_pgError.isNull())
        return m_pgError;
    return {};
}

QString Workspaces::tempDir()
{
    auto dir = std::make_shared<QTemporaryDir>();
    m_dirs << dir;
    return dir->path();
}

core::Result<ConnectionInfo> Workspaces::fresh(Engine engine)
{
    if (engine == Engine::SQLite)
        return ConnectionInfo::sqlite(tempDir() + QStringLiteral("/workspace"));
    if (auto r = ensurePostgres(); !r)
        return r.error();
    return m_pg->createDatabase(QStringLiteral("ws%1").arg(++m_serial));
}

core::Result<core::User> addFastUser(storage::Database &db, const storage::NewUser &nu)
{
    return db.write<core::User>([&](QSqlDatabase &sql) -> Result<core::User> {
        core::User u;
        u.id = core::newId();
        u.username = nu.username;
        u.fullName = nu.fullName.isEmpty() ? nu.username : nu.fullName;
        u.role = nu.role;
        u.unitId = nu.unitId;
        u.position = nu.position;
        storage::Sql q(
            sql, QStringLiteral("INSERT INTO users (id, username, full_name, role, unit_id, position, "
                                "password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)"));
        q << u.id << u.username << u.fullName << core::Roles::key(u.role)
          << (u.unitId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(u.unitId)) << u.position
          << core::PasswordHash::hash(nu.password, 1000)
          << QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        if (auto r = q.exec(); !r)
            return r.error();
        if (auto a = storage::AuditLog::append(sql, QStringLiteral("test"), QStringLiteral("user.add"),
                                               QStringLiteral("user"), u.id, {},
                                               QJsonObject{{QStringLiteral("username"), u.username}});
            !a)
            return a.error();
        return u;
    });
}

core::Result<Office> createOffice(const ConnectionInfo &info, const storage::WorkspaceIdentity &identity)
{
    auto db = openDatabase(info);
    if (!db)
        return db.error();
    Office o;
    o.db = db.value();
    storage::Accounts accounts(*o.db);
    o.identity = identity.orgCode.isEmpty()
                     ? storage::WorkspaceIdentity{QStringLiteral("000.00.00.H16"),
                                                  QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông"),
                                                  QStringLiteral("UBND"),
                                                  {}}
                     : identity;
    auto admin = accounts.initialise(o.identity, testPassword());
    if (!admin)
        return admin.error();
    o.admin = admin.value();
    auto stored = accounts.identity();
    if (!stored)
        return stored.error();
    o.identity = stored.value();

    for (auto [abbr, name, target] : {std::tuple{"KT", "Phòng Kinh tế", &o.unitKT},
                                      std::tuple{"VX", "Phòng Văn hóa - Xã hội", &o.unitVX}}) {
        core::OrgUnit unit;
        unit.name = QString::fromUtf8(name);
        unit.abbreviation = QString::fromUtf8(abbr);
        unit.parentId = o.identity.orgUnitId;
        unit.internal = true;
        unit.level = 2;
        auto added = accounts.addUnit(o.admin, unit);
        if (!added)
            return added.error();
        *target = added->id;
    }
    // External agencies that send documents.
    for (auto [code, name, abbr] :
         {std::tuple{"000.00.01.H16", "Sở Tài chính", "STC"}, std::tuple{"000.00.02.H16", "Sở Nội vụ", "SNV"},
          std::tuple{"000.00.00.G09", "Bộ Nội vụ", "BNV"}}) {
        core::OrgUnit unit;
        unit.code = QString::fromUtf8(code);
        unit.name = QString::fromUtf8(name);
        unit.abbreviation = QString::fromUtf8(abbr);
        if (unit.code == o.identity.orgCode)
            continue; // the agency itself
        if (auto added = accounts.addUnit(o.admin, unit); !added)
            return added.error();
    }

    struct Spec
    {
        const char *name;
        const char *fullName;
        core::Role role;
        QString unit;
        core::User *target;
    };
    const Spec specs[] = {
        {"vanthu", "Nguyễn Thị Thu Hà", core::Role::Clerk, o.identity.orgUnitId, &o.clerk},
        {"lanhdao", "Trần Văn Hùng", core::Role::Leader, o.identity.orgUnitId, &o.leader},
        {"chuyenvien", "Phạm Thị Lan", core::Role::Officer, o.unitKT, &o.officer},
        {"chuyenvien2", "Hoàng Văn Nam", core::Role::Officer, o.unitVX, &o.officer2},
        {"chuyenvien3", "Lê Văn Ba", core::Role::Officer, QString(), &o.loneOfficer},
    };
    for (const Spec &s : specs) {
        storage::NewUser nu;
        nu.username = QString::fromUtf8(s.name);
        nu.fullName = QString::fromUtf8(s.fullName);
        nu.role = s.role;
        nu.unitId = s.unit;
        nu.password = testPassword();
        auto u = addFastUser(*o.db, nu);
        if (!u)
            return u.error();
        *s.target = u.value();
    }
    return o;
}

ToolResult runTool(const QString &program, const QStringList &args, int timeoutMs)
{
    ToolResult r;
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        r.err = QStringLiteral("cannot start %1: %2").arg(program, p.errorString());
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("%1 timed out").arg(program);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QSizeF pdfPageSize(const QString &pdf, int *pages)
{
    const ToolResult r = runTool(QStringLiteral("pdfinfo"), {pdf});
    if (r.exitCode != 0)
        return {};
    static const QRegularExpression size(QStringLiteral("Page size:\\s+([0-9.]+) x ([0-9.]+) pts"));
    static const QRegularExpression count(QStringLiteral("Pages:\\s+([0-9]+)"));
    if (pages)
        *pages = count.match(r.out).captured(1).toInt();
    const auto m = size.match(r.out);
    if (!m.hasMatch())
        return {};
    return QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble());
}

QString pdfText(const QString &pdf)
{
    const ToolResult r =
        runTool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), QStringLiteral("-enc"),
                                              QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
    return r.exitCode == 0 ? r.out : QString();
}

} // namespace govdesk::test
