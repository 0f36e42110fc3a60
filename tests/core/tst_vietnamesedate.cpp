// Dates printed and read the Vietnamese way (Decree 30/2020 Phụ lục I II.4.b).
#include "core/VietnameseDate.h"

#include <QTest>

using namespace govdesk::core;

class TestVietnameseDate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void longDate_data()
    {
        QTest::addColumn<QDate>("date");
        QTest::addColumn<QString>("expected");
        // The decree's own examples.
        QTest::newRow("decree example January")
            << QDate(2020, 1, 5) << QStringLiteral("ngày 05 tháng 01 năm 2020");
        QTest::newRow("decree example June")
            << QDate(2019, 6, 29) << QStringLiteral("ngày 29 tháng 6 năm 2019");
        QTest::newRow("February takes a zero")
            << QDate(2026, 2, 9) << QStringLiteral("ngày 09 tháng 02 năm 2026");
        QTest::newRow("March does not") << QDate(2026, 3, 10) << QStringLiteral("ngày 10 tháng 3 năm 2026");
        QTest::newRow("two-digit month")
            << QDate(2026, 12, 31) << QStringLiteral("ngày 31 tháng 12 năm 2026");
        QTest::newRow("invalid") << QDate() << QString();
    }
    void longDate()
    {
        QFETCH(QDate, date);
        QFETCH(QString, expected);
        QCOMPARE(VietnameseDate::longDate(date), expected);
    }

    void shortDate()
    {
        QCOMPARE(VietnameseDate::shortDate(QDate(2026, 3, 5)), QStringLiteral("05/03/2026"));
        QCOMPARE(VietnameseDate::shortDate(QDate(2026, 11, 25)), QStringLiteral("25/11/2026"));
        QCOMPARE(VietnameseDate::shortDate(QDate()), QString());
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("expected");
        QTest::newRow("ISO") << QStringLiteral("2026-03-05") << QDate(2026, 3, 5);
        QTest::newRow("dd/MM/yyyy") << QStringLiteral("05/03/2026") << QDate(2026, 3, 5);
        QTest::newRow("d/M/yyyy") << QStringLiteral("5/3/2026") << QDate(2026, 3, 5);
        QTest::newRow("spaces") << QStringLiteral(" 29/6/2019 ") << QDate(2019, 6, 29);
        QTest::newRow("31 February") << QStringLiteral("31/02/2026") << QDate();
        QTest::newRow("month 13") << QStringLiteral("01/13/2026") << QDate();
        QTest::newRow("words") << QStringLiteral("hôm nay") << QDate();
        QTest::newRow("empty") << QString() << QDate();
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QDate, expected);
        QCOMPARE(VietnameseDate::parse(text), expected);
    }

    void roundTrip()
    {
        for (QDate d(2024, 1, 1); d.year() == 2024; d = d.addDays(1))
            QCOMPARE(VietnameseDate::parse(VietnameseDate::shortDate(d)), d);
    }
};

QTEST_APPLESS_MAIN(TestVietnameseDate)
#include "tst_vietnamesedate.moc"
