// Signing and verifying from the window: the sign dialog signs a batch with one PIN entry and reports each
// file, a wrong PIN is reported with the token's state, and a registered incoming document shows the verdict
// on its signatures over the PDF and in the signature panel.
#include "GuiTestSupport.h"
#include "documents/DemoWorkspace.h"
#include "documents/DocumentsSchema.h"
#include "documents/IncomingService.h"
#include "gui/Session.h"
#include "gui/WorkspaceLoader.h"
#include "gui/documents/IncomingDocumentView.h"
#include "gui/signing/PlacementDialog.h"
#include "gui/signing/SignDialog.h"
#include "gui/signing/SignaturePanel.h"
#include "gui/signing/SignaturePlacementView.h"
#include "gui/signing/VerifyDialog.h"
#include "signing/PdfVerifier.h"
#include "signing/pdf/PdfSigner.h"
#include "storage/Accounts.h"
#include "storage/SignerImages.h"
#include "storage/StorageSchema.h"
#include "support/LocalPkiServer.h"
#include "support/SigningFixtures.h"
#include "support/SoftHsmToken.h"
#include "support/TestPki.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QTreeWidget>

#include <functional>

using namespace govdesk;
using namespace govdesk::signing::testing;

class TestSigningGui : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestPki m_pki;
    LocalPkiServer m_server;
    SoftHsmToken m_token;
    std::shared_ptr<storage::Database> m_db;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<gui::Session> sessionFor(const QString &username)
    {
        return test::demoSession(m_db, username);
    }

    /// Signs in the dialog: the only certificate, role `roleIndex`, PIN typed, then waits for the batch.
    static QList<QVariant> runBatch(gui::SignDialog &dialog, const QByteArray &pin)
    {
        auto *certificate = dialog.findChild<QComboBox *>(QStringLiteral("signCertificate"));
        if (!QTest::qWaitFor([&] { return certificate->count() > 0; }, 10000)) {
            qWarning() << "no certificate appeared";
            return {};
        }
        dialog.findChild<QLineEdit *>(QStringLiteral("signPin"))->setText(QString::fromLatin1(pin));
        QSignalSpy finished(&dialog, &gui::SignDialog::batchFinished);
        auto *sign = dialog.findChild<QPushButton *>(QStringLiteral("signButton"));
        if (!sign->isEnabled()) {
            qWarning() << "the sign button is disabled" << certificate->currentIndex()
                       << dialog.findChild<QLabel *>(QStringLiteral("pinState"))->text()
                       << dialog.findChild<QLineEdit *>(QStringLiteral("signPin"))->isEnabled()
                       << dialog.findChild<QLineEdit *>(QStringLiteral("signPin"))->text();
            return {};
        }
        QTest::mouseClick(sign, Qt::LeftButton);
        if (!test::waitForSignal(finished, 60000))
            return {};
        return finished.first();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Screenshots for review in Vietnamese: GOVDESK_SCREENSHOT_DIR plus the compiled catalogue.
        QVERIFY(test::installTestTranslation());
        test::isolateSettings(path(QStringLiteral("settings")));
        QVERIFY(m_server.start(m_pki));
        QVERIFY(m_pki.create(m_server.baseUrl()));
        QVERIFY(useSigningConfig(path(QStringLiteral("govdesk.conf")), m_pki.root().certPem));
        QVERIFY2(m_token.create(QStringLiteral("Token Văn thư"), kTokenPin),
                 qPrintable(m_token.errorString()));
        QVERIFY2(m_token.importKeyAndCertificate(m_pki.organisation().keyPem, m_pki.organisation().certPem,
                                                 "02", QStringLiteral("co-quan")),
                 qPrintable(m_token.errorString()));
        QVERIFY(m_token.importCertificate(m_pki.issuingCa().certPem, "10", QStringLiteral("CA")));
        auto db = test::openDemoWorkspace(path(QStringLiteral("ws")));
        QVERIFY2(db.ok(), qPrintable(db.error().english()));
        m_db = db.value();
        QVERIFY(writeFile(path(QStringLiteral("a.pdf")), officialPdf(QStringLiteral("21/QĐ-UBND"))));
        QVERIFY(writeFile(path(QStringLiteral("b.pdf")), officialPdf(QStringLiteral("22/QĐ-UBND"))));
        QVERIFY(writeFile(path(QStringLiteral("hong.pdf")), QByteArray("%PDF-1.7\nnot really a PDF\n")));
    }

    void signDialogSignsABatchWithOnePin()
    {
        auto session = sessionFor(QStringLiteral("vanthu"));
        QVERIFY(session);
        gui::SignDialog dialog(*session, {path(QStringLiteral("a.pdf")), path(QStringLiteral("hong.pdf")),
                                          path(QStringLiteral("b.pdf"))});
        dialog.setModules({QString::fromLatin1(SoftHsmToken::modulePath)});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // The văn thư signs attachments for the organisation: text top-right, no image.
        auto *role = dialog.findChild<QComboBox *>(QStringLiteral("signRole"));
        role->setCurrentIndex(role->findData(QStringLiteral("dinh-kem")));
        for (QLineEdit *e : dialog.findChildren<QLineEdit *>())
            if (e->placeholderText().contains(QStringLiteral("15/QĐ-UBND")))
                e->setText(QStringLiteral("21/QĐ-UBND"));
        const QList<QVariant> counts = runBatch(dialog, kTokenPin);
        QCOMPARE(counts.size(), 2);
        QCOMPARE(counts.at(0).toInt(), 2); // signed
        QCOMPARE(counts.at(1).toInt(), 1); // the broken file, reported, the others went on
        QTreeWidget *results = dialog.resultsView();
        QCOMPARE(results->topLevelItemCount(), 3);
        QVERIFY(!results->topLevelItem(1)->data(0, Qt::UserRole).toBool());
        if (!qEnvironmentVariableIsEmpty("GOVDESK_SCREENSHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("GOVDESK_SCREENSHOT_DIR") +
                               QStringLiteral("/sign-dialog.png"));
        for (const QString &name : {QStringLiteral("a_da-ky.pdf"), QStringLiteral("b_da-ky.pdf")}) {
            QVERIFY2(QFile::exists(path(name)), qPrintable(name));
            QCOMPARE(pdfsigValidations(path(name)), QStringList{QStringLiteral("Signature is Valid.")});
        }
        QVERIFY(!QFile::exists(path(QStringLiteral("hong_da-ky.pdf"))));
    }

    void wrongPinIsReportedAndTheStateShown()
    {
        auto session = sessionFor(QStringLiteral("vanthu"));
        QVERIFY(session);
        // The shim loads its own copy of SoftHSM, so it never shares state with the direct load above.
        const QString copy = path(QStringLiteral("libsofthsm2-copy.so"));
        QVERIFY(QFile::exists(copy) || QFile::copy(QString::fromLatin1(SoftHsmToken::modulePath), copy));
        qputenv("GOVDESK_P11SHIM_TARGET", copy.toLocal8Bit());
        qputenv("GOVDESK_P11SHIM_STATE", path(QStringLiteral("shim-state")).toLocal8Bit());
        gui::SignDialog dialog(*session, {path(QStringLiteral("a.pdf"))});
        dialog.setModules({QString::fromLatin1(GOVDESK_P11SHIM_PATH)});
        auto *role = dialog.findChild<QComboBox *>(QStringLiteral("signRole"));
        role->setCurrentIndex(role->findData(QStringLiteral("dinh-kem")));
        for (QLineEdit *e : dialog.findChildren<QLineEdit *>())
            if (e->placeholderText().contains(QStringLiteral("15/QĐ-UBND")))
                e->setText(QStringLiteral("21/QĐ-UBND"));
        const QList<QVariant> counts = runBatch(dialog, "999999");
        QCOMPARE(counts.size(), 2);
        QCOMPARE(counts.at(0).toInt(), 0);
        const QString result = dialog.resultsView()->topLevelItem(0)->text(1);
        QVERIFY2(!result.isEmpty(), "the reason is shown next to the file");
        auto *pinState = dialog.findChild<QLabel *>(QStringLiteral("pinState"));
        QVERIFY2(!pinState->text().isEmpty() && !pinState->styleSheet().isEmpty(),
                 qPrintable(pinState->text()));
    }

    void personalSignatureKeepsTheChosenImage()
    {
        auto session = sessionFor(QStringLiteral("vanthu"));
        QVERIFY(session);
        QVERIFY(signatureImage().save(path(QStringLiteral("chu-ky.png"))));
        gui::SignDialog dialog(*session, {path(QStringLiteral("b.pdf"))});
        dialog.setModules({QString::fromLatin1(SoftHsmToken::modulePath)});
        auto *role = dialog.findChild<QComboBox *>(QStringLiteral("signRole"));
        role->setCurrentIndex(role->findData(QStringLiteral("ca-nhan")));
        dialog.findChild<QLineEdit *>(QStringLiteral("signatureImageEdit"))
            ->setText(path(QStringLiteral("chu-ky.png")));
        dialog.findChild<QLineEdit *>(QStringLiteral("titleEdit"))->setText(QStringLiteral("PHÓ GIÁM ĐỐC"));
        dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Nguyễn Văn An"));
        auto *remember = dialog.findChild<QCheckBox *>(QStringLiteral("rememberSignature"));
        QVERIFY(remember->isEnabled());
        remember->setChecked(true);
        const QList<QVariant> counts = runBatch(dialog, kTokenPin);
        QCOMPARE(counts.value(0).toInt(), 1);
        // Kept for next time, and the signed file shows the blue image between title and name.
        auto kept = storage::SignerImages(*m_db).signature(session->user().id);
        QVERIFY(kept.ok());
        QCOMPARE(kept.value(), readFile(path(QStringLiteral("chu-ky.png"))));
        const QImage page = renderPage(path(QStringLiteral("b_da-ky.pdf")), 1, m_dir.path());
        QVERIFY(!page.isNull());
        const double bluePixels =
            share(page, QRectF(0, 0, page.width(), page.height()), isBlue) * page.width() * page.height();
        QVERIFY2(bluePixels > 40, qPrintable(QString::number(bluePixels)));
        QVERIFY2(!dialog.resultsView()->topLevelItem(0)->text(1).contains(QStringLiteral(" — ")),
                 "placed by the template, no warning");
    }

    void signatureGoesWhereChosenOnThePage()
    {
        // One file: the signer opens its page from "Signature position", draws the box lower left, and the
        // signed file has the signature there.
        auto session = sessionFor(QStringLiteral("vanthu"));
        QVERIFY(session);
        QVERIFY(writeFile(path(QStringLiteral("c.pdf")), officialPdf(QStringLiteral("23/QĐ-UBND"))));
        QVERIFY(signatureImage().save(path(QStringLiteral("chu-ky-2.png"))));
        gui::SignDialog dialog(*session, {path(QStringLiteral("c.pdf"))});
        dialog.setModules({QString::fromLatin1(SoftHsmToken::modulePath)});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *role = dialog.findChild<QComboBox *>(QStringLiteral("signRole"));
        role->setCurrentIndex(role->findData(QStringLiteral("ca-nhan")));
        dialog.findChild<QLineEdit *>(QStringLiteral("signatureImageEdit"))
            ->setText(path(QStringLiteral("chu-ky-2.png")));
        dialog.findChild<QLineEdit *>(QStringLiteral("titleEdit"))->setText(QStringLiteral("PHÓ GIÁM ĐỐC"));
        dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Nguyễn Văn An"));
        auto *mode = dialog.findChild<QComboBox *>(QStringLiteral("placementMode"));
        QVERIFY(mode->isEnabled());

        // The page opens in a dialog of its own; the user drags there and keeps the position.
        QRectF chosen;
        bool placed = false;
        std::function<void()> place = [&] {
            auto *placement = qobject_cast<gui::PlacementDialog *>(QApplication::activeModalWidget());
            if (!placement || placement->view()->boxArea().isEmpty()) {
                QTimer::singleShot(50, &dialog, place);
                return;
            }
            gui::SignaturePlacementView *view = placement->view();
            const QRectF area = view->pageArea();
            const QPoint from =
                (area.topLeft() + QPointF(area.width() * 0.15, area.height() * 0.70)).toPoint();
            const QPoint to = from + QPoint(int(area.width() * 0.25), int(area.width() * 0.1));
            QTest::mousePress(view->canvas(), Qt::LeftButton, Qt::NoModifier, from);
            QTest::mouseMove(view->canvas(), to);
            QTest::mouseRelease(view->canvas(), Qt::LeftButton, Qt::NoModifier, to);
            placed = view->isManual();
            chosen = view->pdfRect();
            if (!qEnvironmentVariableIsEmpty("GOVDESK_SCREENSHOT_DIR"))
                placement->grab().save(qEnvironmentVariable("GOVDESK_SCREENSHOT_DIR") +
                                       QStringLiteral("/placement-dialog.png"));
            placement->accept();
        };
        QTimer::singleShot(0, &dialog, place);
        mode->setCurrentIndex(1);
        Q_EMIT mode->activated(1);
        QVERIFY(placed);
        QVERIFY2(chosen.left() < 200 && chosen.top() < 300,
                 qPrintable(QStringLiteral("%1 %2").arg(chosen.left()).arg(chosen.top())));
        QCOMPARE(mode->currentIndex(), 1);
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("placementSummary"))->isVisibleTo(&dialog));

        const QList<QVariant> counts = runBatch(dialog, kTokenPin);
        QCOMPARE(counts.value(0).toInt(), 1);
        auto signatures = signing::readPdfSignatures(readFile(path(QStringLiteral("c_da-ky.pdf"))));
        QVERIFY(signatures.ok());
        QCOMPARE(signatures->size(), 1);
        const QRectF r = signatures->first().rect;
        QVERIFY2(
            std::abs(r.left() - chosen.left()) < 0.5 && std::abs(r.top() - chosen.top()) < 0.5 &&
                std::abs(r.width() - chosen.width()) < 0.5 && std::abs(r.height() - chosen.height()) < 0.5,
            qPrintable(
                QStringLiteral("%1,%2 %3x%4").arg(r.left()).arg(r.top()).arg(r.width()).arg(r.height())));
    }

    void verifyDialogChecksAFileFromDisk()
    {
        auto session = sessionFor(QStringLiteral("chuyenvien"));
        QVERIFY(session);
        gui::VerifyDialog dialog(session->pool());
        QSignalSpy verified(dialog.signaturePanel(), &gui::SignaturePanel::verified);
        // The answer may come at once (the check ran before its continuation was attached) or later.
        QVERIFY(dialog.openFile(path(QStringLiteral("a_da-ky.pdf"))));
        QTRY_COMPARE_WITH_TIMEOUT(verified.count(), 1, 20000);
        QCOMPARE(verified.first().at(0).toInt(), 1);
        QCOMPARE(dialog.signaturePanel()->overall(), signing::Verdict::Valid);
        // An unsigned file says so rather than showing a verdict.
        verified.clear();
        QVERIFY(dialog.openFile(path(QStringLiteral("a.pdf"))));
        QTRY_COMPARE_WITH_TIMEOUT(verified.count(), 1, 20000);
        QCOMPARE(verified.first().at(0).toInt(), 0);
    }

    void incomingDocumentShowsItsSignatures()
    {
        auto session = sessionFor(QStringLiteral("vanthu"));
        QVERIFY(session);
        documents::IncomingDraft d;
        d.authorName = QStringLiteral("Sở Tư pháp");
        d.number = QStringLiteral("21");
        d.notation = QStringLiteral("QĐ-UBND");
        d.documentDate = QDate::currentDate();
        d.typeAbbr = QStringLiteral("QĐ");
        d.subject = QStringLiteral("Quyết định có chữ ký số");
        d.receiveMethod = QStringLiteral("electronic");
        d.attachments << documents::AttachmentSource{path(QStringLiteral("a_da-ky.pdf")), {}, {}};
        auto doc = session->incoming().registerDocument(session->user(), d);
        QVERIFY2(doc.ok(), qPrintable(doc.error().english()));
        // Verified on registration, and the verdict kept with the attachment.
        QCOMPARE(doc->attachments.first().signatureVerdict, QStringLiteral("valid"));

        gui::IncomingDocumentView view(*session);
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy verified(view.signaturePanel(), &gui::SignaturePanel::verified);
        view.showDocument(doc->id);
        QTRY_COMPARE_WITH_TIMEOUT(verified.count(), 1, 20000);
        QCOMPARE(verified.first().at(0).toInt(), 1);
        QCOMPARE(view.signaturePanel()->overall(), signing::Verdict::Valid);
        auto *banner = view.findChild<QPushButton *>(QStringLiteral("documentSignatureBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("hợp lệ")) ||
                     banner->text().contains(QLatin1String("valid")),
                 qPrintable(banner->text()));
        auto *list = view.findChild<QTreeWidget *>(QStringLiteral("signatureList"));
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("UBND tỉnh Đắk Nông"));
        if (!qEnvironmentVariableIsEmpty("GOVDESK_SCREENSHOT_DIR")) {
            const QString dir = qEnvironmentVariable("GOVDESK_SCREENSHOT_DIR");
            QTest::qWait(300);
            view.grab().save(dir + QStringLiteral("/document-view.png"));
            QTest::mouseClick(banner, Qt::LeftButton);
            QTest::qWait(200);
            view.grab().save(dir + QStringLiteral("/document-signatures.png"));
        }
    }
};

QTEST_MAIN(TestSigningGui)
#include "tst_signing_gui.moc"
