// The image → PDF writer and the page clean-up: size of a typical page, deskew, crop, grey detection, CCITT
// round trip, page geometry, the electronic-copy rule on imported images, and no partial output on failure.
#include "ScanTestSupport.h"

#include "scanning/scan/CcittG4.h"
#include "scanning/scan/ImageImport.h"
#include "scanning/scan/ImageOps.h"
#include "scanning/scan/PdfFromScans.h"
#include "scanning/scan/ScanPipeline.h"
#include "support/TestSupport.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace govdesk;
using namespace govdesk::scanning;
using namespace govdesk::scanning::testing;

namespace {

ScannedPage pageOf(const QImage &image, double dpi, ColorMode mode)
{
    ScannedPage p;
    p.image = withResolution(image, dpi);
    p.dpi = dpi;
    p.mode = mode;
    return p;
}

/// Share of pixels that differ between two same-sized images by more than `tolerance` grey levels.
double differingShare(const QImage &a, const QImage &b, int tolerance)
{
    if (a.size() != b.size())
        return 1.0;
    qint64 differ = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            differ += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y))) > tolerance;
    return double(differ) / (double(a.width()) * a.height());
}

/// Mean absolute grey difference of two same-sized images (255 when the sizes differ).
double meanDifference(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return 255;
    double sum = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            sum += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y)));
    return sum / (double(a.width()) * a.height());
}

} // namespace

