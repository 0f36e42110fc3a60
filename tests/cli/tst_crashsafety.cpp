// Nothing is lost when the program dies: a process registering documents is killed (SIGKILL) at a random
// moment, again and again. After each kill the workspace opens, passes its integrity check and audit
// verification, holds every number the process reported as committed, and its numbers are exactly 1..max.
#include "documents/IncomingService.h"
#include "storage/AuditLog.h"
#include "support/TestSupport.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>

using namespace govdesk;
using namespace govdesk::test;

class TestCrashSafety : public QObject
{
    Q_OBJECT

    Workspaces m_ws;

private Q_SLOTS:
    void killedWhileRegistering()
    {
        auto info = m_ws.fresh(storage::Engine::SQLite);
        GD_VERIFY_OK(info);
        {
            auto office = createOffice(info.value());
            GD_VERIFY_OK(office);
        }
        const int rounds = 30;
        QSet<int> reported;
        int killedMidway = 0;
        for (int round = 1; round <= rounds; ++round) {
            QProcess p;
            p.setProcessChannelMode(QProcess::SeparateChannels);
            p.start(QStringLiteral(GOVDESK_CRASH_REGISTRAR), {info->workspaceDir, QString::number(round)});
            QVERIFY2(p.waitForStarted(10000), qPrintable(p.errorString()));
            const int delay = QRandomGenerator::global()->bounded(30, 700);
            QTest::qWait(delay);
            QVERIFY2(p.state() == QProcess::Running,
                     qPrintable(QStringLiteral("the registrar stopped by itself: ") +
                                QString::fromUtf8(p.readAllStandardError())));
            p.kill(); // SIGKILL: no chance to finish anything
            QVERIFY(p.waitForFinished(10000));
            // Only whole lines were committed and reported; a cut last line is ignored.
            const QByteArray out = p.readAllStandardOutput();
            const QList<QByteArray> lines = out.split('\n');
            for (int i = 0; i + 1 < lines.size(); ++i)
                reported.insert(lines[i].toInt());
            if (!lines.last().isEmpty())
                ++killedMidway;

            auto db = openDatabase(info.value());
            QVERIFY2(db.ok(), why(db).constData());
            GD_VERIFY_OK(db.value()->integrityCheck());
            auto audit = storage::AuditLog::verify(*db.value());
            QVERIFY2(audit.ok(),
                     qPrintable(QStringLiteral("round %1: ").arg(round) + QString::fromUtf8(why(audit))));

            QSqlDatabase c = db.value()->connection();
            QSqlQuery q(c);
            QVERIFY(q.exec(
                QStringLiteral("SELECT arrival_number FROM incoming_documents ORDER BY arrival_number")));
            QList<int> stored;
            while (q.next())
                stored << q.value(0).toInt();
            for (int i = 0; i < stored.size(); ++i)
                QVERIFY2(stored[i] == i + 1,
                         qPrintable(QStringLiteral("round %1: position %2 holds number %3")
                                        .arg(round)
                                        .arg(i)
                                        .arg(stored[i])));
            for (int n : std::as_const(reported))
                QVERIFY2(
                    n >= 1 && n <= stored.size(),
                    qPrintable(QStringLiteral("round %1: reported number %2 is missing").arg(round).arg(n)));
            // At most the registration in flight when the kill came is committed without having been
            // reported.
            QVERIFY(stored.size() <= reported.size() + round);

            // Each registration committed together with its audit entry and its attachments.
            QSqlQuery a(c);
            QVERIFY(
                a.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'incoming.register'")));
            QVERIFY(a.next());
            QCOMPARE(a.value(0).toInt(), stored.size());
            documents::IncomingService service(*db.value());
            storage::Accounts accounts(*db.value());
            auto clerk = accounts.userByName(QStringLiteral("vanthu"));
            GD_VERIFY_OK(clerk);
            documents::IncomingFilter newest;
            newest.limit = 6;
            auto recent = service.list(clerk.value(), newest);
            GD_VERIFY_OK(recent);
            for (const auto &d : recent.value()) {
                auto full = service.get(clerk.value(), d.id);
                GD_VERIFY_OK(full);
                for (const auto &att : full->attachments)
                    GD_VERIFY_OK(service.attachmentData(clerk.value(), d.id, att.id));
            }
        }
        qInfo("%d rounds, %lld numbers reported, %d kills cut an output line", rounds,
              qint64(reported.size()), killedMidway);
        QVERIFY2(reported.size() >= rounds,
                 "the registrar hardly ever committed: the test did not exercise much");
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
