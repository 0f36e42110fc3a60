// The printed register (Sổ đăng ký văn bản đến, Decree 30/2020 Phụ lục IV): an A4 landscape PDF whose text
// carries the column headers and every entry with its Vietnamese text intact, in số đến order, for the year
// asked; the classified book only for those allowed to see it.
#include "documents/IncomingRegisters.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace govdesk;
using namespace govdesk::documents;
using namespace govdesk::test;
using storage::Engine;

class TestIncomingRegisters : public QObject
{
    Q_OBJECT

    Workspaces m_ws;

    static QString squeeze(QString s)
    {
        s.remove(QRegularExpression(QStringLiteral("\\s+")));
        return s;
    }

private Q_SLOTS:
    void registryPdf_data() { addEngineRows(); }
    void registryPdf()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto office = createOffice(info.value());
        GD_VERIFY_OK(office);
        IncomingService service(*office->db);
        storage::Accounts accounts(*office->db);
        const int year = QDate::currentDate().year();

        struct Entry
        {
            const char *author, *number, *notation, *type, *subject;
        };
        // Short subjects, so each fits on one line of its column and can be read back whole.
        const Entry entries[] = {
            {"Sở Tài chính", "5", "BC-STC", "BC", "Thu chi ngân sách quý"},
            {"Sở Nội vụ", "12", "TTr-SNV", "TTr", "Khen thưởng năm học"},
            {"Bộ Nội vụ", "7", "HD-BNV", "HD", "Vị trí việc làm"},
        };
        QStringList ids;
        for (const Entry &e : entries) {
            IncomingDraft d;
            d.authorName = QString::fromUtf8(e.author);
            d.number = QString::fromUtf8(e.number);
            d.notation = QString::fromUtf8(e.notation);
            d.typeAbbr = QString::fromUtf8(e.type);
            d.subject = QString::fromUtf8(e.subject);
            d.documentDate = QDate::currentDate();
            auto doc = service.registerDocument(office->clerk, d);
            GD_VERIFY_OK(doc);
            ids << doc->id;
        }
        Assignment a;
        a.leadUserId = office->officer.id;
        GD_VERIFY_OK(service.assign(office->leader, ids[1], a));
        // Last year's entry and a classified one stay out of this year's ordinary book.
        IncomingDraft old;
        old.authorName = QStringLiteral("Sở Y tế");
        old.number = QStringLiteral("99");
        old.typeAbbr = QStringLiteral("CV");
        old.subject = QStringLiteral("Công văn năm trước");
        old.arrivalDate = QDate(year - 1, 12, 30);
        GD_VERIFY_OK(service.registerDocument(office->clerk, old));
        IncomingDraft secret = old;
        secret.arrivalDate = QDate();
        secret.number = QStringLiteral("98");
        secret.subject = QStringLiteral("Tài liệu tuyệt mật");
        secret.secrecy = Secrecy::TuyetMat;
        GD_VERIFY_OK(service.registerDocument(office->clerk, secret));

        IncomingRegisters registers(service, accounts);
        IncomingRegisters::Request req;
        req.year = year;
        auto report = registers.build(office->clerk, req);
        GD_VERIFY_OK(report);
        QCOMPARE(report->rows.size(), 3);
        QCOMPARE(report->columns.size(), 10); // the ten columns of Phụ lục IV
        QCOMPARE(report->organName, office->identity.orgName);

        const QString pdf = m_ws.tempDir() + QStringLiteral("/so-den.pdf");
        GD_VERIFY_OK(reports::RegisterPrinter::writePdf(report.value(), pdf));
        int pages = 0;
        const QSizeF size = pdfPageSize(pdf, &pages);
        QVERIFY2(size.isValid(), "pdfinfo could not read the register");
        // A4 landscape: 842 x 595 pt.
        QVERIFY2(qAbs(size.width() - 841.89) < 1.0 && qAbs(size.height() - 595.28) < 1.0,
                 qPrintable(QStringLiteral("%1 x %2").arg(size.width()).arg(size.height())));
        QVERIFY(pages >= 2); // cover page, then the table

