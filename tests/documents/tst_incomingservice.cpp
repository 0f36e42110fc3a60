// Registering and handling incoming documents (Decree 30/2020 Điều 20–24) on both engines: số đến is
// consecutive per book and year and restarts on 1 January, classified documents have their own book, a
// likely duplicate is refused unless the clerk insists, each role does only its part, an officer sees only
// what is assigned to them, statuses follow the work, stale edits are refused and search ignores diacritics.
#include "documents/IncomingService.h"
#include "storage/AuditLog.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace govdesk;
using namespace govdesk::documents;
using namespace govdesk::test;
using storage::Engine;

class TestIncomingService : public QObject
{
    Q_OBJECT

    Workspaces m_ws;
    Office m_o;
    std::unique_ptr<IncomingService> m_svc;
    storage::ConnectionInfo m_info;

    void setUpOffice()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        QVERIFY2(info.ok(), why(info).constData());
        m_info = info.value();
        auto office = createOffice(m_info);
        QVERIFY2(office.ok(), why(office).constData());
        m_o = office.value();
        m_svc = std::make_unique<IncomingService>(*m_o.db);
    }

    static IncomingDraft draft(const QString &number, const QString &subject,
                               const QString &author = QStringLiteral("Sở Tài chính"),
                               const QString &notation = QStringLiteral("BC-STC"))
    {
        IncomingDraft d;
        d.authorName = author;
        d.number = number;
        d.notation = notation;
        d.documentDate = QDate::currentDate();
        d.typeAbbr = QStringLiteral("BC");
        d.subject = subject;
        return d;
    }

    static QSet<QString> ids(const QList<IncomingDocument> &docs)
    {
        QSet<QString> out;
        for (const auto &d : docs)
            out.insert(d.id);
        return out;
    }

    IncomingDocument registered(const IncomingDraft &d)
    {
        auto doc = m_svc->registerDocument(m_o.clerk, d);
        if (!doc.ok())
            qWarning("%s", why(doc).constData());
        return doc.ok() ? doc.value() : IncomingDocument{};
    }

    Assignment to(const core::User &user, int deadlineInDays = 0) const
    {
        Assignment a;
        a.leadUserId = user.id;
        if (deadlineInDays)
            a.deadline = QDate::currentDate().addDays(deadlineInDays);
        a.opinion = QStringLiteral("Giao chủ trì tham mưu, báo cáo.");
        return a;
    }

#define SET_UP()                                                                                             \
    setUpOffice();                                                                                           \
    if (QTest::currentTestFailed())                                                                          \
    return

