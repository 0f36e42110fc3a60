// Scanning with the real SANE test backend (no fake scanner): pages, modes, frame formats, the feeder,
// errors, cancel, the job class and the electronic-copy rule, each checked in the PDF a clerk would get.
#include "ScanTestSupport.h"

#include "scanning/scan/SaneBackend.h"
#include "scanning/scan/ScanJob.h"
#include "scanning/scan/ScanPipeline.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace govdesk;
using namespace govdesk::scanning;
using namespace govdesk::scanning::testing;

namespace {

constexpr double kA4W = 595.276;
constexpr double kA4H = 841.89;

bool isA4(const QSizeF &s)
{
    return std::abs(s.width() - kA4W) < 1 && std::abs(s.height() - kA4H) < 1;
}

} // namespace

class TestSaneBackend : public QObject
{
    Q_OBJECT

    SaneTestConfig m_sane;
    QTemporaryDir m_dir;
    std::shared_ptr<ScannerBackend> m_backend;

    QString out(const QString &name) const { return m_dir.filePath(name); }

    static ScanRequest request(const QString &picture, ColorMode mode, int dpi, int pages = 1)
    {
        ScanRequest r;
        r.deviceId = QStringLiteral("test:0");
        r.mode = mode;
        r.resolution = dpi;
        r.pages = pages;
        r.deviceOptions.insert(QStringLiteral("test-picture"), picture);
        // The test scanner keeps its settings from one job to the next, like many real ones: put back what
        // other tests change.
        r.deviceOptions.insert(QStringLiteral("read-return-value"), QStringLiteral("Default"));
        r.deviceOptions.insert(QStringLiteral("read-delay"), true);
        r.deviceOptions.insert(QStringLiteral("read-delay-duration"), 1000);
        r.deviceOptions.insert(QStringLiteral("hand-scanner"), false);
        if (mode == ColorMode::Color)
            r.deviceOptions.insert(QStringLiteral("three-pass"), false);
        return r;
    }

    /// The largest difference of one channel between two same-sized images (256 when sizes differ).
    static int maxDifference(const QImage &a, const QImage &b)
    {
        if (a.size() != b.size() || a.isNull())
            return 256;
        int worst = 0;
        const QImage x = a.convertToFormat(QImage::Format_RGB32);
        const QImage y = b.convertToFormat(QImage::Format_RGB32);
        for (int j = 0; j < x.height(); ++j)
            for (int i = 0; i < x.width(); ++i) {
                const QRgb p = x.pixel(i, j), q = y.pixel(i, j);
                worst = std::max({worst, std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                                  std::abs(qBlue(p) - qBlue(q))});
            }
        return worst;
    }

