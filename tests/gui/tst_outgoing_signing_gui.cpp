// Signing and issuing an outgoing document from the window: the leader signs in OutgoingSignDialog with the
// box drawn on the page, a wrong PIN changes nothing, and the clerk's IssueDialog shows the number the
// document will get, gives it, and adds the organisation signature with the seal.
#include "GuiTestSupport.h"
#include "documents/DemoWorkspace.h"
#include "documents/DocumentsSchema.h"
#include "documents/IncomingDocument.h"
#include "documents/OutgoingService.h"
#include "gui/Session.h"
#include "gui/WorkspaceLoader.h"
#include "gui/outgoing/IssueDialog.h"
#include "gui/outgoing/OutgoingSignDialog.h"
#include "gui/signing/SignaturePlacementView.h"
#include "gui/signing/TokenChooser.h"
#include "signing/pdf/PdfSigner.h"
#include "storage/Accounts.h"
#include "storage/SignerImages.h"
#include "storage/StorageSchema.h"
#include "support/LocalPkiServer.h"
#include "support/SigningFixtures.h"
#include "support/SoftHsmToken.h"
#include "support/TestPki.h"

#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace govdesk;
using namespace govdesk::signing::testing;

namespace {

QByteArray png(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QString describe(const QRectF &r)
{
    return QStringLiteral("(%1, %2, %3 × %4)").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

bool near(const QRectF &a, const QRectF &b, double tolerance)
{
    return std::abs(a.left() - b.left()) <= tolerance && std::abs(a.top() - b.top()) <= tolerance &&
           std::abs(a.width() - b.width()) <= tolerance && std::abs(a.height() - b.height()) <= tolerance;
}

} // namespace

class TestOutgoingSigningGui : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TestPki m_pki;
    LocalPkiServer m_server;
    SoftHsmToken m_token;
    std::shared_ptr<storage::Database> m_db;
    QString m_signedId; ///< signed by the leader in the first test, issued by the clerk in the last

    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<gui::Session> sessionFor(const QString &username)
    {
        return test::demoSession(m_db, username);
    }

    /// The officer drafts a decision with blanks for the number and the date, submits it, and the leader
    /// approves it. Returns the document's id (empty on failure, with a warning).
    QString approvedDocument(const QString &subject)
    {
        auto officer = sessionFor(QStringLiteral("chuyenvien"));
        auto leader = sessionFor(QStringLiteral("lanhdao"));
        if (!officer || !leader)
            return {};
        documents::OutgoingDraft d;
        d.typeAbbr = QStringLiteral("QĐ");
        d.subject = subject;
        d.signerName = QStringLiteral("Nguyễn Văn An");
        d.signerPosition = QStringLiteral("Phó Giám đốc");
        d.recipients = QStringLiteral("Như Điều 3; Lưu: VT.");
        d.file = documents::AttachmentSource{path(QStringLiteral("du-thao.pdf")), {}, {}};
        auto doc = officer->outgoing().draft(officer->user(), d);
        if (!doc) {
            qWarning() << doc.error().english();
            return {};
        }
        if (auto r = officer->outgoing().submit(officer->user(), doc->id); !r) {
            qWarning() << r.error().english();
            return {};
        }
        if (auto r = leader->outgoing().approve(leader->user(), doc->id); !r) {
            qWarning() << r.error().english();
            return {};
        }
        return doc->id;
    }

    static void screenshot(QWidget &w, const QString &name)
    {
        if (qEnvironmentVariableIsEmpty("GOVDESK_SCREENSHOT_DIR"))
            return;
        QTest::qWait(300);
        w.grab().save(qEnvironmentVariable("GOVDESK_SCREENSHOT_DIR") + QLatin1Char('/') + name);
    }

    /// Waits for the dialog's certificate list and the view's proposal, then types the PIN.
    static bool ready(QWidget &dialog, gui::SignaturePlacementView *view, const QByteArray &pin)
    {
        auto *certificate = dialog.findChild<QComboBox *>(QStringLiteral("signCertificate"));
        if (!QTest::qWaitFor([&] { return certificate->count() > 0; }, 15000)) {
            qWarning() << "no certificate appeared";
            return false;
        }
        if (!QTest::qWaitFor([&] { return view->hasProposal() && view->hasBox(); }, 20000)) {
            qWarning() << "no proposed position:" << view->proposalNote();
            return false;
        }
        dialog.findChild<QLineEdit *>(QStringLiteral("signPin"))->setText(QString::fromLatin1(pin));
        return true;
    }

    /// The first `count` widgets the Tab key leads to from the PIN field (object names): the focus chain's
    /// enabled, shown widgets that take focus by Tab themselves.
    static QStringList tabbingFromPin(QWidget &dialog, int count)
    {
        QStringList reached;
        QWidget *w = dialog.findChild<QLineEdit *>(QStringLiteral("signPin"));
        while (reached.size() < count && (w = w->nextInFocusChain()) != &dialog)
            if ((w->focusPolicy() & Qt::TabFocus) && !w->focusProxy() && w->isVisibleTo(&dialog) &&
                w->isEnabled())
                reached << w->objectName();
        return reached;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("GOVDESK_KEEP_TEST_FILES"));
        // Screenshots for review in Vietnamese: GOVDESK_SCREENSHOT_DIR plus the compiled catalogue.
        QVERIFY(test::installTestTranslation());
        test::isolateSettings(path(QStringLiteral("settings")));
        QVERIFY(m_server.start(m_pki));
        QVERIFY(m_pki.create(m_server.baseUrl()));
        QVERIFY(useSigningConfig(path(QStringLiteral("govdesk.conf")), m_pki.root().certPem));
        // One token holds the leader's personal certificate and the organisation's, as in a small office
        // where the văn thư keeps both: each dialog picks the kind it needs first.
        QVERIFY2(m_token.create(QStringLiteral("Token UBND"), kTokenPin), qPrintable(m_token.errorString()));
        QVERIFY2(m_token.importKeyAndCertificate(m_pki.person().keyPem, m_pki.person().certPem, "01",
                                                 QStringLiteral("ca-nhan")),
                 qPrintable(m_token.errorString()));
        QVERIFY2(m_token.importKeyAndCertificate(m_pki.organisation().keyPem, m_pki.organisation().certPem,
                                                 "02", QStringLiteral("co-quan")),
                 qPrintable(m_token.errorString()));
        QVERIFY(m_token.importCertificate(m_pki.issuingCa().certPem, "10", QStringLiteral("CA")));

        auto db = test::openDemoWorkspace(path(QStringLiteral("ws")));
        QVERIFY2(db.ok(), qPrintable(db.error().english()));
        m_db = db.value();
        // A draft: the number and the date are left blank for the clerk.
        QVERIFY(
            writeFile(path(QStringLiteral("du-thao.pdf")), officialPdf(QStringLiteral("/QĐ-UBND"), QDate())));
        // The leader's saved signature and the organisation's seal.
        auto leader = sessionFor(QStringLiteral("lanhdao"));
        auto clerk = sessionFor(QStringLiteral("vanthu"));
        QVERIFY(leader && clerk);
        storage::SignerImages images(*m_db);
        QVERIFY(images.setSignature(leader->user(), leader->user().id, png(signatureImage())).ok());
        QVERIFY(images.setSeal(clerk->user(), png(sealImage()), 34).ok());
    }

