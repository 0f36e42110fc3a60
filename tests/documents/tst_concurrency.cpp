// Two clerks registering at the same moment, each on their own connection: số đến stays exactly 1..N with no
// gap and no duplicate, every registration is committed once, and the audit trail stays one unbroken chain.
#include "documents/IncomingService.h"
#include "storage/AuditLog.h"
#include "support/TestSupport.h"

#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace govdesk;
using namespace govdesk::documents;
using namespace govdesk::test;
using storage::Engine;

class TestConcurrency : public QObject
{
    Q_OBJECT

    Workspaces m_ws;

    struct Clerk
    {
        QList<int> numbers;
        QString error;
    };

    /// Registers `count` documents from a thread of its own with its own Database object (its own client).
    static void clerkWork(const storage::ConnectionInfo &info, const core::User &clerk, int clerkNo,
                          int count, int pauseMs, std::atomic<int> *ready, Clerk *out)
    {
        auto db = openDatabase(info);
        if (!db) {
            out->error = QString::fromUtf8(why(db));
            ready->fetch_add(1);
            return;
        }
        IncomingService service(*db.value());
        // Start together, so the registrations really interleave.
        ready->fetch_add(1);
        while (ready->load() < 2)
            QThread::yieldCurrentThread();
        for (int i = 0; i < count; ++i) {
            IncomingDraft d;
            d.authorName = clerkNo == 1 ? QStringLiteral("Sở Tài chính") : QStringLiteral("Sở Nội vụ");
            d.number = QString::number(i + 1);
            d.notation = clerkNo == 1 ? QStringLiteral("CV-STC") : QStringLiteral("CV-SNV");
            d.typeAbbr = QStringLiteral("CV");
            d.subject = QStringLiteral("Văn thư %1, văn bản thứ %2").arg(clerkNo).arg(i + 1);
            auto doc = service.registerDocument(clerk, d);
            if (!doc) {
                out->error = QString::fromUtf8(why(doc));
                return;
            }
            out->numbers << doc->arrivalNumber;
            if (pauseMs)
                QThread::msleep(pauseMs);
        }
    }

    void run(Engine engine, int perClerk, int pauseMs)
    {
        auto info = m_ws.fresh(engine);
        QVERIFY2(info.ok(), why(info).constData());
        auto office = createOffice(info.value());
        QVERIFY2(office.ok(), why(office).constData());
        core::User second = office->clerk;
        second.username = QStringLiteral("vanthu2");

        std::atomic<int> ready{0};
        Clerk a, b;
        QThread *ta =
            QThread::create(clerkWork, info.value(), office->clerk, 1, perClerk, pauseMs, &ready, &a);
        QThread *tb = QThread::create(clerkWork, info.value(), second, 2, perClerk, pauseMs, &ready, &b);
        ta->start();
        tb->start();
        QVERIFY(ta->wait(QDeadlineTimer(240000)));
        QVERIFY(tb->wait(QDeadlineTimer(240000)));
        delete ta;
        delete tb;
        QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
        QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
        QCOMPARE(a.numbers.size(), perClerk);
        QCOMPARE(b.numbers.size(), perClerk);

        // What each clerk was told is what the book holds: 1..2N, each once.
        QList<int> told = a.numbers + b.numbers;
        std::sort(told.begin(), told.end());
        QList<int> expected;
        for (int i = 1; i <= 2 * perClerk; ++i)
            expected << i;
        QCOMPARE(told, expected);
        // Each clerk's own numbers rise.
        QVERIFY(std::is_sorted(a.numbers.begin(), a.numbers.end()));
        QVERIFY(std::is_sorted(b.numbers.begin(), b.numbers.end()));
        qInfo("clerk 1 got %d..%d, clerk 2 got %d..%d", a.numbers.first(), a.numbers.last(),
              b.numbers.first(), b.numbers.last());

        QSqlDatabase c = office->db->connection();
        QSqlQuery q(c);
        QVERIFY(
            q.exec(QStringLiteral("SELECT arrival_number FROM incoming_documents WHERE book_id = 'incoming' "
                                  "ORDER BY arrival_number")));
        QList<int> stored;
        while (q.next())
            stored << q.value(0).toInt();
        QCOMPARE(stored, expected);
        IncomingService service(*office->db);
        QCOMPARE(service.nextArrivalNumber(QStringLiteral("incoming"), QDate::currentDate().year()).value(),
                 2 * perClerk + 1);
        auto audit = storage::AuditLog::verify(*office->db);
        GD_VERIFY_OK(audit);
        GD_VERIFY_OK(office->db->integrityCheck());
    }

private Q_SLOTS:
    void postgresTwoClerks() { run(Engine::PostgreSQL, 500, 0); }
    // SQLite hands its write lock to whoever asks first after a commit, so a clerk writing without pause
    // keeps it; a short pause between registrations, as a person makes, lets the two interleave.
    void sqliteTwoClerks() { run(Engine::SQLite, 200, 2); }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
