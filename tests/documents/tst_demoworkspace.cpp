// A new install can open straight into a demo office: seeding succeeds on both engines, every role can log
// in, and the documents are spread over the statuses a trainer wants to show.
#include "documents/DemoWorkspace.h"
#include "documents/IncomingService.h"
#include "storage/AuditLog.h"
#include "support/TestSupport.h"

#include <QTest>

using namespace govdesk;
using namespace govdesk::documents;
using namespace govdesk::test;
using storage::Engine;

class TestDemoWorkspace : public QObject
{
    Q_OBJECT

    Workspaces m_ws;

private Q_SLOTS:
    void seeds_data() { addEngineRows(); }
    void seeds()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto db = openDatabase(info.value());
        GD_VERIFY_OK(db);
        DemoWorkspace::Options options;
        options.password = QStringLiteral("demo-password");
        GD_VERIFY_OK(DemoWorkspace::seed(*db.value(), options));

        storage::Accounts accounts(*db.value());
        auto identity = accounts.identity();
        GD_VERIFY_OK(identity);
        QCOMPARE(identity->orgCode, QStringLiteral("000.00.00.H16"));
        auto users = accounts.users();
        GD_VERIFY_OK(users);
        QSet<int> roles;
        for (const auto &u : users.value())
            roles.insert(int(u.role));
        QCOMPARE(roles.size(), 4);
        for (const QString &name : DemoWorkspace::userNames())
            QVERIFY2(accounts.userByName(name).ok(), qPrintable(name));
        auto clerk = accounts.authenticate(QStringLiteral("vanthu"), options.password);
        GD_VERIFY_OK(clerk);

        IncomingService service(*db.value());
        IncomingFilter all;
        auto docs = service.list(clerk.value(), all);
        GD_VERIFY_OK(docs);
        QVERIFY(docs->size() >= 30);
        QSet<int> statuses;
        QSet<QString> books;
        int withAttachment = 0;
        for (const auto &d : docs.value()) {
            statuses.insert(int(d.status));
            books.insert(d.bookId);
            auto full = service.get(clerk.value(), d.id);
            GD_VERIFY_OK(full);
            if (!full->attachments.isEmpty()) {
                ++withAttachment;
                auto pdf = service.attachmentData(clerk.value(), d.id, full->attachments.first().id);
                GD_VERIFY_OK(pdf);
                QVERIFY(pdf->startsWith("%PDF"));
            }
        }
        for (IncomingStatus s : {IncomingStatus::Registered, IncomingStatus::Assigned,
                                 IncomingStatus::InProgress, IncomingStatus::Completed})
            QVERIFY2(statuses.contains(int(s)), qPrintable(Vocabulary::key(s)));
        QVERIFY(books.contains(QStringLiteral("incoming")));
        QVERIFY(books.contains(QStringLiteral("incoming-secret")));
        QCOMPARE(withAttachment, docs->size());
        // Numbers in each book are 1..n.
        for (const QString &book : books) {
            IncomingFilter f;
            f.bookId = book;
            f.order = Qt::AscendingOrder;
            auto inBook = service.list(clerk.value(), f);
            GD_VERIFY_OK(inBook);
            for (int i = 0; i < inBook->size(); ++i)
                QCOMPARE(inBook->at(i).arrivalNumber, i + 1);
        }
        // Officers see only their share.
        auto officer = accounts.userByName(QStringLiteral("chuyenvien"));
        GD_VERIFY_OK(officer);
        auto mine = service.list(officer.value(), all);
        GD_VERIFY_OK(mine);
        QVERIFY(!mine->isEmpty());
        QVERIFY(mine->size() < docs->size());
        GD_VERIFY_OK(storage::AuditLog::verify(*db.value()));
        GD_VERIFY_OK(db.value()->integrityCheck());
        // Seeding twice is refused, not doubled.
        QVERIFY(!DemoWorkspace::seed(*db.value(), options).ok());
    }
};

QTEST_MAIN(TestDemoWorkspace)
#include "tst_demoworkspace.moc"
