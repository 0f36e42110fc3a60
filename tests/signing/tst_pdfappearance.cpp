// Signature appearances as a reader sees them (Decree 30/2020, Phụ lục I): the page is rendered with Poppler
// and its pixels checked — the blue handwritten signature inside its box with its aspect kept, the red seal
// at its real size over the left third of the signature, the black Liberation Serif text at the top right of
// an attachment or electronic copy, extractable with pdftotext — and the update stays small.

#include "signing/pdf/PdfSigner.h"
#include "support/SigningFixtures.h"

#include <QBuffer>
#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <poppler-qt6.h>

using namespace govdesk::signing;
using namespace Qt::StringLiterals;
using govdesk::signing::testing::a4Pdf;
using govdesk::signing::testing::sealImage;

namespace {

constexpr double kPageHeight = 842;

QString runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(120000))
        return {};
    return QString::fromUtf8(p.readAll());
}

/// One A4 page with a title line and a signature block (chức vụ above the name).
QByteArray qtPdf()
{
    return a4Pdf({{{QPointF(85, 120), u"PHỤ LỤC: Danh mục dự án chuyển đổi số"_s},
                   {QPointF(85, 400), u"CHỦ TỊCH"_s},
                   {QPointF(85, 520), u"Nguyễn Văn An"_s}}});
}

