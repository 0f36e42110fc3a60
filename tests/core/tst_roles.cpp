// Who may do what (Decree 30/2020 roles): the clerk keeps the book, the leader routes, the officer handles,
// the administrator manages accounts and may stand in for the clerk.
#include "core/Role.h"
#include "core/User.h"

#include <QTest>

using namespace govdesk::core;

Q_DECLARE_METATYPE(govdesk::core::Role)
Q_DECLARE_METATYPE(govdesk::core::Permission)

class TestRoles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matrix_data()
    {
        QTest::addColumn<Permission>("permission");
        QTest::addColumn<bool>("clerk");
        QTest::addColumn<bool>("officer");
        QTest::addColumn<bool>("leader");
        QTest::addColumn<bool>("admin");
        QTest::newRow("register incoming") << Permission::RegisterIncoming << true << false << false << true;
        QTest::newRow("edit registered entry")
            << Permission::EditRegistered << true << false << false << true;
        QTest::newRow("assign for handling") << Permission::AssignIncoming << false << false << true << true;
        QTest::newRow("handle assigned") << Permission::HandleAssigned << false << true << true << true;
        QTest::newRow("print registers") << Permission::PrintRegisters << true << false << true << true;
        QTest::newRow("manage users") << Permission::ManageUsers << false << false << false << true;
        QTest::newRow("manage organisation")
            << Permission::ManageOrganisation << false << false << false << true;
        QTest::newRow("view all") << Permission::ViewAll << true << false << true << true;
        QTest::newRow("view classified") << Permission::ViewSecret << true << false << true << false;
        QTest::newRow("draft outgoing") << Permission::DraftOutgoing << true << true << true << true;
        QTest::newRow("approve outgoing") << Permission::ApproveOutgoing << false << false << true << true;
        QTest::newRow("issue outgoing number") << Permission::IssueOutgoing << true << false << false << true;
        QTest::newRow("recall outgoing") << Permission::RecallOutgoing << true << false << true << true;
    }
    void matrix()
    {
        QFETCH(Permission, permission);
        QFETCH(bool, clerk);
        QFETCH(bool, officer);
        QFETCH(bool, leader);
        QFETCH(bool, admin);
        QCOMPARE(Roles::can(Role::Clerk, permission), clerk);
        QCOMPARE(Roles::can(Role::Officer, permission), officer);
        QCOMPARE(Roles::can(Role::Leader, permission), leader);
        QCOMPARE(Roles::can(Role::Admin, permission), admin);
        User u;
        u.role = Role::Officer;
        QCOMPARE(u.can(permission), officer);
    }

    void keys_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<QString>("key");
        QTest::newRow("văn thư") << Role::Clerk << QStringLiteral("van-thu");
        QTest::newRow("chuyên viên") << Role::Officer << QStringLiteral("chuyen-vien");
        QTest::newRow("lãnh đạo") << Role::Leader << QStringLiteral("lanh-dao");
        QTest::newRow("quản trị") << Role::Admin << QStringLiteral("quan-tri");
    }
    void keys()
    {
        QFETCH(Role, role);
        QFETCH(QString, key);
        QCOMPARE(Roles::key(role), key);
        QCOMPARE(Roles::fromKey(key), std::optional<Role>(role));
        QCOMPARE(Roles::fromKey(QStringLiteral(" ") + key.toUpper() + QStringLiteral(" ")),
                 std::optional<Role>(role));
        QVERIFY(!Roles::displayName(role).isEmpty());
    }

    void unknownKey()
    {
        QVERIFY(!Roles::fromKey(QStringLiteral("giam-doc")).has_value());
        QVERIFY(!Roles::fromKey(QString()).has_value());
    }

    void displayNamesDiffer()
    {
        QSet<QString> names;
        for (Role r : Roles::all())
            names.insert(Roles::displayName(r));
        QCOMPARE(names.size(), 4);
    }
};

QTEST_APPLESS_MAIN(TestRoles)
#include "tst_roles.moc"
