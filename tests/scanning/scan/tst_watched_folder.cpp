// The scan-to-folder inbox: a good file becomes a PDF and moves to done/, a damaged one goes to failed/ with
// the reason beside it, nothing is handled twice (not even across a restart), multi-page TIFFs through
// libtiff. What the folder made waits to be registered (listed with its source and pages) until it is
// registered or put aside; a failed file can be tried once more; the PDFs may not go into the inbox itself.
#include "ScanTestSupport.h"

#include "scanning/scan/ImageOps.h"
#include "scanning/scan/PdfFromScans.h"
#include "scanning/scan/WatchedFolder.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <tiffio.h>

using namespace govdesk;
using namespace govdesk::scanning;
using namespace govdesk::scanning::testing;

namespace {

/// A three-page TIFF as a document scanner's scan-to-folder writes it: grey, colour and G4 pages at 200 dpi.
bool writeTiff(const QString &path)
{
    TIFF *tif = TIFFOpen(QFile::encodeName(path).constData(), "w");
    if (!tif)
        return false;
    const QImage grey = textPage(100);
    const QImage colour = textPage(100, 0, true);
    const QImage mono = ImageOps::binarize(grey);
    auto header = [&](const QImage &img, int bits, int samples, int photometric, int compression) {
        TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, uint32_t(img.width()));
        TIFFSetField(tif, TIFFTAG_IMAGELENGTH, uint32_t(img.height()));
        TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, uint16_t(bits));
        TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, uint16_t(samples));
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, uint16_t(photometric));
        TIFFSetField(tif, TIFFTAG_COMPRESSION, uint16_t(compression));
        TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, uint32_t(64));
        TIFFSetField(tif, TIFFTAG_XRESOLUTION, 100.0f);
        TIFFSetField(tif, TIFFTAG_YRESOLUTION, 100.0f);
        TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, uint16_t(RESUNIT_INCH));
    };
    auto rows = [&](const QImage &img, int bytes) {
        for (int y = 0; y < img.height(); ++y)
            if (TIFFWriteScanline(tif, const_cast<uchar *>(img.constScanLine(y)), uint32_t(y), 0) < 0)
                return false;
        Q_UNUSED(bytes);
        return TIFFWriteDirectory(tif) != 0;
    };
    header(grey, 8, 1, PHOTOMETRIC_MINISBLACK, COMPRESSION_LZW);
    bool ok = rows(grey, grey.width());
    header(colour, 8, 3, PHOTOMETRIC_RGB, COMPRESSION_LZW);
    ok = ok && rows(colour, colour.width() * 3);
    header(mono, 1, 1, PHOTOMETRIC_MINISWHITE, COMPRESSION_CCITTFAX4);
    ok = ok && rows(mono, (mono.width() + 7) / 8);
    TIFFClose(tif);
    return ok;
}

