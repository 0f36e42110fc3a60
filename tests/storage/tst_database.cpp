// Opening a workspace applies the schema changes once, on both engines; reopening changes nothing and keeps
// the data; a later version's new change is applied on the next start; a failed unit of work leaves nothing.
#include "documents/DocumentsSchema.h"
#include "storage/StorageSchema.h"
#include "support/TestSupport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace govdesk;
using namespace govdesk::test;
using storage::Engine;

class TestDatabase : public QObject
{
    Q_OBJECT

    Workspaces m_ws;

    static int count(storage::Database &db, const QString &sql)
    {
        QSqlDatabase c = db.connection();
        QSqlQuery q(c);
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    static storage::MigrationSet extraModule(int versions)
    {
        storage::MigrationSet set;
        set.module = QStringLiteral("extra");
        storage::Migration m1;
        m1.version = 1;
        m1.description = QStringLiteral("notes table");
        m1.statements = {QStringLiteral("CREATE TABLE extra_notes (id {AUTOINC}, body TEXT NOT NULL)")};
        set.migrations << m1;
        if (versions >= 2) {
            storage::Migration m2;
            m2.version = 2;
            m2.description = QStringLiteral("notes get a payload");
            m2.statements = {QStringLiteral("ALTER TABLE extra_notes ADD COLUMN payload {BLOB}")};
            set.migrations << m2;
        }
        return set;
    }

private Q_SLOTS:
    void migrationsAppliedOnceAndKeptOnReopen_data() { addEngineRows(); }
    void migrationsAppliedOnceAndKeptOnReopen()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        int migrations = 0;
        {
            auto db = openDatabase(info.value());
            GD_VERIFY_OK(db);
            QCOMPARE(db.value()->engine(), engine);
            const auto versions = db.value()->schemaVersions();
            QCOMPARE(versions.value(QStringLiteral("storage")),
                     storage::storageSchema().migrations.last().version);
            QCOMPARE(versions.value(QStringLiteral("documents")),
                     documents::documentsSchema().migrations.last().version);
            migrations = count(*db.value(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations"));
            QVERIFY(migrations >= 2);
            storage::Accounts accounts(*db.value());
            auto admin = accounts.initialise({QStringLiteral("000.00.00.H16"),
                                              QStringLiteral("UBND tỉnh Đắk Nông"),
                                              QStringLiteral("UBND"),
                                              {}},
                                             testPassword());
            GD_VERIFY_OK(admin);
            // The seeded document types are there once.
            QVERIFY(count(*db.value(), QStringLiteral("SELECT COUNT(*) FROM document_types")) >= 29);
        }
        const int types = [&] {
            auto db = openDatabase(info.value());
            return db ? count(*db.value(), QStringLiteral("SELECT COUNT(*) FROM document_types")) : -1;
        }();
        for (int i = 0; i < 2; ++i) {
            auto db = openDatabase(info.value());
            GD_VERIFY_OK(db);
            QCOMPARE(count(*db.value(), QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                     migrations);
            QCOMPARE(count(*db.value(), QStringLiteral("SELECT COUNT(*) FROM document_types")), types);
            QCOMPARE(db.value()->schemaVersions().value(QStringLiteral("storage")), 1);
            storage::Accounts accounts(*db.value());
            QVERIFY(accounts.isInitialised());
            auto identity = accounts.identity();
            GD_VERIFY_OK(identity);
            QCOMPARE(identity->orgName, QStringLiteral("UBND tỉnh Đắk Nông"));
            GD_VERIFY_OK(db.value()->integrityCheck());
        }
    }

    void newVersionUpgradesExistingData_data() { addEngineRows(); }
    void newVersionUpgradesExistingData()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        {
            auto db = storage::Database::open(info.value(), {storage::storageSchema(), extraModule(1)});
            GD_VERIFY_OK(db);
            QCOMPARE(db.value()->schemaVersions().value(QStringLiteral("extra")), 1);
            GD_VERIFY_OK(db.value()->writeVoid([](QSqlDatabase &c) {
                storage::Sql q(c, QStringLiteral("INSERT INTO extra_notes (body) VALUES (?)"));
                q << QStringLiteral("ghi chú trước khi nâng cấp");
                return q.exec();
            }));
        }
        auto db = storage::Database::open(info.value(), {storage::storageSchema(), extraModule(2)});
        GD_VERIFY_OK(db);
        QCOMPARE(db.value()->schemaVersions().value(QStringLiteral("extra")), 2);
        QSqlDatabase c = db.value()->connection();
        QSqlQuery q(c);
        QVERIFY2(q.exec(QStringLiteral("SELECT body, payload FROM extra_notes")),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ghi chú trước khi nâng cấp"));
        QVERIFY(q.value(1).isNull());
    }

    void failedMigrationReportsAndLeavesNoMark_data() { addEngineRows(); }
    void failedMigrationReportsAndLeavesNoMark()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        storage::MigrationSet broken = extraModule(1);
        broken.migrations[0].statements << QStringLiteral("CREATE TABLE extra_notes (id INTEGER)");
        auto db = storage::Database::open(info.value(), {storage::storageSchema(), broken});
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code(), QStringLiteral("storage.migration"));
        QVERIFY(db.error().english().contains(QStringLiteral("extra")));
        // Fixed in the next build: it applies cleanly, so the failed attempt left nothing half-done.
        auto fixed = storage::Database::open(info.value(), {storage::storageSchema(), extraModule(1)});
        GD_VERIFY_OK(fixed);
        QCOMPARE(fixed.value()->schemaVersions().value(QStringLiteral("extra")), 1);
    }

    void failedWorkIsRolledBack_data() { addEngineRows(); }
    void failedWorkIsRolledBack()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto db = openDatabase(info.value());
        GD_VERIFY_OK(db);
        auto r = db.value()->writeVoid([](QSqlDatabase &c) -> core::Result<void> {
            storage::Sql q(c,
                           QStringLiteral("INSERT INTO workspace_settings (key, value) VALUES ('a', '1')"));
            if (auto e = q.exec(); !e)
                return e;
            return GOVDESK_ERROR("test.refused", QT_TRANSLATE_NOOP("Test", "refused on purpose"));
        });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), QStringLiteral("test.refused"));
        QCOMPARE(count(*db.value(), QStringLiteral("SELECT COUNT(*) FROM workspace_settings")), 0);
        // A unique violation is reported as such, and the transaction is gone with it.
        GD_VERIFY_OK(db.value()->writeVoid([](QSqlDatabase &c) {
            storage::Sql q(c,
                           QStringLiteral("INSERT INTO workspace_settings (key, value) VALUES ('a', '1')"));
            return q.exec();
        }));
        auto dup = db.value()->writeVoid([](QSqlDatabase &c) {
            storage::Sql q(c,
                           QStringLiteral("INSERT INTO workspace_settings (key, value) VALUES ('a', '2')"));
            return q.exec();
        });
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().code(), QStringLiteral("storage.unique"));
        QCOMPARE(count(*db.value(), QStringLiteral("SELECT COUNT(*) FROM workspace_settings")), 1);
    }

    void badAddressesAreRefusedClearly()
    {
        auto noDb = storage::ConnectionInfo::fromUrl(QStringLiteral("postgresql://u:p@127.0.0.1:5432/"));
        QVERIFY(!noDb.ok());
        QCOMPARE(noDb.error().code(), QStringLiteral("storage.url"));
        auto wrongScheme = storage::ConnectionInfo::fromUrl(QStringLiteral("mysql://u:p@host/db"));
        QVERIFY(!wrongScheme.ok());
        auto good = storage::ConnectionInfo::fromUrl(
            QStringLiteral("postgresql://van%20thu:p%40ss@10.0.0.5:6543/govdesk"));
        GD_VERIFY_OK(good);
        QCOMPARE(good->user, QStringLiteral("van thu"));
        QCOMPARE(good->password, QStringLiteral("p@ss"));
        QCOMPARE(good->port, 6543);
        QCOMPARE(good->databaseName, QStringLiteral("govdesk"));
        QVERIFY(!good->describe().contains(QStringLiteral("p@ss")));
    }

    void unreachableServerGivesAnError()
    {
        storage::ConnectionInfo info;
        info.engine = Engine::PostgreSQL;
        info.host = QStringLiteral("127.0.0.1");
        info.port = 1; // nothing listens there
        info.databaseName = QStringLiteral("govdesk");
        info.user = QStringLiteral("nobody");
        auto db = openDatabase(info);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code(), QStringLiteral("storage.open"));
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
