// Accounts: the agency is set up once with its admin; a user logs in with the right password only (and the
// message does not tell whether the account exists); only an administrator adds users or units.
#include "storage/AuditLog.h"
#include "support/TestSupport.h"

#include <QTest>

using namespace govdesk;
using namespace govdesk::test;
using storage::Engine;

class TestAccounts : public QObject
{
    Q_OBJECT

    Workspaces m_ws;

    static storage::WorkspaceIdentity daknong()
    {
        return {QStringLiteral("000.00.00.H16"),
                QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông"),
                QStringLiteral("UBND"),
                {}};
    }

private Q_SLOTS:
    void initialiseOnce_data() { addEngineRows(); }
    void initialiseOnce()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto db = openDatabase(info.value());
        GD_VERIFY_OK(db);
        storage::Accounts accounts(*db.value());
        QVERIFY(!accounts.isInitialised());
        QCOMPARE(accounts.identity().error().code(), QStringLiteral("workspace.uninitialised"));

        auto badCode = accounts.initialise(
            {QStringLiteral("H16"), QStringLiteral("UBND tỉnh"), QStringLiteral("UBND"), {}}, testPassword());
        QVERIFY(!badCode.ok());
        QCOMPARE(badCode.error().code(), QStringLiteral("organ.code.invalid"));
        auto badAbbr = accounts.initialise(
            {QStringLiteral("000.00.00.H16"), QStringLiteral("UBND tỉnh"), QStringLiteral("ub nd"), {}},
            testPassword());
        QVERIFY(!badAbbr.ok());
        QCOMPARE(badAbbr.error().code(), QStringLiteral("workspace.abbreviation"));
        auto shortPassword = accounts.initialise(daknong(), QStringLiteral("123"));
        QVERIFY(!shortPassword.ok());
        QCOMPARE(shortPassword.error().code(), QStringLiteral("user.password"));
        QVERIFY(!accounts.isInitialised());