bool writeBytes(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestWatchedFolder : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    int m_serial = 0;

    WatchedFolderOptions fresh()
    {
        WatchedFolderOptions o;
        const QString base = m_root.filePath(QString::number(++m_serial));
        o.inbox = base + QStringLiteral("/inbox");
        o.outDir = base + QStringLiteral("/pdf");
        // Short enough for a test, long enough that files written in one go are whole.
        o.stableMs = 300;
        QDir().mkpath(o.inbox);
        return o;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_root.isValid()); }

    void goodImageBecomesAPdfAndMovesToDone()
    {
        const WatchedFolderOptions o = fresh();
        QVERIFY(withResolution(textPage(200), 200).save(o.inbox + QStringLiteral("/cong-van-15.png")));
        WatchedFolder folder(o);
        QSignalSpy processed(&folder, &WatchedFolder::fileProcessed);
        const QList<WatchedFileResult> results = folder.runOnce(30000);
        QCOMPARE(results.size(), 1);
        QVERIFY2(results.first().ok(), qPrintable(results.first().error.english()));
        QCOMPARE(processed.size(), 1);
        const QString pdf = o.outDir + QStringLiteral("/cong-van-15.pdf");
        QCOMPARE(QFileInfo(results.first().pdf).absoluteFilePath(), QFileInfo(pdf).absoluteFilePath());
        QVERIFY(qpdfCheck(pdf));
        QCOMPARE(pdfPageSizes(pdf).size(), 1);
        QCOMPARE(filesIn(o.inbox), QStringList());
        QCOMPARE(filesIn(o.inbox + QStringLiteral("/done")), QStringList{QStringLiteral("cong-van-15.png")});
        QVERIFY(filesIn(o.inbox + QStringLiteral("/failed")).isEmpty());
    }

    void damagedImageGoesToFailedWithTheReason()
    {
        const WatchedFolderOptions o = fresh();
        QVERIFY(
            writeBytes(o.inbox + QStringLiteral("/hong.jpg"), QByteArray("\xFF\xD8\xFF\xE0 cut short", 14)));
        QVERIFY(writeBytes(o.inbox + QStringLiteral("/ghi-chu.txt"), "not a scan"));
        WatchedFolder folder(o);
        QSignalSpy failed(&folder, &WatchedFolder::fileFailed);
        const QList<WatchedFileResult> results = folder.runOnce(30000);
        QCOMPARE(results.size(), 2);
        QCOMPARE(failed.size(), 2);
        QVERIFY(filesIn(o.outDir).isEmpty());
        QCOMPARE(filesIn(o.inbox), QStringList());
        const QString failedDir = o.inbox + QStringLiteral("/failed");
        QCOMPARE(filesIn(failedDir),
                 (QStringList{QStringLiteral("ghi-chu.txt"), QStringLiteral("ghi-chu.txt.error.txt"),
                              QStringLiteral("hong.jpg"), QStringLiteral("hong.jpg.error.txt")}));
        QFile why(failedDir + QStringLiteral("/hong.jpg.error.txt"));
        QVERIFY(why.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(why.readAll());
        QVERIFY2(text.contains(QLatin1String("The image hong.jpg is damaged or incomplete")),
                 qPrintable(text));
        QVERIFY(text.contains(QLatin1String("import.damaged")));
        QFile why2(failedDir + QStringLiteral("/ghi-chu.txt.error.txt"));
        QVERIFY(why2.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(why2.readAll()).contains(QLatin1String("neither an image")));
    }

    void nothingIsHandledTwiceNotEvenAfterARestart()
    {
        const WatchedFolderOptions o = fresh();
        const QString png = o.inbox + QStringLiteral("/to-trinh.png");
        QVERIFY(withResolution(textPage(150), 150).save(png));
        {
            WatchedFolder folder(o);
            QCOMPARE(folder.runOnce(30000).size(), 1);
            // Looking again finds nothing new.
            QCOMPARE(folder.runOnce(30000).size(), 0);
        }
        // A new run (after a restart) sees the inbox empty: done/ is the record.
        WatchedFolder again(o);
        QCOMPARE(again.runOnce(30000).size(), 0);
        QCOMPARE(filesIn(o.outDir), QStringList{QStringLiteral("to-trinh.pdf")});

        // A crash between writing the PDF and moving the file: the file is back in the inbox. It is moved
        // away again, but no second PDF appears.
        QVERIFY(QFile::rename(o.inbox + QStringLiteral("/done/to-trinh.png"), png));
        const QList<WatchedFileResult> results = again.runOnce(30000);
        QCOMPARE(results.size(), 1);
        QVERIFY(results.first().ok());
        QCOMPARE(filesIn(o.outDir), QStringList{QStringLiteral("to-trinh.pdf")});
        QCOMPARE(filesIn(o.inbox + QStringLiteral("/done")), QStringList{QStringLiteral("to-trinh.png")});
        QCOMPARE(filesIn(o.inbox), QStringList());

        // A different file of the same name gets its own PDF.
        QVERIFY(withResolution(textPage(100, 2.0), 100).save(png));
        QCOMPARE(again.runOnce(30000).size(), 1);
        QCOMPARE(filesIn(o.outDir),
                 (QStringList{QStringLiteral("to-trinh (2).pdf"), QStringLiteral("to-trinh.pdf")}));
    }

    void multiPageTiffThroughLibtiff()
    {
        const WatchedFolderOptions o = fresh();
        QVERIFY(writeTiff(o.inbox + QStringLiteral("/ho-so.tif")));
        WatchedFolder folder(o);
        const QList<WatchedFileResult> results = folder.runOnce(30000);
        QCOMPARE(results.size(), 1);
        QVERIFY2(results.first().ok(), qPrintable(results.first().error.english()));
        const QString pdf = results.first().pdf;
        QCOMPARE(pdfPageSizes(pdf).size(), 3);
        const QList<PdfImageInfo> images = pdfImages(pdf);
        QStringList kinds;
        for (const PdfImageInfo &i : images)
            kinds << i.filter + QLatin1Char(' ') + i.colorSpace;
        kinds.sort();
        QCOMPARE(kinds, (QStringList{QStringLiteral("/CCITTFaxDecode /DeviceGray"),
                                     QStringLiteral("/DCTDecode /DeviceGray"),
                                     QStringLiteral("/DCTDecode /DeviceRGB")}));
        // 100 dpi in the file: an A4 page at 100 dpi fills the A4 page exactly.
        for (const PdfImageInfo &i : images)
            QCOMPARE(i.width, 827);
        QVERIFY(qpdfCheck(pdf));
    }

    void aDroppedPdfIsKept()
    {
        const WatchedFolderOptions o = fresh();
        PdfFromScans source;
        ScannedPage page;
        page.image = textPage(100);
        page.dpi = 100;
        page.mode = ColorMode::Gray;
        GD_VERIFY_OK(source.addPage(page));
        GD_VERIFY_OK(source.save(o.inbox + QStringLiteral("/da-quet.pdf")));
        WatchedFolder folder(o);
        const QList<WatchedFileResult> results = folder.runOnce(30000);
        QCOMPARE(results.size(), 1);
        QVERIFY(results.first().ok());
        QCOMPARE(pdfPageSizes(results.first().pdf).size(), 1);
    }

    void watchingPicksUpANewFile()
    {
        const WatchedFolderOptions o = fresh();
        WatchedFolder folder(o);
        QSignalSpy processed(&folder, &WatchedFolder::fileProcessed);
        GD_VERIFY_OK(folder.start());
        // Written under a temporary name and renamed, as scanners do: the partial file is never taken.
        const QString part = o.inbox + QStringLiteral("/bien-ban.png.part");
        QVERIFY(withResolution(textPage(100), 100).save(part, "PNG"));
        QTest::qWait(700);
        QCOMPARE(processed.size(), 0);
        QVERIFY(QFile::rename(part, o.inbox + QStringLiteral("/bien-ban.png")));
        QVERIFY(processed.wait(30000));
        QCOMPARE(processed.first().at(1).toString(), QDir(o.outDir).filePath(QStringLiteral("bien-ban.pdf")));
        QTRY_COMPARE_WITH_TIMEOUT(filesIn(o.inbox + QStringLiteral("/done")),
                                  QStringList{QStringLiteral("bien-ban.png")}, 10000);
        folder.stop();
    }

    void filesDroppedTogetherAreEachMadeOnce()
    {
        // The folder is looked at again while a file is being made into a PDF (frequent rescans): the file in
        // hand is not queued a second time, so no "cannot read" for a file already moved to done/.
        WatchedFolderOptions o = fresh();
        o.rescanMs = 500;
        WatchedFolder folder(o);
        QSignalSpy processed(&folder, &WatchedFolder::fileProcessed);
        QSignalSpy failed(&folder, &WatchedFolder::fileFailed);
        GD_VERIFY_OK(folder.start());
        for (int i = 1; i <= 3; ++i)
            QVERIFY(
                withResolution(textPage(200), 200).save(o.inbox + QStringLiteral("/trang-%1.png").arg(i)));
        QTRY_COMPARE_WITH_TIMEOUT(processed.size(), 3, 60000);
        QTest::qWait(1500);
        QCOMPARE(processed.size(), 3);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(filesIn(o.outDir).size(), 3);
        QCOMPARE(filesIn(o.inbox + QStringLiteral("/done")).size(), 3);
        folder.stop();
    }

    void madePdfsWaitUntilRegisteredOrPutAside()
    {
        const WatchedFolderOptions o = fresh();
        QVERIFY(withResolution(textPage(150), 150).save(o.inbox + QStringLiteral("/cong-van-20.png")));
        QVERIFY(writeTiff(o.inbox + QStringLiteral("/to-trinh-3-trang.tif")));
        QCOMPARE(WatchedFolder::pendingCount(o.outDir), 0);
        WatchedFolder folder(o);
        QCOMPARE(folder.runOnce(30000).size(), 2);

        QList<PendingScan> pending = WatchedFolder::pending(o.outDir);
        QCOMPARE(pending.size(), 2);
        QCOMPARE(WatchedFolder::pendingCount(o.outDir), 2);
        QHash<QString, PendingScan> bySource;
        for (const PendingScan &p : pending)
            bySource.insert(p.sourceName, p);
        QCOMPARE(bySource.value(QStringLiteral("cong-van-20.png")).pages, 1);
        QCOMPARE(bySource.value(QStringLiteral("to-trinh-3-trang.tif")).pages, 3);
        const PendingScan letter = bySource.value(QStringLiteral("cong-van-20.png"));
        QCOMPARE(letter.pdf, QDir(o.outDir).absoluteFilePath(QStringLiteral("cong-van-20.pdf")));
        QCOMPARE(letter.bytes, QFileInfo(letter.pdf).size());
        QCOMPARE(letter.toJson().value(QStringLiteral("source")).toString(),
                 QStringLiteral("cong-van-20.png"));

        // Registered: off the list, kept in registered/.
        auto registered = WatchedFolder::settle(letter.pdf, o.outDir, ScanSettlement::Registered);
        GD_VERIFY_OK(registered);
        QCOMPARE(registered.value(), QDir(o.outDir).filePath(QStringLiteral("registered/cong-van-20.pdf")));
        QVERIFY(qpdfCheck(registered.value()));
        // The same PDF cannot be registered twice.
        auto again = WatchedFolder::settle(letter.pdf, o.outDir, ScanSettlement::Registered);
        QVERIFY(!again);
        QCOMPARE(again.error().code(), QStringLiteral("watch.not-pending"));
        // A file elsewhere is not the folder's to move.
        auto foreign = WatchedFolder::settle(registered.value(), o.outDir, ScanSettlement::Discarded);
        QVERIFY(!foreign);
        QVERIFY(QFileInfo::exists(registered.value()));

        pending = WatchedFolder::pending(o.outDir);
        QCOMPARE(pending.size(), 1);
        auto aside = WatchedFolder::settle(pending.first().pdf, o.outDir, ScanSettlement::Discarded);
        GD_VERIFY_OK(aside);
        QCOMPARE(filesIn(o.outDir + QStringLiteral("/discarded")),
                 QStringList{QStringLiteral("to-trinh-3-trang.pdf")});
        QCOMPARE(WatchedFolder::pending(o.outDir).size(), 0);
        QCOMPARE(WatchedFolder::pendingCount(o.outDir), 0);
    }

    void aFailedFileIsListedWithItsReasonAndCanBeTriedAgain()
    {
        const WatchedFolderOptions o = fresh();
        const QString name = QStringLiteral("bien-ban.png");
        QVERIFY(writeBytes(o.inbox + QLatin1Char('/') + name, QByteArray("\x89PNG\r\n\x1a\n broken", 15)));
        WatchedFolder folder(o);
        QCOMPARE(folder.runOnce(30000).size(), 1);
        QList<FailedScan> failures = WatchedFolder::failures(o.inbox);
        QCOMPARE(failures.size(), 1);
        QCOMPARE(QFileInfo(failures.first().file).fileName(), name);
        QVERIFY2(failures.first().reason.contains(QLatin1String("bien-ban.png")),
                 qPrintable(failures.first().reason));
        // The code line is for the log, not for the clerk.
        QVERIFY(!failures.first().reason.contains(QLatin1String("import.")));

        // The scanner wrote it again, whole: put back into the inbox, it is read this time.
        auto back = WatchedFolder::retry(failures.first().file, o.inbox);
        GD_VERIFY_OK(back);
        QCOMPARE(back.value(), QDir(o.inbox).filePath(name));
        QVERIFY(WatchedFolder::failures(o.inbox).isEmpty());
        QVERIFY(filesIn(o.inbox + QStringLiteral("/failed")).isEmpty());
        QVERIFY(withResolution(textPage(100), 100).save(back.value(), "PNG"));
        WatchedFolder second(o);
        const QList<WatchedFileResult> results = second.runOnce(30000);
        QCOMPARE(results.size(), 1);
        QVERIFY2(results.first().ok(), qPrintable(results.first().error.english()));
        QCOMPARE(WatchedFolder::pending(o.outDir).size(), 1);
        // Only files of failed/ go back.
        QVERIFY(!WatchedFolder::retry(WatchedFolder::pending(o.outDir).first().pdf, o.inbox));
    }

    void thePdfsMayNotGoIntoTheInbox()
    {
        WatchedFolderOptions o = fresh();
        for (const QString &out : {o.inbox, o.inbox + QStringLiteral("/done"),
                                   o.inbox + QStringLiteral("/failed/pdf"), QString()}) {
            o.outDir = out;
            auto r = WatchedFolder::checkFolders(o);
            QVERIFY2(!r, qPrintable(out));
            WatchedFolder folder(o);
            QVERIFY(!folder.start());
        }
        o.outDir = o.inbox + QStringLiteral("/pdf");
        GD_VERIFY_OK(WatchedFolder::checkFolders(o));
    }
};

QTEST_MAIN(TestWatchedFolder)
#include "tst_watched_folder.moc"
