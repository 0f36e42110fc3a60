// A scanner that disappears in the middle of a job, for real: the SANE test scanner is shared on the network
// by saned (started here, in its own process group, on 127.0.0.1) and used through libsane's net backend,
// as an office shares a scanner; after the first page the server is killed. The job must end with a clear
// error and write nothing.
#include "ScanTestSupport.h"

#include "scanning/scan/ScanPipeline.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <sys/types.h>
#include <unistd.h>

using namespace govdesk;
using namespace govdesk::scanning;
using namespace govdesk::scanning::testing;

namespace {

const QString kDevice = QStringLiteral("net:127.0.0.1:test:0");

bool somethingListensOnSanePort()
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), 6566);
    const bool up = socket.waitForConnected(1000);
    socket.abort();
    return up;
}

} // namespace

class TestScanDeviceLost : public QObject
{
    Q_OBJECT

    SaneTestConfig m_client;
    SaneTestConfig m_server;
    QTemporaryDir m_dir;
    QString m_saned;
    std::unique_ptr<QProcess> m_process;
    qint64 m_group = 0;

    bool startServer()
    {
        m_process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SANE_CONFIG_DIR"), m_server.path());
        m_process->setProcessEnvironment(env);
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // Its own process group, so the server and the children it forks per connection go down together.
        m_process->setChildProcessModifier([] { ::setsid(); });
        m_process->start(m_saned, {QStringLiteral("-l"), QStringLiteral("-e"), QStringLiteral("-b"),
                                   QStringLiteral("127.0.0.1"), QStringLiteral("-d"), QStringLiteral("0")});
        if (!m_process->waitForStarted(10000))
            return false;
        m_group = m_process->processId();
        QElapsedTimer t;
        t.start();
        while (!somethingListensOnSanePort() && t.elapsed() < 15000)
            QTest::qWait(100);
        return somethingListensOnSanePort();
    }

    void killServer()
    {
        if (m_group > 0)
            ::kill(pid_t(-m_group), SIGKILL);
        m_group = 0;
        if (m_process)
            m_process->waitForFinished(5000);
        QElapsedTimer t;
        t.start();
        while (somethingListensOnSanePort() && t.elapsed() < 10000)
            QTest::qWait(50);
    }

    /// Three slow pages of the grid from the shared scanner.
    static ScanRequest slowJob()
    {
        ScanRequest r;
        r.deviceId = kDevice;
        r.mode = ColorMode::Gray;
        r.resolution = 150;
        r.pages = 3;
        r.stallTimeoutMs = 3000;
        r.deviceOptions.insert(QStringLiteral("test-picture"), QStringLiteral("Grid"));
        r.deviceOptions.insert(QStringLiteral("read-delay"), true);
        r.deviceOptions.insert(QStringLiteral("read-delay-duration"), 50000);
        return r;
    }

