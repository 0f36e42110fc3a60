// The office's scan folder from the window, as a văn thư uses it: the folders chosen (the PDFs may not go
// into the scan folder itself) and kept for the next sign-in; a scanner's file dropped there becomes a PDF
// that waits in the list, the status bar counting it; "Register…" opens the registration form with it, the
// text recognised and the fields proposed, and once registered it leaves the list; a blank scan is put
// aside; a file that could not be read shows its reason and can be tried again; a folder that cannot be
// opened is said in the status bar.
#include "GuiTestSupport.h"
#include "SyntheticDocument.h"

#include "gui/documents/RegisterIncomingDialog.h"
#include "gui/scanning/IncomingScanPanel.h"
#include "gui/scanning/ScanFolder.h"
#include "gui/scanning/ScanFolderDialog.h"
#include "gui/shell/MainWindow.h"

#include <QAction>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace govdesk;
using gui::IncomingScanPanel;
using gui::MainWindow;
using gui::RegisterIncomingDialog;
using gui::ScanFolderDialog;

class TestScanFolderGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<storage::Database> m_db;
    std::unique_ptr<gui::Session> m_session;
    test::ocr::SyntheticPage m_page;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString inbox() const { return path(QStringLiteral("scans")); }
    QString pdfDir() const { return path(QStringLiteral("scans/pdf")); }

    int documentCount() const
    {
        documents::IncomingFilter all;
        all.statuses = {};
        auto n = m_session->incoming().count(m_session->user(), all);
        return n ? n.value() : -1;
    }

    static QStringList filesIn(const QString &dir)
    {
        return QDir(dir).entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    }

    /// Written under a temporary name and renamed, as a scanner does.
    static bool drop(const QString &path, const QByteArray &data)
    {
        QFile f(path + QStringLiteral(".part"));
        return f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && (f.close(), true) &&
               QFile::rename(path + QStringLiteral(".part"), path);
    }

    QByteArray pageBytes() const
    {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        m_page.image.save(&buffer, "PNG");
        return png;
    }

    static ScanFolderDialog *openDialog(MainWindow &window)
    {
        window.scanFolderAction()->trigger();
        ScanFolderDialog *dialog = nullptr;
        if (!QTest::qWaitFor(
                [&] { return (dialog = window.findChild<ScanFolderDialog *>()) && dialog->isVisible(); },
                5000))
            return nullptr;
        return dialog;
    }

    template<typename T> static T *child(QObject *parent, const char *name)
    {
        return parent->findChild<T *>(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(test::installTestTranslation());
        test::isolateSettings(path(QStringLiteral("settings")));
        auto db = test::openDemoWorkspace(path(QStringLiteral("ws")));
        QVERIFY2(db.ok(), db ? "" : qPrintable(db.error().english()));
        m_db = db.value();
        m_session = test::demoSession(m_db, QStringLiteral("vanthu"));
        QVERIFY(m_session);
        // A kế hoạch of Sở Tài chính tỉnh Đắk Nông, as the office scanner saves it.
        m_page = test::ocr::renderPage(test::ocr::documentSpec(0));
        QVERIFY(QDir().mkpath(inbox()));
    }

    void foldersAreCheckedWatchedAndTheScanRegistered()
    {
        MainWindow window(*m_session);
        QVERIFY(test::showWindow(window, QSize(1400, 900)));
        QVERIFY(window.scanFolderAction()->isVisible() && window.scanFolderAction()->isEnabled());
        QToolButton *status = window.scanFolderStatus();
        QVERIFY(status && !status->isVisible());
        ScanFolderDialog *dialog = openDialog(window);
        QVERIFY(dialog);
        auto *inboxEdit = child<QLineEdit>(dialog, "inboxEdit");
        auto *pdfEdit = child<QLineEdit>(dialog, "pdfEdit");
        auto *watch = child<QPushButton>(dialog, "watchButton");
        auto *state = child<QLabel>(dialog, "folderStatusLabel");
        QVERIFY(!watch->isEnabled());

        // The PDFs in the scan folder itself would be taken for new scans: refused, nothing kept.
        inboxEdit->setText(inbox());
        pdfEdit->setText(inbox());
        QVERIFY(watch->isEnabled());
        QTest::mouseClick(watch, Qt::LeftButton);
        QVERIFY(!window.scanFolder()->isConfigured());
        QVERIFY2(state->text().contains(QDir::toNativeSeparators(inbox())) || state->text().contains(inbox()),
                 qPrintable(state->text()));
        QVERIFY(state->styleSheet().contains(QLatin1String("#c6001f")));
        QVERIFY(QSettings().value(QStringLiteral("scanning/folder/inbox")).toString().isEmpty());

        pdfEdit->setText(pdfDir());
        QTest::mouseClick(watch, Qt::LeftButton);
        QVERIFY(window.scanFolder()->isWatching());
        QVERIFY(!state->styleSheet().contains(QLatin1String("#c6001f")));
        QCOMPARE(QSettings().value(QStringLiteral("scanning/folder/inbox")).toString(), inbox());
        QCOMPARE(QSettings().value(QStringLiteral("scanning/folder/pdf")).toString(), pdfDir());
        QVERIFY(status->isVisible());
        const QString idleText = status->text();

        // The scanner saves a page, and a file cut short.
        QVERIFY(drop(inbox() + QStringLiteral("/ke-hoach-05.png"), pageBytes()));
        QVERIFY(
            drop(inbox() + QStringLiteral("/scan0002.jpg"), QByteArray("\xFF\xD8\xFF\xE0 cut short", 14)));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->pendingRows() == 1 && dialog->failedRows() == 1, 60000);
        QTRY_VERIFY(status->text() != idleText && status->text().contains(QLatin1Char('1')));
        auto *pending = child<QTableWidget>(dialog, "pendingTable");
        auto *failed = child<QTableWidget>(dialog, "failedTable");
        QVERIFY(pending->item(0, 0)->text().contains(QLatin1String("ke-hoach-05.pdf")));
        QCOMPARE(pending->item(0, 1)->text(), QStringLiteral("1"));
        QCOMPARE(failed->item(0, 0)->text(), QStringLiteral("scan0002.jpg"));
        QVERIFY(failed->item(0, 1)->toolTip().contains(QLatin1String("scan0002.jpg")));
        QVERIFY(!failed->item(0, 1)->text().isEmpty());
        test::screenshot(dialog, QStringLiteral("scan-folder.png"));
        auto *tabs = child<QTabWidget>(dialog, "listsTabs");
        tabs->setCurrentIndex(1);
        test::screenshot(dialog, QStringLiteral("scan-folder-failed.png"));
        tabs->setCurrentIndex(0);
        test::screenshot(&window, QStringLiteral("scan-folder-status.png"));

        // "Register…": the form opens with the PDF, recognised as a scan is; the row cannot be taken twice.
        const int before = documentCount();
        pending->selectRow(0);
        auto *registerButton = child<QPushButton>(dialog, "registerScanButton");
        QVERIFY(registerButton->isEnabled());
        QTest::mouseClick(registerButton, Qt::LeftButton);
        RegisterIncomingDialog *form = nullptr;
        QTRY_VERIFY((form = window.findChild<RegisterIncomingDialog *>()) && form->isVisible());
        QTRY_VERIFY(!registerButton->isEnabled());
        QVERIFY(pending->item(0, 0)->text() != QLatin1String("ke-hoach-05.pdf"));
        IncomingScanPanel *panel = form->scanPanel();
        QSignalSpy recognised(panel, &IncomingScanPanel::recognitionFinished);
        QTRY_COMPARE_WITH_TIMEOUT(child<QListWidget>(form, "attachmentsList")->count(), 1, 60000);
        QVERIFY(test::waitForSignal(recognised, 300000));
        QCOMPARE(recognised.first().first().toBool(), true);
        QMetaObject::invokeMethod(panel, "useAll");
        documents::IncomingDocument doc;
        connect(form, &RegisterIncomingDialog::saved, this,
                [&doc](const documents::IncomingDocument &d) { doc = d; });
        QSignalSpy saved(form, &RegisterIncomingDialog::saved);
        QTest::mouseClick(test::okButton(form), Qt::LeftButton);
        QVERIFY(test::waitForSignal(saved, 60000));
        QCOMPARE(documentCount(), before + 1);
        QCOMPARE(doc.reference(), QStringLiteral("05/KH-STC"));
        QCOMPARE(doc.authorName, QStringLiteral("Sở Tài chính"));
        QCOMPARE(doc.attachments.size(), 1);

        // Off the list, kept in registered/.
        QTRY_COMPARE(dialog->pendingRows(), 0);
        QCOMPARE(filesIn(pdfDir()), QStringList());
        QCOMPARE(filesIn(pdfDir() + QStringLiteral("/registered")),
                 QStringList{QStringLiteral("ke-hoach-05.pdf")});
        QTRY_COMPARE(status->text(), idleText);
        dialog->close();
    }

    void aBlankScanIsPutAsideAndAFailedFileTriedAgain()
    {
        // The folders chosen before are watched again at sign-in.
        MainWindow window(*m_session);
        QVERIFY(test::showWindow(window, QSize(1400, 900)));
        QVERIFY(window.scanFolder()->isWatching());
        QVERIFY(window.scanFolderStatus()->isVisible());
        ScanFolderDialog *dialog = openDialog(window);
        QVERIFY(dialog);
        QCOMPARE(child<QLineEdit>(dialog, "inboxEdit")->text(), QDir::toNativeSeparators(inbox()));
        QTRY_COMPARE(dialog->failedRows(), 1);

        QImage blank(800, 1100, QImage::Format_Grayscale8);
        blank.fill(255);
        blank.setDotsPerMeterX(7874);
        blank.setDotsPerMeterY(7874);
        QVERIFY(blank.save(inbox() + QStringLiteral("/trang-trang.png")));
        QTRY_COMPARE_WITH_TIMEOUT(dialog->pendingRows(), 1, 60000);
        child<QTableWidget>(dialog, "pendingTable")->selectRow(0);
        QTest::mouseClick(child<QPushButton>(dialog, "discardScanButton"), Qt::LeftButton);
        QMessageBox *ask = nullptr;
        QTRY_VERIFY((ask = dialog->findChild<QMessageBox *>(QStringLiteral("discardScanQuestion"))) &&
                    ask->isVisible());
        QTest::mouseClick(child<QPushButton>(ask, "discardButton"), Qt::LeftButton);
        QTRY_COMPARE(dialog->pendingRows(), 0);
        QCOMPARE(filesIn(pdfDir() + QStringLiteral("/discarded")),
                 QStringList{QStringLiteral("trang-trang.pdf")});

        // The scanner's broken file replaced by a whole one: "Try again" reads it.
        const QString broken = inbox() + QStringLiteral("/failed/scan0002.jpg");
        QVERIFY(QFile::remove(broken));
        QVERIFY(m_page.image.save(broken, "JPEG"));
        child<QTableWidget>(dialog, "failedTable")->selectRow(0);
        QTest::mouseClick(child<QPushButton>(dialog, "retryButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->failedRows() == 0 && dialog->pendingRows() == 1, 60000);
        QCOMPARE(filesIn(inbox() + QStringLiteral("/failed")), QStringList());

        // Stop watching: the status bar says nothing more, the folders are forgotten, the files stay.
        QTest::mouseClick(child<QPushButton>(dialog, "stopButton"), Qt::LeftButton);
        QVERIFY(!window.scanFolder()->isConfigured());
        QVERIFY(!window.scanFolderStatus()->isVisible());
        QVERIFY(QSettings().value(QStringLiteral("scanning/folder/inbox")).toString().isEmpty());
        QCOMPARE(filesIn(pdfDir()), QStringList{QStringLiteral("scan0002.pdf")});
    }

    void aFolderThatCannotBeOpenedIsSaid()
    {
        // A network share that is not there: the folder is kept, the status bar says it cannot be watched.
        QFile file(path(QStringLiteral("not-a-folder")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        {
            QSettings settings;
            settings.setValue(QStringLiteral("scanning/folder/inbox"),
                              file.fileName() + QStringLiteral("/scans"));
            settings.setValue(QStringLiteral("scanning/folder/pdf"),
                              file.fileName() + QStringLiteral("/pdf"));
        }
        MainWindow window(*m_session);
        QVERIFY(test::showWindow(window, QSize(1400, 900)));
        QVERIFY(window.scanFolder()->isConfigured());
        QVERIFY(!window.scanFolder()->isWatching());
        QToolButton *status = window.scanFolderStatus();
        QVERIFY(status->isVisible());
        QVERIFY(status->styleSheet().contains(QLatin1String("#c6001f")));
        QVERIFY(status->toolTip().contains(QLatin1String("not-a-folder")));
        ScanFolderDialog *dialog = openDialog(window);
        QVERIFY(dialog);
        QVERIFY(child<QLabel>(dialog, "folderStatusLabel")->text().contains(QLatin1String("not-a-folder")));
    }

    void aSpecialistHasNoScanFolder()
    {
        auto specialist = test::demoSession(m_db, QStringLiteral("chuyenvien"));
        QVERIFY(specialist);
        MainWindow window(*specialist);
        QVERIFY(!window.scanFolderAction()->isVisible());
        QVERIFY(!window.scanFolder());
    }
};

QTEST_MAIN(TestScanFolderGui)
#include "tst_scan_folder_gui.moc"
