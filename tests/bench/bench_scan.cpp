// Scanning into PDFs: pages per minute through the whole chain a clerk uses (SANE test scanner → page image →
// JPEG / CCITT G4 → PDF written with qpdf) at 200 dpi in colour, grey and black-and-white, and the bytes a
// page costs, both for the test scanner's picture and for a generated A4 page of Vietnamese administrative
// text (what a typical scanned page holds; the target is a grey page well under 300 KB).
//
// Usage: bench_scan [PAGES=10]
#include "ScanTestSupport.h"

#include "scanning/scan/PdfFromScans.h"
#include "scanning/scan/SaneBackend.h"
#include "scanning/scan/ScanPipeline.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace govdesk;
using namespace govdesk::scanning;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QString kb(double bytes)
{
    return QString::number(bytes / 1024.0, 'f', 1) + QStringLiteral(" KB");
}

struct Mode
{
    const char *name;
    ColorMode mode;
    const char *picture; ///< the test scanner's picture for this mode
};

const Mode kModes[] = {{"colour", ColorMode::Color, "Color pattern"},
                       {"grey", ColorMode::Gray, "Grid"},
                       {"lineart", ColorMode::Lineart, "Grid"}};

} // namespace

int main(int argc, char *argv[])
{
    // QImage text rendering needs a font database; no window is shown.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int pages = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 10;
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;

    // A private SANE configuration with the test backend only (see tests/scanning/scan).
    // Without the test backend's pause after each block of data: the chain at full speed.
    testing::SaneTestConfig sane;
    if (!sane.install({QStringLiteral("test")}, {QStringLiteral("read-delay false")}))
        return 1;
    SaneBackend backend;

    out() << "Scanning with the SANE test backend (" << pages
          << " pages per mode, 200 dpi, 200 × 200 mm glass, "
          << "scanned area A4 clipped to it), into PDFs of up to ten pages (the test feeder's load)\n";
    out() << QStringLiteral("%1 %2 %3 %4\n")
                 .arg(QStringLiteral("mode").leftJustified(9), QStringLiteral("pages/min").rightJustified(10),
                      QStringLiteral("bytes/page").rightJustified(12),
                      QStringLiteral("PDF").rightJustified(12));
    for (const Mode &m : kModes) {
        ScanRequest request;
        request.deviceId = QStringLiteral("test:0");
        request.mode = m.mode;
        request.resolution = 200;
        request.pages = pages;
        request.source = ScanSource::Adf;
        request.deviceOptions.insert(QStringLiteral("test-picture"), QString::fromLatin1(m.picture));
        // The test feeder holds ten sheets; more pages are scanned in several jobs into several files.
        int done = 0;
        qint64 bytes = 0;
        QElapsedTimer timer;
        timer.start();
        int file = 0;
        while (done < pages) {
            request.pages = std::min(10, pages - done);
            const QString pdf =
                dir.filePath(QStringLiteral("%1-%2.pdf").arg(QLatin1String(m.name)).arg(++file));
            auto r = scanToPdf(backend, request, {}, pdf);
            if (!r) {
                out() << m.name << ": " << r.error().english() << '\n';
                return 1;
            }
            done += r->pages;
            bytes += r->bytes;
        }
        const double minutes = timer.elapsed() / 60000.0;
        out() << QStringLiteral("%1 %2 %3 %4\n")
                     .arg(QString::fromLatin1(m.name).leftJustified(9))
                     .arg(QString::number(done / minutes, 'f', 0).rightJustified(10))
                     .arg(kb(double(bytes) / done).rightJustified(12))
                     .arg(kb(double(bytes)).rightJustified(12));
        out().flush();
    }

    out() << "\nA generated A4 page of administrative text (Liberation Serif 13 pt, red stamp for colour) at "
             "200 "
             "dpi, image → PDF only\n";
    out() << QStringLiteral("%1 %2 %3\n")
                 .arg(QStringLiteral("mode").leftJustified(9), QStringLiteral("pages/min").rightJustified(10),
                      QStringLiteral("bytes/page").rightJustified(12));
    const QImage colourPage = testing::textPage(200, 0, true);
    const QImage plainPage = testing::textPage(200);
    for (const Mode &m : kModes) {
        QImage image = m.mode == ColorMode::Color ? colourPage.convertToFormat(QImage::Format_RGB888)
                                                  : plainPage.convertToFormat(QImage::Format_Grayscale8);
        if (m.mode == ColorMode::Lineart)
            image = image.convertToFormat(QImage::Format_Mono, {0xffffffff, 0xff000000}, Qt::ThresholdDither);
        PdfOptions options;
        options.grayWhenNoColour = false;
        QElapsedTimer timer;
        timer.start();
        PdfFromScans pdf(options);
        const int n = std::max(1, pages);
        for (int i = 0; i < n; ++i) {
            ScannedPage page;
            page.image = withResolution(image, 200);
            page.dpi = 200;
            page.mode = m.mode;
            page.number = i + 1;
            if (auto r = pdf.addPage(std::move(page)); !r) {
                out() << m.name << ": " << r.error().english() << '\n';
                return 1;
            }
        }
        auto saved = pdf.save(dir.filePath(QStringLiteral("text-%1.pdf").arg(QLatin1String(m.name))));
        if (!saved) {
            out() << m.name << ": " << saved.error().english() << '\n';
            return 1;
        }
        const double minutes = timer.elapsed() / 60000.0;
        out() << QStringLiteral("%1 %2 %3\n")
                     .arg(QString::fromLatin1(m.name).leftJustified(9))
                     .arg(QString::number(n / minutes, 'f', 0).rightJustified(10))
                     .arg(kb(double(saved->bytes) / n).rightJustified(12));
        out().flush();
    }
    return 0;
}