    void verifyLost(const core::Result<PdfSummary> &s, const QString &pdf)
    {
        QVERIFY(!s);
        QCOMPARE(s.error().code(), QStringLiteral("scan.device-lost"));
        QVERIFY(s.error().english().contains(kDevice));
        QVERIFY(s.error().english().contains(QLatin1String("nothing was saved")));
        QVERIFY(!QFile::exists(pdf));
        const QString stem = QFileInfo(pdf).completeBaseName();
        QCOMPARE(QDir(m_dir.path()).entryList({stem + QLatin1Char('*')}, QDir::Files | QDir::Hidden).size(),
                 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_saned = QStandardPaths::findExecutable(QStringLiteral("saned"),
                                                 {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
        QVERIFY2(!m_saned.isEmpty(), "saned (package sane-utils) is not installed");
        QVERIFY2(!somethingListensOnSanePort(), "another program already listens on the SANE port 6566");
        // The server side: the test backend, open to this machine only.
        QVERIFY(m_server.install({QStringLiteral("test")}, {}, false));
        QVERIFY(m_server.write(QStringLiteral("saned.conf"), QStringLiteral("127.0.0.1\nlocalhost\n")));
        // This process: only the network backend, pointed at 127.0.0.1.
        QVERIFY(m_client.install({QStringLiteral("net")}));
        QVERIFY(
            m_client.write(QStringLiteral("net.conf"), QStringLiteral("connect_timeout = 5\n127.0.0.1\n")));
    }

    void init()
    {
        if (m_group == 0)
            QVERIFY2(startServer(), "saned did not start listening");
    }

    void cleanupTestCase() { killServer(); }

    void theNetworkScannerWorks()
    {
        auto devices = defaultScannerBackend()->devices();
        GD_VERIFY_OK(devices);
        QStringList ids;
        for (const ScannerDevice &d : devices.value())
            ids << d.id;
        QVERIFY2(ids.contains(kDevice), qPrintable(ids.join(QLatin1Char(','))));
        ScanRequest r;
        r.deviceId = kDevice;
        r.mode = ColorMode::Gray;
        r.resolution = 50;
        r.deviceOptions.insert(QStringLiteral("test-picture"), QStringLiteral("Grid"));
        const QString pdf = m_dir.filePath(QStringLiteral("over-the-network.pdf"));
        GD_VERIFY_OK(scanToPdf(*defaultScannerBackend(), r, {}, pdf));
        QCOMPARE(gridMismatches(renderPdfPage(pdf, 0, 50), 50), 0);
    }

    void scannerGoneBetweenPages()
    {
        int pages = 0;
        ScanHooks hooks;
        hooks.pageScanned = [&](const ScannedPage &) {
            if (++pages == 1)
                killServer();
        };
        const QString pdf = m_dir.filePath(QStringLiteral("between.pdf"));
        auto s = scanToPdf(*defaultScannerBackend(), slowJob(), {}, pdf, hooks);
        QCOMPARE(pages, 1);
        verifyLost(s, pdf);
    }

    void scannerGoneWhileSendingAPage()
    {
        int pages = 0;
        bool killed = false;
        ScanHooks hooks;
        hooks.pageScanned = [&](const ScannedPage &) { ++pages; };
        hooks.progress = [&](const ScanProgress &p) {
            if (p.page == 2 && p.percent >= 20 && !killed) {
                killed = true;
                killServer();
            }
        };
        const QString pdf = m_dir.filePath(QStringLiteral("while.pdf"));
        auto s = scanToPdf(*defaultScannerBackend(), slowJob(), {}, pdf, hooks);
        QVERIFY2(killed, qPrintable(test::why(s)));
        QCOMPARE(pages, 1);
        verifyLost(s, pdf);

        // Asking for it again: it is not there, and the error names the scanner.
        ScanRequest again = slowJob();
        again.pages = 1;
        again.deviceOptions.clear();
        auto second = scanToPdf(*defaultScannerBackend(), again, {}, pdf);
        QVERIFY(!second);
        QVERIFY2(second.error().code() == QLatin1String("scan.device-not-found") ||
                     second.error().code() == QLatin1String("scan.device-lost"),
                 qPrintable(second.error().code() + QLatin1Char(' ') + second.error().english()));
        QVERIFY(second.error().english().contains(kDevice));
        QVERIFY(!QFile::exists(pdf));
    }

    void theScannerIsUsableAgainOnceItsServerIsBack()
    {
        // init() has started the server again; the same process reconnects.
        ScanRequest r = slowJob();
        r.pages = 1;
        r.resolution = 50;
        r.deviceOptions.insert(QStringLiteral("read-delay-duration"), 1000);
        const QString pdf = m_dir.filePath(QStringLiteral("back.pdf"));
        GD_VERIFY_OK(scanToPdf(*defaultScannerBackend(), r, {}, pdf));
        QCOMPARE(gridMismatches(renderPdfPage(pdf, 0, 50), 50), 0);
    }
};

QTEST_MAIN(TestScanDeviceLost)
#include "tst_scan_device_lost.moc"