        const QString text = pdfText(pdf);
        QVERIFY2(!text.isEmpty(), "pdftotext gave no text");
        const QString flat = squeeze(text);
        QVERIFY2(text.contains(office->identity.orgName.toUpper()), qPrintable(text.left(2000)));
        // No translator is loaded here, so the texts are the English sources. Narrow columns wrap their
        // headers over several lines, so only the one-line ones are read back whole, plus the column numbers.
        QVERIFY(text.contains(QStringLiteral("REGISTER OF INCOMING DOCUMENTS")));
        QVERIFY(text.contains(QStringLiteral("Year %1").arg(year)));
        QVERIFY(text.contains(QStringLiteral("From number 1 to number 3")));
        for (const char *header : {"Author", "Type and summary", "Notes"})
            QVERIFY2(text.contains(QString::fromUtf8(header)), header);
        for (int column = 1; column <= 10; ++column)
            QVERIFY(flat.contains(QStringLiteral("(%1)").arg(column)));
        int previous = -1;
        for (const Entry &e : entries) {
            const QString subject = QString::fromUtf8(e.subject);
            QVERIFY2(text.contains(subject), qPrintable(subject + QStringLiteral("\n") + text));
            QVERIFY2(text.contains(QString::fromUtf8(e.author)), e.author);
            // In số đến order.
            const int at = text.indexOf(subject);
            QVERIFY(at > previous);
            previous = at;
        }
        QVERIFY(text.contains(QStringLiteral("05/BC-STC")));
        QVERIFY(text.contains(QStringLiteral("12/TTr-SNV")));
        QVERIFY(text.contains(office->officer.fullName)); // unit or person receiving
        QVERIFY(!text.contains(QStringLiteral("Công văn năm trước")));
        QVERIFY(!text.contains(QStringLiteral("tuyệt mật")));

        // The classified book: for the clerk and leaders only.
        req.bookId = QStringLiteral("incoming-secret");
        auto secretReport = registers.build(office->clerk, req);
        GD_VERIFY_OK(secretReport);
        QCOMPARE(secretReport->rows.size(), 1);
        QVERIFY(!registers.build(office->admin, req).ok());
        req.bookId = QStringLiteral("incoming");
        auto refused = registers.build(office->officer, req);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code(), QStringLiteral("permission.print"));
    }

    void trackingRegisterAndEmptyYear_data() { addEngineRows(); }
    void trackingRegisterAndEmptyYear()
    {
        QFETCH(Engine, engine);
        auto info = m_ws.fresh(engine);
        GD_VERIFY_OK(info);
        auto office = createOffice(info.value());
        GD_VERIFY_OK(office);
        IncomingService service(*office->db);
        storage::Accounts accounts(*office->db);
        IncomingRegisters registers(service, accounts);
        IncomingDraft d;
        d.authorName = QStringLiteral("Sở Tài chính");
        d.number = QStringLiteral("3");
        d.typeAbbr = QStringLiteral("CV");
        d.subject = QStringLiteral("Đôn đốc báo cáo");
        auto doc = service.registerDocument(office->clerk, d);
        GD_VERIFY_OK(doc);
        Assignment a;
        a.leadUserId = office->officer.id;
        a.deadline = QDate::currentDate().addDays(3);
        GD_VERIFY_OK(service.assign(office->leader, doc->id, a));
        GD_VERIFY_OK(
            service.recordProgress(office->officer, doc->id, QStringLiteral("Đang tổng hợp số liệu")));

        IncomingRegisters::Request req;
        req.kind = IncomingRegisters::Kind::Tracking;
        req.year = QDate::currentDate().year();
        auto tracking = registers.build(office->leader, req);
        GD_VERIFY_OK(tracking);
        QCOMPARE(tracking->columns.size(), 7);
        QCOMPARE(tracking->rows.size(), 1);
        QVERIFY(
            tracking->rows.first().join(QLatin1Char('|')).contains(QStringLiteral("Đang tổng hợp số liệu")));

        IncomingRegisters::Request empty;
        empty.year = 1999;
        auto none = registers.build(office->clerk, empty);
        GD_VERIFY_OK(none);
        QVERIFY(none->rows.isEmpty());
        const QString pdf = m_ws.tempDir() + QStringLiteral("/trong.pdf");
        GD_VERIFY_OK(reports::RegisterPrinter::writePdf(none.value(), pdf));
        QVERIFY(squeeze(pdfText(pdf)).contains(squeeze(none->emptyText)));
    }
};

QTEST_MAIN(TestIncomingRegisters)
#include "tst_incomingregisters.moc"