private Q_SLOTS:
    void cleanup()
    {
        m_svc.reset();
        m_o = Office();
    }

    void numberingConsecutive_data()
    {
        addEngineRows();
    }
    void numberingConsecutive()
    {
        SET_UP();
        const int year = QDate::currentDate().year();
        QCOMPARE(m_svc->nextArrivalNumber(QStringLiteral("incoming"), year).value(), 1);
        for (int i = 1; i <= 5; ++i) {
            auto doc = m_svc->registerDocument(
                m_o.clerk, draft(QString::number(100 + i), QStringLiteral("Báo cáo số %1").arg(i)));
            GD_VERIFY_OK(doc);
            QCOMPARE(doc->arrivalNumber, i);
            QCOMPARE(doc->year, year);
            QCOMPARE(doc->arrivalDate, QDate::currentDate());
            QCOMPARE(doc->bookId, QStringLiteral("incoming"));
            QCOMPARE(doc->status, IncomingStatus::Registered);
            QCOMPARE(doc->createdBy, QStringLiteral("vanthu"));
            auto trail = storage::AuditLog::entriesFor(*m_o.db, doc->id);
            GD_VERIFY_OK(trail);
            QCOMPARE(trail->size(), 1);
            QCOMPARE(trail->first().action, QStringLiteral("incoming.register"));
            QCOMPARE(trail->first().actor, QStringLiteral("vanthu"));
        }
        QCOMPARE(m_svc->nextArrivalNumber(QStringLiteral("incoming"), year).value(), 6);
        // The administrator may stand in for the clerk; numbering goes on.
        auto byAdmin =
            m_svc->registerDocument(m_o.admin, draft(QStringLiteral("200"), QStringLiteral("Báo cáo quý")));
        GD_VERIFY_OK(byAdmin);
        QCOMPARE(byAdmin->arrivalNumber, 6);
        GD_VERIFY_OK(storage::AuditLog::verify(*m_o.db));
    }

    void numberingRestartsOnFirstJanuary_data()
    {
        addEngineRows();
    }
    void numberingRestartsOnFirstJanuary()
    {
        SET_UP();
        const int year = QDate::currentDate().year();
        auto registerOn = [&](const QDate &arrival, const QString &number) {
            IncomingDraft d =
                draft(number, QStringLiteral("Công văn ngày %1").arg(arrival.toString(Qt::ISODate)));
            d.arrivalDate = arrival;
            d.documentDate = arrival;
            return m_svc->registerDocument(m_o.clerk, d);
        };
        const QDate lastYear(year - 1, 12, 31);
        const QDate newYear(year, 1, 1);
        auto a = registerOn(lastYear.addDays(-1), QStringLiteral("1"));
        auto b = registerOn(lastYear, QStringLiteral("2"));
        auto c = registerOn(newYear, QStringLiteral("3"));
        auto d = registerOn(lastYear, QStringLiteral("4")); // registered late into last year's book
        auto e = registerOn(newYear, QStringLiteral("5"));
        for (auto *r : {&a, &b, &c, &d, &e})
            GD_VERIFY_OK(*r);
        QCOMPARE(a->year, year - 1);
        QCOMPARE(a->arrivalNumber, 1);
        QCOMPARE(b->arrivalNumber, 2);
        QCOMPARE(c->year, year);
        QCOMPARE(c->arrivalNumber, 1);
        QCOMPARE(d->year, year - 1);
        QCOMPARE(d->arrivalNumber, 3);
        QCOMPARE(e->arrivalNumber, 2);
        QCOMPARE(m_svc->nextArrivalNumber(QStringLiteral("incoming"), year - 1).value(), 4);
        QCOMPARE(m_svc->nextArrivalNumber(QStringLiteral("incoming"), year).value(), 3);
        IncomingFilter f;
        f.year = year - 1;
        f.order = Qt::AscendingOrder;
        auto previous = m_svc->list(m_o.clerk, f);
        GD_VERIFY_OK(previous);
        QCOMPARE(previous->size(), 3);
        QCOMPARE(previous->at(0).id, a->id);
        QCOMPARE(previous->at(2).id, d->id);
    }

    void secretDocumentsHaveTheirOwnBook_data()
    {
        addEngineRows();
    }
    void secretDocumentsHaveTheirOwnBook()
    {
        SET_UP();
        auto n1 =
            m_svc->registerDocument(m_o.clerk, draft(QStringLiteral("11"), QStringLiteral("Báo cáo thường")));
        IncomingDraft s = draft(QStringLiteral("12"), QStringLiteral("Tình hình an ninh trật tự"),
                                QStringLiteral("Sở Nội vụ"), QStringLiteral("BC-SNV"));
        s.secrecy = Secrecy::Mat;
        auto s1 = m_svc->registerDocument(m_o.clerk, s);
        auto n2 = m_svc->registerDocument(m_o.clerk,
                                          draft(QStringLiteral("13"), QStringLiteral("Báo cáo thứ hai")));
        s.number = QStringLiteral("14");
        s.secrecy = Secrecy::ToiMat;
        auto s2 = m_svc->registerDocument(m_o.clerk, s);
        for (auto *r : {&n1, &s1, &n2, &s2})
            GD_VERIFY_OK(*r);
        QCOMPARE(n1->bookId, QStringLiteral("incoming"));
        QCOMPARE(n1->arrivalNumber, 1);
        QCOMPARE(n2->arrivalNumber, 2);
        QCOMPARE(s1->bookId, QStringLiteral("incoming-secret"));
        QCOMPARE(s1->arrivalNumber, 1);
        QCOMPARE(s2->bookId, QStringLiteral("incoming-secret"));
        QCOMPARE(s2->arrivalNumber, 2);
        QVERIFY(s1->isSecret());
        // A classified document cannot be put into the ordinary book.
        s.number = QStringLiteral("15");
        s.bookId = QStringLiteral("incoming");
        auto wrongBook = m_svc->registerDocument(m_o.clerk, s);
        QVERIFY(!wrongBook.ok());
        QCOMPARE(wrongBook.error().code(), QStringLiteral("incoming.book-secret"));
        QCOMPARE(m_svc->nextArrivalNumber(QStringLiteral("incoming"), QDate::currentDate().year()).value(),
                 3);
    }

    void duplicateWarning_data()
    {
        addEngineRows();
    }
    void duplicateWarning()
    {
        SET_UP();
        IncomingDraft original = draft(QStringLiteral("5"), QStringLiteral("Phê duyệt kế hoạch"),
                                       QStringLiteral("Sở Tài chính"), QStringLiteral("QĐ-STC"));
        original.typeAbbr = QStringLiteral("QĐ");
        auto first = m_svc->registerDocument(m_o.clerk, original);
        GD_VERIFY_OK(first);

        QList<IncomingDraft> sameDocument;
        IncomingDraft padded = original;
        padded.number = QStringLiteral("05");
        sameDocument << padded;
        IncomingDraft otherCase = original;
        otherCase.notation = QStringLiteral("qđ-stc");
        otherCase.authorName = QStringLiteral("SỞ TÀI CHÍNH");
        sameDocument << otherCase;
        IncomingDraft typedTogether = original; // "05/QĐ-STC" typed into the notation field
        typedTogether.number.clear();
        typedTogether.notation = QStringLiteral("05/QĐ-STC");
        sameDocument << typedTogether;
        for (const IncomingDraft &d : sameDocument) {
            auto dup = m_svc->registerDocument(m_o.clerk, d);
            QVERIFY2(!dup.ok(), qPrintable(d.number + QLatin1Char('/') + d.notation));
            QCOMPARE(dup.error().code(), QStringLiteral("incoming.duplicate"));
            // The clerk is told which entry it repeats.
            QVERIFY2(dup.error().english().contains(QStringLiteral("05/QĐ-STC"), Qt::CaseInsensitive),
                     why(dup).constData());
            QVERIFY2(dup.error().english().contains(QStringLiteral("arrival number 1 ")),
                     why(dup).constData());
        }
        auto hits = m_svc->findDuplicates(QStringLiteral("05"), QStringLiteral("QĐ-STC"),
                                          QStringLiteral("Sở Tài chính"), QDate::currentDate().year());
        GD_VERIFY_OK(hits);
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().id, first->id);

        // Refusals consumed no number.
        IncomingDraft otherOrgan = original;
        otherOrgan.authorName = QStringLiteral("Sở Nội vụ");
        auto second = m_svc->registerDocument(m_o.clerk, otherOrgan);
        GD_VERIFY_OK(second);
        QCOMPARE(second->arrivalNumber, 2);
        IncomingDraft otherNumber = original;
        otherNumber.number = QStringLiteral("50");
        GD_VERIFY_OK(m_svc->registerDocument(m_o.clerk, otherNumber));
        // The same số and ký hiệu of last year is another document.
        IncomingDraft lastYear = original;
        lastYear.documentDate = QDate(QDate::currentDate().year() - 1, 12, 20);
        GD_VERIFY_OK(m_svc->registerDocument(m_o.clerk, lastYear));

        // A clerk who confirms it really is a second document may register it.
        IncomingDraft insisted = padded;
        insisted.allowDuplicate = true;
        auto again = m_svc->registerDocument(m_o.clerk, insisted);
        GD_VERIFY_OK(again);
        QCOMPARE(again->arrivalNumber, 5);
    }

    void invalidInputRefused_data()
    {
        addEngineRows();
    }
    void invalidInputRefused()
    {
        SET_UP();
        IncomingDraft noSubject = draft(QStringLiteral("1"), QStringLiteral("   "));
        QCOMPARE(m_svc->registerDocument(m_o.clerk, noSubject).error().code(),
                 QStringLiteral("incoming.subject"));
        IncomingDraft noAuthor = draft(QStringLiteral("1"), QStringLiteral("Báo cáo"), QString());
        QCOMPARE(m_svc->registerDocument(m_o.clerk, noAuthor).error().code(),
                 QStringLiteral("incoming.author"));
        IncomingDraft future = draft(QStringLiteral("1"), QStringLiteral("Báo cáo"));
        future.arrivalDate = QDate::currentDate().addDays(1);
        QCOMPARE(m_svc->registerDocument(m_o.clerk, future).error().code(),
                 QStringLiteral("incoming.arrival-future"));
        IncomingDraft datedAfterArrival = draft(QStringLiteral("1"), QStringLiteral("Báo cáo"));
        datedAfterArrival.arrivalDate = QDate::currentDate().addDays(-3);
        datedAfterArrival.documentDate = QDate::currentDate();
        QCOMPARE(m_svc->registerDocument(m_o.clerk, datedAfterArrival).error().code(),
                 QStringLiteral("incoming.date-order"));
        IncomingDraft unknownType = draft(QStringLiteral("1"), QStringLiteral("Báo cáo"));
        unknownType.typeAbbr = QStringLiteral("XYZ");
        QCOMPARE(m_svc->registerDocument(m_o.clerk, unknownType).error().code(),
                 QStringLiteral("incoming.type"));
        // Nothing above took a number.
        QCOMPARE(m_svc->nextArrivalNumber(QStringLiteral("incoming"), QDate::currentDate().year()).value(),
                 1);
        // The type may be given by its name, and an agency by its code.
        IncomingDraft byName =
            draft(QStringLiteral("1"), QStringLiteral("Phê duyệt"), QStringLiteral("000.00.01.H16"));
        byName.typeAbbr = QStringLiteral("quyet dinh");
        auto doc = m_svc->registerDocument(m_o.clerk, byName);
        GD_VERIFY_OK(doc);
        QCOMPARE(doc->typeAbbr, QStringLiteral("QĐ"));
        QCOMPARE(doc->authorName, QStringLiteral("Sở Tài chính"));
        QCOMPARE(doc->authorCode, QStringLiteral("000.00.01.H16"));
        QCOMPARE(doc->arrivalNumber, 1);
    }

    void permissions_data()
    {
        addEngineRows();
    }
    void permissions()
    {
        SET_UP();
        for (const core::User *u : {&m_o.officer, &m_o.leader}) {
            auto refused = m_svc->registerDocument(*u, draft(QStringLiteral("1"), QStringLiteral("Báo cáo")));
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().code(), QStringLiteral("permission.register"));
        }
        QCOMPARE(m_svc->nextArrivalNumber(QStringLiteral("incoming"), QDate::currentDate().year()).value(),
                 1);
        const IncomingDocument doc = registered(draft(QStringLiteral("1"), QStringLiteral("Báo cáo")));
        QVERIFY(!doc.id.isEmpty());

        for (const core::User *u : {&m_o.officer, &m_o.leader}) {
            auto edit = m_svc->update(*u, doc.id, draft(QStringLiteral("1"), QStringLiteral("Sửa trích yếu")),
                                      doc.version);
            QVERIFY(!edit.ok());
            QCOMPARE(edit.error().code(), QStringLiteral("permission.edit"));
        }
        for (const core::User *u : {&m_o.clerk, &m_o.officer}) {
            auto assign = m_svc->assign(*u, doc.id, to(m_o.officer));
            QVERIFY(!assign.ok());
            QCOMPARE(assign.error().code(), QStringLiteral("permission.assign"));
        }
        auto unchanged = m_svc->get(m_o.clerk, doc.id);
        GD_VERIFY_OK(unchanged);
        QCOMPARE(unchanged->subject, QStringLiteral("Báo cáo"));
        QCOMPARE(unchanged->status, IncomingStatus::Registered);
        QCOMPARE(unchanged->version, doc.version);

        GD_VERIFY_OK(m_svc->assign(m_o.leader, doc.id, to(m_o.officer)));
        // The administrator may also route.
        const IncomingDocument other = registered(draft(QStringLiteral("2"), QStringLiteral("Báo cáo khác")));
        GD_VERIFY_OK(m_svc->assign(m_o.admin, other.id, to(m_o.officer2)));
    }

    void onlyTheAssigneesSideHandles_data()
    {
        addEngineRows();
    }
    void onlyTheAssigneesSideHandles()
    {
        SET_UP();
        const IncomingDocument doc = registered(draft(QStringLiteral("1"), QStringLiteral("Báo cáo")));
        GD_VERIFY_OK(m_svc->assign(m_o.leader, doc.id, to(m_o.officer)));
        // Another officer (another unit), the clerk and an officer without a unit cannot record handling.
        for (const core::User *u : {&m_o.officer2, &m_o.loneOfficer, &m_o.clerk}) {
            auto progress = m_svc->recordProgress(*u, doc.id, QStringLiteral("Đã xem"));
            QVERIFY(!progress.ok());
            QVERIFY2(progress.error().code().startsWith(QStringLiteral("permission.")),
                     why(progress).constData());
            auto done = m_svc->complete(*u, doc.id, QStringLiteral("01/UBND-KT"));
            QVERIFY(!done.ok());
            QVERIFY2(done.error().code().startsWith(QStringLiteral("permission.")), why(done).constData());
        }
        QCOMPARE(m_svc->get(m_o.clerk, doc.id)->status, IncomingStatus::Assigned);
        GD_VERIFY_OK(m_svc->complete(m_o.officer, doc.id, QStringLiteral("01/UBND-KT")));
    }

    void officerSeesOnlyAssignedDocuments_data()
    {
        addEngineRows();
    }
    void officerSeesOnlyAssignedDocuments()
    {
        SET_UP();
        const IncomingDocument a = registered(draft(QStringLiteral("1"), QStringLiteral("Văn bản A")));
        const IncomingDocument b = registered(draft(QStringLiteral("2"), QStringLiteral("Văn bản B")));
        const IncomingDocument c = registered(draft(QStringLiteral("3"), QStringLiteral("Văn bản C")));
        IncomingDraft secret = draft(QStringLiteral("4"), QStringLiteral("Văn bản mật S"));
        secret.secrecy = Secrecy::Mat;
        const IncomingDocument s = registered(secret);
        IncomingDraft secret2 = draft(QStringLiteral("5"), QStringLiteral("Văn bản mật T"));
        secret2.secrecy = Secrecy::Mat;
        const IncomingDocument t = registered(secret2);
        for (const auto *d : {&a, &b, &c, &s, &t})
            QVERIFY(!d->id.isEmpty());
        GD_VERIFY_OK(m_svc->assign(m_o.leader, a.id, to(m_o.officer)));
        GD_VERIFY_OK(m_svc->assign(m_o.leader, b.id, to(m_o.officer2)));
        GD_VERIFY_OK(m_svc->assign(m_o.leader, s.id, to(m_o.officer)));
        // T is given to officer2's unit as a whole: a classified document still reaches only a named person.
        Assignment unitOnly;
        unitOnly.leadUnitId = m_o.unitVX;
        GD_VERIFY_OK(m_svc->assign(m_o.leader, t.id, unitOnly));

        auto listFor = [&](const core::User &u) {
            auto l = m_svc->list(u, IncomingFilter{});
            if (!l.ok())
                qWarning("%s", why(l).constData());
            return l.ok() ? ids(l.value()) : QSet<QString>{QStringLiteral("<error>")};
        };
        QCOMPARE(listFor(m_o.officer), (QSet<QString>{a.id, s.id}));
        QCOMPARE(listFor(m_o.officer2), (QSet<QString>{b.id}));
        QCOMPARE(listFor(m_o.loneOfficer), QSet<QString>{});
        QCOMPARE(listFor(m_o.clerk), (QSet<QString>{a.id, b.id, c.id, s.id, t.id}));
        QCOMPARE(listFor(m_o.leader), (QSet<QString>{a.id, b.id, c.id, s.id, t.id}));
        QCOMPARE(m_svc->count(m_o.officer, IncomingFilter{}).value(), 2);
        QCOMPARE(m_svc->count(m_o.loneOfficer, IncomingFilter{}).value(), 0);

        struct Case
        {
            const core::User *user;
            const IncomingDocument *doc;
            bool visible;
        };
        const Case cases[] = {
            {&m_o.officer, &a, true},      {&m_o.officer, &b, false},     {&m_o.officer, &c, false},
            {&m_o.officer, &s, true},      {&m_o.officer2, &s, false},    {&m_o.officer2, &t, false},
            {&m_o.loneOfficer, &a, false}, {&m_o.loneOfficer, &c, false}, {&m_o.loneOfficer, &s, false},
            {&m_o.clerk, &s, true},        {&m_o.leader, &t, true},
        };
        for (const Case &k : cases) {
            auto got = m_svc->get(*k.user, k.doc->id);
            QVERIFY2(got.ok() == k.visible,
                     qPrintable(k.user->username + QStringLiteral(" / ") + k.doc->subject +
                                QStringLiteral(": ") + QString::fromUtf8(why(got))));
            if (!k.visible)
                QVERIFY(got.error().code().startsWith(QStringLiteral("permission.")));
        }
        // Searching does not widen what an officer sees.
        IncomingFilter search;
        search.search = QStringLiteral("van ban");
        QCOMPARE(ids(m_svc->list(m_o.officer, search).value()), (QSet<QString>{a.id, s.id}));
        QCOMPARE(ids(m_svc->list(m_o.loneOfficer, search).value()), QSet<QString>{});
        search.sort = IncomingFilter::Sort::Relevance;
        search.limit = 10;
        QCOMPARE(ids(m_svc->list(m_o.officer2, search).value()), QSet<QString>{b.id});
    }

    void workflowStatuses_data()
    {
        addEngineRows();
    }
    void workflowStatuses()
    {
        SET_UP();
        const IncomingDocument doc =
            registered(draft(QStringLiteral("7"), QStringLiteral("Đề nghị hỗ trợ kinh phí")));
        QCOMPARE(doc.status, IncomingStatus::Registered);

        auto assigned = m_svc->assign(m_o.leader, doc.id, to(m_o.officer, 10));
        GD_VERIFY_OK(assigned);
        QCOMPARE(assigned->status, IncomingStatus::Assigned);
        QCOMPARE(assigned->handlerName, m_o.officer.fullName);
        QCOMPARE(assigned->deadline, QDate::currentDate().addDays(10));
        QVERIFY(assigned->assignment.has_value());
        QCOMPARE(assigned->assignment->leadUserId, m_o.officer.id);
        QCOMPARE(assigned->assignment->assignedBy, QStringLiteral("lanhdao"));
        QVERIFY(assigned->handedOverAt.isValid());

        auto empty = m_svc->recordProgress(m_o.officer, doc.id, QStringLiteral("  "));
        QCOMPARE(empty.error().code(), QStringLiteral("incoming.note"));
        auto progress =
            m_svc->recordProgress(m_o.officer, doc.id, QStringLiteral("Đã dự thảo văn bản trả lời"));
        GD_VERIFY_OK(progress);
        QCOMPARE(progress->status, IncomingStatus::InProgress);

        auto done = m_svc->complete(m_o.officer, doc.id, QStringLiteral("45/UBND-KT"));
        GD_VERIFY_OK(done);
        QCOMPARE(done->status, IncomingStatus::Completed);
        QCOMPARE(done->replyReference, QStringLiteral("45/UBND-KT"));
        QVERIFY(done->completedAt.isValid());

        QCOMPARE(m_svc->complete(m_o.officer, doc.id, QStringLiteral("46/UBND-KT")).error().code(),
                 QStringLiteral("incoming.state"));
        QCOMPARE(m_svc->assign(m_o.leader, doc.id, to(m_o.officer2)).error().code(),
                 QStringLiteral("incoming.state"));
        QCOMPARE(m_svc->get(m_o.clerk, doc.id)->replyReference, QStringLiteral("45/UBND-KT"));

        auto history = m_svc->history(m_o.clerk, doc.id);
        GD_VERIFY_OK(history);
        QStringList kinds;
        for (const auto &h : history.value())
            kinds << h.kind;
        QCOMPARE(kinds, (QStringList{QStringLiteral("register"), QStringLiteral("assign"),
                                     QStringLiteral("progress"), QStringLiteral("complete")}));
        auto trail = storage::AuditLog::entriesFor(*m_o.db, doc.id);
        GD_VERIFY_OK(trail);
        QStringList actions, actors;
        for (const auto &r : trail.value()) {
            actions << r.action;
            actors << r.actor;
        }
        QCOMPARE(actions,
                 (QStringList{QStringLiteral("incoming.register"), QStringLiteral("incoming.assign"),
                              QStringLiteral("incoming.progress"), QStringLiteral("incoming.complete")}));
        QCOMPARE(actors, (QStringList{QStringLiteral("vanthu"), QStringLiteral("lanhdao"),
                                      QStringLiteral("chuyenvien"), QStringLiteral("chuyenvien")}));
        QCOMPARE(trail->last().after.value(QStringLiteral("status")).toString(),
                 Vocabulary::key(IncomingStatus::Completed));

        // Status filter.
        const IncomingDocument open =
            registered(draft(QStringLiteral("8"), QStringLiteral("Văn bản chưa giao")));
        IncomingFilter f;
        f.statuses = {IncomingStatus::Completed};
        QCOMPARE(ids(m_svc->list(m_o.clerk, f).value()), QSet<QString>{doc.id});
        f.statuses = {IncomingStatus::Registered, IncomingStatus::Assigned};
        QCOMPARE(ids(m_svc->list(m_o.clerk, f).value()), QSet<QString>{open.id});
        GD_VERIFY_OK(storage::AuditLog::verify(*m_o.db));
    }

    void overdueFlag_data()
    {
        addEngineRows();
    }
    void overdueFlag()
    {
        SET_UP();
        const QDate today = QDate::currentDate();
        IncomingDraft late = draft(QStringLiteral("1"), QStringLiteral("Hạn đã qua"));
        late.arrivalDate = today.addDays(-20);
        late.documentDate = today.addDays(-21);
        late.deadline = today.addDays(-5);
        const IncomingDocument lateDoc = registered(late);
        IncomingDraft onTime = draft(QStringLiteral("2"), QStringLiteral("Còn hạn"));
        onTime.deadline = today.addDays(5);
        const IncomingDocument onTimeDoc = registered(onTime);
        QVERIFY(!lateDoc.id.isEmpty() && !onTimeDoc.id.isEmpty());
        QVERIFY(m_svc->get(m_o.clerk, lateDoc.id)->isOverdue());
        QVERIFY(!m_svc->get(m_o.clerk, onTimeDoc.id)->isOverdue());
        QVERIFY(m_svc->get(m_o.clerk, lateDoc.id)->toJson().value(QStringLiteral("overdue")).toBool());
        IncomingFilter f;
        f.overdueOnly = true;
        QCOMPARE(ids(m_svc->list(m_o.clerk, f).value()), QSet<QString>{lateDoc.id});

        // Assigning keeps the deadline unless the leader sets a new one; completing clears the flag.
        GD_VERIFY_OK(m_svc->assign(m_o.leader, lateDoc.id, to(m_o.officer)));
        QVERIFY(m_svc->get(m_o.clerk, lateDoc.id)->isOverdue());
        GD_VERIFY_OK(m_svc->complete(m_o.officer, lateDoc.id, QStringLiteral("12/UBND-KT")));
        QVERIFY(!m_svc->get(m_o.clerk, lateDoc.id)->isOverdue());
        QCOMPARE(m_svc->list(m_o.clerk, f).value().size(), 0);
    }

    void staleEditRefused_data()
    {
        addEngineRows();
    }
    void staleEditRefused()
    {
        SET_UP();
        const IncomingDocument doc =
            registered(draft(QStringLiteral("9"), QStringLiteral("Trích yếu ban đầu")));
        QVERIFY(!doc.id.isEmpty());
        // A second clerk's client on the same database.
        auto otherDb = openDatabase(m_info);
        GD_VERIFY_OK(otherDb);
        IncomingService other(*otherDb.value());

        IncomingDraft mine = draft(QStringLiteral("9"), QStringLiteral("Trích yếu do văn thư 1 sửa"));
        IncomingDraft theirs = draft(QStringLiteral("9"), QStringLiteral("Trích yếu do văn thư 2 sửa"));
        auto first = m_svc->update(m_o.clerk, doc.id, mine, doc.version);
        GD_VERIFY_OK(first);
        QCOMPARE(first->version, doc.version + 1);
        auto stale = other.update(m_o.clerk, doc.id, theirs, doc.version);
        QVERIFY(!stale.ok());
        QCOMPARE(stale.error().code(), QStringLiteral("incoming.concurrent"));
        QVERIFY(stale.error().english().contains(QStringLiteral("changed this document meanwhile")));
        auto now = other.get(m_o.clerk, doc.id);
        GD_VERIFY_OK(now);
        QCOMPARE(now->subject, QStringLiteral("Trích yếu do văn thư 1 sửa"));
        QCOMPARE(now->version, first->version);
        // Reopened, the edit goes through.
        auto retried = other.update(m_o.clerk, doc.id, theirs, now->version);
        GD_VERIFY_OK(retried);
        QCOMPARE(m_svc->get(m_o.clerk, doc.id)->subject, QStringLiteral("Trích yếu do văn thư 2 sửa"));
        // The edit is searchable by its new text only.
        IncomingFilter f;
        f.search = QStringLiteral("van thu 2");
        QCOMPARE(ids(m_svc->list(m_o.clerk, f).value()), QSet<QString>{doc.id});
        f.search = QStringLiteral("ban dau");
        QVERIFY(m_svc->list(m_o.clerk, f).value().isEmpty());
    }

    void searchIgnoresDiacritics_data()
    {
        addEngineRows();
    }
    void searchIgnoresDiacritics()
    {
        SET_UP();
        const IncomingDocument flood =
            registered(draft(QStringLiteral("21"), QStringLiteral("Kế hoạch phòng chống lũ tỉnh Đồng Nai")));
        IncomingDraft decision = draft(QStringLiteral("15"), QStringLiteral("QUYẾT ĐỊNH về việc khen thưởng"),
                                       QStringLiteral("Sở Nội vụ"), QStringLiteral("QĐ-SNV"));
        decision.typeAbbr = QStringLiteral("QĐ");
        const IncomingDocument decisionDoc = registered(decision);
        const IncomingDocument report =
            registered(draft(QStringLiteral("22"), QStringLiteral("Báo cáo tình hình thu ngân sách")));
        QVERIFY(!flood.id.isEmpty() && !decisionDoc.id.isEmpty() && !report.id.isEmpty());

        auto search = [&](const QString &q) {
            IncomingFilter f;
            f.search = q;
            f.sort = IncomingFilter::Sort::Relevance;
            auto l = m_svc->list(m_o.clerk, f);
            return l.ok() ? l.value() : QList<IncomingDocument>{};
        };
        QCOMPARE(ids(search(QStringLiteral("dong nai"))), QSet<QString>{flood.id});
        QCOMPARE(ids(search(QStringLiteral("quyet dinh khen"))), QSet<QString>{decisionDoc.id});
        QCOMPARE(ids(search(QStringLiteral("so noi vu"))), QSet<QString>{decisionDoc.id});
        QCOMPARE(ids(search(QStringLiteral("15/QĐ-SNV"))), QSet<QString>{decisionDoc.id});
        QCOMPARE(ids(search(QStringLiteral("so tai chinh"))), (QSet<QString>{flood.id, report.id}));
        QCOMPARE(ids(search(QStringLiteral("ngan sach"))), QSet<QString>{report.id});
        QVERIFY(search(QStringLiteral("ha noi")).isEmpty());
        QVERIFY(search(QStringLiteral("...")).isEmpty());
        IncomingFilter f;
        f.search = QStringLiteral("so tai chinh");
        QCOMPARE(m_svc->count(m_o.clerk, f).value(), 2);
    }

    void attachments_data()
    {
        addEngineRows();
    }
    void attachments()
    {
        SET_UP();
        const QByteArray scan = QByteArray("%PDF-1.4\n% bản quét\n") + QByteArray(50000, 'x');
        const QString path = m_ws.tempDir() + QStringLiteral("/Phụ lục kèm theo.pdf");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("%PDF-1.4\n% phụ lục\n");
        }
        IncomingDraft d = draft(QStringLiteral("31"), QStringLiteral("Văn bản có tệp đính kèm"));
        d.attachments << AttachmentSource{{}, QStringLiteral("../../etc/Bản quét.pdf"), scan};
        d.attachments << AttachmentSource{path, {}, {}};
        const IncomingDocument doc = registered(d);
        QCOMPARE(doc.attachments.size(), 2);
        QCOMPARE(doc.attachments[0].fileName, QStringLiteral("Bản quét.pdf"));
        QCOMPARE(doc.attachments[0].size, qint64(scan.size()));
        QCOMPARE(doc.attachments[1].fileName, QStringLiteral("Phụ lục kèm theo.pdf"));
        auto bytes = m_svc->attachmentData(m_o.clerk, doc.id, doc.attachments[0].id);
        GD_VERIFY_OK(bytes);
        QVERIFY(bytes.value() == scan);
        // Someone the document was not given to cannot read its files.
        auto refused = m_svc->attachmentData(m_o.officer, doc.id, doc.attachments[0].id);
        QVERIFY(!refused.ok());
        // Another client of the same office reads them too.
        auto otherDb = openDatabase(m_info);
        GD_VERIFY_OK(otherDb);
        IncomingService other(*otherDb.value());
        auto again = other.attachmentData(m_o.leader, doc.id, doc.attachments[1].id);
        GD_VERIFY_OK(again);
        QCOMPARE(again.value(), QByteArray("%PDF-1.4\n% phụ lục\n"));
        // A file that cannot be read fails before anything is registered.
        IncomingDraft missing = draft(QStringLiteral("32"), QStringLiteral("Thiếu tệp"));
        missing.attachments << AttachmentSource{path + QStringLiteral(".missing"), {}, {}};
        QCOMPARE(m_svc->registerDocument(m_o.clerk, missing).error().code(),
                 QStringLiteral("incoming.attachment"));
        QCOMPARE(m_svc->nextArrivalNumber(QStringLiteral("incoming"), QDate::currentDate().year()).value(),
                 2);
    }

    void receivedThenRegistered_data()
    {
        addEngineRows();
    }
    void receivedThenRegistered()
    {
        SET_UP();
        auto received = m_svc->receive(
            m_o.clerk, draft(QStringLiteral("41"), QStringLiteral("Nhận qua trục liên thông")));
        GD_VERIFY_OK(received);
        QCOMPARE(received->status, IncomingStatus::New);
        QCOMPARE(received->arrivalNumber, 0);
        const IncomingDocument other =
            registered(draft(QStringLiteral("42"), QStringLiteral("Văn bản giấy")));
        QCOMPARE(other.arrivalNumber, 1);
        QCOMPARE(m_svc->assign(m_o.leader, received->id, to(m_o.officer)).error().code(),
                 QStringLiteral("incoming.state"));
        auto inBook = m_svc->registerArrived(m_o.clerk, received->id);
        GD_VERIFY_OK(inBook);
        QCOMPARE(inBook->status, IncomingStatus::Registered);
        QCOMPARE(inBook->arrivalNumber, 2);
        QCOMPARE(m_svc->registerArrived(m_o.clerk, received->id).error().code(),
                 QStringLiteral("incoming.state"));
    }
};

QTEST_GUILESS_MAIN(TestIncomingService)
#include "tst_incomingservice.moc"