    void placementFollowsRotationAndCropBox()
    {
        // What the user sees at the top right of a turned or cropped page is where the signing service puts
        // a box "top right" (topRightRect, written independently): the view maps both ways the same.
        for (int rotation : {0, 90, 180, 270}) {
            signing::PdfPageInfo page;
            page.mediaBox = QRectF(0, 0, 612, 792);
            page.cropBox = QRectF(30, 40, 540, 700);
            page.rotation = rotation;
            const QSizeF shown = gui::displayPageSize(page);
            QCOMPARE(shown, rotation % 180 ? QSizeF(700, 540) : QSizeF(540, 700));
            const QRectF user = signing::topRightRect(page, QSizeF(120, 50), 20, 30);
            const QRectF display = gui::pdfToDisplayRect(page, user);
            QVERIFY2(std::abs(display.right() - (shown.width() - 20)) < 1e-6 &&
                         std::abs(display.top() - 30) < 1e-6,
                     qPrintable(QString::number(rotation) + QLatin1Char(' ') + describe(display)));
            QVERIFY(std::abs(display.width() - 120) < 1e-6 && std::abs(display.height() - 50) < 1e-6);
            QVERIFY(near(gui::displayToPdfRect(page, display), user, 1e-6));
        }
    }

    void leaderSignsWithTheBoxWhereTheyDrewIt()
    {
        const QString id = approvedDocument(QStringLiteral("Ban hành quy chế công tác văn thư"));
        QVERIFY(!id.isEmpty());
        auto session = sessionFor(QStringLiteral("lanhdao"));
        QVERIFY(session);
        auto doc = session->outgoing().get(session->user(), id);
        QVERIFY(doc.ok());

        gui::OutgoingSignDialog dialog(*session, doc.value());
        dialog.setModules({QString::fromLatin1(SoftHsmToken::modulePath)});
        dialog.resize(1180, 800);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        gui::SignaturePlacementView *view = dialog.placementView();
        QVERIFY(ready(dialog, view, kTokenPin));
        // The personal certificate is chosen first, not the organisation's.
        QVERIFY2(dialog.findChild<QComboBox *>(QStringLiteral("signCertificate"))
                     ->currentText()
                     .contains(QStringLiteral("Nguyễn Văn An")),
                 qPrintable(dialog.findChild<QComboBox *>(QStringLiteral("signCertificate"))->currentText()));
        // Proposed by the template, between "PHÓ GIÁM ĐỐC" and the name: no warning, on the last page.
        QVERIFY(!view->isManual());
        QVERIFY2(view->proposalNote().isEmpty(), qPrintable(view->proposalNote()));
        QCOMPARE(view->boxPage(), view->pageCount() - 1);
        screenshot(dialog, QStringLiteral("outgoing-sign-dialog.png"));

        // The leader draws the box lower left instead, with the mouse, in the proportions of the saved
        // signature (600 × 240), then nudges it 3 points right and 2 points up with the keyboard.
        QTRY_VERIFY_WITH_TIMEOUT(view->isPageShown() && view->pageArea().width() > 200, 10000);
        auto draft = session->outgoing().fileData(session->user(), id);
        QVERIFY(draft.ok());
        auto inspection = signing::inspectPdf(draft.value());
        QVERIFY(inspection.ok());
        const QRectF pageBox = inspection->pages.last().mediaBox;
        QCOMPARE(inspection->pages.last().rotation, 0);
        const double pageWidth = pageBox.width(), pageHeight = pageBox.height();
        const QRectF area = view->pageArea();
        const double s = area.width() / pageWidth;
        QVERIFY2(std::abs(area.height() / s - pageHeight) < 1, qPrintable(describe(area)));
        const QRectF wanted(100, 180, 150, 60); // PDF points from the bottom-left
        const QPoint from((area.left() + wanted.left() * s),
                          (area.top() + (pageHeight - wanted.bottom()) * s));
        const QPoint to((area.left() + wanted.right() * s), (area.top() + (pageHeight - wanted.top()) * s));
        QVERIFY2(!view->boxArea().contains(from), "the drag starts outside the proposed box");
        QWidget *canvas = view->canvas();
        QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, from);
        QTest::mouseMove(canvas, (from + to) / 2);
        QTest::mouseMove(canvas, to);
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, to);
        QVERIFY(view->isManual());
        // Where the pixels dragged over are on the page, in points.
        QRectF expected(QPointF((from.x() - area.left()) / s, pageHeight - (to.y() - area.top()) / s),
                        QPointF((to.x() - area.left()) / s, pageHeight - (from.y() - area.top()) / s));
        QVERIFY2(near(view->pdfRect(), expected, 2),
                 qPrintable(describe(view->pdfRect()) + QStringLiteral(" ≠ ") + describe(expected)));
        canvas->setFocus();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(canvas, Qt::Key_Right);
        QTest::keyClick(canvas, Qt::Key_Up);
        QTest::keyClick(canvas, Qt::Key_Up);
        expected.translate(3, 2);
        QVERIFY2(near(view->pdfRect(), expected, 2.01),
                 qPrintable(describe(view->pdfRect()) + QStringLiteral(" ≠ ") + describe(expected)));
        const QRectF placed = view->pdfRect();
        screenshot(dialog, QStringLiteral("outgoing-sign-dialog-placed.png"));

        QSignalSpy signedSpy(&dialog, &gui::OutgoingSignDialog::documentSigned);
        QSignalSpy failed(&dialog, &gui::OutgoingSignDialog::signingFailed);
        auto *sign = dialog.findChild<QPushButton *>(QStringLiteral("signButton"));
        QVERIFY(sign->isEnabled());
        QTest::mouseClick(sign, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(signedSpy.count() + failed.count() > 0, 60000);
        QVERIFY2(failed.isEmpty(), qPrintable(dialog.errorText()));
        QCOMPARE(signedSpy.first().at(0).value<documents::OutgoingDocument>().status,
                 documents::OutgoingStatus::Signed);
        QVERIFY(!dialog.isVisible());

        // The stored file: one signature, on the page and in the rectangle the leader chose.
        auto after = session->outgoing().get(session->user(), id);
        QVERIFY(after.ok());
        QCOMPARE(after->status, documents::OutgoingStatus::Signed);
        auto pdf = session->outgoing().fileData(session->user(), id);
        QVERIFY(pdf.ok());
        auto signatures = signing::readPdfSignatures(pdf.value());
        QVERIFY(signatures.ok());
        QCOMPARE(signatures->size(), 1);
        const signing::PdfSignatureEntry &entry = signatures->first();
        QCOMPARE(entry.pageIndex, view->pageCount() - 1);
        QVERIFY2(near(entry.rect, placed, 0.5) && near(entry.rect, expected, 2.01),
                 qPrintable(describe(entry.rect) + QStringLiteral(" ≠ ") + describe(expected)));
        QVERIFY(writeFile(path(QStringLiteral("da-ky.pdf")), pdf.value()));
        QCOMPARE(pdfsigValidations(path(QStringLiteral("da-ky.pdf"))),
                 QStringList{QStringLiteral("Signature is Valid.")});
        // The blue signature shows in the box drawn.
        const QImage page = renderPage(path(QStringLiteral("da-ky.pdf")), entry.pageIndex + 1, m_dir.path());
        QVERIFY(!page.isNull());
        QVERIFY2(share(page, entry.rect, isBlue) > 0.02,
                 qPrintable(QString::number(share(page, entry.rect, isBlue))));
        m_signedId = id;
    }

    void wrongPinLeavesTheDocumentApproved()
    {
        const QString id = approvedDocument(QStringLiteral("Ban hành kế hoạch cải cách hành chính"));
        QVERIFY(!id.isEmpty());
        auto session = sessionFor(QStringLiteral("lanhdao"));
        QVERIFY(session);
        auto doc = session->outgoing().get(session->user(), id);
        QVERIFY(doc.ok());
        const int versions = int(doc->files.size());

        gui::OutgoingSignDialog dialog(*session, doc.value());
        dialog.setModules({QString::fromLatin1(SoftHsmToken::modulePath)});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(ready(dialog, dialog.placementView(), "999999"));
        // From the PIN, the keyboard goes through the rest of the form before Sign and Close.
        QCOMPARE(tabbingFromPin(dialog, 4),
                 (QStringList{QStringLiteral("chooseSignatureImage"), QStringLiteral("signComment"),
                              QStringLiteral("signButton"), QStringLiteral("closeButton")}));
        QSignalSpy signedSpy(&dialog, &gui::OutgoingSignDialog::documentSigned);
        QSignalSpy failed(&dialog, &gui::OutgoingSignDialog::signingFailed);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("signButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(signedSpy.count() + failed.count() > 0, 60000);
        QCOMPARE(signedSpy.count(), 0);
        // Said in the dialog, which stays open with the PIN field emptied for another try.
        auto *message = dialog.findChild<QLabel *>(QStringLiteral("signMessage"));
        QVERIFY(message->isVisible());
        QVERIFY2(!dialog.errorText().isEmpty() &&
                     message->text().contains(dialog.errorText().toHtmlEscaped()),
                 qPrintable(message->text()));
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("signPin"))->text().isEmpty());
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("signButton"))->isEnabled());
        screenshot(dialog, QStringLiteral("outgoing-sign-wrong-pin.png"));
        // Nothing changed.
        auto after = session->outgoing().get(session->user(), id);
        QVERIFY(after.ok());
        QCOMPARE(after->status, documents::OutgoingStatus::Approved);
        QCOMPARE(int(after->files.size()), versions);
    }

    void tokenPulledOutWhileSigningChangesNothing()
    {
        const QString id = approvedDocument(QStringLiteral("Ban hành quy chế tiếp công dân"));
        QVERIFY(!id.isEmpty());
        auto session = sessionFor(QStringLiteral("lanhdao"));
        QVERIFY(session);
        auto doc = session->outgoing().get(session->user(), id);
        QVERIFY(doc.ok());
        // The shim loads its own copy of SoftHSM and plays a token pulled out at the moment it signs.
        const QString copy = path(QStringLiteral("libsofthsm2-copy.so"));
        QVERIFY(QFile::exists(copy) || QFile::copy(QString::fromLatin1(SoftHsmToken::modulePath), copy));
        const QString state = path(QStringLiteral("shim-state"));
        QVERIFY(writeFile(state, "tries=3\nlogins=0\npresent=1\nunplugAtSign=1\n"));
        qputenv("GOVDESK_P11SHIM_TARGET", copy.toLocal8Bit());
        qputenv("GOVDESK_P11SHIM_STATE", state.toLocal8Bit());

        gui::OutgoingSignDialog dialog(*session, doc.value());
        dialog.setModules({QString::fromLatin1(GOVDESK_P11SHIM_PATH)});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(ready(dialog, dialog.placementView(), kTokenPin));
        QSignalSpy signedSpy(&dialog, &gui::OutgoingSignDialog::documentSigned);
        QSignalSpy failed(&dialog, &gui::OutgoingSignDialog::signingFailed);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("signButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(signedSpy.count() + failed.count() > 0, 60000);
        QCOMPARE(signedSpy.count(), 0);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("signMessage"))->isVisible());
        screenshot(dialog, QStringLiteral("outgoing-sign-token-removed.png"));
        // The certificate goes from the list as the token is gone, and signing waits for it.
        QTRY_COMPARE_WITH_TIMEOUT(dialog.findChild<QComboBox *>(QStringLiteral("signCertificate"))->count(),
                                  0, 10000);
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("signButton"))->isEnabled());
        auto after = session->outgoing().get(session->user(), id);
        QVERIFY(after.ok());
        QCOMPARE(after->status, documents::OutgoingStatus::Approved);
        QCOMPARE(after->files.size(), doc->files.size());
        // Plugged in again, it is offered again.
        QVERIFY(writeFile(state, "tries=3\nlogins=0\npresent=1\nunplugAtSign=0\n"));
        QTRY_COMPARE_WITH_TIMEOUT(dialog.findChild<QComboBox *>(QStringLiteral("signCertificate"))->count(),
                                  2, 10000);
    }

    void clerkIssuesWithTheNextNumberAndTheSeal()
    {
        QVERIFY2(!m_signedId.isEmpty(), "the leader's signature test ran first");
        auto session = sessionFor(QStringLiteral("vanthu"));
        QVERIFY(session);
        // Another decision took number 01 of last year's book on 30 December, so last year's next number
        // is 02 while this year's book is still empty.
        const QString older = approvedDocument(QStringLiteral("Quyết định cuối năm"));
        QVERIFY(!older.isEmpty());
        const QDate lastYear(QDate::currentDate().year() - 1, 12, 30);
        auto numbered = session->outgoing().issueNumber(session->user(), older, lastYear);
        QVERIFY2(numbered.ok(), qPrintable(numbered.error().english()));
        QCOMPARE(numbered->number, 1);

        auto doc = session->outgoing().get(session->user(), m_signedId);
        QVERIFY(doc.ok());
        QCOMPARE(doc->status, documents::OutgoingStatus::Signed);
        const QString notation = doc->notation;
        QVERIFY(!notation.isEmpty());

        gui::IssueDialog dialog(*session, doc.value());
        dialog.setModules({QString::fromLatin1(SoftHsmToken::modulePath)});
        dialog.resize(1180, 820);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *number = dialog.findChild<QLabel *>(QStringLiteral("issueNumber"));
        const QString first = QStringLiteral("01/") + notation;
        QTRY_VERIFY2_WITH_TIMEOUT(number->text().endsWith(first), qPrintable(number->text()), 10000);
        // The number follows the year of the issue date.
        auto *date = dialog.findChild<QDateEdit *>(QStringLiteral("issueDate"));
        QCOMPARE(date->date(), QDate::currentDate());
        QCOMPARE(date->maximumDate(), QDate::currentDate());
        date->setDate(lastYear);
        QTRY_VERIFY2_WITH_TIMEOUT(number->text().endsWith(QStringLiteral("02/") + notation),
                                  qPrintable(number->text()), 10000);
        date->setDate(QDate::currentDate());
        QTRY_VERIFY2_WITH_TIMEOUT(number->text().endsWith(first), qPrintable(number->text()), 10000);

        QVERIFY(dialog.findChild<QGroupBox *>(QStringLiteral("issueSeal"))->isChecked());
        QVERIFY(dialog.findChild<QCheckBox *>(QStringLiteral("issueStamp"))->isChecked());
        gui::SignaturePlacementView *view = dialog.placementView();
        QVERIFY(ready(dialog, view, kTokenPin));
        // The organisation's certificate is chosen first for the seal.
        QVERIFY2(dialog.findChild<QComboBox *>(QStringLiteral("signCertificate"))
                     ->currentText()
                     .startsWith(QStringLiteral("UBND tỉnh Đắk Nông")),
                 qPrintable(dialog.findChild<QComboBox *>(QStringLiteral("signCertificate"))->currentText()));
        // The seal is proposed over the left third of the leader's signature, at its real size (34 mm).
        auto before =
            signing::readPdfSignatures(session->outgoing().fileData(session->user(), m_signedId).value());
        QVERIFY(before.ok() && before->size() == 1);
        const QRectF personal = before->first().rect;
        const double sealPoints = 34 * 72 / 25.4;
        QVERIFY2(std::abs(view->pdfRect().right() - (personal.left() + personal.width() / 3)) < 0.5 &&
                     std::abs(view->pdfRect().width() - sealPoints) < 0.5,
                 qPrintable(describe(view->pdfRect()) + QStringLiteral(" / ") + describe(personal)));
        QCOMPARE(view->boxPage(), before->first().pageIndex);
        // From the organisation's PIN, the keyboard goes down the number and the seal to the buttons.
        QCOMPARE(tabbingFromPin(dialog, 7),
                 (QStringList{QStringLiteral("issueDate"), QStringLiteral("issueStamp"),
                              QStringLiteral("issueSeal"), QStringLiteral("sealSize"),
                              QStringLiteral("chooseSeal"), QStringLiteral("issueButton"),
                              QStringLiteral("closeButton")}));
        screenshot(dialog, QStringLiteral("issue-dialog.png"));

        QSignalSpy issued(&dialog, &gui::IssueDialog::documentIssued);
        QSignalSpy failed(&dialog, &gui::IssueDialog::issueFailed);
        auto *button = dialog.findChild<QPushButton *>(QStringLiteral("issueButton"));
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(issued.count() + failed.count() > 0, 90000);
        QVERIFY2(failed.isEmpty(), qPrintable(dialog.errorText()));
        const auto result = issued.first().at(0).value<documents::OutgoingDocument>();
        QCOMPARE(result.number, 1);
        QCOMPARE(result.reference(), first);
        QCOMPARE(result.issuedDate, QDate::currentDate());
        QCOMPARE(result.status, documents::OutgoingStatus::Issued);
        // The dialog says what was given and stays for a look at the issued file.
        auto *message = dialog.findChild<QLabel *>(QStringLiteral("issueMessage"));
        QVERIFY2(message->text().contains(first), qPrintable(message->text()));
        QVERIFY(!button->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(view->hasPdf(), 10000);
        screenshot(dialog, QStringLiteral("issue-dialog-issued.png"));

        // Stored: numbered, and the newest file carries the leader's signature and the organisation's.
        auto stored = session->outgoing().get(session->user(), m_signedId);
        QVERIFY(stored.ok());
        QCOMPARE(stored->reference(), first);
        QCOMPARE(stored->status, documents::OutgoingStatus::Issued);
        auto pdf = session->outgoing().fileData(session->user(), m_signedId);
        QVERIFY(pdf.ok());
        auto signatures = signing::readPdfSignatures(pdf.value());
        QVERIFY(signatures.ok());
        QCOMPARE(signatures->size(), 2);
        QVERIFY(signatures->at(0).fieldName.startsWith(QStringLiteral("ChuKy_CaNhan")));
        QVERIFY(signatures->at(1).fieldName.startsWith(QStringLiteral("ChuKy_CoQuan")));
        QVERIFY2(std::abs(signatures->at(1).rect.right() - (personal.left() + personal.width() / 3)) < 0.5,
                 qPrintable(describe(signatures->at(1).rect)));
        QVERIFY(writeFile(path(QStringLiteral("ban-hanh.pdf")), pdf.value()));
        const QImage page =
            renderPage(path(QStringLiteral("ban-hanh.pdf")), signatures->at(1).pageIndex + 1, m_dir.path());
        QVERIFY(share(page, signatures->at(1).rect, isRed) > 0.05);
    }
};

QTEST_MAIN(TestOutgoingSigningGui)
#include "tst_outgoing_signing_gui.moc"
