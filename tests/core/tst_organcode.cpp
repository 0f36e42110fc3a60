// Mã định danh of agencies (000.00.00.H16): the shape, the rule that a lower level needs every level above
// it, the level and the parent code the organisation tree is built from.
#include "core/OrganCode.h"

#include <QTest>

using namespace govdesk::core;

class TestOrganCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("level");
        QTest::addColumn<QString>("parent");
        QTest::newRow("province Đắk Nông") << "000.00.00.H16"
                                           << "000.00.00.H16" << 1 << QString();
        QTest::newRow("ministry") << "000.00.00.G09"
                                  << "000.00.00.G09" << 1 << QString();
        QTest::newRow("unit of a province") << "000.00.06.H56"
                                            << "000.00.06.H56" << 2 << "000.00.00.H56";
        QTest::newRow("third level") << "000.12.06.H56"
                                     << "000.12.06.H56" << 3 << "000.00.06.H56";
        QTest::newRow("fourth level") << "001.12.06.H56"
                                      << "001.12.06.H56" << 4 << "000.12.06.H56";
        QTest::newRow("lower case and spaces") << "  000.00.06.h56 "
                                               << "000.00.06.H56" << 2 << "000.00.00.H56";
    }
    void valid()
    {
        QFETCH(QString, input);
        QFETCH(QString, text);
        QFETCH(int, level);
        QFETCH(QString, parent);
        const auto code = OrganCode::parse(input);
        QVERIFY2(code.ok(), qPrintable(code.error().english()));
        QCOMPARE(code->text(), text);
        QCOMPARE(code->level(), level);
        QCOMPARE(code->parentCode(), parent);
        QVERIFY(OrganCode::isValid(text));
    }

    void parentChainEndsAtTheProvince()
    {
        auto code = OrganCode::parse(QStringLiteral("001.12.06.H56"));
        QVERIFY(code.ok());
        QStringList chain{code->text()};
        while (!code->parentCode().isEmpty()) {
            code = OrganCode::parse(code->parentCode());
            QVERIFY(code.ok());
            chain << code->text();
        }
        QCOMPARE(chain, (QStringList{QStringLiteral("001.12.06.H56"), QStringLiteral("000.12.06.H56"),
                                     QStringLiteral("000.00.06.H56"), QStringLiteral("000.00.00.H56")}));
    }

    void invalidShape_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("empty") << QString();
        QTest::newRow("words") << QStringLiteral("UBND tỉnh");
        QTest::newRow("short first group") << QStringLiteral("00.00.00.H16");
        QTest::newRow("long first group") << QStringLiteral("0000.00.00.H16");
        QTest::newRow("no letter") << QStringLiteral("000.00.00.116");
        QTest::newRow("two letters") << QStringLiteral("000.00.00.HH6");
        QTest::newRow("one digit") << QStringLiteral("000.00.00.H1");
        QTest::newRow("dashes") << QStringLiteral("000-00-00-H16");
        QTest::newRow("three groups") << QStringLiteral("000.00.H16");
        QTest::newRow("trailing text") << QStringLiteral("000.00.00.H16x");
        QTest::newRow("letter in digits") << QStringLiteral("000.0A.00.H16");
    }
    void invalidShape()
    {
        QFETCH(QString, input);
        const auto code = OrganCode::parse(input);
        QVERIFY(!code.ok());
        QCOMPARE(code.error().code(), QStringLiteral("organ.code.invalid"));
        QVERIFY(!OrganCode::isValid(input));
        // The user sees what they typed and the expected form.
        QVERIFY(code.error().english().contains(QStringLiteral("000.00.00.H16")));
        if (!input.isEmpty())
            QVERIFY(code.error().english().contains(input));
    }

    void gap_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("level 3 without level 2") << QStringLiteral("000.01.00.H16");
        QTest::newRow("level 4 without level 3") << QStringLiteral("001.00.06.H56");
        QTest::newRow("level 4 without level 2") << QStringLiteral("001.01.00.H56");
        QTest::newRow("only level 4") << QStringLiteral("001.00.00.H56");
    }
    void gap()
    {
        QFETCH(QString, input);
        const auto code = OrganCode::parse(input);
        QVERIFY(!code.ok());
        QCOMPARE(code.error().code(), QStringLiteral("organ.code.gap"));
        QVERIFY(code.error().english().contains(input));
    }
};

QTEST_APPLESS_MAIN(TestOrganCode)
#include "tst_organcode.moc"
