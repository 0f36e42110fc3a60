// Drafting, approving, numbering and sending outgoing documents (Decree 30/2020 Chương II, Điều 14–15) on
// both engines: the draft goes through review with every version of its file kept, numbers run 01, 02 … per
// book and year and restart on 1 January, classified documents and copies have their own sequences, a
// reserved number that is cancelled stays in the book and is never given again, each role does only its
// part, steps out of order are refused, a bad draft file leaves nothing behind, and two clerks issuing at
// once on PostgreSQL get every number exactly once.
#include "documents/Decree30Metadata.h"
#include "documents/IncomingService.h"
#include "documents/OutgoingRegisters.h"
#include "documents/OutgoingService.h"
#include "reports/OfficialDocumentPdf.h"
#include "storage/AuditLog.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace govdesk;
using namespace govdesk::documents;
using namespace govdesk::test;
using storage::Engine;

class TestOutgoingService : public QObject
{
    Q_OBJECT

    Workspaces m_ws;
    Office m_o;
    std::unique_ptr<OutgoingService> m_svc;
    storage::ConnectionInfo m_info;

    void setUpOffice(Engine engine)
    {
        auto info = m_ws.fresh(engine);
        QVERIFY2(info.ok(), why(info).constData());
        m_info = info.value();
        auto office = createOffice(m_info);
        QVERIFY2(office.ok(), why(office).constData());
        m_o = office.value();
        m_svc = std::make_unique<OutgoingService>(*m_o.db);
    }

