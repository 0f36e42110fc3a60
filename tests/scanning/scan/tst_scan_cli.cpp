// govdesk-cli scan as IT staff and scripts use it: listing scanners, scanning pages into a PDF with progress
// on stderr and --json figures, the electronic-copy rule, the empty feeder, import, and the watched folder.
#include "ScanTestSupport.h"

#include "scanning/scan/ScanTypes.h"
#include "support/CliRunner.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace govdesk;
using namespace govdesk::scanning::testing;
using govdesk::test::CliResult;
using govdesk::test::CliRunner;

class TestScanCli : public QObject
{
    Q_OBJECT

    SaneTestConfig m_sane;
    QTemporaryDir m_dir;
    CliRunner m_cli;
    QProcessEnvironment m_env;

    CliResult scan(const QStringList &args) const
    {
        return m_cli.run(QStringList{QStringLiteral("--json"), QStringLiteral("scan")} + args, {}, {}, m_env);
    }
    QString out(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The test scanner shows its grid unless asked otherwise.
        QVERIFY(m_sane.install({QStringLiteral("test")}, {QStringLiteral("test-picture \"Grid\"")}, false));
        m_env.insert(QStringLiteral("SANE_CONFIG_DIR"), m_sane.path());
        m_env.insert(QStringLiteral("GOVDESK_LANG"), QStringLiteral("en"));
    }