        auto admin = accounts.initialise(daknong(), testPassword());
        GD_VERIFY_OK(admin);
        QCOMPARE(admin->username, QStringLiteral("admin"));
        QCOMPARE(admin->role, core::Role::Admin);
        auto identity = accounts.identity();
        GD_VERIFY_OK(identity);
        QCOMPARE(identity->orgCode, QStringLiteral("000.00.00.H16"));
        QCOMPARE(identity->orgName, QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông"));
        QCOMPARE(identity->orgAbbreviation, QStringLiteral("UBND"));
        auto own = accounts.unitById(identity->orgUnitId);
        GD_VERIFY_OK(own);
        QCOMPARE(own->code, QStringLiteral("000.00.00.H16"));

        auto again = accounts.initialise(
            {QStringLiteral("000.00.00.H56"), QStringLiteral("UBND tỉnh khác"), QStringLiteral("UBND"), {}},
            testPassword());
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code(), QStringLiteral("workspace.initialised"));
        QCOMPARE(accounts.identity()->orgCode, QStringLiteral("000.00.00.H16"));
        GD_VERIFY_OK(storage::AuditLog::verify(*db.value()));
    }

    void authenticate_data() { addEngineRows(); }
    void authenticate()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto db = openDatabase(info.value());
        GD_VERIFY_OK(db);
        storage::Accounts accounts(*db.value());
        auto admin = accounts.initialise(daknong(), testPassword());
        GD_VERIFY_OK(admin);

        // A real account, created the way an administrator creates it (full-cost hash).
        storage::NewUser nu;
        nu.username = QStringLiteral("vanthu");
        nu.fullName = QStringLiteral("Nguyễn Thị Thu Hà");
        nu.role = core::Role::Clerk;
        nu.password = QStringLiteral("Mật khẩu văn thư");
        auto clerk = accounts.addUser(admin.value(), nu);
        GD_VERIFY_OK(clerk);

        auto ok = accounts.authenticate(QStringLiteral("vanthu"), QStringLiteral("Mật khẩu văn thư"));
        GD_VERIFY_OK(ok);
        QCOMPARE(ok->id, clerk->id);
        QCOMPARE(ok->role, core::Role::Clerk);
        QCOMPARE(ok->fullName, QStringLiteral("Nguyễn Thị Thu Hà"));
        // User names are not case sensitive when logging in.
        GD_VERIFY_OK(accounts.authenticate(QStringLiteral(" VanThu "), QStringLiteral("Mật khẩu văn thư")));

        auto wrong = accounts.authenticate(QStringLiteral("vanthu"), QStringLiteral("Mat khau van thu"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code(), QStringLiteral("auth.failed"));
        auto unknown = accounts.authenticate(QStringLiteral("khongco"), QStringLiteral("Mật khẩu văn thư"));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code(), wrong.error().code());
        QCOMPARE(unknown.error().english(), wrong.error().english());
        QVERIFY(!accounts.authenticate(QStringLiteral("admin"), QString()).ok());
        GD_VERIFY_OK(accounts.authenticate(QStringLiteral("admin"), testPassword()));
    }

    void onlyAdminAddsUsers_data() { addEngineRows(); }
    void onlyAdminAddsUsers()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto office = createOffice(info.value());
        GD_VERIFY_OK(office);
        storage::Accounts accounts(*office->db);
        storage::NewUser nu;
        nu.username = QStringLiteral("nguoimoi");
        nu.role = core::Role::Admin;
        nu.password = QStringLiteral("mat-khau-moi-1");
        for (const core::User *actor : {&office->clerk, &office->leader, &office->officer}) {
            auto refused = accounts.addUser(*actor, nu);
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().code(), QStringLiteral("permission.users"));
            core::OrgUnit unit;
            unit.name = QStringLiteral("Phòng Nội chính");
            unit.internal = true;
            auto unitRefused = accounts.addUnit(*actor, unit);
            QVERIFY(!unitRefused.ok());
            QCOMPARE(unitRefused.error().code(), QStringLiteral("permission.units"));
        }
        QCOMPARE(accounts.userByName(QStringLiteral("nguoimoi")).error().code(),
                 QStringLiteral("user.unknown"));
        QVERIFY(!accounts.authenticate(QStringLiteral("nguoimoi"), nu.password).ok());

        auto added = accounts.addUser(office->admin, nu);
        GD_VERIFY_OK(added);
        auto trail = storage::AuditLog::entriesFor(*office->db, added->id);
        GD_VERIFY_OK(trail);
        QCOMPARE(trail->size(), 1);
        QCOMPARE(trail->first().actor, QStringLiteral("admin"));
        QCOMPARE(trail->first().action, QStringLiteral("user.add"));
        QVERIFY(!trail->first().after.contains(QStringLiteral("password")));

        auto duplicate = accounts.addUser(office->admin, nu);
        QVERIFY(!duplicate.ok());
        QCOMPARE(duplicate.error().code(), QStringLiteral("user.exists"));
        nu.username = QStringLiteral("Người Mới");
        QCOMPARE(accounts.addUser(office->admin, nu).error().code(), QStringLiteral("user.name"));
        nu.username = QStringLiteral("nguoimoi2");
        nu.password = QStringLiteral("ngan");
        QCOMPARE(accounts.addUser(office->admin, nu).error().code(), QStringLiteral("user.password"));
        GD_VERIFY_OK(storage::AuditLog::verify(*office->db));
    }

    void unitsFoundByCodeNameOrAbbreviation_data() { addEngineRows(); }
    void unitsFoundByCodeNameOrAbbreviation()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto office = createOffice(info.value());
        GD_VERIFY_OK(office);
        storage::Accounts accounts(*office->db);
        for (const QString &key :
             {QStringLiteral("000.00.01.H16"), QStringLiteral("Sở Tài chính"), QStringLiteral("so tai chinh"),
              QStringLiteral("SỞ TÀI CHÍNH"), QStringLiteral("stc")}) {
            auto unit = accounts.findUnit(key);
            QVERIFY2(unit.ok(), qPrintable(key));
            QCOMPARE(unit->name, QStringLiteral("Sở Tài chính"));
            QCOMPARE(unit->level, 2);
        }
        QCOMPARE(accounts.findUnit(QStringLiteral("Sở Y tế")).error().code(), QStringLiteral("unit.unknown"));
        core::OrgUnit bad;
        bad.name = QStringLiteral("Sở Y tế");
        bad.code = QStringLiteral("000.05.00.H16");
        QCOMPARE(accounts.addUnit(office->admin, bad).error().code(), QStringLiteral("organ.code.gap"));
        bad.code = QStringLiteral("000.00.01.H16");
        QCOMPARE(accounts.addUnit(office->admin, bad).error().code(), QStringLiteral("unit.duplicate"));
        // Units list in Vietnamese order.
        auto units = accounts.units();
        GD_VERIFY_OK(units);
        QStringList names;
        for (const auto &u : units.value())
            names << u.name;
        QVERIFY(names.indexOf(QStringLiteral("Bộ Nội vụ")) < names.indexOf(QStringLiteral("Phòng Kinh tế")));
        QVERIFY(names.indexOf(QStringLiteral("Phòng Văn hóa - Xã hội")) <
                names.indexOf(QStringLiteral("Sở Nội vụ")));
        QVERIFY(names.indexOf(QStringLiteral("Sở Tài chính")) <
                names.indexOf(QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông")));
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"
