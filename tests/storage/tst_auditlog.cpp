// The audit trail is append-only and chained: the database refuses to change or delete entries, and if
// someone bypasses that (dropping the trigger), verify names the first entry that no longer matches, a
// missing entry, or entries cut off the end.
#include "storage/AuditLog.h"
#include "support/TestSupport.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace govdesk;
using namespace govdesk::test;
using storage::AuditLog;
using storage::Engine;

class TestAuditLog : public QObject
{
    Q_OBJECT

    Workspaces m_ws;
    std::shared_ptr<storage::Database> m_db;

    void openWithEntries(Engine engine, int entries)
    {
        auto info = m_ws.fresh(engine);
        QVERIFY2(info.ok(), why(info).constData());
        auto db = openDatabase(info.value());
        QVERIFY2(db.ok(), why(db).constData());
        m_db = db.value();
        for (int i = 1; i <= entries; ++i) {
            auto r = m_db->write<core::AuditRecord>([&](QSqlDatabase &c) {
                return AuditLog::append(
                    c, i % 2 ? QStringLiteral("vanthu") : QStringLiteral("lanhdao"),
                    QStringLiteral("incoming.register"), QStringLiteral("incoming_document"),
                    QStringLiteral("doc-%1").arg((i + 1) / 2), QJsonObject{{QStringLiteral("n"), i - 1}},
                    QJsonObject{{QStringLiteral("n"), i},
                                {QStringLiteral("subject"), QStringLiteral("Về việc số %1").arg(i)}});
            });
            QVERIFY2(r.ok(), why(r).constData());
            QCOMPARE(r->sequence, qint64(i));
        }
    }

    bool exec(const QString &sql, QString *error = nullptr)
    {
        QSqlDatabase c = m_db->connection();
        QSqlQuery q(c);
        const bool ok = q.exec(sql);
        if (error)
            *error = q.lastError().text();
        return ok;
    }

    void dropTriggers()
    {
        if (m_db->engine() == Engine::SQLite) {
            QVERIFY(exec(QStringLiteral("DROP TRIGGER audit_log_no_update")));
            QVERIFY(exec(QStringLiteral("DROP TRIGGER audit_log_no_delete")));
        } else {
            QVERIFY(exec(QStringLiteral("DROP TRIGGER audit_log_append_only ON audit_log")));
        }
    }

private Q_SLOTS:
    void cleanup() { m_db.reset(); }

    void entriesAreChained_data() { addEngineRows(); }
    void entriesAreChained()
    {
        QFETCH(Engine, engine);
        openWithEntries(engine, 6);
        QVERIFY(m_db);
        auto report = AuditLog::verify(*m_db);
        GD_VERIFY_OK(report);
        QCOMPARE(report->entries, qint64(6));
        auto doc2 = AuditLog::entriesFor(*m_db, QStringLiteral("doc-2"));
        GD_VERIFY_OK(doc2);
        QCOMPARE(doc2->size(), 2);
        QCOMPARE(doc2->at(0).sequence, qint64(3));
        QCOMPARE(doc2->at(1).sequence, qint64(4));
        QCOMPARE(doc2->at(1).previousHash, doc2->at(0).hash);
        QCOMPARE(doc2->at(0).actor, QStringLiteral("vanthu"));
        QCOMPARE(doc2->at(1).actor, QStringLiteral("lanhdao"));
        QCOMPARE(doc2->at(1).after.value(QStringLiteral("subject")).toString(),
                 QStringLiteral("Về việc số 4"));
        QVERIFY(doc2->at(0).at.isValid());
        auto all = AuditLog::entriesFor(*m_db, QStringLiteral("doc-3"));
        GD_VERIFY_OK(all);
        QCOMPARE(report->headHash, all->last().hash);
    }

    void rolledBackWorkLeavesNoEntry_data() { addEngineRows(); }
    void rolledBackWorkLeavesNoEntry()
    {
        QFETCH(Engine, engine);
        openWithEntries(engine, 2);
        QVERIFY(m_db);
        auto failed = m_db->writeVoid([](QSqlDatabase &c) -> core::Result<void> {
            auto a = AuditLog::append(c, QStringLiteral("vanthu"), QStringLiteral("incoming.register"),
                                      QStringLiteral("incoming_document"), QStringLiteral("doc-x"), {}, {});
            if (!a)
                return a.error();
            return GOVDESK_ERROR("test.abort",
                                 QT_TRANSLATE_NOOP("Test", "the change failed after its audit entry"));
        });
        QVERIFY(!failed.ok());
        auto report = AuditLog::verify(*m_db);
        GD_VERIFY_OK(report);
        QCOMPARE(report->entries, qint64(2));
        auto none = AuditLog::entriesFor(*m_db, QStringLiteral("doc-x"));
        GD_VERIFY_OK(none);
        QVERIFY(none->isEmpty());
        // The next entry continues the chain without a hole.
        auto next = m_db->write<core::AuditRecord>([](QSqlDatabase &c) {
            return AuditLog::append(c, QStringLiteral("vanthu"), QStringLiteral("incoming.register"),
                                    QStringLiteral("incoming_document"), QStringLiteral("doc-y"), {}, {});
        });
        GD_VERIFY_OK(next);
        QCOMPARE(next->sequence, qint64(3));
        GD_VERIFY_OK(AuditLog::verify(*m_db));
    }