    /// A request whose pages take a few seconds each: the test backend waits between blocks of data.
    static ScanRequest slowRequest(int pages)
    {
        ScanRequest r = request(QStringLiteral("Grid"), ColorMode::Gray, 300, pages);
        r.deviceOptions.insert(QStringLiteral("read-delay"), true);
        r.deviceOptions.insert(QStringLiteral("read-delay-duration"), 200000);
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_sane.install());
        m_backend = defaultScannerBackend();
        QVERIFY(m_backend);
    }

    void listsTheTestScanner()
    {
        auto devices = m_backend->devices();
        GD_VERIFY_OK(devices);
        QCOMPARE(devices->size(), 1);
        QCOMPARE(devices->first().id, QStringLiteral("test:0"));
        QCOMPARE(devices->first().vendor, QStringLiteral("Noname"));
        QCOMPARE(devices->first().type, QStringLiteral("virtual device"));
        QVERIFY(SaneBackend::version().startsWith(QLatin1String("1.")));
        // Asking again must not initialise SANE a second time or lose the device.
        auto again = m_backend->devices();
        GD_VERIFY_OK(again);
        QCOMPARE(again->size(), 1);
    }

    void capabilitiesOfTheTestScanner()
    {
        auto caps = m_backend->capabilities(QStringLiteral("test:0"));
        GD_VERIFY_OK(caps);
        QCOMPARE(caps->sources, (QList<ScanSource>{ScanSource::Flatbed, ScanSource::Adf}));
        QCOMPARE(caps->modes, (QList<ColorMode>{ColorMode::Color, ColorMode::Gray, ColorMode::Lineart}));
        QVERIFY(caps->resolutions.contains(200));
        QCOMPARE(caps->minResolution, 1);
        QCOMPARE(caps->maxResolution, 1200);
        QCOMPARE(caps->maxAreaMm, QSizeF(200, 200));
        QVERIFY(caps->backendOptions.contains(QStringLiteral("test-picture")));
    }

    void twoPageGreyScanGivesTwoA4PagesWithTheGrid()
    {
        const QString pdf = out(QStringLiteral("grid-2.pdf"));
        auto summary =
            scanToPdf(*m_backend, request(QStringLiteral("Grid"), ColorMode::Gray, 100, 2), {}, pdf);
        GD_VERIFY_OK(summary);
        QCOMPARE(summary->pages, 2);
        QCOMPARE(summary->dpi, 100.0);
        QCOMPARE(summary->mode, QStringLiteral("gray"));
        QCOMPARE(summary->bytes, QFileInfo(pdf).size());

        const QList<QSizeF> sizes = pdfPageSizes(pdf);
        QCOMPARE(sizes.size(), 2);
        for (const QSizeF &s : sizes)
            QVERIFY2(isA4(s), qPrintable(QStringLiteral("%1 x %2").arg(s.width()).arg(s.height())));
        for (int page = 0; page < 2; ++page) {
            const QImage rendered = renderPdfPage(pdf, page, 50);
            QVERIFY(!rendered.isNull());
            // The 200 × 200 mm scan sits at its true size in the top-left corner; below and beside it is
            // paper.
            QCOMPARE(gridMismatches(rendered, 50), 0);
            const double px = 50 / 25.4;
            QVERIFY(qGray(rendered.pixel(int(205 * px), int(100 * px))) > 240);
            QVERIFY(qGray(rendered.pixel(int(100 * px), int(250 * px))) > 240);
        }
        const QList<PdfImageInfo> images = pdfImages(pdf);
        QCOMPARE(images.size(), 2);
        for (const PdfImageInfo &i : images) {
            QCOMPARE(i.filter, QStringLiteral("/DCTDecode"));
            QCOMPARE(i.colorSpace, QStringLiteral("/DeviceGray"));
            QCOMPARE(i.width, 787); // 200 mm at 100 dpi
        }
        QString version;
        QVERIFY(pdfinfoReads(pdf, &version));
        QCOMPARE(version, QStringLiteral("1.4"));
        QString check;
        QVERIFY2(qpdfCheck(pdf, &check), qPrintable(check));
    }

    void colourScanIsJpegRgbWithTheColours()
    {
        const QString pdf = out(QStringLiteral("colour.pdf"));
        auto summary =
            scanToPdf(*m_backend, request(QStringLiteral("Color pattern"), ColorMode::Color, 150), {}, pdf);
        GD_VERIFY_OK(summary);
        QCOMPARE(summary->mode, QStringLiteral("color"));
        const QList<PdfImageInfo> images = pdfImages(pdf);
        QCOMPARE(images.size(), 1);
        QCOMPARE(images.first().filter, QStringLiteral("/DCTDecode"));
        QCOMPARE(images.first().colorSpace, QStringLiteral("/DeviceRGB"));
        QVERIFY(qpdfCheck(pdf));
        const QImage rendered = renderPdfPage(pdf, 0, 150);
        int red = 0, green = 0, blue = 0;
        for (int y = 0; y < int(190 / 25.4 * 150); y += 3)
            for (int x = 0; x < int(190 / 25.4 * 150); x += 3) {
                const QColor c = rendered.pixelColor(x, y);
                red += c.red() > 150 && c.green() < 80 && c.blue() < 80;
                green += c.green() > 150 && c.red() < 80 && c.blue() < 80;
                blue += c.blue() > 150 && c.red() < 80 && c.green() < 80;
            }
        QVERIFY2(red > 1000 && green > 1000 && blue > 1000,
                 qPrintable(QStringLiteral("red %1 green %2 blue %3").arg(red).arg(green).arg(blue)));
    }

    void lineartScanIsCcittG4WithBlackWhereTheGridIsBlack()
    {
        const QString pdf = out(QStringLiteral("lineart.pdf"));
        auto summary =
            scanToPdf(*m_backend, request(QStringLiteral("Grid"), ColorMode::Lineart, 200), {}, pdf);
        GD_VERIFY_OK(summary);
        QCOMPARE(summary->mode, QStringLiteral("lineart"));
        const QList<PdfImageInfo> images = pdfImages(pdf);
        QCOMPARE(images.size(), 1);
        const PdfImageInfo &i = images.first();
        QCOMPARE(i.filter, QStringLiteral("/CCITTFaxDecode"));
        QCOMPARE(i.bitsPerComponent, 1);
        QCOMPARE(i.colorSpace, QStringLiteral("/DeviceGray"));
        QCOMPARE(i.decodeParms.value(QStringLiteral("/K")).toInt(), -1);
        QCOMPARE(i.decodeParms.value(QStringLiteral("/Columns")).toInt(), i.width);
        QCOMPARE(i.decodeParms.value(QStringLiteral("/Rows")).toInt(), i.height);
        QCOMPARE(i.decodeParms.value(QStringLiteral("/BlackIs1")).toBool(true), false);
        QVERIFY(qpdfCheck(pdf));
        // Black and white the right way round: the top-left square is paper, its neighbour ink.
        QCOMPARE(gridMismatches(renderPdfPage(pdf, 0, 60), 60), 0);
        QVERIFY2(summary->bytes < 20000, qPrintable(QString::number(summary->bytes)));
    }

    void sixteenBitAndThreePassFramesGiveTheSamePicture()
    {
        auto capture = [&](const ScanRequest &r) {
            QImage image;
            ScanHooks hooks;
            hooks.pageScanned = [&](const ScannedPage &p) { image = p.image; };
            auto s = scanToPdf(*m_backend, r, {}, out(QStringLiteral("frames.pdf")), hooks);
            return s.ok() ? image : QImage();
        };
        const QImage grey8 = capture(request(QStringLiteral("Grid"), ColorMode::Gray, 75));
        ScanRequest deep = request(QStringLiteral("Grid"), ColorMode::Gray, 75);
        deep.deviceOptions.insert(QStringLiteral("depth"), 16);
        const QImage grey16 = capture(deep);
        QVERIFY(!grey8.isNull());
        QCOMPARE(grey16.format(), QImage::Format_Grayscale8);
        QVERIFY(maxDifference(grey16, grey8) <= 1);

        const QImage rgb = capture(request(QStringLiteral("Color pattern"), ColorMode::Color, 75));
        ScanRequest threePass = request(QStringLiteral("Color pattern"), ColorMode::Color, 75);
        threePass.deviceOptions.insert(QStringLiteral("three-pass"), true);
        const QImage frames = capture(threePass);
        QVERIFY(!rgb.isNull());
        QCOMPARE(frames.format(), QImage::Format_RGB888);
        QCOMPARE(frames, rgb);
        ScanRequest deepGrid = request(QStringLiteral("Grid"), ColorMode::Color, 75);
        deepGrid.deviceOptions.insert(QStringLiteral("depth"), 16);
        QVERIFY(maxDifference(capture(deepGrid),
                              capture(request(QStringLiteral("Grid"), ColorMode::Color, 75))) <= 1);
        // At 16 bits the test scanner's colour pattern rises smoothly from black to full red over its first
        // 256 columns: read in the wrong byte order it would jump up and down from one pixel to the next.
        ScanRequest deepColour = request(QStringLiteral("Color pattern"), ColorMode::Color, 75);
        deepColour.deviceOptions.insert(QStringLiteral("depth"), 16);
        const QImage ramp = capture(deepColour);
        QVERIFY(ramp.width() > 256);
        int drops = 0;
        for (int x = 6; x < 250; ++x)
            drops += qRed(ramp.pixel(x, 20)) + 2 < qRed(ramp.pixel(x - 1, 20));
        QCOMPARE(drops, 0);
        QVERIFY(qRed(ramp.pixel(6, 20)) < 40);
        QVERIFY(qRed(ramp.pixel(250, 20)) > 200);
    }

    void handScannerOfUnknownHeight()
    {
        ScanRequest r = request(QStringLiteral("Grid"), ColorMode::Gray, 100);
        r.deviceOptions.insert(QStringLiteral("hand-scanner"), true);
        QImage image;
        ScanHooks hooks;
        hooks.pageScanned = [&](const ScannedPage &p) { image = p.image; };
        GD_VERIFY_OK(scanToPdf(*m_backend, r, {}, out(QStringLiteral("hand.pdf")), hooks));
        QCOMPARE(image.width(), int(110 / 25.4 * 100)); // the simulated hand scanner is 11 cm wide
        QVERIFY(image.height() > 0);
    }

    void feederScansUntilEmpty()
    {
        ScanRequest r = request(QStringLiteral("Grid"), ColorMode::Gray, 50, 0);
        r.source = ScanSource::Adf;
        const QString pdf = out(QStringLiteral("feeder.pdf"));
        QList<int> pagesSeen;
        ScanHooks hooks;
        hooks.progress = [&](const ScanProgress &p) {
            if (p.percent == 100)
                pagesSeen << p.page;
            QCOMPARE(p.pages, 0); // unknown until the feeder is empty
        };
        auto s = scanToPdf(*m_backend, r, {}, pdf, hooks);
        GD_VERIFY_OK(s);
        // The test backend's feeder holds ten sheets.
        QCOMPARE(s->pages, 10);
        QCOMPARE(pagesSeen.size(), 10);
        QCOMPARE(pdfPageSizes(pdf).size(), 10);
    }

    void emptyFeederIsAClearErrorAndNothingIsWritten()
    {
        ScanRequest r = request(QStringLiteral("Grid"), ColorMode::Gray, 50, 0);
        r.source = ScanSource::Adf;
        r.deviceOptions.insert(QStringLiteral("read-return-value"), QStringLiteral("SANE_STATUS_NO_DOCS"));
        // The test scanner stops its page reader when the job ends; a reader that is pausing between blocks
        // is stopped cleanly, one caught on its way out can deadlock inside the backend.
        r.deviceOptions.insert(QStringLiteral("read-delay"), true);
        r.deviceOptions.insert(QStringLiteral("read-delay-duration"), 200000);
        const QString pdf = out(QStringLiteral("empty-feeder.pdf"));
        auto s = scanToPdf(*m_backend, r, {}, pdf);
        QVERIFY(!s);
        QCOMPARE(s.error().code(), QStringLiteral("scan.feeder-empty"));
        QVERIFY(s.error().english().startsWith(QLatin1String("The document feeder is empty")));
        QVERIFY(!QFile::exists(pdf));
    }

    void feederRunningOutEarlyFailsAndLeavesAnExistingFileAlone()
    {
        const QString pdf = out(QStringLiteral("twelve.pdf"));
        {
            QFile f(pdf);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("the clerk's earlier file");
        }
        ScanRequest r = request(QStringLiteral("Grid"), ColorMode::Gray, 50, 12);
        r.source = ScanSource::Adf;
        auto s = scanToPdf(*m_backend, r, {}, pdf);
        QVERIFY(!s);
        QCOMPARE(s.error().code(), QStringLiteral("scan.feeder-ran-out"));
        QVERIFY(s.error().english().contains(QLatin1String("after 10 of 12 pages")));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("the clerk's earlier file"));
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("twelve*")}, QDir::Files | QDir::Hidden).size(),
                 1);
    }

    void duplexOnAScannerWithoutItIsRefused()
    {
        ScanRequest r = request(QStringLiteral("Grid"), ColorMode::Gray, 50, 2);
        r.source = ScanSource::AdfDuplex;
        auto s = scanToPdf(*m_backend, r, {}, out(QStringLiteral("duplex.pdf")));
        QVERIFY(!s);
        QCOMPARE(s.error().code(), QStringLiteral("scan.unsupported-source"));
        QVERIFY(!QFile::exists(out(QStringLiteral("duplex.pdf"))));
    }

    void jobReportsProgressAndPagesThenFinishes()
    {
        const QString pdf = out(QStringLiteral("job.pdf"));
        ScanJob job(m_backend, request(QStringLiteral("Grid"), ColorMode::Gray, 100, 2), {}, pdf);
        QSignalSpy progress(&job, &ScanJob::progress);
        QSignalSpy pages(&job, &ScanJob::pageScanned);
        QSignalSpy finished(&job, &ScanJob::finished);
        QSignalSpy failed(&job, &ScanJob::failed);
        job.start();
        QVERIFY(finished.wait(60000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(pages.size(), 2);
        QCOMPARE(pages.at(1).at(0).toInt(), 2);
        const QImage preview = pages.at(0).at(1).value<QImage>();
        QVERIFY(!preview.isNull());
        QVERIFY(std::max(preview.width(), preview.height()) <= 800);
        QVERIFY(progress.size() >= 4);
        QCOMPARE(progress.last().at(0).toInt(), 2);
        QCOMPARE(progress.last().at(1).toInt(), 2);
        QCOMPARE(progress.last().at(2).toInt(), 100);
        const auto summary = finished.first().first().value<PdfSummary>();
        QCOMPARE(summary.pages, 2);
        QVERIFY(QFile::exists(pdf));
        QVERIFY(job.wait(10000));
        QVERIFY(!job.isRunning());
    }

    void cancelStopsTheScanAndLeavesNoFile()
    {
        const QString pdf = out(QStringLiteral("cancelled.pdf"));
        ScanJob job(m_backend, slowRequest(3), {}, pdf);
        QSignalSpy failed(&job, &ScanJob::failed);
        QSignalSpy finished(&job, &ScanJob::finished);
        connect(&job, &ScanJob::progress, &job, [&job](int, int, int percent) {
            if (percent > 0)
                job.cancel();
        });
        job.start();
        QVERIFY(failed.wait(120000));
        QCOMPARE(finished.size(), 0);
        const auto error = failed.first().first().value<core::Error>();
        QVERIFY(isCancelled(error));
        QVERIFY(job.wait(30000));
        QVERIFY(!QFile::exists(pdf));
        // The scanner is free again for the next job.
        GD_VERIFY_OK(scanToPdf(*m_backend, request(QStringLiteral("Grid"), ColorMode::Gray, 50), {},
                               out(QStringLiteral("after-cancel.pdf"))));
    }

    void aScannerInUseIsBusyForASecondJob()
    {
        ScanJob first(m_backend, slowRequest(2), {}, out(QStringLiteral("first.pdf")));
        QSignalSpy failed(&first, &ScanJob::failed);
        bool reading = false;
        connect(&first, &ScanJob::progress, this,
                [&reading](int, int, int percent) { reading = reading || percent > 0; });
        first.start();
        // Data is flowing: the first job holds the scanner.
        QTRY_VERIFY_WITH_TIMEOUT(reading, 30000);
        auto second = scanToPdf(*m_backend, request(QStringLiteral("Grid"), ColorMode::Gray, 50), {},
                                out(QStringLiteral("second.pdf")));
        QVERIFY(!second);
        QCOMPARE(second.error().code(), QStringLiteral("scan.device-busy"));
        QVERIFY(!QFile::exists(out(QStringLiteral("second.pdf"))));
        first.cancel();
        QVERIFY(failed.wait(60000));
        QVERIFY(first.wait(30000));
    }

    void electronicCopyBelow200DpiOrNotInColourIsRefused()
    {
        PdfOptions copy;
        copy.electronicCopy = true;
        const QString pdf = out(QStringLiteral("copy-refused.pdf"));
        auto low = scanToPdf(*m_backend, request(QStringLiteral("Grid"), ColorMode::Color, 150), copy, pdf);
        QVERIFY(!low);
        QCOMPARE(low.error().code(), QStringLiteral("scan.copy-resolution"));
        QVERIFY(low.error().english().contains(QLatin1String("200 dpi")));
        auto grey = scanToPdf(*m_backend, request(QStringLiteral("Grid"), ColorMode::Gray, 300), copy, pdf);
        QVERIFY(!grey);
        QCOMPARE(grey.error().code(), QStringLiteral("scan.copy-colour"));
        QVERIFY(!QFile::exists(pdf));
    }

    void electronicCopyAt200DpiInColourStaysColour()
    {
        PdfOptions copy;
        copy.electronicCopy = true;
        const QString pdf = out(QStringLiteral("copy.pdf"));
        // The grid has no colour, yet a copy keeps the colour scan as it is.
        auto s = scanToPdf(*m_backend, request(QStringLiteral("Grid"), ColorMode::Color, 200), copy, pdf);
        GD_VERIFY_OK(s);
        QCOMPARE(s->dpi, 200.0);
        const QList<PdfImageInfo> images = pdfImages(pdf);
        QCOMPARE(images.size(), 1);
        QCOMPARE(images.first().colorSpace, QStringLiteral("/DeviceRGB"));
        QCOMPARE(images.first().width, 1574);
        QVERIFY(isA4(pdfPageSizes(pdf).value(0)));
        QCOMPARE(gridMismatches(renderPdfPage(pdf, 0, 50), 50), 0);
    }

    void aColourScanWithoutColourIsStoredGrey()
    {
        const QString pdf = out(QStringLiteral("colour-grid.pdf"));
        GD_VERIFY_OK(scanToPdf(*m_backend, request(QStringLiteral("Grid"), ColorMode::Color, 100), {}, pdf));
        QCOMPARE(pdfImages(pdf).value(0).colorSpace, QStringLiteral("/DeviceGray"));
    }

    void unknownScannerIsNamedInTheError()
    {
        ScanRequest r = request(QStringLiteral("Grid"), ColorMode::Gray, 50);
        r.deviceId = QStringLiteral("test:7");
        auto s = scanToPdf(*m_backend, r, {}, out(QStringLiteral("none.pdf")));
        QVERIFY(!s);
        QCOMPARE(s.error().code(), QStringLiteral("scan.device-not-found"));
        QVERIFY(s.error().english().contains(QLatin1String("test:7")));
        ScanRequest bad = request(QStringLiteral("Grid"), ColorMode::Gray, 50);
        bad.deviceOptions.insert(QStringLiteral("no-such-option"), 1);
        auto o = scanToPdf(*m_backend, bad, {}, out(QStringLiteral("none.pdf")));
        QVERIFY(!o);
        QCOMPARE(o.error().code(), QStringLiteral("scan.unknown-option"));
        QVERIFY(!QFile::exists(out(QStringLiteral("none.pdf"))));
    }
};

QTEST_MAIN(TestSaneBackend)
#include "tst_sane_backend.moc"