    void listsScanners()
    {
        const CliResult r = scan({QStringLiteral("--list")});
        QVERIFY2(r.ok(), r.describe());
        const QJsonArray list = r.json.array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first()[QStringLiteral("id")].toString(), QStringLiteral("test:0"));
        QCOMPARE(list.first()[QStringLiteral("model")].toString(), QStringLiteral("frontend-tester"));
    }

    void scansTwoPagesIntoOnePdf()
    {
        const QString pdf = out(QStringLiteral("hai-trang.pdf"));
        const CliResult r =
            scan({QStringLiteral("--device"), QStringLiteral("test"), QStringLiteral("--pages"),
                  QStringLiteral("2"), QStringLiteral("--out"), pdf, QStringLiteral("--mode"),
                  QStringLiteral("gray"), QStringLiteral("--resolution"), QStringLiteral("200")});
        QVERIFY2(r.ok(), r.describe());
        const QJsonObject j = r.json.object();
        QCOMPARE(QFileInfo(j[QStringLiteral("out")].toString()).absoluteFilePath(),
                 QFileInfo(pdf).absoluteFilePath());
        QCOMPARE(j[QStringLiteral("pages")].toInt(), 2);
        QCOMPARE(j[QStringLiteral("dpi")].toDouble(), 200.0);
        QCOMPARE(j[QStringLiteral("mode")].toString(), QStringLiteral("gray"));
        QCOMPARE(qint64(j[QStringLiteral("bytes")].toDouble()), QFileInfo(pdf).size());
        // Progress lines on stderr for both pages.
        QVERIFY2(r.err().contains(QLatin1String("page 1 of 2")) &&
                     r.err().contains(QLatin1String("page 2 of 2: 100%")),
                 qPrintable(r.err()));
        QCOMPARE(pdfPageSizes(pdf).size(), 2);
        QVERIFY(qpdfCheck(pdf));
        QCOMPARE(gridMismatches(renderPdfPage(pdf, 1, 50), 50), 0);
    }

    void lineartWithFullSaneNameDeskewAndCrop()
    {
        const QString pdf = out(QStringLiteral("den-trang.pdf"));
        const CliResult r =
            scan({QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--out"), pdf,
                  QStringLiteral("--mode"), QStringLiteral("lineart"), QStringLiteral("--deskew"),
                  QStringLiteral("--crop"), QStringLiteral("--page-size"), QStringLiteral("scanned"),
                  QStringLiteral("--resolution"), QStringLiteral("100")});
        QVERIFY2(r.ok(), r.describe());
        QCOMPARE(r.json.object()[QStringLiteral("mode")].toString(), QStringLiteral("lineart"));
        QCOMPARE(pdfImages(pdf).value(0).filter, QStringLiteral("/CCITTFaxDecode"));
    }

    void electronicCopyBelow200DpiIsRefused()
    {
        const QString pdf = out(QStringLiteral("ban-sao.pdf"));
        const CliResult r =
            scan({QStringLiteral("--device"), QStringLiteral("test"), QStringLiteral("--out"), pdf,
                  QStringLiteral("--resolution"), QStringLiteral("150"), QStringLiteral("--copy")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err().contains(QLatin1String("scan.copy-resolution")) &&
                     r.err().contains(QLatin1String("200 dpi")),
                 r.describe());
        QVERIFY(!QFile::exists(pdf));
        const CliResult ok =
            scan({QStringLiteral("--device"), QStringLiteral("test"), QStringLiteral("--out"), pdf,
                  QStringLiteral("--resolution"), QStringLiteral("200"), QStringLiteral("--copy")});
        QVERIFY2(ok.ok(), ok.describe());
        QCOMPARE(ok.json.object()[QStringLiteral("mode")].toString(), QStringLiteral("color"));
    }

    void emptyFeederIsSaidClearly()
    {
        const QString pdf = out(QStringLiteral("khay-trong.pdf"));
        const CliResult r =
            scan({QStringLiteral("--device"), QStringLiteral("test"), QStringLiteral("--source"),
                  QStringLiteral("adf"), QStringLiteral("--out"), pdf, QStringLiteral("--option"),
                  QStringLiteral("read-return-value=SANE_STATUS_NO_DOCS"), QStringLiteral("--option"),
                  QStringLiteral("read-delay=yes"), QStringLiteral("--option"),
                  QStringLiteral("read-delay-duration=200000")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err().contains(QLatin1String("The document feeder is empty")), r.describe());
        QVERIFY(!QFile::exists(pdf));
        // Until the feeder is empty: the test scanner's ten sheets.
        const CliResult all =
            scan({QStringLiteral("--device"), QStringLiteral("test"), QStringLiteral("--source"),
                  QStringLiteral("adf"), QStringLiteral("--resolution"), QStringLiteral("50"),
                  QStringLiteral("--out"), pdf});
        QVERIFY2(all.ok(), all.describe());
        QCOMPARE(all.json.object()[QStringLiteral("pages")].toInt(), 10);
    }

    void importsFilesIntoOnePdf()
    {
        const QString png = out(QStringLiteral("trang-1.png"));
        QVERIFY(scanning::withResolution(textPage(150), 150).save(png));
        const QString tif = out(QStringLiteral("trang-2.tif"));
        const CliResult first =
            scan({QStringLiteral("--device"), QStringLiteral("test"), QStringLiteral("--out"),
                  out(QStringLiteral("quet.pdf")), QStringLiteral("--resolution"), QStringLiteral("100")});
        QVERIFY2(first.ok(), first.describe());
        const QString merged = out(QStringLiteral("gop.pdf"));
        const CliResult r = scan({QStringLiteral("--import"), png, out(QStringLiteral("quet.pdf")),
                                  QStringLiteral("--out"), merged});
        QVERIFY2(r.ok(), r.describe());
        QCOMPARE(r.json.object()[QStringLiteral("pages")].toInt(), 2);
        QCOMPARE(pdfPageSizes(merged).size(), 2);
        const CliResult missing = scan({QStringLiteral("--import"), tif, QStringLiteral("--out"), merged});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err().contains(QLatin1String("import.unreadable")));
    }

    void watchOnceHandlesTheInbox()
    {
        const QString inbox = out(QStringLiteral("inbox"));
        const QString pdfs = out(QStringLiteral("pdfs"));
        QVERIFY(QDir().mkpath(inbox));
        QVERIFY(scanning::withResolution(textPage(150), 150).save(inbox + QStringLiteral("/giay-moi.png")));
        QFile bad(inbox + QStringLiteral("/hong.png"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("\x89PNG\r\n\x1a\nbroken");
        bad.close();
        const CliResult r = scan(
            {QStringLiteral("--watch"), inbox, QStringLiteral("--out-dir"), pdfs, QStringLiteral("--once")});
        QCOMPARE(r.exitCode, 1); // one file failed
        const QJsonArray list = r.json.array();
        QCOMPARE(list.size(), 2);
        int ok = 0;
        for (const QJsonValue &v : list)
            ok += v[QStringLiteral("ok")].toBool();
        QCOMPARE(ok, 1);
        QVERIFY(QFile::exists(pdfs + QStringLiteral("/giay-moi.pdf")));
        QVERIFY(QFile::exists(inbox + QStringLiteral("/done/giay-moi.png")));
        QVERIFY(QFile::exists(inbox + QStringLiteral("/failed/hong.png.error.txt")));
        // Again: nothing left to do.
        const CliResult again = scan(
            {QStringLiteral("--watch"), inbox, QStringLiteral("--out-dir"), pdfs, QStringLiteral("--once")});
        QVERIFY2(again.ok(), again.describe());
        QCOMPARE(again.json.array().size(), 0);

        // What the window's "Scan folder…" shows and does, from the command line.
        auto folder = [this](const QStringList &args) {
            return m_cli.run(QStringList{QStringLiteral("--json"), QStringLiteral("scan-folder")} + args, {},
                             {}, m_env);
        };
        const CliResult pending = folder({QStringLiteral("pending"), QStringLiteral("--out-dir"), pdfs});
        QVERIFY2(pending.ok(), pending.describe());
        QCOMPARE(pending.json.array().size(), 1);
        const QJsonObject waiting = pending.json.array().first().toObject();
        QCOMPARE(waiting[QStringLiteral("source")].toString(), QStringLiteral("giay-moi.png"));
        QCOMPARE(waiting[QStringLiteral("pages")].toInt(), 1);
        const CliResult failed = folder({QStringLiteral("failed"), QStringLiteral("--inbox"), inbox});
        QVERIFY2(failed.ok(), failed.describe());
        QCOMPARE(failed.json.array().size(), 1);
        QVERIFY(failed.json.array().first()[QStringLiteral("reason")].toString().contains(
            QLatin1String("hong.png")));

        const QString pdf = waiting[QStringLiteral("pdf")].toString();
        const CliResult registered =
            folder({QStringLiteral("registered"), pdf, QStringLiteral("--out-dir"), pdfs});
        QVERIFY2(registered.ok(), registered.describe());
        QVERIFY(QFile::exists(pdfs + QStringLiteral("/registered/giay-moi.pdf")));
        // Not twice: it no longer waits.
        const CliResult twice = folder({QStringLiteral("put-aside"), pdf, QStringLiteral("--out-dir"), pdfs});
        QCOMPARE(twice.exitCode, 1);
        QVERIFY(twice.err().contains(QLatin1String("giay-moi.pdf")));
        QCOMPARE(folder({QStringLiteral("pending"), QStringLiteral("--out-dir"), pdfs}).json.array().size(),
                 0);

        const CliResult retry = folder({QStringLiteral("retry"), inbox + QStringLiteral("/failed/hong.png"),
                                        QStringLiteral("--inbox"), inbox});
        QVERIFY2(retry.ok(), retry.describe());
        QVERIFY(QFile::exists(inbox + QStringLiteral("/hong.png")));
        QVERIFY(!QFile::exists(inbox + QStringLiteral("/failed/hong.png.error.txt")));
        QCOMPARE(folder({QStringLiteral("pending")}).exitCode, 2); // no --out-dir
    }

    void wrongUsageExitsWithTwo()
    {
        QCOMPARE(scan({QStringLiteral("--device"), QStringLiteral("test")}).exitCode, 2); // no --out
        QCOMPARE(scan({QStringLiteral("--mode"), QStringLiteral("sepia"), QStringLiteral("--out"),
                       out(QStringLiteral("x.pdf"))})
                     .exitCode,
                 2);
        QCOMPARE(scan({QStringLiteral("--watch"), out(QStringLiteral("inbox"))}).exitCode, 2); // no --out-dir
    }
};

QTEST_MAIN(TestScanCli)
#include "tst_scan_cli.moc"