    void updateAndDeleteRefused_data() { addEngineRows(); }
    void updateAndDeleteRefused()
    {
        QFETCH(Engine, engine);
        openWithEntries(engine, 3);
        QVERIFY(m_db);
        QString error;
        QVERIFY(!exec(QStringLiteral("UPDATE audit_log SET actor = 'admin' WHERE seq = 2"), &error));
        QVERIFY2(error.contains(QStringLiteral("append-only")), qPrintable(error));
        QVERIFY(!exec(QStringLiteral("DELETE FROM audit_log WHERE seq = 3"), &error));
        QVERIFY2(error.contains(QStringLiteral("append-only")), qPrintable(error));
        QVERIFY(!exec(QStringLiteral("DELETE FROM audit_log"), &error));
        auto report = AuditLog::verify(*m_db);
        GD_VERIFY_OK(report);
        QCOMPARE(report->entries, qint64(3));
    }

    void alteredEntryNamed_data() { addEngineRows(); }
    void alteredEntryNamed()
    {
        QFETCH(Engine, engine);
        openWithEntries(engine, 6);
        QVERIFY(m_db);
        dropTriggers();
        QVERIFY(exec(QStringLiteral("UPDATE audit_log SET after_json = '{\"n\":99}' WHERE seq = 5")));
        QVERIFY(exec(QStringLiteral("UPDATE audit_log SET actor = 'admin' WHERE seq = 3")));
        auto report = AuditLog::verify(*m_db);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code(), QStringLiteral("audit.hash"));
        // The first bad entry (3), not the later one.
        QVERIFY2(report.error().english().contains(QStringLiteral("entry 3 ")), why(report).constData());
    }

    void rehashedEntryBreaksTheLink_data() { addEngineRows(); }
    void rehashedEntryBreaksTheLink()
    {
        QFETCH(Engine, engine);
        openWithEntries(engine, 5);
        QVERIFY(m_db);
        dropTriggers();
        // A careful forger recomputes the altered entry's own hash; the next entry still gives it away.
        auto entries = AuditLog::entriesFor(*m_db, QStringLiteral("doc-1"));
        GD_VERIFY_OK(entries);
        core::AuditRecord forged = entries->at(1);
        QCOMPARE(forged.sequence, qint64(2));
        forged.actor = QStringLiteral("admin");
        forged.hash = forged.computeHash();
        QVERIFY(exec(QStringLiteral("UPDATE audit_log SET actor = 'admin', hash = '%1' WHERE seq = 2")
                         .arg(forged.hash)));
        auto report = AuditLog::verify(*m_db);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code(), QStringLiteral("audit.chain"));
        QVERIFY2(report.error().english().contains(QStringLiteral("entry 3 ")), why(report).constData());
    }

    void missingEntryNamed_data() { addEngineRows(); }
    void missingEntryNamed()
    {
        QFETCH(Engine, engine);
        openWithEntries(engine, 5);
        QVERIFY(m_db);
        dropTriggers();
        QVERIFY(exec(QStringLiteral("DELETE FROM audit_log WHERE seq = 2")));
        auto report = AuditLog::verify(*m_db);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code(), QStringLiteral("audit.gap"));
        QVERIFY2(report.error().english().contains(QStringLiteral("entry 2 ")), why(report).constData());
    }

    void truncationDetected_data() { addEngineRows(); }
    void truncationDetected()
    {
        QFETCH(Engine, engine);
        openWithEntries(engine, 5);
        QVERIFY(m_db);
        dropTriggers();
        QVERIFY(exec(QStringLiteral("DELETE FROM audit_log WHERE seq >= 4")));
        auto report = AuditLog::verify(*m_db);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code(), QStringLiteral("audit.truncated"));
        QVERIFY2(report.error().english().contains(QStringLiteral("after 3")), why(report).constData());
    }

    void reorderedEntriesDetected_data() { addEngineRows(); }
    void reorderedEntriesDetected()
    {
        QFETCH(Engine, engine);
        openWithEntries(engine, 4);
        QVERIFY(m_db);
        dropTriggers();
        QVERIFY(exec(QStringLiteral("UPDATE audit_log SET seq = 100 WHERE seq = 2")));
        QVERIFY(exec(QStringLiteral("UPDATE audit_log SET seq = 2 WHERE seq = 3")));
        QVERIFY(exec(QStringLiteral("UPDATE audit_log SET seq = 3 WHERE seq = 100")));
        auto report = AuditLog::verify(*m_db);
        QVERIFY(!report.ok());
        QVERIFY2(report.error().english().contains(QStringLiteral("entry 2 ")), why(report).constData());
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
