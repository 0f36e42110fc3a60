// Reading the register fields off recognised words (no recogniser involved): "Số: 15/QĐ-UBND" and the place
// and date as OCR garbles them, the type from the title line or the notation, the organ above the number and
// not the Quốc hiệu beside it, the trích yếu under the title or after "V/v", each field with its page and
// box. A clerk relies on these to prefill the incoming register.
#include "scanning/ocr/OcrEngine.h"
#include "scanning/ocr/RegisterFieldExtractor.h"

#include <QTest>

using namespace govdesk::scanning;

namespace {

/// Lays out text lines the way a recogniser returns them: words with boxes (a character advances half the
/// size), one line index per call. `x` is the left edge, `y` the top, in points.
class Page
{
public:
    void line(const QString &text, double x, double y, double size = 12, double confidence = 0.95)
    {
        ++m_line;
        for (const QString &w : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const double width = w.size() * size * 0.5;
            m_page.words.append({w, QRectF(x, y, width, size), confidence, m_line});
            x += width + size * 0.3;
        }
    }
    /// A second column on the same recognised line (what PSM 6 returns for the two header columns).
    void sameLine(const QString &text, double x, double y, double size = 12)
    {
        --m_line;
        line(text, x, y, size);
    }
    OcrPage page(int index = 0)
    {
        m_page.index = index;
        m_page.size = QSizeF(595, 842);
        return m_page;
    }

private:
    OcrPage m_page;
    int m_line = -1;
};

double width(const QString &text, double size = 12)
{
    return text.size() * size * 0.5 + (text.count(QLatin1Char(' '))) * size * 0.3;
}

/// Centred at `centre`.
double at(double centre, const QString &text, double size = 12)
{
    return centre - width(text, size) / 2;
}

} // namespace

class TestRegisterFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numberLine_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("notation");
        QTest::addColumn<bool>("exact");
        QTest::newRow("as printed") << QStringLiteral("Số: 15/QĐ-UBND") << "15" << QStringLiteral("QĐ-UBND")
                                    << true;
        QTest::newRow("leading zero") << QStringLiteral("Số: 05/BNV-VP") << "5"
                                      << "BNV-VP" << true;
        QTest::newRow("S6") << QStringLiteral("S6: 15/QĐ-UBND") << "15" << QStringLiteral("QĐ-UBND") << false;
        QTest::newRow("Sô") << QStringLiteral("Sô: 15/QĐ-UBND") << "15" << QStringLiteral("QĐ-UBND") << false;
        QTest::newRow("spaces") << QStringLiteral("Số : 15 / QĐ - UBND") << "15" << QStringLiteral("QĐ-UBND")
                                << false;
        QTest::newRow("O for 0") << QStringLiteral("Số: 1O/QĐ-UBND") << "10" << QStringLiteral("QĐ-UBND")
                                 << false;
        QTest::newRow("O5") << QStringLiteral("Số: O5/UBND-VX") << "5"
                            << "UBND-VX" << false;
        QTest::newRow("no colon") << QStringLiteral("Số 127/TTr-STC") << "127"
                                  << "TTr-STC" << false;
        QTest::newRow("date merged") << QStringLiteral("Số: 15/QĐ-STC Đắk Nông, ngày 05 tháng 01 năm 2026")
                                     << "15" << QStringLiteral("QĐ-STC") << true;
    }
    void numberLine()
    {
        QFETCH(QString, line);
        QFETCH(QString, number);
        QFETCH(QString, notation);
        QFETCH(bool, exact);
        const auto r = readNumberLine(line);
        QVERIFY(r);
        QCOMPARE(r->number, number);
        QCOMPARE(r->notation, notation);
        QCOMPARE(r->quality == 1.0, exact);
        QVERIFY(r->quality > 0.5);
        QCOMPARE(line.mid(r->numberStart, r->numberEnd - r->numberStart).remove(QLatin1Char('O')).size() > 0,
                 true);
    }

    void notANumberLine()
    {
        QVERIFY(!readNumberLine(QStringLiteral("SỞ TÀI CHÍNH")));
        QVERIFY(!readNumberLine(QStringLiteral("Sở Tài chính tỉnh Đắk Nông")));
        QVERIFY(!readNumberLine(QStringLiteral("Số lượng: 15 bản")));
        QVERIFY(!readNumberLine(QStringLiteral("Số: 00/QĐ-UBND")));
    }

    void dateLine_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("place");
        QTest::addColumn<QDate>("date");
        QTest::addColumn<bool>("exact");
        QTest::newRow("as printed") << QStringLiteral("Đắk Nông, ngày 05 tháng 01 năm 2026")
                                    << QStringLiteral("Đắk Nông") << QDate(2026, 1, 5) << true;
        QTest::newRow("no leading zeros") << QStringLiteral("Hà Nội, ngày 5 tháng 1 năm 2026")
                                          << QStringLiteral("Hà Nội") << QDate(2026, 1, 5) << true;
        QTest::newRow("no diacritics") << "Dak Nong, ngay 29 thang 6 nam 2025"
                                       << "Dak Nong" << QDate(2025, 6, 29) << false;
        QTest::newRow("O for 0") << QStringLiteral("Cư Jút, ngày O5 tháng 1O năm 2O26")
                                 << QStringLiteral("Cư Jút") << QDate(2026, 10, 5) << false;
        QTest::newRow("after the number")
            << QStringLiteral("Số: 15/QĐ-STC Đắk Nông, ngày 05 tháng 01 năm 2026")
            << QStringLiteral("Đắk Nông") << QDate(2026, 1, 5) << true;
        QTest::newRow("OCR accents") << QStringLiteral("Đắk Mil, ngảy 31 thảng 12 nắm 2025")
                                     << QStringLiteral("Đắk Mil") << QDate(2025, 12, 31) << false;
    }
    void dateLine()
    {
        QFETCH(QString, line);
        QFETCH(QString, place);
        QFETCH(QDate, date);
        QFETCH(bool, exact);
        const auto r = readDateLine(line);
        QVERIFY(r);
        QCOMPARE(r->place, place);
        QCOMPARE(r->date, date);
        QCOMPARE(r->quality == 1.0, exact);
        QCOMPARE(line.mid(r->placeStart, r->placeEnd - r->placeStart), place);
    }

    void impossibleDateIsRefused()
    {
        QVERIFY(!readDateLine(QStringLiteral("Đắk Nông, ngày 30 tháng 02 năm 2026")));
        QVERIFY(!readDateLine(QStringLiteral("Đắk Nông, ngày 05 tháng 13 năm 2026")));
        QVERIFY(!readDateLine(QStringLiteral("Căn cứ Luật ngày 19 tháng 6")));
    }

    void titleLine()
    {
        auto r = readTitleLine(QStringLiteral("QUYẾT ĐỊNH"));
        QVERIFY(r);
        QCOMPARE(r->kind.abbr, QStringLiteral("QĐ"));
        QCOMPARE(r->quality, 1.0);
        r = readTitleLine(QStringLiteral("QUYET DINH"));
        QVERIFY(r);
        QCOMPARE(r->kind.name, QStringLiteral("Quyết định"));
        QVERIFY(r->quality < 1.0);
        r = readTitleLine(QStringLiteral("QUYẾT ĐlNH"));
        QVERIFY(r);
        QCOMPARE(r->kind.name, QStringLiteral("Quyết định"));
        r = readTitleLine(QStringLiteral("GIẤY MỜI"));
        QVERIFY(r);
        QCOMPARE(r->kind.abbr, QStringLiteral("GM"));
        r = readTitleLine(QStringLiteral("BẢN THỎA THUẬN"));
        QVERIFY(r);
        QCOMPARE(r->kind.abbr, QStringLiteral("BTT"));
        QVERIFY(!readTitleLine(QStringLiteral("Quyết định thành lập tổ công tác")));
        QVERIFY(!readTitleLine(QStringLiteral("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")));
        QCOMPARE(decree30Kinds().size(), 29);
    }

    void kindFromTheNotation()
    {
        QCOMPARE(kindFromNotation(QStringLiteral("QĐ-UBND"))->name, QStringLiteral("Quyết định"));
        QCOMPARE(kindFromNotation(QStringLiteral("QD-UBND"))->name, QStringLiteral("Quyết định"));
        QCOMPARE(kindFromNotation(QStringLiteral("TTr-STC"))->name, QStringLiteral("Tờ trình"));
        QCOMPARE(kindFromNotation(QStringLiteral("HD-SYT"))->name, QStringLiteral("Hướng dẫn"));
        QCOMPARE(kindFromNotation(QStringLiteral("QyĐ-UBND"))->name, QStringLiteral("Quy định"));
        QVERIFY(!kindFromNotation(QStringLiteral("UBND-VP"))); // a công văn
        QVERIFY(!kindFromNotation(QStringLiteral("STC-NS")));
    }

    void decisionWithTitle()
    {
        // Read as PSM 3 does: each header column its own line.
        Page pg;
        const double left = 178, right = 412;
        pg.line(QStringLiteral("UBND TỈNH ĐẮK NÔNG"), at(left, QStringLiteral("UBND TỈNH ĐẮK NÔNG")), 57);
        pg.line(QStringLiteral("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                at(right, QStringLiteral("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 10), 57, 10);
        pg.line(QStringLiteral("SỞ TÀI CHÍNH"), at(left, QStringLiteral("SỞ TÀI CHÍNH")), 72);
        pg.line(QStringLiteral("Độc lập - Tự do - Hạnh phúc"),
                at(right, QStringLiteral("Độc lập - Tự do - Hạnh phúc")), 72);
        pg.line(QStringLiteral("-"), left - 10, 88, 2); // the rule under the organ
        pg.line(QStringLiteral("Số: 15/QĐ-STC"), at(left, QStringLiteral("Số: 15/QĐ-STC")), 100);
        pg.line(QStringLiteral("Đắk Nông, ngày 05 tháng 01 năm 2026"),
                at(right, QStringLiteral("Đắk Nông, ngày 05 tháng 01 năm 2026"), 10), 100, 10);
        pg.line(QStringLiteral("QUYẾT ĐỊNH"), at(318, QStringLiteral("QUYẾT ĐỊNH"), 14), 142, 14);
        pg.line(QStringLiteral("Về việc phê duyệt kế hoạch kiểm tra"),
                at(318, QStringLiteral("Về việc phê duyệt kế hoạch kiểm tra"), 13), 160, 13);
        pg.line(QStringLiteral("năm 2026"), at(318, QStringLiteral("năm 2026"), 13), 178, 13);
        pg.line(QStringLiteral("GIÁM ĐỐC SỞ TÀI CHÍNH"), at(318, QStringLiteral("GIÁM ĐỐC SỞ TÀI CHÍNH"), 13),
                212, 13);
        pg.line(QStringLiteral("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"), 113,
                238, 13);
        const OcrPage page = pg.page();
        const RegisterFields f = extractRegisterFields({page});
        QCOMPARE(f.organ.value, QStringLiteral("UBND TỈNH ĐẮK NÔNG SỞ TÀI CHÍNH"));
        QCOMPARE(f.number.value, QStringLiteral("15"));
        QCOMPARE(f.notation.value, QStringLiteral("QĐ-STC"));
        QCOMPARE(f.place.value, QStringLiteral("Đắk Nông"));
        QCOMPARE(f.date.value, QStringLiteral("2026-01-05"));
        QCOMPARE(f.type.value, QStringLiteral("Quyết định"));
        QCOMPARE(f.typeAbbr, QStringLiteral("QĐ"));
        QCOMPARE(f.subject.value, QStringLiteral("Về việc phê duyệt kế hoạch kiểm tra năm 2026"));
        // Where each came from: the organ's two lines, the number within "Số: 15/…", the title line.
        QCOMPARE(f.organ.page, 0);
        QVERIFY(f.organ.box.contains(QPointF(left, 63)) && f.organ.box.contains(QPointF(left, 78)));
        QVERIFY(f.organ.box.right() < 300);
        QVERIFY(f.number.box.left() > at(left, QStringLiteral("Số: 15/QĐ-STC")) + 12);
        QVERIFY(f.number.box.right() < f.notation.box.left() + 1);
        QVERIFY(f.type.box.contains(QPointF(318, 149)));
        QVERIFY(f.subject.box.contains(QPointF(318, 166)) && f.subject.box.contains(QPointF(318, 184)));
        QVERIFY(!f.subject.box.contains(QPointF(318, 218)));
        for (const OcrField *x : {&f.organ, &f.number, &f.notation, &f.place, &f.date, &f.type, &f.subject})
            QVERIFY2(x->confidence > 0.85 && x->confidence <= 0.95 + 1e-9, qPrintable(x->value));
    }

    void officialLetterReadAsOneBlock()
    {
        // PSM 6: both header columns on one recognised line; a công văn has no title, its trích yếu follows
        // "V/v" under the number, and its notation starts with the organ, so it is a công văn.
        Page pg;
        const double left = 178, right = 412;
        pg.line(QStringLiteral("UBND TỈNH ĐẮK NÔNG"), at(left, QStringLiteral("UBND TỈNH ĐẮK NÔNG")), 57);
        pg.sameLine(QStringLiteral("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                    at(right, QStringLiteral("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 10), 57, 10);
        pg.line(QStringLiteral("SỞ TÀI CHÍNH"), at(left, QStringLiteral("SỞ TÀI CHÍNH")), 72);
        pg.sameLine(QStringLiteral("Độc lập - Tự do - Hạnh phúc"),
                    at(right, QStringLiteral("Độc lập - Tự do - Hạnh phúc")), 72);
        pg.line(QStringLiteral("S6: 125/STC-NS"), at(left, QStringLiteral("S6: 125/STC-NS")), 100);
        pg.sameLine(QStringLiteral("Đắk Nông, ngày 5 tháng 1 năm 2026"),
                    at(right, QStringLiteral("Đắk Nông, ngày 5 tháng 1 năm 2026"), 10), 100, 10);
        pg.line(QStringLiteral("V/v hướng dẫn lập dự toán"),
                at(left, QStringLiteral("V/v hướng dẫn lập dự toán")), 116);
        pg.line(QStringLiteral("ngân sách năm 2026"), at(left, QStringLiteral("ngân sách năm 2026")), 131);
        pg.line(QStringLiteral("Kính gửi: Các phòng, ban chuyên môn"), 200, 172, 14);
        pg.line(QStringLiteral("Thực hiện Luật Ngân sách nhà nước, Sở Tài chính hướng dẫn như sau:"), 113,
                200, 14);
        const RegisterFields f = extractRegisterFields({pg.page()});
        QCOMPARE(f.organ.value, QStringLiteral("UBND TỈNH ĐẮK NÔNG SỞ TÀI CHÍNH"));
        QCOMPARE(f.number.value, QStringLiteral("125"));
        QCOMPARE(f.notation.value, QStringLiteral("STC-NS"));
        QVERIFY(f.number.confidence < 0.9); // "S6" is not "Số"
        QCOMPARE(f.place.value, QStringLiteral("Đắk Nông"));
        QCOMPARE(f.date.value, QStringLiteral("2026-01-05"));
        QCOMPARE(f.type.value, QStringLiteral("Công văn"));
        QCOMPARE(f.typeAbbr, QString());
        QCOMPARE(f.subject.value, QStringLiteral("hướng dẫn lập dự toán ngân sách năm 2026"));
        QVERIFY(f.subject.box.top() >= 115 && f.subject.box.bottom() <= 144);
        QVERIFY(f.organ.box.right() < 300); // the Quốc hiệu on the same line is not the organ
    }

    void typeFromNotationWithoutTitle()
    {
        Page pg;
        pg.line(QStringLiteral("SỞ Y TẾ"), 150, 57);
        pg.line(QStringLiteral("Số: 7/HD-SYT"), 140, 90);
        const RegisterFields f = extractRegisterFields({pg.page()});
        QCOMPARE(f.type.value, QStringLiteral("Hướng dẫn"));
        QCOMPARE(f.typeAbbr, QStringLiteral("HD"));
        QVERIFY(f.type.confidence < f.notation.confidence);
        QCOMPARE(f.date.value, QString());
        QCOMPARE(f.date.page, -1);
    }

    void repairsTheStrokeOfDWithBar()
    {
        Page pg;
        pg.line(QStringLiteral("UBND HUYỆN ĐẮK MIL"), 110, 57);
        pg.line(QStringLiteral("Số: 42/QD-UBND"), 120, 90);
        pg.line(QStringLiteral("QUYẾT ĐỊNH"), 270, 140, 14);
        const RegisterFields f = extractRegisterFields({pg.page()});
        QCOMPARE(f.notation.value, QStringLiteral("QĐ-UBND"));
        QCOMPARE(f.type.value, QStringLiteral("Quyết định"));
    }

    void laterPageWhenTheFirstHasNoHeader()
    {
        Page cover;
        cover.line(QStringLiteral("HỒ SƠ TRÌNH KÝ"), 200, 300, 16);
        Page pg;
        pg.line(QStringLiteral("Số: 9/TB-VP"), 140, 90);
        pg.line(QStringLiteral("THÔNG BÁO"), 270, 140, 14);
        const RegisterFields f = extractRegisterFields({cover.page(0), pg.page(1)});
        QCOMPARE(f.number.value, QStringLiteral("9"));
        QCOMPARE(f.number.page, 1);
        QCOMPARE(f.type.value, QStringLiteral("Thông báo"));
    }

    void lostSpacesBetweenSyllablesAreRestored()
    {
        auto words = [](const QString &text) {
            QStringList out;
            const OcrWord w{text, QRectF(100, 50, 60, 12), 0.9, 3};
            for (const OcrWord &part : splitMergedSyllables(w)) {
                out << part.text;
                if (!w.box.contains(part.box))
                    out << QStringLiteral("<outside>");
            }
            return out;
        };
        QCOMPARE(words(QStringLiteral("ĐẮKNÔNG")),
                 (QStringList{QStringLiteral("ĐẮK"), QStringLiteral("NÔNG")}));
        QCOMPARE(words(QStringLiteral("HÀNỘI")), (QStringList{QStringLiteral("HÀ"), QStringLiteral("NỘI")}));
        QCOMPARE(words(QStringLiteral("nghiêncứu")),
                 (QStringList{QStringLiteral("nghiên"), QStringLiteral("cứu")}));
        QCOMPARE(words(QStringLiteral("QUỐCGIA")),
                 (QStringList{QStringLiteral("QUỐC"), QStringLiteral("GIA")}));
        QCOMPARE(words(QStringLiteral("NÔNG,")), QStringList{QStringLiteral("NÔNG,")});
        // One syllable each, or not Vietnamese: left whole.
        for (const QString &w :
             {QStringLiteral("UBND"), QStringLiteral("NGHĨA"), QStringLiteral("Nguyễn"),
              QStringLiteral("Internet"), QStringLiteral("15/QĐ-UBND"), QStringLiteral("giữa"),
              QStringLiteral("quyết"), QStringLiteral("khuyến"), QStringLiteral("thường"),
              QStringLiteral("ĐắkGlong"), QStringLiteral("Hoàng")})
            QCOMPARE(words(w), QStringList{w});
        const QList<OcrWord> parts =
            splitMergedSyllables({QStringLiteral("ĐẮKNÔNG"), QRectF(0, 0, 70, 10), 0.8, 1});
        QCOMPARE(parts.size(), 2);
        QVERIFY(parts[0].box.right() < parts[1].box.left());
        QCOMPARE(parts[1].line, 1);
        QCOMPARE(parts[1].confidence, 0.8);
    }

    void nothingToRead()
    {
        const RegisterFields f = extractRegisterFields({OcrPage{}});
        for (const OcrField *x : {&f.organ, &f.number, &f.notation, &f.place, &f.date, &f.type, &f.subject}) {
            QVERIFY(!x->isFound());
            QCOMPARE(x->confidence, 0.0);
        }
        QVERIFY(f.toJson().value(QStringLiteral("number")).toObject().value(QStringLiteral("page")).isNull());
    }
};

QTEST_GUILESS_MAIN(TestRegisterFields)
#include "tst_registerfields.moc"