    static QByteArray pdf(const QString &text = QStringLiteral("du thao"))
    {
        return QByteArrayLiteral("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ") + text.toUtf8() +
               QByteArrayLiteral("\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    }

    /// A decision on the agency's template, with the number and the date left blank.
    static QByteArray blankDraftPdf()
    {
        reports::OfficialDocument d;
        d.organ = QStringLiteral("UBND TỈNH ĐẮK NÔNG");
        d.reference = QStringLiteral("/QĐ-UBND");
        d.place = QStringLiteral("Đắk Nông");
        d.typeName = QStringLiteral("QUYẾT ĐỊNH");
        d.subject = QStringLiteral("Ban hành quy chế");
        d.paragraphs = {QStringLiteral("Điều 1. Ban hành kèm theo Quyết định này Quy chế.")};
        d.signerTitle = QStringLiteral("CHỦ TỊCH");
        d.signerName = QStringLiteral("Nguyễn Văn An");
        return reports::renderOfficialDocumentPdf(d);
    }

    /// The first page's text as pdftotext lays it out, without white space.
    QString pageText(const QByteArray &pdfData)
    {
        const QString path = m_ws.tempDir() + QStringLiteral("/van-ban.pdf");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(pdfData) != pdfData.size())
            return {};
        f.close();
        QString text = runTool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), QStringLiteral("-l"),
                                                             QStringLiteral("1"), path, QStringLiteral("-")})
                           .out;
        text.remove(QRegularExpression(QStringLiteral("\\s")));
        return text;
    }

    static OutgoingDraft draftOf(const QString &type, const QString &subject, const QString &unitId,
                                 Secrecy secrecy = Secrecy::None)
    {
        OutgoingDraft d;
        d.typeAbbr = type;
        d.subject = subject;
        d.unitId = unitId;
        d.secrecy = secrecy;
        d.file = AttachmentSource{{}, QStringLiteral("du-thao.pdf"), pdf(subject)};
        return d;
    }

    /// A document drafted by `drafter`, submitted and approved by the leader.
    OutgoingDocument approved(const core::User &drafter, const QString &type, const QString &subject,
                              Secrecy secrecy = Secrecy::None)
    {
        auto d = m_svc->draft(drafter, draftOf(type, subject, drafter.unitId, secrecy));
        if (!d) {
            qWarning("draft: %s", why(d).constData());
            return {};
        }
        auto s = m_svc->submit(drafter, d->id, QStringLiteral("Kính trình"));
        auto a = s ? m_svc->approve(m_o.leader, d->id) : s;
        if (!a) {
            qWarning("approve: %s", why(a).constData());
            return {};
        }
        return a.value();
    }

    int count(const QString &sql)
    {
        QSqlQuery q(m_o.db->connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    static void expectError(const core::Error &e, const char *code)
    {
        QVERIFY2(!e.isNull(), "the step was accepted");
        QCOMPARE(e.code(), QString::fromLatin1(code));
    }

#define SET_UP()                                                                                             \
    {                                                                                                        \
        QFETCH(Engine, engine);                                                                              \
        setUpOffice(engine);                                                                                 \
    }                                                                                                        \
    if (QTest::currentTestFailed())                                                                          \
    return

private Q_SLOTS:
    void cleanup()
    {
        m_svc.reset();
        m_o = Office();
    }

    void referenceFormat()
    {
        OutgoingDocument d;
        d.notation = QStringLiteral("QĐ-UBND");
        QCOMPARE(d.reference(), QString());
        d.number = 5;
        QCOMPARE(d.reference(), QStringLiteral("05/QĐ-UBND"));
        d.number = 10;
        QCOMPARE(d.reference(), QStringLiteral("10/QĐ-UBND"));
        QCOMPARE(outgoingNotation(QStringLiteral("CV"), false, QStringLiteral("UBND"), QStringLiteral("VX")),
                 QStringLiteral("UBND-VX"));
        QCOMPARE(outgoingNotation(QStringLiteral("QĐ"), true, QStringLiteral("UBND"), QStringLiteral("VX")),
                 QStringLiteral("QĐ-UBND"));
        QCOMPARE(OutgoingVocabulary::authorityPrefixFromText(QStringLiteral("kt")).value_or(QString()),
                 QStringLiteral("KT."));
        QVERIFY(!OutgoingVocabulary::authorityPrefixFromText(QStringLiteral("XX")));
        QVERIFY(looksLikePdf(pdf()));
        QVERIFY(!looksLikePdf(pdf().left(30)));
        QVERIFY(!looksLikePdf(QByteArrayLiteral("hello %%EOF")));
    }

    void fullWorkflow_data()
    {
        addEngineRows();
    }
    void fullWorkflow()
    {
        SET_UP();
        OutgoingDraft d = draftOf(QStringLiteral("CV"),
                                  QStringLiteral("Về việc báo cáo tình hình kinh tế quý IV"), m_o.unitKT);
        d.urgency = Urgency::Khan;
        d.recipientCodes = {QStringLiteral("000.00.01.H16")};
        auto doc = m_svc->draft(m_o.officer, d);
        GD_VERIFY_OK(doc);
        QCOMPARE(doc->status, OutgoingStatus::Draft);
        QCOMPARE(doc->bookId, QStringLiteral("outgoing"));
        QCOMPARE(doc->notation, QStringLiteral("UBND-KT")); // Công văn: <organ>-<unit>
        QCOMPARE(doc->number, 0);
        QCOMPARE(doc->reference(), QString());
        QCOMPARE(doc->drafterName, QStringLiteral("chuyenvien"));
        QCOMPARE(doc->recipients, QStringLiteral("Sở Tài chính")); // filled from the organ code
        QCOMPARE(doc->files.size(), 1);
        const QString id = doc->id;

        auto s1 = m_svc->submit(m_o.officer, id, QStringLiteral("Kính trình lãnh đạo"));
        GD_VERIFY_OK(s1);
        QCOMPARE(s1->status, OutgoingStatus::Submitted);
        auto back = m_svc->returnForRevision(m_o.leader, id, QStringLiteral("Bổ sung số liệu tháng 12"));
        GD_VERIFY_OK(back);
        QCOMPARE(back->status, OutgoingStatus::Returned);
        auto revised = m_svc->revise(
            m_o.officer, id, AttachmentSource{{}, QStringLiteral("du-thao-2.pdf"), pdf(QStringLiteral("v2"))},
            QStringLiteral("Đã bổ sung"));
        GD_VERIFY_OK(revised);
        QCOMPARE(revised->status, OutgoingStatus::Draft);
        QCOMPARE(revised->files.size(), 2);
        QCOMPARE(revised->files.last().fileName, QStringLiteral("du-thao-2.pdf"));
        QCOMPARE(revised->files.last().uploadedBy, QStringLiteral("chuyenvien"));
        GD_VERIFY_OK(m_svc->submit(m_o.officer, id));
        auto ok = m_svc->approve(m_o.leader, id, QStringLiteral("Đồng ý ban hành"));
        GD_VERIFY_OK(ok);
        QCOMPARE(ok->status, OutgoingStatus::Approved);
        QCOMPARE(ok->signerName, m_o.leader.fullName);

        auto issued = m_svc->issueNumber(m_o.clerk, id);
        GD_VERIFY_OK(issued);
        QCOMPARE(issued->status, OutgoingStatus::Issued);
        QCOMPARE(issued->number, 1);
        QCOMPARE(issued->year, QDate::currentDate().year());
        QCOMPARE(issued->issuedDate, QDate::currentDate());
        QCOMPARE(issued->reference(), QStringLiteral("01/UBND-KT"));
        auto sent = m_svc->markSent(m_o.clerk, id, SendChannel::Post);
        GD_VERIFY_OK(sent);
        QCOMPARE(sent->status, OutgoingStatus::Sent);
        QCOMPARE(sent->sentChannel, QStringLiteral("buu-dien"));

        // The review thread names the file version each step saw.
        QStringList kinds;
        for (const ReviewComment &c : sent->comments)
            kinds << c.kind;
        QCOMPARE(kinds,
                 (QStringList{QStringLiteral("submit"), QStringLiteral("return"), QStringLiteral("revise"),
                              QStringLiteral("submit"), QStringLiteral("approve")}));
        QCOMPARE(sent->comments.at(0).fileVersion, 1);
        QCOMPARE(sent->comments.at(1).comment, QStringLiteral("Bổ sung số liệu tháng 12"));
        QCOMPARE(sent->comments.at(3).fileVersion, 2);
        // Both versions of the draft are kept.
        auto v1 = m_svc->fileData(m_o.officer, id, 1);
        auto v2 = m_svc->fileData(m_o.officer, id, 2);
        GD_VERIFY_OK(v1);
        GD_VERIFY_OK(v2);
        QCOMPARE(v1.value(), d.file.data);
        QCOMPARE(v2.value(), pdf(QStringLiteral("v2")));

        auto trail = storage::AuditLog::entriesFor(*m_o.db, id);
        GD_VERIFY_OK(trail);
        QStringList actions;
        for (const core::AuditRecord &r : trail.value())
            actions << r.action;
        QCOMPARE(actions,
                 (QStringList{QStringLiteral("outgoing.draft"), QStringLiteral("outgoing.submit"),
                              QStringLiteral("outgoing.return"), QStringLiteral("outgoing.revise"),
                              QStringLiteral("outgoing.submit"), QStringLiteral("outgoing.approve"),
                              QStringLiteral("outgoing.issue-number"), QStringLiteral("outgoing.send")}));
        QCOMPARE(trail->at(6).actor, QStringLiteral("vanthu"));
        auto hist = m_svc->history(m_o.officer, id);
        GD_VERIFY_OK(hist);
        QCOMPARE(hist->size(), 8);
        QCOMPARE(hist->at(6).kind, QStringLiteral("issue-number"));
        QVERIFY(hist->at(6).note.contains(QStringLiteral("01/UBND-KT")));
        GD_VERIFY_OK(storage::AuditLog::verify(*m_o.db));

        // Found by its summary without diacritics, and by its number.
        OutgoingFilter f;
        f.search = QStringLiteral("tinh hinh kinh te");
        auto found = m_svc->list(m_o.clerk, f);
        GD_VERIFY_OK(found);
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().id, id);
        f.search.clear();
        f.statuses = {OutgoingStatus::Sent};
        f.year = QDate::currentDate().year();
        QCOMPARE(m_svc->list(m_o.clerk, f)->size(), 1);
        f.statuses = {OutgoingStatus::Draft};
        QCOMPARE(m_svc->list(m_o.clerk, f)->size(), 0);
    }

    void numberingSequences_data()
    {
        addEngineRows();
    }
    void numberingSequences()
    {
        SET_UP();
        QList<OutgoingDocument> ordinary;
        for (int i = 1; i <= 10; ++i)
            ordinary << approved(m_o.officer, QStringLiteral("QĐ"),
                                 QStringLiteral("Quyết định số %1").arg(i));
        const OutgoingDocument secret1 =
            approved(m_o.officer, QStringLiteral("BC"), QStringLiteral("Báo cáo an ninh"), Secrecy::Mat);
        const OutgoingDocument secret2 =
            approved(m_o.officer2, QStringLiteral("QĐ"), QStringLiteral("Quyết định mật"), Secrecy::ToiMat);
        // Copies are made by the clerk.
        const OutgoingDocument copy1 =
            approved(m_o.clerk, QStringLiteral("SY"), QStringLiteral("Sao y quyết định"));
        const OutgoingDocument copy2 =
            approved(m_o.clerk, QStringLiteral("TrS"), QStringLiteral("Trích sao quyết định"));
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(secret1.bookId, QStringLiteral("outgoing-secret"));
        QCOMPARE(copy1.bookId, QStringLiteral("outgoing-copy"));
        QCOMPARE(copy1.notation, QStringLiteral("SY-UBND"));

        const int year = QDate::currentDate().year();
        QCOMPARE(m_svc->nextNumber(QStringLiteral("outgoing"), year).value(), 1);
        QStringList refs;
        // Interleave the books: each keeps its own sequence.
        for (int i = 0; i < ordinary.size(); ++i) {
            auto r = m_svc->issueNumber(m_o.clerk, ordinary[i].id);
            GD_VERIFY_OK(r);
            QCOMPARE(r->number, i + 1);
            refs << r->reference();
            if (i == 2) {
                auto s = m_svc->issueNumber(m_o.clerk, secret1.id);
                GD_VERIFY_OK(s);
                QCOMPARE(s->reference(), QStringLiteral("01/BC-UBND"));
                auto c = m_svc->issueNumber(m_o.clerk, copy1.id);
                GD_VERIFY_OK(c);
                QCOMPARE(c->reference(), QStringLiteral("01/SY-UBND"));
            }
        }
        QCOMPARE(refs.first(), QStringLiteral("01/QĐ-UBND"));
        QCOMPARE(refs.at(8), QStringLiteral("09/QĐ-UBND"));
        QCOMPARE(refs.last(), QStringLiteral("10/QĐ-UBND"));
        auto s2 = m_svc->issueNumber(m_o.clerk, secret2.id);
        GD_VERIFY_OK(s2);
        // The classified book repeats the ordinary numbers: its own sequence, apart from the ordinary book.
        QCOMPARE(s2->number, 2);
        QCOMPARE(s2->reference(), QStringLiteral("02/QĐ-UBND"));
        auto c2 = m_svc->issueNumber(m_o.clerk, copy2.id);
        GD_VERIFY_OK(c2);
        QCOMPARE(c2->reference(), QStringLiteral("02/TrS-UBND")); // one sequence for all copy types
        QCOMPARE(m_svc->nextNumber(QStringLiteral("outgoing"), year).value(), 11);
        QCOMPARE(m_svc->nextNumber(QStringLiteral("outgoing-secret"), year).value(), 3);
        QCOMPARE(m_svc->nextNumber(QStringLiteral("outgoing-copy"), year).value(), 3);

        // The database itself refuses a second 05/QĐ-UBND in the year.
        QSqlQuery q(m_o.db->connection());
        QVERIFY(!q.exec(QStringLiteral("UPDATE outgoing_documents SET number = 5, book_id = 'outgoing-copy' "
                                       "WHERE id = '%1'")
                            .arg(ordinary[5].id)));
    }

    void advisoryBodySequence_data()
    {
        addEngineRows();
    }
    void advisoryBodySequence()
    {
        SET_UP();
        // Only an administrator configures the bodies; abbreviations are unique and well formed.
        expectError(m_svc
                        ->addIssuingBody(m_o.clerk, QStringLiteral("Hội đồng Thi đua - Khen thưởng tỉnh"),
                                         QStringLiteral("HĐTĐKT"))
                        .error(),
                    "permission.body");
        auto body = m_svc->addIssuingBody(m_o.admin, QStringLiteral("Hội đồng Thi đua - Khen thưởng tỉnh"),
                                          QStringLiteral("hđtđkt"));
        GD_VERIFY_OK(body);
        QCOMPARE(body->abbr, QStringLiteral("HĐTĐKT"));
        QCOMPARE(body->bookId, QStringLiteral("outgoing-body-") + body->id);
        expectError(
            m_svc->addIssuingBody(m_o.admin, QStringLiteral("Hội đồng khác"), QStringLiteral("HĐTĐKT"))
                .error(),
            "outgoing.body-duplicate");
        expectError(
            m_svc->addIssuingBody(m_o.admin, QStringLiteral("Ủy ban"), QStringLiteral("UBND")).error(),
            "outgoing.body-duplicate");
        for (const char *bad : {"HĐ TĐ", "HĐ/TĐ", "-HĐ", "HĐ--TĐ", "", "ƯB"})
            expectError(
                m_svc->addIssuingBody(m_o.admin, QStringLiteral("Ban"), QString::fromUtf8(bad)).error(),
                "outgoing.body-abbr");
        auto bcd = m_svc->addIssuingBody(m_o.admin, QStringLiteral("Ban Chỉ đạo 389 tỉnh"),
                                         QStringLiteral("BCĐ-389"));
        GD_VERIFY_OK(bcd);
        auto bodies = m_svc->issuingBodies();
        GD_VERIFY_OK(bodies);
        QCOMPARE(bodies->size(), 2);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM issuing_bodies")), 2);

        const int lastYear = QDate::currentDate().year() - 1;
        auto bodyDraft = [&](const QString &type, const QString &subject, Secrecy secrecy = Secrecy::None) {
            OutgoingDraft d = draftOf(type, subject, m_o.officer.unitId, secrecy);
            d.bodyId = body->id;
            auto doc = m_svc->draft(m_o.officer, d);
            if (!doc)
                qWarning("draft: %s", why(doc).constData());
            auto s = doc ? m_svc->submit(m_o.officer, doc->id) : doc;
            auto a = s ? m_svc->approve(m_o.leader, doc->id) : s;
            return a ? a.value() : OutgoingDocument();
        };
        const OutgoingDocument qd1 = bodyDraft(QStringLiteral("QĐ"), QStringLiteral("Khen thưởng tập thể"));
        const OutgoingDocument cv = bodyDraft(QStringLiteral("CV"), QStringLiteral("Đề nghị khen thưởng"));
        const OutgoingDocument qd3 = bodyDraft(QStringLiteral("QĐ"), QStringLiteral("Khen thưởng năm mới"));
        const OutgoingDocument secret =
            bodyDraft(QStringLiteral("QĐ"), QStringLiteral("Khen thưởng chuyên án"), Secrecy::Mat);
        QList<OutgoingDocument> agency;
        for (int i = 0; i < 3; ++i)
            agency << approved(m_o.officer, QStringLiteral("QĐ"), QStringLiteral("Quyết định %1").arg(i));
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(qd1.bookId, body->bookId);
        QCOMPARE(qd1.notation, QStringLiteral("QĐ-HĐTĐKT"));
        QCOMPARE(qd1.bodyAbbr, QStringLiteral("HĐTĐKT"));
        QCOMPARE(qd1.toJson().value(QStringLiteral("issuingBody")).toString(), QStringLiteral("HĐTĐKT"));
        QCOMPARE(cv.notation, QStringLiteral("HĐTĐKT-KT")); // Công văn: <body>-<unit>
        // A classified document of the body is numbered in the classified book, under the body's notation.
        QCOMPARE(secret.bookId, QStringLiteral("outgoing-secret"));
        QCOMPARE(secret.notation, QStringLiteral("QĐ-HĐTĐKT"));
        QCOMPARE(agency[0].toJson().value(QStringLiteral("issuingBody")).toString(), QString());

        // Interleaved with the agency's decisions in the same year, each book keeps its own sequence.
        auto a1 = m_svc->issueNumber(m_o.clerk, agency[0].id, QDate(lastYear, 3, 1));
        auto b1 = m_svc->issueNumber(m_o.clerk, qd1.id, QDate(lastYear, 3, 2));
        auto a2 = m_svc->issueNumber(m_o.clerk, agency[1].id, QDate(lastYear, 3, 3));
        auto b2 = m_svc->issueNumber(m_o.clerk, cv.id, QDate(lastYear, 12, 31));
        // 1 January: the body's book starts again from 01.
        auto b3 = m_svc->issueNumber(m_o.clerk, qd3.id, QDate(lastYear + 1, 1, 1));
        auto a3 = m_svc->issueNumber(m_o.clerk, agency[2].id, QDate(lastYear + 1, 1, 1));
        for (auto *r : {&a1, &b1, &a2, &b2, &b3, &a3})
            GD_VERIFY_OK(*r);
        QCOMPARE(a1->reference(), QStringLiteral("01/QĐ-UBND"));
        QCOMPARE(b1->reference(), QStringLiteral("01/QĐ-HĐTĐKT"));
        QCOMPARE(a2->reference(), QStringLiteral("02/QĐ-UBND"));
        QCOMPARE(b2->reference(), QStringLiteral("02/HĐTĐKT-KT"));
        QCOMPARE(b3->year, lastYear + 1);
        QCOMPARE(b3->reference(), QStringLiteral("01/QĐ-HĐTĐKT"));
        QCOMPARE(a3->reference(), QStringLiteral("01/QĐ-UBND"));
        QCOMPARE(m_svc->nextNumber(body->bookId, lastYear).value(), 3);
        QCOMPARE(m_svc->nextNumber(body->bookId, lastYear + 1).value(), 2);
        QCOMPARE(m_svc->nextNumber(QStringLiteral("outgoing"), lastYear).value(), 3);
        QCOMPARE(m_svc->nextNumber(bcd->bookId, lastYear).value(), 1);
        auto log = m_svc->numberLog(m_o.clerk, body->bookId, lastYear);
        GD_VERIFY_OK(log);
        QCOMPARE(log->size(), 2);
        QCOMPARE(log->at(1).notation, QStringLiteral("HĐTĐKT-KT"));

        // The body's register lists its documents only.
        storage::Accounts accounts(*m_o.db);
        auto reg = OutgoingRegisters(*m_svc, accounts).build(m_o.clerk, body->bookId, lastYear);
        GD_VERIFY_OK(reg);
        QCOMPARE(reg->rows.size(), 2);
        QVERIFY(reg->rows.at(0).at(0).contains(QStringLiteral("01/QĐ-HĐTĐKT")));

        // A draft moves between the agency and a body: its notation and book follow.
        auto d = m_svc->draft(m_o.officer,
                              draftOf(QStringLiteral("TB"), QStringLiteral("Thông báo"), m_o.officer.unitId));
        GD_VERIFY_OK(d);
        QCOMPARE(d->notation, QStringLiteral("TB-UBND"));
        OutgoingDraftChanges toBody;
        toBody.bodyId = bcd->id;
        auto moved = m_svc->update(m_o.officer, d->id, toBody);
        GD_VERIFY_OK(moved);
        QCOMPARE(moved->notation, QStringLiteral("TB-BCĐ-389"));
        QCOMPARE(moved->bookId, bcd->bookId);
        OutgoingDraftChanges back;
        back.bodyId = QString();
        auto returned = m_svc->update(m_o.officer, d->id, back);
        GD_VERIFY_OK(returned);
        QCOMPARE(returned->notation, QStringLiteral("TB-UBND"));
        QCOMPARE(returned->bookId, QStringLiteral("outgoing"));

        // A deactivated body issues no new drafts; it is no longer offered.
        GD_VERIFY_OK(m_svc->deactivateIssuingBody(m_o.admin, QStringLiteral("BCĐ-389")));
        QCOMPARE(m_svc->issuingBodies()->size(), 1);
        QCOMPARE(m_svc->issuingBodies(true)->size(), 2);
        OutgoingDraft late =
            draftOf(QStringLiteral("TB"), QStringLiteral("Thông báo muộn"), m_o.officer.unitId);
        late.bodyId = bcd->id;
        expectError(m_svc->draft(m_o.officer, late).error(), "outgoing.body-inactive");
    }

    void yearBoundary_data()
    {
        addEngineRows();
    }
    void yearBoundary()
    {
        SET_UP();
        const int lastYear = QDate::currentDate().year() - 1;
        QList<OutgoingDocument> docs;
        for (int i = 0; i < 4; ++i)
            docs << approved(m_o.officer, QStringLiteral("TB"), QStringLiteral("Thông báo %1").arg(i));
        QVERIFY(!QTest::currentTestFailed());
        auto a = m_svc->issueNumber(m_o.clerk, docs[0].id, QDate(lastYear, 12, 30));
        auto b = m_svc->issueNumber(m_o.clerk, docs[1].id, QDate(lastYear, 12, 31));
        auto c = m_svc->issueNumber(m_o.clerk, docs[2].id, QDate(lastYear + 1, 1, 1));
        auto d = m_svc->issueNumber(m_o.clerk, docs[3].id, QDate(lastYear, 12, 31)); // issued late
        for (auto *r : {&a, &b, &c, &d})
            GD_VERIFY_OK(*r);
        QCOMPARE(a->year, lastYear);
        QCOMPARE(a->reference(), QStringLiteral("01/TB-UBND"));
        QCOMPARE(b->year, lastYear);
        QCOMPARE(b->number, 2);
        QCOMPARE(c->year, lastYear + 1);
        QCOMPARE(c->reference(), QStringLiteral("01/TB-UBND"));
        QCOMPARE(c->issuedDate, QDate(lastYear + 1, 1, 1));
        QCOMPARE(d->year, lastYear);
        QCOMPARE(d->number, 3);
        QCOMPARE(m_svc->nextNumber(QStringLiteral("outgoing"), lastYear).value(), 4);
        QCOMPARE(m_svc->nextNumber(QStringLiteral("outgoing"), lastYear + 1).value(), 2);
        OutgoingFilter f;
        f.year = lastYear;
        auto list = m_svc->list(m_o.clerk, f);
        GD_VERIFY_OK(list);
        QCOMPARE(list->size(), 3);
        // A date in the future is refused.
        auto e = approved(m_o.officer, QStringLiteral("TB"), QStringLiteral("Thông báo ngày mai"));
        expectError(m_svc->issueNumber(m_o.clerk, e.id, QDate::currentDate().addDays(1)).error(),
                    "outgoing.date-future");
    }

    void reservation_data()
    {
        addEngineRows();
    }
    void reservation()
    {
        SET_UP();
        const int year = QDate::currentDate().year();
        const OutgoingDocument a = approved(m_o.officer, QStringLiteral("KH"), QStringLiteral("Kế hoạch A"));
        const OutgoingDocument b = approved(m_o.officer, QStringLiteral("KH"), QStringLiteral("Kế hoạch B"));
        const OutgoingDocument c = approved(m_o.officer, QStringLiteral("KH"), QStringLiteral("Kế hoạch C"));
        QVERIFY(!QTest::currentTestFailed());

        expectError(m_svc->reserveNumber(m_o.clerk, a.id, QStringLiteral("  ")).error(), "outgoing.reason");
        expectError(m_svc->reserveNumber(m_o.officer, a.id, QStringLiteral("Giữ số")).error(),
                    "permission.issue");
        expectError(m_svc->cancelReservation(m_o.clerk, a.id, QStringLiteral("Hủy")).error(),
                    "outgoing.not-reserved");
        auto r = m_svc->reserveNumber(m_o.clerk, a.id, QStringLiteral("Giữ số cho kế hoạch chờ ký"));
        GD_VERIFY_OK(r);
        QCOMPARE(r->reservedNumber, 1);
        QCOMPARE(r->reservedYear, year);
        QCOMPARE(r->status, OutgoingStatus::Approved);
        expectError(m_svc->reserveNumber(m_o.clerk, a.id, QStringLiteral("Lần hai")).error(),
                    "outgoing.reserved");
        auto ib = m_svc->issueNumber(m_o.clerk, b.id);
        GD_VERIFY_OK(ib);
        QCOMPARE(ib->number, 2);
        auto cancel =
            m_svc->cancelReservation(m_o.clerk, a.id, QStringLiteral("Kế hoạch không ban hành nữa"));
        GD_VERIFY_OK(cancel);
        QCOMPARE(cancel->reservedNumber, 0);
        // The cancelled 01 is never given again.
        auto ia = m_svc->issueNumber(m_o.clerk, a.id);
        GD_VERIFY_OK(ia);
        QCOMPARE(ia->number, 3);
        // A reserved number is the one issued.
        GD_VERIFY_OK(m_svc->reserveNumber(m_o.clerk, c.id, QStringLiteral("Giữ số")));
        auto ic = m_svc->issueNumber(m_o.clerk, c.id);
        GD_VERIFY_OK(ic);
        QCOMPARE(ic->number, 4);
        QCOMPARE(ic->reservedNumber, 0);

        auto log = m_svc->numberLog(m_o.clerk, QStringLiteral("outgoing"), year);
        GD_VERIFY_OK(log);
        QCOMPARE(log->size(), 4);
        QCOMPARE(log->at(0).number, 1);
        QCOMPARE(log->at(0).state, QStringLiteral("cancelled"));
        QCOMPARE(log->at(0).reason, QStringLiteral("Giữ số cho kế hoạch chờ ký"));
        QCOMPARE(log->at(0).cancelReason, QStringLiteral("Kế hoạch không ban hành nữa"));
        QCOMPARE(log->at(0).cancelledBy, QStringLiteral("vanthu"));
        QCOMPARE(log->at(1).state, QStringLiteral("issued"));
        QCOMPARE(log->at(2).documentId, a.id);
        QCOMPARE(log->at(3).state, QStringLiteral("issued"));
        expectError(m_svc->numberLog(m_o.officer, QStringLiteral("outgoing"), year).error(),
                    "permission.register-view");

        auto trail = storage::AuditLog::entriesFor(*m_o.db, a.id);
        GD_VERIFY_OK(trail);
        QStringList actions;
        for (const core::AuditRecord &rec : trail.value())
            actions << rec.action;
        QVERIFY(actions.contains(QStringLiteral("outgoing.reserve")));
        QVERIFY(actions.contains(QStringLiteral("outgoing.cancel-reservation")));
        auto hist = m_svc->history(m_o.clerk, a.id);
        GD_VERIFY_OK(hist);
        bool noted = false;
        for (const ProgressEntry &e : hist.value())
            noted |= e.kind == QLatin1String("cancel-reservation") &&
                     e.note.contains(QStringLiteral("Kế hoạch không ban hành nữa")) &&
                     e.note.contains(QStringLiteral("01/KH-UBND"));
        QVERIFY(noted);
        GD_VERIFY_OK(storage::AuditLog::verify(*m_o.db));
    }

    void permissions_data()
    {
        addEngineRows();
    }
    void permissions()
    {
        SET_UP();
        auto d =
            m_svc->draft(m_o.officer, draftOf(QStringLiteral("TTr"), QStringLiteral("Tờ trình"), m_o.unitKT));
        GD_VERIFY_OK(d);
        // Another unit's officer neither sees nor submits it.
        expectError(m_svc->get(m_o.officer2, d->id).error(), "permission.view");
        expectError(m_svc->submit(m_o.officer2, d->id).error(), "permission.view");
        QCOMPARE(m_svc->list(m_o.officer2, {})->size(), 0);
        QCOMPARE(m_svc->list(m_o.officer, {})->size(), 1);
        // Only the drafter submits.
        expectError(m_svc->submit(m_o.leader, d->id).error(), "permission.drafter");
        GD_VERIFY_OK(m_svc->submit(m_o.officer, d->id));
        expectError(m_svc->approve(m_o.officer, d->id).error(), "permission.approve");
        expectError(m_svc->returnForRevision(m_o.clerk, d->id, QStringLiteral("Sửa")).error(),
                    "permission.approve");
        GD_VERIFY_OK(m_svc->approve(m_o.leader, d->id));
        expectError(m_svc->issueNumber(m_o.officer, d->id).error(), "permission.issue");
        expectError(m_svc->issueNumber(m_o.leader, d->id).error(), "permission.issue");
        expectError(m_svc->reserveNumber(m_o.leader, d->id, QStringLiteral("Giữ")).error(),
                    "permission.issue");
        auto byAdmin = m_svc->issueNumber(m_o.admin, d->id);
        GD_VERIFY_OK(byAdmin); // the administrator may stand in for the clerk
        QCOMPARE(byAdmin->number, 1);
        expectError(m_svc->markSent(m_o.officer, d->id, SendChannel::Internal).error(), "permission.issue");
        expectError(m_svc->recall(m_o.officer, d->id, QStringLiteral("Sai")).error(), "permission.recall");
        // Officers draft only for their own unit.
        expectError(
            m_svc->draft(m_o.officer, draftOf(QStringLiteral("TB"), QStringLiteral("Thông báo"), m_o.unitVX))
                .error(),
            "permission.unit");

        // A classified draft is seen by its drafter, the clerk and the leaders only.
        auto secret = m_svc->draft(m_o.officer, draftOf(QStringLiteral("BC"), QStringLiteral("Báo cáo mật"),
                                                        m_o.unitKT, Secrecy::Mat));
        GD_VERIFY_OK(secret);
        GD_VERIFY_OK(m_svc->get(m_o.officer, secret->id));
        GD_VERIFY_OK(m_svc->get(m_o.clerk, secret->id));
        GD_VERIFY_OK(m_svc->get(m_o.leader, secret->id));
        expectError(m_svc->get(m_o.admin, secret->id).error(), "permission.secret");
        QCOMPARE(m_svc->list(m_o.admin, {})->size(), 1);
        QCOMPARE(m_svc->list(m_o.clerk, {})->size(), 2);
        expectError(
            m_svc->numberLog(m_o.admin, QStringLiteral("outgoing-secret"), QDate::currentDate().year())
                .error(),
            "permission.secret");
    }

    void wrongStateRefused_data()
    {
        addEngineRows();
    }
    void wrongStateRefused()
    {
        SET_UP();
        auto d = m_svc->draft(m_o.officer,
                              draftOf(QStringLiteral("TB"), QStringLiteral("Thông báo họp"), m_o.unitKT));
        GD_VERIFY_OK(d);
        const QString id = d->id;
        expectError(m_svc->approve(m_o.leader, id).error(), "outgoing.state");
        expectError(m_svc->issueNumber(m_o.clerk, id).error(), "outgoing.state");
        expectError(m_svc->markSent(m_o.clerk, id, SendChannel::Internal).error(), "outgoing.state");
        expectError(m_svc->recall(m_o.clerk, id, QStringLiteral("Thu hồi")).error(), "outgoing.state");
        GD_VERIFY_OK(m_svc->submit(m_o.officer, id));
        expectError(m_svc->submit(m_o.officer, id).error(), "outgoing.state");
        expectError(
            m_svc->revise(m_o.officer, id, AttachmentSource{{}, QStringLiteral("x.pdf"), pdf()}).error(),
            "outgoing.state");
        expectError(m_svc->issueNumber(m_o.clerk, id).error(), "outgoing.state");
        expectError(m_svc->returnForRevision(m_o.leader, id, QStringLiteral(" ")).error(),
                    "outgoing.comment");
        GD_VERIFY_OK(m_svc->approve(m_o.leader, id));
        expectError(m_svc->approve(m_o.leader, id).error(), "outgoing.state");
        GD_VERIFY_OK(m_svc->issueNumber(m_o.clerk, id));
        expectError(m_svc->issueNumber(m_o.clerk, id).error(), "outgoing.state");
        expectError(m_svc->returnForRevision(m_o.leader, id, QStringLiteral("Sửa lại")).error(),
                    "outgoing.state");
        expectError(m_svc->recall(m_o.clerk, id, QString()).error(), "outgoing.reason");
        auto recalled = m_svc->recall(m_o.leader, id, QStringLiteral("Sai thời gian họp"));
        GD_VERIFY_OK(recalled);
        QCOMPARE(recalled->status, OutgoingStatus::Recalled);
        QCOMPARE(recalled->reference(), QStringLiteral("01/TB-UBND")); // the number stays with it
        expectError(m_svc->markSent(m_o.clerk, id, SendChannel::Internal).error(), "outgoing.state");
        expectError(m_svc->recall(m_o.clerk, id, QStringLiteral("Lại")).error(), "outgoing.state");
        QCOMPARE(m_svc->nextNumber(QStringLiteral("outgoing"), QDate::currentDate().year()).value(), 2);

        // A replacement is related to the recalled document.
        const OutgoingDocument repl =
            approved(m_o.officer, QStringLiteral("TB"), QStringLiteral("Thông báo họp (thay thế)"));
        expectError(m_svc->link(m_o.officer, id, repl.id, LinkKind::Replaces).error(),
                    "outgoing.link-target");
        auto linked = m_svc->link(m_o.officer, repl.id, id, LinkKind::Replaces);
        GD_VERIFY_OK(linked);
        QCOMPARE(linked->links.size(), 1);
        QCOMPARE(linked->links.first().targetReference, QStringLiteral("01/TB-UBND"));
        expectError(m_svc->link(m_o.officer, repl.id, id, LinkKind::Replaces).error(),
                    "outgoing.link-exists");
        auto old = m_svc->get(m_o.clerk, id);
        GD_VERIFY_OK(old);
        QCOMPARE(old->links.size(), 1);
        QVERIFY(old->links.first().incoming);

        // A classified document never goes over the exchange.
        const OutgoingDocument secret =
            approved(m_o.officer, QStringLiteral("BC"), QStringLiteral("Báo cáo mật"), Secrecy::Mat);
        GD_VERIFY_OK(m_svc->issueNumber(m_o.clerk, secret.id));
        expectError(m_svc->markSent(m_o.clerk, secret.id, SendChannel::Exchange).error(),
                    "outgoing.secret-exchange");
        GD_VERIFY_OK(m_svc->markSent(m_o.clerk, secret.id, SendChannel::Post));
    }

    void badDraftFileLeavesNothing_data()
    {
        addEngineRows();
    }
    void badDraftFileLeavesNothing()
    {
        SET_UP();
        const int auditBefore = count(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
        const int blobsBefore = count(QStringLiteral("SELECT COUNT(*) FROM blobs"));
        OutgoingDraft d = draftOf(QStringLiteral("CV"), QStringLiteral("Công văn"), m_o.unitKT);
        d.file = AttachmentSource{m_ws.tempDir() + QStringLiteral("/khong-co.pdf"), {}, {}};
        expectError(m_svc->draft(m_o.officer, d).error(), "outgoing.file");
        const QString text = m_ws.tempDir() + QStringLiteral("/du-thao.pdf");
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Đây không phải PDF");
        f.close();
        d.file = AttachmentSource{text, {}, {}};
        expectError(m_svc->draft(m_o.officer, d).error(), "outgoing.file-not-pdf");
        d.file = AttachmentSource{{}, QStringLiteral("cut.pdf"), pdf().left(40)}; // cut off: no %%EOF
        expectError(m_svc->draft(m_o.officer, d).error(), "outgoing.file-not-pdf");
        d.file = AttachmentSource{};
        expectError(m_svc->draft(m_o.officer, d).error(), "outgoing.file-missing");
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outgoing_documents")), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outgoing_files")), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outgoing_history")), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log")), auditBefore);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM blobs")), blobsBefore);

        // A bad revision leaves the draft as it was; a stale one is refused.
        auto doc =
            m_svc->draft(m_o.officer, draftOf(QStringLiteral("CV"), QStringLiteral("Công văn"), m_o.unitKT));
        GD_VERIFY_OK(doc);
        expectError(
            m_svc->revise(m_o.officer, doc->id, AttachmentSource{{}, QStringLiteral("x.pdf"), "GIF89a"})
                .error(),
            "outgoing.file-not-pdf");
        expectError(m_svc
                        ->revise(m_o.officer, doc->id, AttachmentSource{{}, QStringLiteral("x.pdf"), pdf()},
                                 {}, doc->version + 1)
                        .error(),
                    "outgoing.concurrent");
        auto same = m_svc->get(m_o.officer, doc->id);
        GD_VERIFY_OK(same);
        QCOMPARE(same->files.size(), 1);
        QCOMPARE(same->version, doc->version);
        GD_VERIFY_OK(m_svc->revise(m_o.officer, doc->id, AttachmentSource{{}, QStringLiteral("x.pdf"), pdf()},
                                   {}, doc->version));

        // Other input errors.
        OutgoingDraft bad = draftOf(QStringLiteral("XYZ"), QStringLiteral("Loại lạ"), m_o.unitKT);
        expectError(m_svc->draft(m_o.officer, bad).error(), "outgoing.type");
        bad = draftOf(QStringLiteral("CV"), QStringLiteral("  "), m_o.unitKT);
        expectError(m_svc->draft(m_o.officer, bad).error(), "outgoing.subject");
        bad = draftOf(QStringLiteral("CV"), QStringLiteral("Gửi"), m_o.unitKT);
        bad.recipientCodes = {QStringLiteral("H16")};
        expectError(m_svc->draft(m_o.officer, bad).error(), "outgoing.recipient");
        bad.recipientCodes.clear();
        bad.authorityPrefix = QStringLiteral("XYZ");
        expectError(m_svc->draft(m_o.officer, bad).error(), "outgoing.authority");
        bad.authorityPrefix = QStringLiteral("kt");
        bad.replyToId = QStringLiteral("no-such-id");
        expectError(m_svc->draft(m_o.officer, bad).error(), "outgoing.reply-to");
        bad.replyToId.clear();
        auto good = m_svc->draft(m_o.officer, bad);
        GD_VERIFY_OK(good);
        QCOMPARE(good->authorityPrefix, QStringLiteral("KT."));
    }

    /// Two clerks, each with their own connection, issue numbers at the same moment: with issueNumber, or
    /// with issue, which writes the number into the PDF before taking it and makes the file again when the
    /// other clerk took that number meanwhile.
    void concurrentIssueOnPostgres_data()
    {
        QTest::addColumn<bool>("stamped");
        QTest::addColumn<int>("perClerk");
        QTest::newRow("number only") << false << 100;
        QTest::newRow("number written into the PDF") << true << 15;
    }

    void concurrentIssueOnPostgres()
    {
        QFETCH(bool, stamped);
        QFETCH(int, perClerk);
        setUpOffice(Engine::PostgreSQL);
        if (QTest::currentTestFailed())
            return;
        QList<QString> ids;
        for (int i = 0; i < 2 * perClerk; ++i) {
            OutgoingDraft draft =
                draftOf(QStringLiteral("QĐ"), QStringLiteral("Quyết định %1").arg(i), m_o.officer.unitId);
            if (stamped)
                draft.file.data = blankDraftPdf();
            auto d = m_svc->draft(m_o.officer, draft);
            GD_VERIFY_OK(d);
            GD_VERIFY_OK(m_svc->submit(m_o.officer, d->id));
            GD_VERIFY_OK(m_svc->approve(m_o.leader, d->id));
            ids << d->id;
        }
        struct Clerk
        {
            QList<int> numbers;
            QString error;
        };
        std::atomic<int> ready{0};
        auto work = [&](const core::User &clerk, QList<QString> mine, Clerk *out) {
            auto db = openDatabase(m_info);
            if (!db) {
                out->error = QString::fromUtf8(why(db));
                ready.fetch_add(1);
                return;
            }
            OutgoingService service(*db.value());
            ready.fetch_add(1);
            while (ready.load() < 2)
                QThread::yieldCurrentThread();
            for (const QString &id : mine) {
                auto r = stamped ? service.issue(clerk, id, IssueOptions{}) : service.issueNumber(clerk, id);
                if (!r) {
                    out->error = QString::fromUtf8(why(r));
                    return;
                }
                out->numbers << r->number;
            }
        };
        core::User second = m_o.clerk;
        second.username = QStringLiteral("vanthu2");
        Clerk a, b;
        QThread *ta = QThread::create(work, m_o.clerk, ids.mid(0, perClerk), &a);
        QThread *tb = QThread::create(work, second, ids.mid(perClerk), &b);
        ta->start();
        tb->start();
        QVERIFY(ta->wait(QDeadlineTimer(240000)));
        QVERIFY(tb->wait(QDeadlineTimer(240000)));
        delete ta;
        delete tb;
        QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
        QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
        QList<int> told = a.numbers + b.numbers;
        std::sort(told.begin(), told.end());
        QList<int> expected;
        for (int i = 1; i <= 2 * perClerk; ++i)
            expected << i;
        QCOMPARE(told, expected);
        QVERIFY(std::is_sorted(a.numbers.begin(), a.numbers.end()));
        QVERIFY(std::is_sorted(b.numbers.begin(), b.numbers.end()));
        qInfo("clerk 1 got %d..%d, clerk 2 got %d..%d", a.numbers.first(), a.numbers.last(),
              b.numbers.first(), b.numbers.last());

        QSqlQuery q(m_o.db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT number FROM outgoing_documents WHERE book_id = 'outgoing' "
                                      "ORDER BY number")));
        QList<int> stored;
        while (q.next())
            stored << q.value(0).toInt();
        QCOMPARE(stored, expected);
        auto log = m_svc->numberLog(m_o.clerk, QStringLiteral("outgoing"), QDate::currentDate().year());
        GD_VERIFY_OK(log);
        QCOMPARE(log->size(), 2 * perClerk);
        QCOMPARE(m_svc->nextNumber(QStringLiteral("outgoing"), QDate::currentDate().year()).value(),
                 2 * perClerk + 1);
        if (stamped) {
            // Each file shows its own number.
            for (const QString &id : ids) {
                auto doc = m_svc->get(m_o.clerk, id);
                GD_VERIFY_OK(doc);
                auto file = m_svc->fileData(m_o.clerk, id);
                GD_VERIFY_OK(file);
                const QString text = pageText(file.value());
                QVERIFY2(text.contains(QStringLiteral("Số:%1/QĐ-").arg(doc->number, 2, 10, QLatin1Char('0'))),
                         qPrintable(text));
            }
        }
        GD_VERIFY_OK(storage::AuditLog::verify(*m_o.db));
        GD_VERIFY_OK(m_o.db->integrityCheck());
    }

    /// "Chờ tôi xử lý": each role sees what waits for its next step, and the count agrees with the list.
    void awaitingQueues_data()
    {
        addEngineRows();
    }
    void awaitingQueues()
    {
        SET_UP();
        auto draft = m_svc->draft(
            m_o.officer, draftOf(QStringLiteral("CV"), QStringLiteral("Dự thảo"), m_o.officer.unitId));
        GD_VERIFY_OK(draft);
        const OutgoingDocument toApprove =
            approved(m_o.officer, QStringLiteral("QĐ"), QStringLiteral("Chờ ký"));
        auto submitted = m_svc->draft(
            m_o.officer, draftOf(QStringLiteral("TB"), QStringLiteral("Chờ duyệt"), m_o.officer.unitId));
        GD_VERIFY_OK(submitted);
        GD_VERIFY_OK(m_svc->submit(m_o.officer, submitted->id));
        const OutgoingDocument toIssue =
            approved(m_o.officer, QStringLiteral("KH"), QStringLiteral("Chờ số"));
        // Signed is the clerk's turn; here the paper way: numbered from approved, then waiting to be sent.
        GD_VERIFY_OK(m_svc->issueNumber(m_o.clerk, toIssue.id));
        auto ids = [&](const core::User &u) {
            OutgoingFilter f;
            f.awaitingActor = true;
            QSet<QString> out;
            const auto list = m_svc->list(u, f);
            for (const OutgoingDocument &d : list.value())
                out.insert(d.id);
            const auto n = m_svc->count(u, f);
            if (!n || n.value() != out.size())
                qWarning("count %d for %d listed", n ? n.value() : -1, int(out.size()));
            return n && n.value() == out.size() ? out : QSet<QString>{QStringLiteral("count differs")};
        };
        QCOMPARE(ids(m_o.leader), (QSet<QString>{toApprove.id, submitted->id}));
        QCOMPARE(ids(m_o.clerk), (QSet<QString>{toIssue.id}));
        QCOMPARE(ids(m_o.officer), (QSet<QString>{draft->id}));
        QCOMPARE(ids(m_o.officer2), QSet<QString>{});
        // Count follows the other filters too.
        OutgoingFilter all;
        QCOMPARE(m_svc->count(m_o.leader, all).value(), 4);
        all.search = QStringLiteral("cho duyet");
        QCOMPARE(m_svc->count(m_o.leader, all).value(), 1);
        QCOMPARE(m_svc->list(m_o.leader, all)->first().id, submitted->id);
    }

    /// The handler's reply closes the incoming document it answers when the reply gets its number; a request
    /// not yet assigned is left to the clerk.
    void replyClosesTheIncomingDocument_data()
    {
        addEngineRows();
    }
    void replyClosesTheIncomingDocument()
    {
        SET_UP();
        IncomingService incoming(*m_o.db);
        auto request = [&](const QString &number) {
            IncomingDraft in;
            in.authorName = QStringLiteral("Sở Tài chính");
            in.number = number;
            in.notation = QStringLiteral("CV-STC");
            in.documentDate = QDate::currentDate();
            in.typeAbbr = QStringLiteral("CV");
            in.subject = QStringLiteral("Đề nghị báo cáo số liệu %1").arg(number);
            return incoming.registerDocument(m_o.clerk, in);
        };
        auto assigned = request(QStringLiteral("41"));
        GD_VERIFY_OK(assigned);
        Assignment a;
        a.leadUserId = m_o.officer.id;
        GD_VERIFY_OK(incoming.assign(m_o.leader, assigned->id, a));
        auto waiting = request(QStringLiteral("42"));
        GD_VERIFY_OK(waiting);
        auto reply = [&](const QString &incomingId) {
            OutgoingDraft d =
                draftOf(QStringLiteral("CV"), QStringLiteral("Báo cáo số liệu"), m_o.officer.unitId);
            d.replyToId = incomingId;
            auto doc = m_svc->draft(m_o.officer, d);
            if (doc)
                doc = m_svc->submit(m_o.officer, doc->id);
            if (doc)
                doc = m_svc->approve(m_o.leader, doc->id);
            return doc;
        };
        auto first = reply(assigned->id);
        GD_VERIFY_OK(first);
        // Approved is not issued: the request stays with its handler.
        QCOMPARE(incoming.get(m_o.leader, assigned->id)->status, IncomingStatus::Assigned);
        auto issued = m_svc->issueNumber(m_o.clerk, first->id);
        GD_VERIFY_OK(issued);
        auto closed = incoming.get(m_o.leader, assigned->id);
        GD_VERIFY_OK(closed);
        QCOMPARE(closed->status, IncomingStatus::Completed);
        QCOMPARE(closed->replyReference, issued->reference());
        auto history = incoming.history(m_o.leader, assigned->id);
        GD_VERIFY_OK(history);
        QCOMPARE(history->last().kind, QStringLiteral("complete"));
        QCOMPARE(history->last().username, m_o.clerk.username);

        auto second = reply(waiting->id);
        GD_VERIFY_OK(second);
        GD_VERIFY_OK(m_svc->issueNumber(m_o.clerk, second->id));
        QCOMPARE(incoming.get(m_o.leader, waiting->id)->status, IncomingStatus::Registered);
        GD_VERIFY_OK(storage::AuditLog::verify(*m_o.db));
    }

    /// Issue without a token: the number and the date are written into the approved draft's blanks as a new
    /// file version; a file without the blanks is refused and nothing changes, unless the clerk chooses not
    /// to write them.
    void issueWritesNumberAndDate_data()
    {
        addEngineRows();
    }
    void issueWritesNumberAndDate()
    {
        SET_UP();
        OutgoingDraft draft = draftOf(QStringLiteral("QĐ"), QStringLiteral("Quy chế"), m_o.officer.unitId);
        draft.file.data = blankDraftPdf();
        auto d = m_svc->draft(m_o.officer, draft);
        GD_VERIFY_OK(d);
        GD_VERIFY_OK(m_svc->submit(m_o.officer, d->id));
        GD_VERIFY_OK(m_svc->approve(m_o.leader, d->id));
        IssueOptions options;
        options.issuedDate = QDate::currentDate().addDays(1);
        expectError(m_svc->issue(m_o.clerk, d->id, options).error(), "outgoing.date-future");
        expectError(m_svc->issue(m_o.officer, d->id, {}).error(), "permission.issue");
        options.issuedDate = QDate(QDate::currentDate().year(), 1, 5);
        auto issued = m_svc->issue(m_o.clerk, d->id, options);
        GD_VERIFY_OK(issued);
        QCOMPARE(issued->number, 1);
        QCOMPARE(issued->status, OutgoingStatus::Issued);
        QCOMPARE(issued->files.size(), 2);
        const QString text = pageText(m_svc->fileData(m_o.clerk, d->id).value());
        QVERIFY2(text.contains(QStringLiteral("Số:01/QĐ-")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("ngày05tháng01năm%1").arg(QDate::currentDate().year())),
                 qPrintable(text));
        // Issued and written: issuing again has nothing left to do.
        expectError(m_svc->issue(m_o.clerk, d->id, IssueOptions{{}, nullptr, {}, false}).error(),
                    "outgoing.state");

        // A draft without the template's blanks.
        const OutgoingDocument plain =
            approved(m_o.officer, QStringLiteral("QĐ"), QStringLiteral("Không mẫu"));
        auto refused = m_svc->issue(m_o.clerk, plain.id, {});
        expectError(refused.error(), "signing.pdf-unreadable");
        auto unchanged = m_svc->get(m_o.clerk, plain.id);
        QCOMPARE(unchanged->status, OutgoingStatus::Approved);
        QCOMPARE(unchanged->files.size(), 1);
        QCOMPARE(m_svc->nextNumber(QStringLiteral("outgoing"), QDate::currentDate().year()).value(), 2);
        OutgoingDraft noBlanks =
            draftOf(QStringLiteral("QĐ"), QStringLiteral("Không chỗ ghi số"), m_o.officer.unitId);
        noBlanks.file.data =
            reports::renderOfficialDocumentPdf(reports::OfficialDocument{{},
                                                                         QStringLiteral("UBND TỈNH"),
                                                                         QStringLiteral("07/QĐ-UBND"),
                                                                         QStringLiteral("Đắk Nông"),
                                                                         QDate::currentDate(),
                                                                         QStringLiteral("QUYẾT ĐỊNH"),
                                                                         QStringLiteral("Không chỗ ghi số"),
                                                                         {},
                                                                         {},
                                                                         {},
                                                                         {},
                                                                         {}});
        auto nb = m_svc->draft(m_o.officer, noBlanks);
        GD_VERIFY_OK(nb);
        GD_VERIFY_OK(m_svc->submit(m_o.officer, nb->id));
        GD_VERIFY_OK(m_svc->approve(m_o.leader, nb->id));
        expectError(m_svc->issue(m_o.clerk, nb->id, {}).error(), "signing.stamp-filled");
        QCOMPARE(m_svc->get(m_o.clerk, nb->id)->status, OutgoingStatus::Approved);
        // Without writing into the file: numbered, the file kept as it is.
        IssueOptions keep;
        keep.stamp = false;
        auto kept = m_svc->issue(m_o.clerk, nb->id, keep);
        GD_VERIFY_OK(kept);
        QCOMPARE(kept->number, 2);
        QCOMPARE(kept->files.size(), 1);
    }

    // ------------------------------------------------------------ metadata of the registers and Phụ lục VI

    /// A PDF of `pages` pages, laid out like the agency's documents.
    static QByteArray longPdf(int paragraphs)
    {
        reports::OfficialDocument d;
        d.organ = QStringLiteral("UBND TỈNH ĐẮK NÔNG");
        d.reference = QStringLiteral("/BC-UBND");
        d.place = QStringLiteral("Đắk Nông");
        d.typeName = QStringLiteral("BÁO CÁO");
        d.subject = QStringLiteral("Tình hình kinh tế - xã hội");
        for (int i = 1; i <= paragraphs; ++i)
            d.paragraphs << QStringLiteral(
                                "%1. Nội dung báo cáo về tình hình phát triển kinh tế, văn hóa và xã "
                                "hội của địa phương trong kỳ, các khó khăn, vướng mắc và kiến nghị.")
                                .arg(i);
        d.signerTitle = QStringLiteral("CHỦ TỊCH");
        d.signerName = QStringLiteral("Nguyễn Văn An");
        return reports::renderOfficialDocumentPdf(d);
    }

    /// pdfinfo's page count of the bytes: an independent reader of the same file.
    int pdfinfoPages(const QByteArray &data)
    {
        const QString path = m_ws.tempDir() + QStringLiteral("/trang.pdf");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            return -1;
        f.close();
        int pages = 0;
        pdfPageSize(path, &pages);
        return pages;
    }

    /// The register written as a PDF and read back by pdftotext, without white space (cells wrap).
    QString registerText(const reports::RegisterReport &report)
    {
        const QString path = (qEnvironmentVariableIsSet("GOVDESK_KEEP_REGISTER")
                                  ? qEnvironmentVariable("GOVDESK_KEEP_REGISTER") + QLatin1Char('-') +
                                        QString::number(report.columns.size())
                                  : m_ws.tempDir() + QStringLiteral("/so")) +
                             QStringLiteral(".pdf");
        if (!reports::RegisterPrinter::writePdf(report, path))
            return {};
        return pdfText(path).remove(QRegularExpression(QStringLiteral("\\s")));
    }

    static QString squeeze(QString s)
    {
        s.remove(QRegularExpression(QStringLiteral("\\s")));
        return s;
    }

    void registerAndMetadataFields_data()
    {
        addEngineRows();
    }
    void registerAndMetadataFields()
    {
        SET_UP();
        const QDate due = QDate::currentDate().addDays(10);
        OutgoingDraft d = draftOf(QStringLiteral("BC"), QStringLiteral("Báo cáo kinh tế quý"), m_o.unitKT);
        d.file.data = longPdf(60);
        const int pages = pdfinfoPages(d.file.data);
        QVERIFY2(pages >= 2, "the fixture should run over several pages");
        d.copies = 12;
        d.dueDate = due;
        d.recipientCodes = {QStringLiteral("000.00.01.H16")};
        auto doc = m_svc->draft(m_o.officer, d);
        GD_VERIFY_OK(doc);
        QCOMPARE(doc->pages, pages);
        QCOMPARE(doc->copies, 12);
        QCOMPARE(doc->dueDate, due);
        // Bản gốc at the clerk's, bản chính in the drafting unit's file.
        QCOMPARE(doc->archiveHolder, QStringLiteral("Văn thư; Phòng Kinh tế"));
        const QJsonObject json = doc->toJson();
        QCOMPARE(json[QStringLiteral("copies")].toInt(), 12);
        QCOMPARE(json[QStringLiteral("pages")].toInt(), pages);
        QCOMPARE(json[QStringLiteral("archiveHolder")].toString(), QStringLiteral("Văn thư; Phòng Kinh tế"));
        QCOMPARE(json[QStringLiteral("dueDate")].toString(), due.toString(Qt::ISODate));

        // A revision with another page count updates it.
        auto revised = m_svc->revise(m_o.officer, doc->id,
                                     AttachmentSource{{}, QStringLiteral("v2.pdf"), blankDraftPdf()});
        GD_VERIFY_OK(revised);
        QCOMPARE(revised->pages, pdfinfoPages(blankDraftPdf()));
        QVERIFY(revised->pages != pages);

        // Bad values are refused and leave nothing.
        OutgoingDraft bad = draftOf(QStringLiteral("CV"), QStringLiteral("Hạn đã qua"), m_o.unitKT);
        bad.dueDate = QDate::currentDate().addDays(-1);
        expectError(m_svc->draft(m_o.officer, bad).error(), "outgoing.due-date");
        bad.dueDate = {};
        bad.copies = 1000;
        expectError(m_svc->draft(m_o.officer, bad).error(), "outgoing.copies");
        bad.copies = 0;
        bad.archiveHolder = QStringLiteral("Văn thư; Phòng Kinh tế (hồ sơ KT-05)");
        auto custom = m_svc->draft(m_o.officer, bad);
        GD_VERIFY_OK(custom);
        QCOMPARE(custom->archiveHolder, QStringLiteral("Văn thư; Phòng Kinh tế (hồ sơ KT-05)"));
        QCOMPARE(custom->copies, 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outgoing_documents")), 2);

        GD_VERIFY_OK(m_svc->submit(m_o.officer, doc->id));
        GD_VERIFY_OK(m_svc->approve(m_o.leader, doc->id));
        auto issued = m_svc->issueNumber(m_o.clerk, doc->id);
        GD_VERIFY_OK(issued);

        // Phụ lục VI: PageAmount, IssuedAmount, DueDate.
        const QJsonObject meta =
            Decree30Metadata::outgoingJson(issued.value(), m_o.identity.orgCode, m_o.identity.orgName);
        QCOMPARE(meta[QStringLiteral("PageAmount")].toInt(), issued->pages);
        QCOMPARE(meta[QStringLiteral("IssuedAmount")].toInt(), 12);
        QCOMPARE(meta[QStringLiteral("DueDate")].toString(), due.toString(Qt::ISODate));
        const QString xml = QString::fromUtf8(
            Decree30Metadata::outgoingXml(issued.value(), m_o.identity.orgCode, m_o.identity.orgName));
        QVERIFY2(xml.contains(QStringLiteral("<IssuedAmount>12</IssuedAmount>")), qPrintable(xml));
        QVERIFY2(xml.contains(QStringLiteral("<DueDate>%1</DueDate>").arg(due.toString(Qt::ISODate))),
                 qPrintable(xml));
        QVERIFY2(xml.contains(QStringLiteral("<PageAmount>%1</PageAmount>").arg(issued->pages)),
                 qPrintable(xml));

        // Sổ đăng ký văn bản đi: columns 6 and 7.
        storage::Accounts accounts(*m_o.db);
        auto report = OutgoingRegisters(*m_svc, accounts)
                          .build(m_o.clerk, QStringLiteral("outgoing"), QDate::currentDate().year());
        GD_VERIFY_OK(report);
        QCOMPARE(report->rows.size(), 1);
        QCOMPARE(report->rows.first().at(5), QStringLiteral("Văn thư; Phòng Kinh tế"));
        QCOMPARE(report->rows.first().at(6), QStringLiteral("12"));
        // The cell wraps: its lines come out between the other columns' lines.
        const QString text = registerText(report.value());
        QVERIFY2(text.contains(QStringLiteral("Vănthư;")) && text.contains(QStringLiteral("PhòngKinhtế")),
                 qPrintable(text.left(1500)));
        QVERIFY2(text.contains(issued->reference()), qPrintable(text.left(1500)));
    }

    // ------------------------------------------------------------ editing a draft

    void updateDraft_data()
    {
        addEngineRows();
    }
    void updateDraft()
    {
        SET_UP();
        auto doc = m_svc->draft(m_o.officer,
                                draftOf(QStringLiteral("CV"), QStringLiteral("Về việc họp"), m_o.unitKT));
        GD_VERIFY_OK(doc);
        QCOMPARE(doc->notation, QStringLiteral("UBND-KT"));
        const QString id = doc->id;

        OutgoingDraftChanges c;
        c.subject = QStringLiteral("Về việc tổ chức hội nghị tổng kết năm");
        c.typeAbbr = QStringLiteral("Kế hoạch"); // by its name: the notation follows the type
        c.urgency = Urgency::ThuongKhan;
        c.recipientCodes = QStringList{QStringLiteral("000.00.01.H16")};
        c.signerName = QStringLiteral("Trần Văn Bình");
        c.signerPosition = QStringLiteral("Phó Chủ tịch");
        c.authorityPrefix = QStringLiteral("kt");
        c.copies = 7;
        c.dueDate = QDate::currentDate().addDays(5);
        auto updated = m_svc->update(m_o.officer, id, c, doc->version);
        GD_VERIFY_OK(updated);
        QCOMPARE(updated->subject, QStringLiteral("Về việc tổ chức hội nghị tổng kết năm"));
        QCOMPARE(updated->typeAbbr, QStringLiteral("KH"));
        QCOMPARE(updated->notation, QStringLiteral("KH-UBND"));
        QCOMPARE(updated->urgency, Urgency::ThuongKhan);
        QCOMPARE(updated->recipients, QStringLiteral("Sở Tài chính")); // filled from the code
        QCOMPARE(updated->authorityPrefix, QStringLiteral("KT."));
        QCOMPARE(updated->signerName, QStringLiteral("Trần Văn Bình"));
        QCOMPARE(updated->copies, 7);
        QCOMPARE(updated->dueDate, QDate::currentDate().addDays(5));
        QCOMPARE(updated->version, doc->version + 1);
        QCOMPARE(updated->bookId, QStringLiteral("outgoing"));

        // The form was filled from an older version: refused, nothing changes.
        OutgoingDraftChanges stale;
        stale.subject = QStringLiteral("Bản cũ");
        expectError(m_svc->update(m_o.officer, id, stale, doc->version).error(), "outgoing.concurrent");
        QCOMPARE(m_svc->get(m_o.officer, id)->subject, updated->subject);
        // Found by the new summary.
        OutgoingFilter f;
        f.search = QStringLiteral("hoi nghi tong ket");
        QCOMPARE(m_svc->list(m_o.officer, f)->size(), 1);

        // Classified now: it moves to the classified book and out of other users' sight.
        OutgoingDraftChanges secret;
        secret.secrecy = Secrecy::Mat;
        auto moved = m_svc->update(m_o.officer, id, secret);
        GD_VERIFY_OK(moved);
        QCOMPARE(moved->bookId, QStringLiteral("outgoing-secret"));
        expectError(m_svc->get(m_o.admin, id).error(), "permission.secret");
        secret.secrecy = Secrecy::None;
        GD_VERIFY_OK(m_svc->update(m_o.officer, id, secret));
        QCOMPARE(m_svc->get(m_o.officer, id)->bookId, QStringLiteral("outgoing"));

        // Who may: the drafter and an administrator, nobody else.
        OutgoingDraftChanges other;
        other.subject = QStringLiteral("Sửa bởi người khác");
        expectError(m_svc->update(m_o.leader, id, other).error(), "permission.drafter");
        expectError(m_svc->update(m_o.clerk, id, other).error(), "permission.drafter");
        expectError(m_svc->update(m_o.officer2, id, other).error(), "permission.view");
        other.unitId = m_o.unitVX;
        expectError(m_svc->update(m_o.officer, id, other).error(), "permission.unit");
        other.unitId.reset();
        auto byAdmin = m_svc->update(m_o.admin, id, other);
        GD_VERIFY_OK(byAdmin);
        // The default holder of the archive copy follows the drafting unit.
        OutgoingDraftChanges unit;
        unit.unitId = m_o.unitVX;
        auto movedUnit = m_svc->update(m_o.admin, id, unit);
        GD_VERIFY_OK(movedUnit);
        QCOMPARE(movedUnit->archiveHolder, QStringLiteral("Văn thư; Phòng Văn hóa - Xã hội"));
        unit.unitId = m_o.unitKT;
        auto movedBack = m_svc->update(m_o.admin, id, unit);
        GD_VERIFY_OK(movedBack);
        QCOMPARE(movedBack->archiveHolder, QStringLiteral("Văn thư; Phòng Kinh tế"));
        // Nothing given, or nothing different.
        expectError(m_svc->update(m_o.officer, id, {}).error(), "outgoing.no-change");
        expectError(m_svc->update(m_o.officer, id, other).error(), "outgoing.no-change");
        OutgoingDraftChanges bad;
        bad.dueDate = QDate::currentDate().addDays(-3);
        expectError(m_svc->update(m_o.officer, id, bad).error(), "outgoing.due-date");
        bad = {};
        bad.typeAbbr = QStringLiteral("XYZ");
        expectError(m_svc->update(m_o.officer, id, bad).error(), "outgoing.type");
        // Removing the due date.
        OutgoingDraftChanges noDue;
        noDue.dueDate = QDate();
        auto cleared = m_svc->update(m_o.officer, id, noDue);
        GD_VERIFY_OK(cleared);
        QVERIFY(!cleared->dueDate.isValid());

        // Submitted: no more editing; returned: editing again.
        GD_VERIFY_OK(m_svc->submit(m_o.officer, id));
        OutgoingDraftChanges late;
        late.copies = 9;
        expectError(m_svc->update(m_o.officer, id, late).error(), "outgoing.state");
        GD_VERIFY_OK(m_svc->returnForRevision(m_o.leader, id, QStringLiteral("Sửa số bản")));
        auto again = m_svc->update(m_o.officer, id, late);
        GD_VERIFY_OK(again);
        QCOMPARE(again->copies, 9);
        QCOMPARE(again->status, OutgoingStatus::Returned);

        // A reserved number: the book cannot change, the notation change follows into the number log.
        GD_VERIFY_OK(m_svc->reserveNumber(m_o.clerk, id, QStringLiteral("Giữ số")));
        OutgoingDraftChanges toSecret;
        toSecret.secrecy = Secrecy::ToiMat;
        expectError(m_svc->update(m_o.officer, id, toSecret).error(), "outgoing.reserved-book");
        OutgoingDraftChanges toPlan;
        toPlan.typeAbbr = QStringLiteral("TB");
        auto renamed = m_svc->update(m_o.officer, id, toPlan);
        GD_VERIFY_OK(renamed);
        QCOMPARE(renamed->notation, QStringLiteral("TB-UBND"));
        auto log = m_svc->numberLog(m_o.clerk, QStringLiteral("outgoing"), QDate::currentDate().year());
        GD_VERIFY_OK(log);
        QCOMPARE(log->size(), 1);
        QCOMPARE(log->first().notation, QStringLiteral("TB-UBND"));

        // Every change is in the history and the audit trail.
        auto hist = m_svc->history(m_o.officer, id);
        GD_VERIFY_OK(hist);
        QStringList updates;
        for (const ProgressEntry &e : hist.value())
            if (e.kind == QLatin1String("update"))
                updates << e.note;
        QCOMPARE(updates.size(), 9);
        QVERIFY2(updates.first().contains(QStringLiteral("subject")) &&
                     updates.first().contains(QStringLiteral("notation")) &&
                     updates.first().contains(QStringLiteral("copies")),
                 qPrintable(updates.first()));
        auto trail = storage::AuditLog::entriesFor(*m_o.db, id);
        GD_VERIFY_OK(trail);
        int audited = 0;
        for (const core::AuditRecord &r : trail.value())
            if (r.action == QLatin1String("outgoing.update")) {
                ++audited;
                if (audited == 1) {
                    QCOMPARE(r.before[QStringLiteral("subject")].toString(), QStringLiteral("Về việc họp"));
                    QCOMPARE(r.after[QStringLiteral("copies")].toInt(), 7);
                }
            }
        QCOMPARE(audited, 9);
        GD_VERIFY_OK(storage::AuditLog::verify(*m_o.db));
    }

    // ------------------------------------------------------------ Sổ gửi văn bản đi bưu điện

    OutgoingDocument issuedDocument(const QString &type, const QString &subject, const QDate &on = {})
    {
        OutgoingDraft d = draftOf(type, subject, m_o.unitKT);
        d.recipientCodes = {QStringLiteral("000.00.01.H16")};
        auto doc = m_svc->draft(m_o.officer, d);
        if (!doc || !m_svc->submit(m_o.officer, doc->id) || !m_svc->approve(m_o.leader, doc->id))
            return {};
        auto issued = m_svc->issueNumber(m_o.clerk, doc->id, on);
        return issued ? issued.value() : OutgoingDocument{};
    }

    void postRegister_data()
    {
        addEngineRows();
    }
    void postRegister()
    {
        SET_UP();
        const int year = QDate::currentDate().year();
        const OutgoingDocument a =
            issuedDocument(QStringLiteral("TB"), QStringLiteral("Thông báo lịch tiếp dân"));
        const OutgoingDocument b =
            issuedDocument(QStringLiteral("KH"), QStringLiteral("Kế hoạch phòng chống lụt"));
        const OutgoingDocument old = issuedDocument(
            QStringLiteral("CV"), QStringLiteral("Công văn năm trước"), QDate(year - 1, 12, 20));
        QVERIFY(!a.id.isEmpty() && !b.id.isEmpty() && !old.id.isEmpty());

        PostDetails post;
        post.envelopes = 3;
        post.recipients = QStringLiteral("UBND các huyện Cư Jút, Krông Nô, Đắk Mil");
        post.note = QStringLiteral("Gửi bảo đảm");
        expectError(m_svc->markSentByPost(m_o.officer, a.id, post).error(), "permission.issue");
        expectError(m_svc->markSentByPost(m_o.leader, a.id, post).error(), "permission.issue");
        PostDetails none = post;
        none.envelopes = 0;
        expectError(m_svc->markSentByPost(m_o.clerk, a.id, none).error(), "outgoing.envelopes");
        PostDetails tomorrow = post;
        tomorrow.sentOn = QDate::currentDate().addDays(1);
        expectError(m_svc->markSentByPost(m_o.clerk, a.id, tomorrow).error(), "outgoing.date-future");
        PostDetails early = post;
        early.sentOn = QDate(year - 1, 12, 19);
        expectError(m_svc->markSentByPost(m_o.clerk, old.id, early).error(), "outgoing.date-before-issue");
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outgoing_post_sendings")), 0);

        auto sent = m_svc->markSentByPost(m_o.clerk, a.id, post);
        GD_VERIFY_OK(sent);
        QCOMPARE(sent->status, OutgoingStatus::Sent);
        QCOMPARE(sent->sentChannel, QStringLiteral("buu-dien"));
        // A further batch of envelopes for the same document.
        PostDetails more;
        more.recipients = QStringLiteral("Sở Nội vụ");
        // (Each call in a variable: GD_VERIFY_OK evaluates its argument twice, and sending by post again is
        // allowed.)
        auto second = m_svc->markSentByPost(m_o.clerk, a.id, more);
        GD_VERIFY_OK(second);
        QCOMPARE(second->status, OutgoingStatus::Sent);
        // The plain send by post (as the send dialog does) is an entry too: one envelope, the recipients.
        auto plain = m_svc->markSent(m_o.clerk, b.id, SendChannel::Post, QStringLiteral("Thường"));
        GD_VERIFY_OK(plain);
        PostDetails lastYear;
        lastYear.sentOn = QDate(year - 1, 12, 22);
        auto late = m_svc->markSentByPost(m_o.clerk, old.id, lastYear);
        GD_VERIFY_OK(late);
        // Not by post: no entry. A recalled document is not sent again.
        const OutgoingDocument c = issuedDocument(QStringLiteral("TB"), QStringLiteral("Thông báo nội bộ"));
        auto internal = m_svc->markSent(m_o.clerk, c.id, SendChannel::Internal);
        GD_VERIFY_OK(internal);
        expectError(m_svc->markSent(m_o.clerk, c.id, SendChannel::Internal).error(), "outgoing.state");
        auto recalled = m_svc->recall(m_o.leader, b.id, QStringLiteral("Sai địa bàn"));
        GD_VERIFY_OK(recalled);
        expectError(m_svc->markSentByPost(m_o.clerk, b.id, more).error(), "outgoing.state");

        RegisterPeriod thisYear;
        thisYear.year = year;
        auto sendings = m_svc->postSendings(m_o.clerk, thisYear);
        GD_VERIFY_OK(sendings);
        QCOMPARE(sendings->size(), 3);
        QCOMPARE(sendings->at(0).reference, a.reference());
        QCOMPARE(sendings->at(0).envelopes, 3);
        QCOMPARE(sendings->at(0).note, QStringLiteral("Gửi bảo đảm"));
        QCOMPARE(sendings->at(1).recipients, QStringLiteral("Sở Nội vụ"));
        QCOMPARE(sendings->at(2).reference, b.reference());
        QCOMPARE(sendings->at(2).envelopes, 1);
        QCOMPARE(sendings->at(2).recipients, QStringLiteral("Sở Tài chính"));
        QCOMPARE(sendings->at(2).note, QStringLiteral("Thường"));
        RegisterPeriod range;
        range.from = QDate(year - 1, 12, 1);
        range.to = QDate(year - 1, 12, 31);
        auto previous = m_svc->postSendings(m_o.leader, range);
        GD_VERIFY_OK(previous);
        QCOMPARE(previous->size(), 1);
        QCOMPARE(previous->first().sentOn, QDate(year - 1, 12, 22));
        expectError(m_svc->postSendings(m_o.officer, thisYear).error(), "permission.register-view");
        expectError(m_svc->postSendings(m_o.clerk, RegisterPeriod{}).error(), "outgoing.period");

        // The printed book: six columns, the entries in order.
        storage::Accounts accounts(*m_o.db);
        OutgoingRegisters registers(*m_svc, accounts);
        auto report = registers.buildPost(m_o.clerk, thisYear);
        GD_VERIFY_OK(report);
        QCOMPARE(report->columns.size(), 6);
        QCOMPARE(report->rows.size(), 3);
        QCOMPARE(report->rows.first().at(3), QStringLiteral("3"));
        const QString text = registerText(report.value());
        for (const char *header : {"REGISTEROFOUTGOINGDOCUMENTSSENTBYPOST", "Datesent", "Number,notation",
                                   "Recipients", "Envelopes", "Signatureandpostmark", "Notes"})
            QVERIFY2(text.contains(QString::fromUtf8(header)), header);
        for (int column = 1; column <= 6; ++column)
            QVERIFY(text.contains(QStringLiteral("(%1)").arg(column)));
        QVERIFY2(text.contains(squeeze(post.recipients)), qPrintable(text.left(2000)));
        QVERIFY(text.contains(QStringLiteral("Gửibảođảm")));
        QVERIFY(text.indexOf(a.reference()) < text.indexOf(b.reference()));
        QVERIFY(!text.contains(old.reference()));
        expectError(registers.buildPost(m_o.officer, thisYear).error(), "permission.print");

        auto trail = storage::AuditLog::entriesFor(*m_o.db, sendings->first().id);
        GD_VERIFY_OK(trail);
        QCOMPARE(trail->size(), 1);
        QCOMPARE(trail->first().action, QStringLiteral("outgoing.post-sending"));
        QCOMPARE(trail->first().after[QStringLiteral("envelopes")].toInt(), 3);
        GD_VERIFY_OK(storage::AuditLog::verify(*m_o.db));
    }

    // ------------------------------------------------------------ Sổ sử dụng bản lưu

    void archiveUse_data()
    {
        addEngineRows();
    }
    void archiveUse()
    {
        SET_UP();
        const int year = QDate::currentDate().year();
        const OutgoingDocument a =
            issuedDocument(QStringLiteral("QĐ"), QStringLiteral("Quyết định phê duyệt"));
        QVERIFY(!a.id.isEmpty());
        auto draftOnly =
            m_svc->draft(m_o.officer, draftOf(QStringLiteral("CV"), QStringLiteral("Dự thảo"), m_o.unitKT));
        GD_VERIFY_OK(draftOnly);

        const QString borrower = QStringLiteral("Lê Thị Hoa");
        const QString permitted = QStringLiteral("Nguyễn Văn An");
        expectError(m_svc->lendArchiveCopy(m_o.officer, a.id, borrower, {}, permitted).error(),
                    "permission.archive-use");
        expectError(m_svc->lendArchiveCopy(m_o.leader, a.id, borrower, {}, permitted).error(),
                    "permission.archive-use");
        expectError(m_svc->lendArchiveCopy(m_o.clerk, draftOnly->id, borrower, {}, permitted).error(),
                    "outgoing.archive-not-issued");
        expectError(m_svc->lendArchiveCopy(m_o.clerk, a.id, QStringLiteral(" "), {}, permitted).error(),
                    "outgoing.borrower");
        expectError(m_svc->lendArchiveCopy(m_o.clerk, a.id, borrower, {}, {}).error(),
                    "outgoing.permitted-by");

        auto loan = m_svc->lendArchiveCopy(m_o.clerk, a.id, borrower, QStringLiteral("HS-05/VP"), permitted,
                                           QStringLiteral("Phục vụ thanh tra"));
        GD_VERIFY_OK(loan);
        QCOMPARE(loan->reference, a.reference());
        QCOMPARE(loan->lentOn, QDate::currentDate());
        QCOMPARE(loan->lentBy, QStringLiteral("vanthu"));
        QVERIFY(!loan->isReturned());
        // One archive copy: with one person at a time.
        expectError(
            m_svc->lendArchiveCopy(m_o.clerk, a.id, QStringLiteral("Đỗ Văn Tâm"), {}, permitted).error(),
            "outgoing.archive-out");
        expectError(m_svc->returnArchiveCopy(m_o.officer, loan->id).error(), "permission.archive-use");
        expectError(m_svc->returnArchiveCopy(m_o.clerk, loan->id, QDate::currentDate().addDays(-1)).error(),
                    "outgoing.loan-date");
        expectError(m_svc->returnArchiveCopy(m_o.clerk, loan->id, QDate::currentDate().addDays(1)).error(),
                    "outgoing.date-future");
        expectError(m_svc->returnArchiveCopy(m_o.clerk, QStringLiteral("khong-co")).error(),
                    "outgoing.loan-unknown");
        auto back = m_svc->returnArchiveCopy(m_o.admin, loan->id);
        GD_VERIFY_OK(back);
        QCOMPARE(back->returnedOn, QDate::currentDate());
        QCOMPARE(back->returnedBy, QStringLiteral("admin"));
        expectError(m_svc->returnArchiveCopy(m_o.clerk, loan->id).error(), "outgoing.loan-returned");
        auto second = m_svc->lendArchiveCopy(m_o.clerk, a.id, QStringLiteral("Đỗ Văn Tâm"), {}, permitted);
        GD_VERIFY_OK(second);

        RegisterPeriod thisYear;
        thisYear.year = year;
        auto loans = m_svc->archiveLoans(m_o.leader, thisYear);
        GD_VERIFY_OK(loans);
        QCOMPARE(loans->size(), 2);
        QCOMPARE(loans->first().borrowerName, borrower);
        QCOMPARE(loans->first().fileRef, QStringLiteral("HS-05/VP"));
        QVERIFY(loans->first().isReturned());
        QVERIFY(!loans->last().isReturned());
        RegisterPeriod lastYear;
        lastYear.year = year - 1;
        QCOMPARE(m_svc->archiveLoans(m_o.clerk, lastYear)->size(), 0);
        expectError(m_svc->archiveLoans(m_o.officer, thisYear).error(), "permission.register-view");

        storage::Accounts accounts(*m_o.db);
        auto report = OutgoingRegisters(*m_svc, accounts).buildArchiveUse(m_o.clerk, thisYear);
        GD_VERIFY_OK(report);
        QCOMPARE(report->columns.size(), 9);
        QCOMPARE(report->rows.size(), 2);
        const QString text = registerText(report.value());
        // Narrow columns wrap their headers: the one-line ones are read back whole, the others by their
        // column number.
        for (const char *header : {"REGISTEROFUSEOFARCHIVECOPIES", "Typeandsummary", "Notes"})
            QVERIFY2(text.contains(QString::fromUtf8(header)), header);
        for (int column = 1; column <= 9; ++column)
            QVERIFY(text.contains(QStringLiteral("(%1)").arg(column)));
        QVERIFY2(text.contains(squeeze(borrower)) && text.contains(QStringLiteral("ĐỗVănTâm")),
                 qPrintable(text.left(2000)));
        QVERIFY(text.contains(QStringLiteral("HS-05/VP")));
        QVERIFY(text.contains(a.reference()));
        QVERIFY(text.contains(QStringLiteral("Phụcvụ")) && text.contains(QStringLiteral("thanhtra")));
        QVERIFY(text.indexOf(squeeze(borrower)) < text.indexOf(QStringLiteral("ĐỗVănTâm")));

        // The document's history and the audit trail tell the same story.
        auto hist = m_svc->history(m_o.clerk, a.id);
        GD_VERIFY_OK(hist);
        QStringList kinds;
        for (const ProgressEntry &e : hist.value())
            kinds << e.kind;
        QCOMPARE(kinds.count(QStringLiteral("archive-lend")), 2);
        QCOMPARE(kinds.count(QStringLiteral("archive-return")), 1);
        auto trail = storage::AuditLog::entriesFor(*m_o.db, loan->id);
        GD_VERIFY_OK(trail);
        QCOMPARE(trail->size(), 2);
        QCOMPARE(trail->at(1).action, QStringLiteral("outgoing.archive-return"));
        GD_VERIFY_OK(storage::AuditLog::verify(*m_o.db));
    }
};

QTEST_MAIN(TestOutgoingService)
#include "tst_outgoingservice.moc"
