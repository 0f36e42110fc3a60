// A paper document scanned and OCRed, then registered as an incoming document, is found by GovDesk's search
// with a query typed without diacritics, by words that are only in the scan (not in the register fields),
// on both engines, and still after the document has been handled.
#include "SyntheticDocument.h"
#include "documents/IncomingService.h"
#include "scanning/ocr/OcrPipeline.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QSet>
#include <QTest>

using namespace govdesk;
using namespace govdesk::documents;
using namespace govdesk::test;
using storage::Engine;

class TestOcrSearch : public QObject
{
    Q_OBJECT

    Workspaces m_ws;
    QString m_searchable;

    static QSet<QString> ids(const core::Result<QList<IncomingDocument>> &docs)
    {
        QSet<QString> out;
        if (docs)
            for (const auto &d : docs.value())
                out.insert(d.id);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A quyết định of the provincial People's Committee, scanned at 300 dpi and made searchable.
        const ocr::SyntheticPage page = ocr::renderPage(ocr::documentSpec(1));
        QCOMPARE(page.spec.typeAbbr, QStringLiteral("QĐ"));
        const QString dir = m_ws.tempDir();
        const QString scan = dir + QStringLiteral("/scan.pdf");
        m_searchable = dir + QStringLiteral("/Quyết định 42.pdf");
        QFile f(scan);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(ocr::imagePdf({page.image}, 300));
        f.close();
        auto r = scanning::OcrPipeline::runFile(scan, m_searchable, {});
        QVERIFY2(r.ok(), why(r).constData());
    }

    void scannedDocumentIsFoundByItsText_data() { addEngineRows(); }
    void scannedDocumentIsFoundByItsText()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        QVERIFY2(info.ok(), why(info).constData());
        auto office = createOffice(info.value());
        QVERIFY2(office.ok(), why(office).constData());
        const Office o = office.value();
        IncomingService svc(*o.db);

        // The clerk types only the summary; nothing about the legal bases is in the register fields.
        IncomingDraft d;
        d.authorName = QStringLiteral("Ủy ban nhân dân tỉnh Đắk Nông");
        d.number = QStringLiteral("42");
        d.notation = QStringLiteral("QĐ-UBND");
        d.documentDate = QDate::currentDate();
        d.typeAbbr = QStringLiteral("BC");
        d.subject = QStringLiteral("Văn bản giấy đã quét");
        IncomingDraft withScan = d;
        withScan.attachments << AttachmentSource{m_searchable, {}, {}};
        auto scanned = svc.registerDocument(o.clerk, withScan);
        QVERIFY2(scanned.ok(), why(scanned).constData());
        IncomingDraft paperOnly = d;
        paperOnly.number = QStringLiteral("43");
        auto other = svc.registerDocument(o.clerk, paperOnly);
        QVERIFY2(other.ok(), why(other).constData());

        auto search = [&](const QString &q) {
            IncomingFilter f;
            f.search = q;
            f.sort = IncomingFilter::Sort::Relevance;
            return ids(svc.list(o.clerk, f));
        };
        const QSet<QString> found{scanned->id};
        QCOMPARE(search(QStringLiteral("quyet dinh chinh quyen dia phuong")), found);
        QCOMPARE(search(QStringLiteral("quyet dinh nghi dinh 30 2020 cong tac van thu")), found);
        QCOMPARE(search(QStringLiteral("doc lap tu do hanh phuc")), found);
        QCOMPARE(search(QStringLiteral("van ban giay da quet")), (QSet<QString>{scanned->id, other->id}));
        IncomingFilter count;
        count.search = QStringLiteral("quyet dinh chinh quyen");
        QCOMPARE(svc.count(o.clerk, count).value(), 1);

        // Handling the document re-indexes it; the scan's text stays searchable.
        Assignment a;
        a.leadUserId = o.officer.id;
        a.opinion = QStringLiteral("Giao chủ trì tham mưu.");
        auto assigned = svc.assign(o.leader, scanned->id, a);
        QVERIFY2(assigned.ok(), why(assigned).constData());
        QCOMPARE(search(QStringLiteral("quyet dinh chinh quyen dia phuong")), found);
        QCOMPARE(search(QStringLiteral("van ban giay da quet")), (QSet<QString>{scanned->id, other->id}));
    }
};

QTEST_MAIN(TestOcrSearch)
#include "tst_ocr_search.moc"
