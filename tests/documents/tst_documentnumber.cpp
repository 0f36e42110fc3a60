// Numbers and references as Decree 30/2020 prints them, the duplicate rule's notion of "the same document",
// and the overdue flag.
#include "documents/IncomingDocument.h"
#include "documents/IncomingService.h"

#include <QTest>

using namespace govdesk::documents;

class TestDocumentNumber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatNumber_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("expected");
        QTest::newRow("below ten") << QStringLiteral("5") << QStringLiteral("05");
        QTest::newRow("one") << QStringLiteral("1") << QStringLiteral("01");
        QTest::newRow("already padded") << QStringLiteral("05") << QStringLiteral("05");
        QTest::newRow("ten") << QStringLiteral("10") << QStringLiteral("10");
        QTest::newRow("fifteen") << QStringLiteral("15") << QStringLiteral("15");
        QTest::newRow("large") << QStringLiteral("1234") << QStringLiteral("1234");
        QTest::newRow("spaces") << QStringLiteral(" 7 ") << QStringLiteral("07");
        QTest::newRow("with letters") << QStringLiteral("12a") << QStringLiteral("12a");
    }
    void formatNumber()
    {
        QFETCH(QString, number);
        QFETCH(QString, expected);
        QCOMPARE(govdesk::documents::formatNumber(number), expected);
    }

    void formatReference_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("notation");
        QTest::addColumn<QString>("expected");
        // The decree's examples: Số: 15/QĐ-BNV, Số: 05/BNV-VP.
        QTest::newRow("decision") << QStringLiteral("15") << QStringLiteral("QĐ-UBND")
                                  << QStringLiteral("15/QĐ-UBND");
        QTest::newRow("official letter")
            << QStringLiteral("5") << QStringLiteral("BNV-VP") << QStringLiteral("05/BNV-VP");
        QTest::newRow("no notation") << QStringLiteral("5") << QString() << QStringLiteral("05");
        QTest::newRow("no number") << QString() << QStringLiteral("TB-VP") << QStringLiteral("TB-VP");
        QTest::newRow("trimmed") << QStringLiteral(" 123 ") << QStringLiteral(" TTr-SNV ")
                                 << QStringLiteral("123/TTr-SNV");
    }
    void formatReference()
    {
        QFETCH(QString, number);
        QFETCH(QString, notation);
        QFETCH(QString, expected);
        QCOMPARE(govdesk::documents::formatReference(number, notation), expected);
        IncomingDocument d;
        d.number = number;
        d.notation = notation;
        QCOMPARE(d.reference(), expected);
    }

    void sameDocumentForTheDuplicateRule()
    {
        const QString key = IncomingService::duplicateKey(QStringLiteral("5"), QStringLiteral("QĐ-UBND"),
                                                          QStringLiteral("Sở Tài chính"), 2026);
        QCOMPARE(IncomingService::duplicateKey(QStringLiteral("05"), QStringLiteral("QĐ-UBND"),
                                               QStringLiteral("Sở Tài chính"), 2026),
                 key);
        QCOMPARE(IncomingService::duplicateKey(QStringLiteral("5"), QStringLiteral("qđ-ubnd"),
                                               QStringLiteral("SỞ TÀI CHÍNH"), 2026),
                 key);
        QCOMPARE(IncomingService::duplicateKey(QStringLiteral("5"), QStringLiteral("QD-UBND"),
                                               QStringLiteral("So Tai chinh"), 2026),
                 key);
        // Another year, number, notation or organ is another document.
        QVERIFY(IncomingService::duplicateKey(QStringLiteral("5"), QStringLiteral("QĐ-UBND"),
                                              QStringLiteral("Sở Tài chính"), 2025) != key);
        QVERIFY(IncomingService::duplicateKey(QStringLiteral("50"), QStringLiteral("QĐ-UBND"),
                                              QStringLiteral("Sở Tài chính"), 2026) != key);
        QVERIFY(IncomingService::duplicateKey(QStringLiteral("5"), QStringLiteral("TB-UBND"),
                                              QStringLiteral("Sở Tài chính"), 2026) != key);
        QVERIFY(IncomingService::duplicateKey(QStringLiteral("5"), QStringLiteral("QĐ-UBND"),
                                              QStringLiteral("Sở Nội vụ"), 2026) != key);
    }

    void overdue()
    {
        const QDate today(2026, 3, 10);
        IncomingDocument d;
        d.status = IncomingStatus::Assigned;
        QVERIFY(!d.isOverdue(today)); // no deadline
        d.deadline = today;
        QVERIFY(!d.isOverdue(today)); // due today is not late yet
        d.deadline = today.addDays(-1);
        QVERIFY(d.isOverdue(today));
        d.status = IncomingStatus::InProgress;
        QVERIFY(d.isOverdue(today));
        d.status = IncomingStatus::Completed;
        QVERIFY(!d.isOverdue(today));
        d.status = IncomingStatus::Returned;
        QVERIFY(!d.isOverdue(today));
    }

    void vocabularyKeys()
    {
        for (IncomingStatus s : Vocabulary::allStatuses()) {
            QCOMPARE(Vocabulary::statusFromKey(Vocabulary::key(s)), std::optional<IncomingStatus>(s));
            QVERIFY(!Vocabulary::displayName(s).isEmpty());
        }
        for (Urgency u : {Urgency::Normal, Urgency::Khan, Urgency::ThuongKhan, Urgency::HoaToc})
            QCOMPARE(Vocabulary::urgencyFromKey(Vocabulary::key(u)), std::optional<Urgency>(u));
        for (Secrecy s : {Secrecy::None, Secrecy::Mat, Secrecy::ToiMat, Secrecy::TuyetMat})
            QCOMPARE(Vocabulary::secrecyFromKey(Vocabulary::key(s)), std::optional<Secrecy>(s));
        QVERIFY(!Vocabulary::statusFromKey(QStringLiteral("xong")).has_value());
        QVERIFY(!Vocabulary::secrecyFromKey(QStringLiteral("bi-mat")).has_value());
    }

    void jsonCarriesWhatScriptsRead()
    {
        IncomingDocument d;
        d.id = QStringLiteral("abc");
        d.year = 2026;
        d.arrivalNumber = 7;
        d.arrivalDate = QDate(2026, 3, 2);
        d.authorName = QStringLiteral("Sở Tài chính");
        d.number = QStringLiteral("5");
        d.notation = QStringLiteral("BC-STC");
        d.documentDate = QDate(2026, 2, 27);
        d.typeAbbr = QStringLiteral("BC");
        d.subject = QStringLiteral("Tình hình thu chi ngân sách");
        d.status = IncomingStatus::Registered;
        const QJsonObject o = d.toJson();
        QCOMPARE(o.value(QStringLiteral("arrivalNumber")).toInt(), 7);
        QCOMPARE(o.value(QStringLiteral("arrivalDate")).toString(), QStringLiteral("2026-03-02"));
        QCOMPARE(o.value(QStringLiteral("date")).toString(), QStringLiteral("2026-02-27"));
        QCOMPARE(o.value(QStringLiteral("reference")).toString(), QStringLiteral("05/BC-STC"));
        QCOMPARE(o.value(QStringLiteral("subject")).toString(), d.subject);
        QCOMPARE(o.value(QStringLiteral("status")).toString(), Vocabulary::key(IncomingStatus::Registered));
    }
};

QTEST_APPLESS_MAIN(TestDocumentNumber)
#include "tst_documentnumber.moc"
