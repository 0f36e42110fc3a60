// Search ignores Vietnamese diacritics (đ included) whatever the keyboard produced, and lists sort the way
// Vietnamese readers expect.
#include "core/TextFold.h"

#include <QTest>

#include <algorithm>

using namespace govdesk::core;

class TestTextFold : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void folding_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("province") << QStringLiteral("Đồng Nai") << QStringLiteral("dong nai");
        QTest::newRow("upper case") << QStringLiteral("QUYẾT ĐỊNH") << QStringLiteral("quyet dinh");
        QTest::newRow("small d stroke") << QStringLiteral("đ") << QStringLiteral("d");
        QTest::newRow("capital D stroke") << QStringLiteral("Đ") << QStringLiteral("d");
        QTest::newRow("reference") << QStringLiteral("QUYẾT ĐỊNH số 15/QĐ-UBND")
                                   << QStringLiteral("quyet dinh so 15 qd ubnd");
        QTest::newRow("every tone on a") << QStringLiteral("a à ả ã á ạ") << QStringLiteral("a a a a a a");
        QTest::newRow("breve and circumflex")
            << QStringLiteral("ằẳẵắặ ầẩẫấậ") << QStringLiteral("aaaaa aaaaa");
        QTest::newRow("horn") << QStringLiteral("Ưu tiên Ơn") << QStringLiteral("uu tien on");
        QTest::newRow("punctuation runs")
            << QStringLiteral("  Hà Nội,  ngày -- 05/3 ") << QStringLiteral("ha noi ngay 05 3");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("only punctuation") << QStringLiteral(" ./-, ") << QString();
    }
    void folding()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(govdesk::core::foldForSearch(input), expected);
    }

    void decomposedInputFoldsLikeComposed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("province") << QStringLiteral("Đồng Nai");
        QTest::newRow("title") << QStringLiteral("QUYẾT ĐỊNH về việc phê duyệt");
        QTest::newRow("pangram") << QStringLiteral(
            "Tiếng Việt có dấu: ă â ê ô ơ ư đ, sắc huyền hỏi ngã nặng — Ỷ Ứng Ữ Ặ Ợ");
    }
    void decomposedInputFoldsLikeComposed()
    {
        // macOS and some scanners produce NFD; a user typing NFC must still find it, and the other way round.
        QFETCH(QString, text);
        const QString nfc = text.normalized(QString::NormalizationForm_C);
        const QString nfd = text.normalized(QString::NormalizationForm_D);
        QVERIFY(nfc != nfd);
        QCOMPARE(foldForSearch(nfd), foldForSearch(nfc));
        QCOMPARE(stripDiacritics(nfd), stripDiacritics(nfc));
        QVERIFY(!foldForSearch(nfd).contains(QChar(0x0111)));
    }

    void stripDiacriticsKeepsCaseAndPunctuation()
    {
        QCOMPARE(stripDiacritics(QStringLiteral("15/QĐ-UBND")), QStringLiteral("15/QD-UBND"));
        QCOMPARE(stripDiacritics(QStringLiteral("Sở Tài chính")), QStringLiteral("So Tai chinh"));
        QCOMPARE(stripDiacritics(QStringLiteral("đường Đinh")), QStringLiteral("duong Dinh"));
    }

    void sortOrder_data()
    {
        QTest::addColumn<QStringList>("expected"); // in Vietnamese dictionary order
        QTest::newRow("vowels with shape marks") << QStringList{QStringLiteral("an"), QStringLiteral("ăn"),
                                                                QStringLiteral("ân"), QStringLiteral("bé")};
        QTest::newRow("d before đ") << QStringList{QStringLiteral("Dương"), QStringLiteral("Đà Nẵng"),
                                                   QStringLiteral("Đắk Nông"), QStringLiteral("Em")};
        QTest::newRow("tones after letters") << QStringList{
            QStringLiteral("ma"), QStringLiteral("mà"), QStringLiteral("mả"), QStringLiteral("mã"),
            QStringLiteral("má"), QStringLiteral("mạ"), QStringLiteral("mai")};
        QTest::newRow("o family") << QStringList{QStringLiteral("Ong"), QStringLiteral("Ông"),
                                                 QStringLiteral("Ơn"), QStringLiteral("Phú")};
        QTest::newRow("u family") << QStringList{QStringLiteral("Uông"), QStringLiteral("Ứng"),
                                                 QStringLiteral("Văn")};
        QTest::newRow("shorter first") << QStringList{QStringLiteral("Nam"), QStringLiteral("Nam Định")};
        QTest::newRow("names") << QStringList{QStringLiteral("An Giang"), QStringLiteral("Bình Dương"),
                                              QStringLiteral("Cà Mau"),   QStringLiteral("Đồng Nai"),
                                              QStringLiteral("Hà Nội"),   QStringLiteral("Yên Bái")};
        // Latin letters outside the Vietnamese alphabet keep their Latin places (f after e/ê, j after i,
        // w after v, z last), as in agency and product names.
        QTest::newRow("foreign letters")
            << QStringList{QStringLiteral("An Giang"), QStringLiteral("Ê Đê"),     QStringLiteral("Facebook"),
                           QStringLiteral("Giang"),    QStringLiteral("Internet"), QStringLiteral("Jica"),
                           QStringLiteral("Kon Tum"),  QStringLiteral("Văn"),      QStringLiteral("Wifi"),
                           QStringLiteral("Xuân"),     QStringLiteral("Yên"),      QStringLiteral("Zalo")};
    }
    void sortOrder()
    {
        QFETCH(QStringList, expected);
        QStringList shuffled = expected;
        std::reverse(shuffled.begin(), shuffled.end());
        std::rotate(shuffled.begin(), shuffled.begin() + shuffled.size() / 2, shuffled.end());
        std::stable_sort(shuffled.begin(), shuffled.end(), [](const QString &a, const QString &b) {
            return vietnameseSortKey(a) < vietnameseSortKey(b);
        });
        QCOMPARE(shuffled, expected);
    }

    void sortIgnoresCase()
    {
        QCOMPARE(vietnameseSortKey(QStringLiteral("ĐỒNG NAI")),
                 vietnameseSortKey(QStringLiteral("đồng nai")));
        QVERIFY(vietnameseSortKey(QStringLiteral("an")) < vietnameseSortKey(QStringLiteral("Ăn")));
    }

    void sortKeyOfDecomposedInput()
    {
        const QString nfc = QStringLiteral("Đắk Nông");
        QCOMPARE(vietnameseSortKey(nfc.normalized(QString::NormalizationForm_D)), vietnameseSortKey(nfc));
    }
};

QTEST_APPLESS_MAIN(TestTextFold)
#include "tst_textfold.moc"