/// A page in landscape through /Rotate 90 (portrait MediaBox), hand-written.
QByteArray rotatedPdf()
{
    const QByteArray content = "BT /F1 12 Tf 72 400 Td (Rotated) Tj ET";
    const QList<QByteArray> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Contents 4 0 R /Resources << /Font "
        "<< "
        "/F1 5 0 R >> >> >>",
        "<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
    QByteArray pdf = "%PDF-1.7\n";
    QList<qint64> offsets;
    for (int i = 0; i < objects.size(); ++i) {
        offsets << pdf.size();
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const qint64 xref = pdf.size();
    pdf += "xref\n0 6\n0000000000 65535 f\r\n";
    for (qint64 o : offsets)
        pdf += QByteArray::number(o).rightJustified(10, '0') + " 00000 n\r\n";
    pdf += "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

/// A handwritten-signature stand-in: a blue 4:1 band with a transparent hole in the middle.
QImage signatureImage()
{
    QImage img(400, 100, QImage::Format_ARGB32);
    img.fill(QColor(20, 40, 200));
    QPainter p(&img);
    p.setCompositionMode(QPainter::CompositionMode_Source);
    p.fillRect(180, 30, 40, 40, Qt::transparent);
    return img;
}

bool isBlue(QRgb c)
{
    return qBlue(c) > 150 && qRed(c) < 100 && qGreen(c) < 120;
}
bool isRed(QRgb c)
{
    return qRed(c) > 150 && qGreen(c) < 100 && qBlue(c) < 100;
}
bool isBlack(QRgb c)
{
    return qRed(c) < 90 && qGreen(c) < 90 && qBlue(c) < 90;
}
bool isWhite(QRgb c)
{
    return qRed(c) > 240 && qGreen(c) > 240 && qBlue(c) > 240;
}

/// Pixels of `image` (page rendered at 72 dpi, unrotated) inside a PDF-space rectangle that match.
int countIn(const QImage &image, const QRectF &pdfRect, bool (*match)(QRgb))
{
    int n = 0;
    const int x0 = qCeil(pdfRect.left()), x1 = qFloor(pdfRect.right());
    const int y0 = qCeil(kPageHeight - pdfRect.bottom()), y1 = qFloor(kPageHeight - pdfRect.top());
    for (int y = std::max(0, y0); y < std::min(image.height(), y1); ++y) {
        for (int x = std::max(0, x0); x < std::min(image.width(), x1); ++x)
            n += match(image.pixel(x, y)) ? 1 : 0;
    }
    return n;
}

QRgb pixelAt(const QImage &image, double pdfX, double pdfY)
{
    return image.pixel(int(pdfX), int(kPageHeight - pdfY));
}

QImage render(const QByteArray &pdf)
{
    std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(pdf);
    if (!doc)
        return {};
    std::unique_ptr<Poppler::Page> page = doc->page(0);
    return page ? page->renderToImage(72, 72).convertToFormat(QImage::Format_RGB32) : QImage();
}

CmsProducer fakeCms()
{
    // The appearance does not depend on the CMS; a tiny DER sequence stands in for it.
    return [](const QByteArray &) -> govdesk::core::Result<QByteArray> {
        return QByteArray("\x30\x03\x02\x01\x01", 5);
    };
}

PdfSignResult sign(const QByteArray &pdf, const PdfSignRequest &r)
{
    auto result = signPdf(pdf, r, fakeCms());
    if (!result)
        qFatal("signing failed: %s %s", qPrintable(result.error().code()),
               qPrintable(result.error().english()));
    return result.value();
}

} // namespace

class TestPdfAppearance : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // GOVDESK_KEEP_TEST_FILES=1 keeps the signed PDFs for a look.
        if (!qEnvironmentVariableIsEmpty("GOVDESK_KEEP_TEST_FILES")) {
            m_dir.setAutoRemove(false);
            qInfo("signed files kept in %s", qPrintable(m_dir.path()));
        }
        for (const QString &tool : {u"pdftotext"_s, u"pdffonts"_s})
            QVERIFY2(!QStandardPaths::findExecutable(tool).isEmpty(),
                     qPrintable(tool + u" is not installed"_s));
    }

    void personalSignatureImage()
    {
        const QByteArray pdf = qtPdf();
        const QRectF box(85, 330, 150, 75); // between "CHỦ TỊCH" (y 442) and the name (y 322)
        PdfSignRequest r;
        r.rect = box;
        r.appearance.kind = SignatureAppearance::Kind::Image;
        r.appearance.image = signatureImage();
        const PdfSignResult signedPdf = sign(pdf, r);
        QCOMPARE(signedPdf.rect, box);
        qInfo("signature image appearance added %d bytes", signedPdf.addedBytes);

        const QImage before = render(pdf), after = render(signedPdf.pdf);
        QVERIFY(!after.isNull());
        QCOMPARE(countIn(before, box, isBlue), 0);
        // The 4:1 image fills the width; its height is 37.5 pt, centred: blue in the middle band only.
        const QRectF band(box.left() + 2, box.top() + 21, box.width() - 4, 33);
        QVERIFY2(countIn(after, band, isBlue) > int(band.width() * band.height() * 0.7),
                 qPrintable(QString::number(countIn(after, band, isBlue))));
        QCOMPARE(countIn(after, QRectF(box.left(), box.bottom() - 15, box.width(), 15), isBlue), 0);
        QCOMPARE(countIn(after, QRectF(box.left(), box.top(), box.width(), 15), isBlue), 0);
        // Nothing outside the box, and the transparent hole shows the page.
        QCOMPARE(countIn(after, QRectF(box.right() + 2, box.top(), 200, box.height()), isBlue), 0);
        QVERIFY(isWhite(pixelAt(after, box.center().x(), box.center().y())));
    }

    void sealOverlapsLeftThird()
    {
        const QByteArray pdf = qtPdf();
        const QRectF sigBox(300, 330, 150, 75);
        PdfSignRequest personal;
        personal.rect = sigBox;
        personal.appearance.kind = SignatureAppearance::Kind::Image;
        personal.appearance.image = signatureImage();
        const PdfSignResult first = sign(pdf, personal);

        // A 36 mm seal centred on the left third of the signature image.
        const double seal = 36 / 25.4 * 72;
        const QRectF sealBox(sigBox.left() + sigBox.width() / 6 - seal / 2, sigBox.center().y() - seal / 2,
                             seal, seal);
        PdfSignRequest organ;
        organ.rect = sealBox;
        organ.appearance.kind = SignatureAppearance::Kind::Image;
        organ.appearance.image = sealImage();
        const PdfSignResult second = sign(first.pdf, organ);
        qInfo("seal appearance added %d bytes", second.addedBytes);

        write(u"seal.pdf"_s, second.pdf);
        const QImage page = render(second.pdf);
        QVERIFY(!page.isNull());
        const QRectF leftThird(sigBox.left(), sigBox.top(), sigBox.width() / 3, sigBox.height());
        const QRectF rightPart(sigBox.left() + sigBox.width() * 0.6, sigBox.top() + 20, sigBox.width() * 0.4,
                               35);
        QVERIFY(countIn(page, leftThird, isRed) > 200);
        QVERIFY(countIn(page, rightPart, isBlue) > int(rightPart.width() * rightPart.height() * 0.7));
        QCOMPARE(countIn(page, rightPart, isRed), 0);
        // The seal is drawn at its real size: its red extent is 36 mm wide.
        int minX = page.width(), maxX = -1;
        for (int y = 0; y < page.height(); ++y) {
            for (int x = 0; x < page.width(); ++x) {
                if (isRed(page.pixel(x, y))) {
                    minX = std::min(minX, x);
                    maxX = std::max(maxX, x);
                }
            }
        }
        QVERIFY2(std::abs((maxX - minX + 1) - seal) < 4, qPrintable(QString::number(maxX - minX + 1)));
    }

    void textTopRight_data()
    {
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("attachment in a separate file")
            << QStringList{u"15/QĐ-UBND"_s, u"2026-03-15T14:05:09+07:00"_s};
        QTest::newRow("electronic copy")
            << QStringList{u"SAO Y"_s, u"Văn phòng UBND tỉnh Đắk Nông"_s, u"2026-03-15T14:05:09+07:00"_s};
    }

    void textTopRight()
    {
        QFETCH(QStringList, lines);
        const QByteArray pdf = qtPdf();
        auto info = inspectPdf(pdf);
        QVERIFY(info);
        auto size = measureTextAppearance(lines, 10);
        QVERIFY2(size, qPrintable(size.error().english()));
        QVERIFY(size->height() > 10 * lines.size() && size->height() < 14 * lines.size() + 6);
        const QRectF box = topRightRect(info->pages[0], size.value(), 20);
        QCOMPARE(qRound(box.right()), 595 - 20);
        QCOMPARE(qRound(box.bottom()), 842 - 20);

        PdfSignRequest r;
        r.rect = box;
        r.appearance.kind = SignatureAppearance::Kind::Text;
        r.appearance.textLines = lines;
        const PdfSignResult signedPdf = sign(pdf, r);
        qInfo("text appearance (%lld lines) added %d bytes", qlonglong(lines.size()), signedPdf.addedBytes);
        QVERIFY2(signedPdf.addedBytes < 60000, qPrintable(QString::number(signedPdf.addedBytes)));

        const QImage before = render(pdf), after = render(signedPdf.pdf);
        QCOMPARE(countIn(before, box, isBlack), 0);
        QVERIFY(countIn(after, box, isBlack) > 40 * lines.size());
        // Black, not coloured, and nothing drawn below the box in the top-right corner.
        QCOMPARE(countIn(after, box, isBlue) + countIn(after, box, isRed), 0);
        QCOMPARE(countIn(after, QRectF(box.left(), box.top() - 30, box.width(), 30), isBlack), 0);

        const QString path = write(QStringLiteral("text-%1.pdf").arg(lines.size()), signedPdf.pdf);
        const QString text = runTool(u"pdftotext"_s, {u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, path, u"-"_s});
        for (const QString &line : lines)
            QVERIFY2(text.contains(line), qPrintable(text));
        const QString fonts = runTool(u"pdffonts"_s, {path});
        // The signature's own font: a subset ("ABCDEF+"), embedded, with a ToUnicode map.
        const QString fontLine = fonts.split(u'\n').filter(u"+LiberationSerif"_s).value(0).simplified();
        QVERIFY2(fontLine.contains(u"CID TrueType Identity-H yes yes yes"_s), qPrintable(fonts));
    }

    void longTextShrinksToTheBox()
    {
        const QStringList lines{u"Văn phòng Ủy ban nhân dân tỉnh Đắk Nông — bản sao điện tử"_s};
        auto natural = measureTextAppearance(lines, 10);
        QVERIFY(natural);
        const QRectF box(300, 700, natural->width() / 2, natural->height());
        PdfSignRequest r;
        r.rect = box;
        r.appearance.kind = SignatureAppearance::Kind::Text;
        r.appearance.textLines = lines;
        const PdfSignResult signedPdf = sign(qtPdf(), r);
        const QImage page = render(signedPdf.pdf);
        QVERIFY(countIn(page, box, isBlack) > 40);
        QCOMPARE(countIn(page, QRectF(box.right() + 1, box.top(), 200, box.height()), isBlack), 0);
    }

    void rotatedPageTextIsUpright()
    {
        const QByteArray pdf = rotatedPdf();
        auto info = inspectPdf(pdf);
        QVERIFY(info);
        QCOMPARE(info->pages[0].rotation, 90);
        const QStringList lines{u"15/QĐ-UBND"_s, u"2026-03-15T14:05:09+07:00"_s};
        const QSizeF size = measureTextAppearance(lines).value();
        const QRectF box = topRightRect(info->pages[0], size, 20);
        // Displayed landscape: the top-right corner of the view is the user-space top-left.
        QCOMPARE(qRound(box.left()), 20);
        QCOMPARE(qRound(box.bottom()), 842 - 20);
        QCOMPARE(box.size(), size.transposed());
        PdfSignRequest r;
        r.rect = box;
        r.appearance.kind = SignatureAppearance::Kind::Text;
        r.appearance.textLines = lines;
        const PdfSignResult signedPdf = sign(pdf, r);
        const QString text =
            runTool(u"pdftotext"_s, {u"-layout"_s, write(u"rotated.pdf"_s, signedPdf.pdf), u"-"_s});
        for (const QString &line : lines)
            QVERIFY2(text.contains(line), qPrintable(text));
        // Rendered as displayed (842 x 595): black pixels in the top-right corner.
        std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(signedPdf.pdf);
        const QImage view = doc->page(0)->renderToImage(72, 72).convertToFormat(QImage::Format_RGB32);
        QCOMPARE(view.width(), 842);
        int black = 0;
        for (int y = 20; y < 20 + int(size.height()); ++y) {
            for (int x = 842 - 20 - int(size.width()); x < 842 - 20; ++x)
                black += isBlack(view.pixel(x, y)) ? 1 : 0;
        }
        QVERIFY(black > 80);
    }

    void missingGlyphOrFontIsAnError()
    {
        auto noFont = measureTextAppearance({u"15/QĐ-UBND"_s}, 10, u"/nonexistent/font.ttf"_s);
        QVERIFY(!noFont);
        QCOMPARE(noFont.error().code(), u"signing.pdf-font"_s);
        PdfSignRequest r;
        r.rect = QRectF(300, 700, 200, 40);
        r.appearance.kind = SignatureAppearance::Kind::Text;
        r.appearance.textLines = {u"漢字"_s};
        auto result = signPdf(qtPdf(), r, fakeCms());
        QVERIFY(!result);
        QCOMPARE(result.error().code(), u"signing.pdf-font"_s);
        r.appearance.kind = SignatureAppearance::Kind::Image;
        r.appearance.image = QImage();
        result = signPdf(qtPdf(), r, fakeCms());
        QVERIFY(!result);
        QCOMPARE(result.error().code(), u"signing.pdf-image"_s);
    }
};

QTEST_MAIN(TestPdfAppearance)
#include "tst_pdfappearance.moc"