class TestPdfFromScans : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString out(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void typicalGreyA4PageAt200DpiIsWellUnder300KB()
    {
        const QImage page = textPage(200);
        QCOMPARE(page.format(), QImage::Format_Grayscale8);
        QCOMPARE(page.size(), QSize(1654, 2339));
        PdfFromScans pdf;
        GD_VERIFY_OK(pdf.addPage(pageOf(page, 200, ColorMode::Gray)));
        const QString path = out(QStringLiteral("grey-text.pdf"));
        auto s = pdf.save(path);
        GD_VERIFY_OK(s);
        qInfo("grey A4 text page at 200 dpi: %lld bytes", s->bytes);
        QVERIFY2(s->bytes < 300 * 1024, qPrintable(QString::number(s->bytes)));
        QVERIFY(qpdfCheck(path));
        const QList<PdfImageInfo> images = pdfImages(path);
        QCOMPARE(images.value(0).filter, QStringLiteral("/DCTDecode"));
        QCOMPARE(images.value(0).colorSpace, QStringLiteral("/DeviceGray"));
        // The page fills A4 exactly: 100 % scale.
        QCOMPARE(pdfPageSizes(path).value(0).toSize(), QSize(595, 842));
        // Still readable: the rendered page is the generated one, give or take JPEG noise.
        const QImage rendered = renderPdfPage(path, 0, 100);
        const QImage expected = page.scaled(rendered.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                                    .convertToFormat(QImage::Format_RGB32);
        const double difference = meanDifference(rendered, expected);
        QVERIFY2(difference < 3.0, qPrintable(QString::number(difference)));
    }

    void deskewStraightensAPageTurnedByThreeDegrees()
    {
        const QImage straight = textPage(200);
        QVERIFY(std::abs(ImageOps::estimateSkew(straight)) < 0.1);
        const QImage turned = textPage(200, 3.0);
        const double found = ImageOps::estimateSkew(turned);
        QVERIFY2(std::abs(found - 3.0) < 0.2, qPrintable(QString::number(found)));
        const QImage counter = textPage(200, -2.0);
        QVERIFY(std::abs(ImageOps::estimateSkew(counter) + 2.0) < 0.2);

        // Through the writer: the PDF page, rendered and measured again, is straight.
        PdfOptions options;
        options.deskew = true;
        PdfFromScans pdf(options);
        GD_VERIFY_OK(pdf.addPage(pageOf(turned, 200, ColorMode::Gray)));
        const QString path = out(QStringLiteral("deskewed.pdf"));
        auto s = pdf.save(path);
        GD_VERIFY_OK(s);
        QVERIFY(std::abs(s->skewAngles.value(0) - 3.0) < 0.2);
        const QImage rendered = renderPdfPage(path, 0, 150);
        const double after = ImageOps::estimateSkew(rendered);
        QVERIFY2(std::abs(after) < 0.2, qPrintable(QString::number(after)));
        // The corners uncovered by turning the page are paper, not black.
        QVERIFY(qGray(rendered.pixel(2, 2)) > 240);
        QVERIFY(qGray(rendered.pixel(rendered.width() - 3, rendered.height() - 3)) > 240);
    }

    void lineartDeskewKeepsItBlackAndWhite()
    {
        const QImage mono = ImageOps::binarize(textPage(200, -2.5));
        QCOMPARE(mono.format(), QImage::Format_Mono);
        double angle = 0;
        const QImage fixed = ImageOps::deskew(mono, &angle);
        QVERIFY2(std::abs(angle + 2.5) < 0.2, qPrintable(QString::number(angle)));
        QCOMPARE(fixed.format(), QImage::Format_Mono);
        QVERIFY(std::abs(ImageOps::estimateSkew(fixed)) < 0.2);
    }

    void cropRemovesTheDarkBorderAndTheEmptyMargin()
    {
        // A5 paper on a black lid, scanned over a larger area.
        const double dpi = 100;
        const double mm = dpi / 25.4;
        QImage glass(int(200 * mm), int(280 * mm), QImage::Format_RGB32);
        glass.fill(QColor(20, 20, 20));
        QPainter p(&glass);
        p.fillRect(QRectF(10 * mm, 15 * mm, 148 * mm, 210 * mm), Qt::white);
        p.setPen(Qt::black);
        QFont f(QStringLiteral("DejaVu Serif"));
        f.setPixelSize(int(4 * mm));
        p.setFont(f);
        p.drawText(QRectF(40 * mm, 60 * mm, 90 * mm, 100 * mm), Qt::TextWordWrap,
                   QStringLiteral("Giấy mời họp giao ban tuần, thành phần: lãnh đạo các phòng chuyên môn."));
        p.end();
        const QImage gray = glass.convertToFormat(QImage::Format_Grayscale8);
        const QRect paper = ImageOps::paperBounds(gray);
        QVERIFY2(std::abs(paper.left() - 10 * mm) < 3 * mm && std::abs(paper.width() - 148 * mm) < 4 * mm,
                 qPrintable(QStringLiteral("%1,%2 %3x%4")
                                .arg(paper.x())
                                .arg(paper.y())
                                .arg(paper.width())
                                .arg(paper.height())));
        const QImage cropped = ImageOps::cropBorders(gray, dpi, 5);
        QVERIFY(cropped.width() < 100 * mm && cropped.height() < 110 * mm);
        int dark = 0;
        for (int x = 0; x < cropped.width(); ++x)
            dark +=
                (qGray(cropped.pixel(x, 0)) < 100) + (qGray(cropped.pixel(x, cropped.height() - 1)) < 100);
        for (int y = 0; y < cropped.height(); ++y)
            dark += (qGray(cropped.pixel(0, y)) < 100) + (qGray(cropped.pixel(cropped.width() - 1, y)) < 100);
        QCOMPARE(dark, 0);

        PdfOptions options;
        options.crop = true;
        options.keepPages = true;
        PdfFromScans pdf(options);
        GD_VERIFY_OK(pdf.addPage(pageOf(gray, dpi, ColorMode::Gray)));
        auto s = pdf.save(out(QStringLiteral("cropped.pdf")));
        GD_VERIFY_OK(s);
        QCOMPARE(s->pageImages.value(0).image.size(), cropped.size());
    }

    void colourIsKeptOnlyWhereThereIsColour()
    {
        PdfFromScans pdf;
        const QImage plain = textPage(150).convertToFormat(QImage::Format_RGB888);
        const QImage stamped = textPage(150, 0, true);
        QVERIFY(!ImageOps::hasColour(plain));
        QVERIFY(ImageOps::hasColour(stamped));
        GD_VERIFY_OK(pdf.addPage(pageOf(plain, 150, ColorMode::Color)));
        GD_VERIFY_OK(pdf.addPage(pageOf(stamped, 150, ColorMode::Color)));
        const QString path = out(QStringLiteral("colour-or-not.pdf"));
        auto s = pdf.save(path);
        GD_VERIFY_OK(s);
        QCOMPARE(s->mode, QStringLiteral("mixed"));
        const QList<PdfImageInfo> images = pdfImages(path);
        QCOMPARE(images.size(), 2);
        QStringList spaces{images[0].colorSpace, images[1].colorSpace};
        spaces.sort();
        QCOMPARE(spaces, (QStringList{QStringLiteral("/DeviceGray"), QStringLiteral("/DeviceRGB")}));
        // The red seal is still red on the page.
        const QImage rendered = renderPdfPage(path, 1, 75);
        int red = 0;
        for (int y = 0; y < rendered.height(); ++y)
            for (int x = 0; x < rendered.width(); ++x) {
                const QColor c = rendered.pixelColor(x, y);
                red += c.red() > 150 && c.green() < 110 && c.blue() < 110;
            }
        QVERIFY2(red > 300, qPrintable(QString::number(red)));
    }

    void ccittRoundTripIsExact()
    {
        const QImage mono = ImageOps::binarize(textPage(300));
        auto g4 = CcittG4::encode(mono);
        GD_VERIFY_OK(g4);
        QCOMPARE(g4->columns, mono.width());
        QCOMPARE(g4->rows, mono.height());
        // A text page is mostly paper: G4 makes it small.
        QVERIFY2(g4->data.size() < 150 * 1024, qPrintable(QString::number(g4->data.size())));
        PdfOptions options;
        options.pageSize = PdfOptions::PageSize::Scanned;
        PdfFromScans pdf(options);
        GD_VERIFY_OK(pdf.addPage(pageOf(mono, 300, ColorMode::Lineart)));
        const QString path = out(QStringLiteral("g4.pdf"));
        GD_VERIFY_OK(pdf.save(path));
        QVERIFY(qpdfCheck(path));
        // Poppler's own CCITT decoder gives back exactly the pixels encoded.
        const QString prefix = out(QStringLiteral("g4-extracted"));
        QCOMPARE(test::runTool(QStringLiteral("pdfimages"), {QStringLiteral("-png"), path, prefix}).exitCode,
                 0);
        const QImage extracted(prefix + QStringLiteral("-000.png"));
        QCOMPARE(extracted.size(), mono.size());
        QCOMPARE(differingShare(extracted.convertToFormat(QImage::Format_RGB32),
                                mono.convertToFormat(QImage::Format_RGB32), 128),
                 0.0);
        // And the page shows black text on white, not the reverse.
        auto inkShare = [](const QImage &img) {
            qint64 ink = 0;
            for (int y = 0; y < img.height(); ++y)
                for (int x = 0; x < img.width(); ++x)
                    ink += qGray(img.pixel(x, y)) < 128;
            return double(ink) / (double(img.width()) * img.height());
        };
        const QImage rendered = renderPdfPage(path, 0, 300);
        const double renderedInk = inkShare(rendered);
        const double encodedInk = inkShare(mono);
        QVERIFY(encodedInk > 0.01 && encodedInk < 0.2);
        QVERIFY2(std::abs(renderedInk - encodedInk) < encodedInk * 0.2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(renderedInk).arg(encodedInk)));
    }

    void landscapeScanGoesOnALandscapeA4Page()
    {
        QImage wide(int(280 / 25.4 * 100), int(190 / 25.4 * 100), QImage::Format_Grayscale8);
        wide.fill(200);
        PdfFromScans pdf;
        GD_VERIFY_OK(pdf.addPage(pageOf(wide, 100, ColorMode::Gray)));
        const QString path = out(QStringLiteral("landscape.pdf"));
        GD_VERIFY_OK(pdf.save(path));
        QCOMPARE(pdfPageSizes(path).value(0).toSize(), QSize(842, 595));
    }

    void electronicCopyRefusesLowResolutionGreyAndPdfInput()
    {
        PdfOptions copy;
        copy.electronicCopy = true;
        PdfFromScans pdf(copy);
        const QImage colour = textPage(150, 0, true);
        auto low = pdf.addPage(pageOf(colour, 150, ColorMode::Color));
        QVERIFY(!low);
        QCOMPARE(low.error().code(), QStringLiteral("scan.copy-resolution"));
        auto grey = pdf.addPage(pageOf(textPage(200), 200, ColorMode::Color));
        QVERIFY(!grey);
        QCOMPARE(grey.error().code(), QStringLiteral("scan.copy-colour"));
        auto fromPdf = pdf.addPdf(QByteArray("%PDF-1.4\n"), QStringLiteral("scan.pdf"));
        QVERIFY(!fromPdf);
        QCOMPARE(fromPdf.error().code(), QStringLiteral("scan.copy-pdf"));
        QCOMPARE(pdf.pageCount(), 0);
        auto nothing = pdf.save(out(QStringLiteral("copy-nothing.pdf")));
        QVERIFY(!nothing);
        QVERIFY(!QFile::exists(out(QStringLiteral("copy-nothing.pdf"))));

        // 100 % scale: a colour copy larger than A4 makes a larger page rather than a smaller image.
        QImage big(int(250 / 25.4 * 200), int(320 / 25.4 * 200), QImage::Format_RGB888);
        big.fill(QColor(250, 250, 250));
        GD_VERIFY_OK(pdf.addPage(pageOf(big, 200, ColorMode::Color)));
        const QString path = out(QStringLiteral("copy-big.pdf"));
        GD_VERIFY_OK(pdf.save(path));
        const QSizeF size = pdfPageSizes(path).value(0);
        QVERIFY(std::abs(size.width() - 250 / 25.4 * 72) < 1 &&
                std::abs(size.height() - 320 / 25.4 * 72) < 1);
    }

    void importMergesImagesAndPdfPages()
    {
        // A grey PNG at 150 dpi, a colour JPEG without a resolution, and a two-page PDF.
        const QString png = out(QStringLiteral("a.png"));
        QVERIFY(withResolution(textPage(150), 150).save(png));
        const QString jpg = out(QStringLiteral("b.jpg"));
        QImage photo(800, 600, QImage::Format_RGB888);
        photo.fill(QColor(30, 90, 200));
        QByteArray jpegData;
        {
            QBuffer buffer(&jpegData);
            buffer.open(QIODevice::WriteOnly);
            QVERIFY(photo.save(&buffer, "JPEG", 90));
        }
        // As cameras write it: a JFIF header with an aspect ratio only (density unit 0), no resolution.
        const qsizetype jfif = jpegData.indexOf(QByteArray("JFIF\0", 5));
        QVERIFY(jfif > 0);
        jpegData[jfif + 7] = 0;
        {
            QFile f(jpg);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(jpegData);
        }
        PdfFromScans two;
        GD_VERIFY_OK(two.addPage(pageOf(textPage(100), 100, ColorMode::Gray)));
        GD_VERIFY_OK(two.addPage(pageOf(textPage(100), 100, ColorMode::Gray)));
        const QString twoPdf = out(QStringLiteral("two.pdf"));
        GD_VERIFY_OK(two.save(twoPdf));

        auto file = ImageImport::load(png);
        GD_VERIFY_OK(file);
        QCOMPARE(file->pages.value(0).dpi, 150.0);
        QCOMPARE(file->pages.value(0).mode, ColorMode::Gray);
        auto jpeg = ImageImport::load(jpg);
        GD_VERIFY_OK(jpeg);
        QCOMPARE(jpeg->pages.value(0).dpi, ImageImport::kAssumedDpi);
        QCOMPARE(jpeg->pages.value(0).mode, ColorMode::Color);

        const QString merged = out(QStringLiteral("merged.pdf"));
        auto s = importToPdf({png, jpg, twoPdf}, {}, merged);
        GD_VERIFY_OK(s);
        QCOMPARE(s->pages, 4);
        QCOMPARE(pdfPageSizes(merged).size(), 4);
        QVERIFY(qpdfCheck(merged));
        QVERIFY(pdfinfoReads(merged));

        // One unreadable file and nothing is written.
        const QString junk = out(QStringLiteral("junk.png"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\x89PNG\r\n\x1a\nnot really a picture");
        f.close();
        const QString none = out(QStringLiteral("none.pdf"));
        auto bad = importToPdf({png, junk}, {}, none);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code(), QStringLiteral("import.damaged"));
        QVERIFY(bad.error().english().contains(QLatin1String("junk.png")));
        QVERIFY(!QFile::exists(none));
    }

    void truncatedJpegIsDamaged()
    {
        QImage photo(400, 300, QImage::Format_RGB888);
        photo.fill(QColor(200, 40, 40));
        QByteArray data;
        QBuffer buffer(&data);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(photo.save(&buffer, "JPEG", 80));
        auto r = ImageImport::fromData(data.left(data.size() / 2), QStringLiteral("half.jpg"));
        QVERIFY(!r);
        QCOMPARE(r.error().code(), QStringLiteral("import.damaged"));
        auto text = ImageImport::fromData(QByteArray("hello"), QStringLiteral("note.txt"));
        QVERIFY(!text);
        QCOMPARE(text.error().code(), QStringLiteral("import.unsupported"));
    }

    void aFailedWriteLeavesNoFile()
    {
        PdfFromScans pdf;
        GD_VERIFY_OK(pdf.addPage(pageOf(textPage(100), 100, ColorMode::Gray)));
        // The target is a folder: the write fails and nothing else appears beside it.
        const QString target = out(QStringLiteral("is-a-folder.pdf"));
        QVERIFY(QDir().mkpath(target));
        const QStringList before =
            QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        auto s = pdf.save(target);
        QVERIFY(!s);
        QCOMPARE(s.error().code(), QStringLiteral("pdf.save"));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 before);
    }
};

QTEST_MAIN(TestPdfFromScans)
#include "tst_pdf_from_scans.moc"
