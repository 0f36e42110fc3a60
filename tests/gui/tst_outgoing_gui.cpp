// Outgoing documents from the window, as an officer, a leader and the clerk meet them: the officer drafts a
// document through the form (the missing or wrong file is named beside the field and nothing typed is lost),
// sees it open in the list and submits it; the leader finds it under "Chờ tôi xử lý" with the right count and
// approves it; returning it for revision needs a comment; the officer never sees the approve button; the
// list finds the document by a word of its summary typed without diacritics. The clerk keeps the templates
// (a Word template is marked as needing LibreOffice, which this machine's configuration lacks); the officer
// drafts from a PDF template (the draft is the template's bytes; the Word one is offered disabled with the
// note) and edits the returned draft's information (a concurrent change is refused and nothing typed is
// lost); the clerk sends an issued document by post with three envelopes (the post register has the entry),
// and once more by post to a recipient added later (a second entry of the post register), lends its archive
// copy and takes it back, and prints the outgoing registers. An administrator adds an advisory body (an
// abbreviation that cannot stand in a notation is refused), the officer drafts in its name (its abbreviation
// in the notation), and once stopped it is no longer offered.
#include "GuiTestSupport.h"
#include "documents/IncomingService.h"
#include "documents/OutgoingRegisters.h"
#include "documents/OutgoingService.h"
#include "documents/OutgoingTemplates.h"
#include "gui/documents/DocumentFormat.h"
#include "gui/documents/RegistersDialog.h"
#include "gui/outgoing/DraftOutgoingDialog.h"
#include "gui/outgoing/IssuingBodiesDialog.h"
#include "gui/outgoing/OutgoingActionDialog.h"
#include "gui/outgoing/OutgoingDocumentView.h"
#include "gui/outgoing/OutgoingListView.h"
#include "gui/outgoing/OutgoingTableModel.h"
#include "gui/outgoing/TemplatesDialog.h"
#include "gui/shell/MainWindow.h"
#include "gui/shell/NavigationPane.h"
#include "gui/widgets/PdfViewer.h"
#include "reports/OfficialDocumentPdf.h"
#include "storage/Accounts.h"
#include "support/OfficeFiles.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPrintPreviewDialog>
#include <QPrintPreviewWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace govdesk;
using documents::OutgoingFilter;
using documents::OutgoingStatus;
using gui::NavigationPane;
using gui::OutgoingTableModel;
using test::okButton;
using test::screenshot;
using test::typeInto;

class TestOutgoingGui : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<storage::Database> m_db;
    QString m_pdf;
    QString m_notPdf;
    QString m_id;       // the document drafted through the form
    QString m_issuedId; // a document the clerk numbered, for sending and the archive copy
    QString m_templatePdf;
    QString m_templateDocx;
    QString m_subject = QStringLiteral("Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2026");

    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<gui::Session> sessionFor(const QString &username)
    {
        return test::demoSession(m_db, username);
    }

    QList<documents::OutgoingDocument> list(const core::User &user, const OutgoingFilter &filter = {})
    {
        documents::OutgoingService service(*m_db);
        auto docs = service.list(user, filter);
        return docs ? docs.value() : QList<documents::OutgoingDocument>{};
    }

    core::User user(const QString &username) { return storage::Accounts(*m_db).userByName(username).value(); }

    OutgoingStatus statusOf(const QString &id) { return document(id).status; }

    documents::OutgoingDocument document(const QString &id)
    {
        documents::OutgoingService service(*m_db);
        auto doc = service.get(user(QStringLiteral("vanthu")), id);
        return doc ? doc.value() : documents::OutgoingDocument();
    }

    static bool writeFile(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
    }

    /// The dialog a document view opened for one step, once it is on screen.
    template<typename Dialog> static Dialog *waitForDialog(QObject *parent, const QString &name)
    {
        Dialog *dialog = nullptr;
        if (!QTest::qWaitFor([&] {
                dialog = parent->findChild<Dialog *>(name);
                return dialog && dialog->isVisible();
            }))
            return nullptr;
        return dialog;
    }

    /// The document in a view of its own, on screen and loaded.
    static bool showDocument(gui::OutgoingDocumentView &view, const QString &id)
    {
        if (!test::showWindow(view, {1300, 850}))
            return false;
        view.showDocument(id);
        return QTest::qWaitFor([&] { return view.document().id == id; });
    }

    /// Clicks one of the view's buttons and waits for the dialog it opens.
    template<typename Dialog> static Dialog *clickFor(QPushButton *button, QObject *view, const QString &name)
    {
        QTest::mouseClick(button, Qt::LeftButton);
        return waitForDialog<Dialog>(view, name);
    }

    /// Shows the document in the window's outgoing list, picked with the mouse.
    static bool pick(gui::MainWindow &window, const QString &id)
    {
        OutgoingTableModel *model = window.outgoingList()->model();
        if (!QTest::qWaitFor([&] { return model->rowOf(id) >= 0; }))
            return false;
        QTableView *table = window.outgoingList()->table();
        const QModelIndex index = model->index(model->rowOf(id), OutgoingTableModel::Subject);
        table->scrollTo(index);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        return QTest::qWaitFor([&] { return window.outgoingView()->document().id == id; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Screenshots for review in Vietnamese: GOVDESK_SCREENSHOT_DIR plus the compiled catalogue.
        QVERIFY(test::installTestTranslation());
        // The machine's configuration names a LibreOffice that is not there: office templates cannot be
        // converted, whatever is installed.
        const QString conf = path(QStringLiteral("govdesk.conf"));
        QVERIFY(writeFile(conf, "[templates]\nofficeConverter=/nonexistent/soffice\n"));
        qputenv("GOVDESK_SYSTEM_CONFIG", QFile::encodeName(conf));
        QVERIFY(!documents::OutgoingTemplates::officeConversionAvailable());
        test::isolateSettings(path(QStringLiteral("settings")));
        auto db = test::openDemoWorkspace(path(QStringLiteral("ws")));
        QVERIFY2(db.ok(), qPrintable(db.error().english()));
        m_db = db.value();

        reports::OfficialDocument d;
        d.parentOrgan = QStringLiteral("UBND TỈNH ĐẮK NÔNG");
        d.organ = QStringLiteral("VĂN PHÒNG");
        d.reference = QStringLiteral("     /KH-UBND");
        d.place = QStringLiteral("Đắk Nông");
        d.date = QDate::currentDate();
        d.typeName = QStringLiteral("KẾ HOẠCH");
        d.subject = m_subject;
        d.paragraphs = {QStringLiteral("Thực hiện Chương trình tổng thể cải cách hành chính nhà nước, Ủy ban "
                                       "nhân dân tỉnh ban hành Kế hoạch tổ chức Hội nghị tổng kết như sau:"),
                        QStringLiteral("I. MỤC ĐÍCH, YÊU CẦU")};
        d.signerTitle = QStringLiteral("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH");
        d.signerName = QStringLiteral("Trần Văn Hùng");
        d.recipients = {QStringLiteral("Các sở, ban, ngành;"), QStringLiteral("Lưu: VT, KT.")};
        m_pdf = path(QStringLiteral("ke-hoach-hoi-nghi.pdf"));
        QFile pdf(m_pdf);
        QVERIFY(pdf.open(QIODevice::WriteOnly));
        pdf.write(reports::renderOfficialDocumentPdf(d));
        pdf.close();
        // The agency's template of a plan: the number, the date and the summary left blank.
        d.date = QDate();
        d.subject = QStringLiteral("Về việc ………………………………");
        d.paragraphs = {QStringLiteral("Căn cứ ………………………………"), QStringLiteral("I. MỤC ĐÍCH, YÊU CẦU")};
        m_templatePdf = path(QStringLiteral("mau-ke-hoach.pdf"));
        QVERIFY(writeFile(m_templatePdf, reports::renderOfficialDocumentPdf(d)));
        m_templateDocx = path(QStringLiteral("mau-ke-hoach.docx"));
        QVERIFY(writeFile(m_templateDocx, test::docx(QStringLiteral("KẾ HOẠCH Về việc …"))));
        m_notPdf = path(QStringLiteral("ghi-chu.txt"));
        QFile text(m_notPdf);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("Ghi chú, không phải PDF\n");
        text.close();

        // Another document of the same officer, so the search has something to leave out.
        auto officer = storage::Accounts(*m_db).userByName(QStringLiteral("chuyenvien"));
        QVERIFY(officer.ok());
        documents::OutgoingDraft other;
        other.typeAbbr = QStringLiteral("BC");
        other.subject = QStringLiteral("Kết quả thực hiện nhiệm vụ phát triển kinh tế quý III");
        other.file = documents::AttachmentSource{m_pdf, {}, {}};
        documents::OutgoingService service(*m_db);
        auto drafted = service.draft(officer.value(), other);
        QVERIFY2(drafted.ok(), qPrintable(drafted.error().english()));
    }

    void officerDraftsThroughTheForm()
    {
        auto session = sessionFor(QStringLiteral("chuyenvien"));
        QVERIFY(session);
        const core::User officer = session->user();
        gui::MainWindow window(*session);
        QVERIFY(test::showWindow(window, {1500, 950}));
        QAction *draft = window.draftOutgoingAction();
        QVERIFY(draft->isEnabled() && draft->isVisible());
        QCOMPARE(draft->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
        const int before = int(list(officer).size());

        draft->trigger();
        QPointer<gui::DraftOutgoingDialog> dialog = window.findChild<gui::DraftOutgoingDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog));

        // By keyboard, in the order the form is read: the type, then the summary.
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("typeCombo"));
        typeInto(QApplication::focusWidget(), QStringLiteral("Kế"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("subjectEdit"));
        typeInto(QApplication::focusWidget(), m_subject);
        // The drafting unit is the officer's own.
        auto *unit = dialog->findChild<QComboBox *>(QStringLiteral("unitCombo"));
        QCOMPARE(unit->currentData().toString(), officer.unitId);

        // Enter without a file: the service's message beside the file field, nothing written, nothing lost.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        auto *fileError = dialog->findChild<QLabel *>(QStringLiteral("fileError"));
        QTRY_VERIFY(fileError->isVisible());
        QVERIFY(!fileError->text().isEmpty());
        QVERIFY(dialog->isVisible());
        QCOMPARE(int(list(officer).size()), before);
        auto *subject = dialog->findChild<QPlainTextEdit *>(QStringLiteral("subjectEdit"));
        QCOMPARE(subject->toPlainText(), m_subject);

        // A file that is not a PDF is named.
        dialog->setFile(m_notPdf);
        QVERIFY(!fileError->isVisible()); // touching the field clears its message
        QTest::keyClick(subject, Qt::Key_Return);
        QTRY_VERIFY(fileError->isVisible());
        QVERIFY2(fileError->text().contains(QStringLiteral("ghi-chu.txt")), qPrintable(fileError->text()));
        QCOMPARE(int(list(officer).size()), before);

        // A receiving organ typed without diacritics and taken with Enter.
        auto *organ = dialog->findChild<QComboBox *>(QStringLiteral("organCombo"));
        organ->setFocus();
        QTRY_VERIFY(organ->lineEdit()->hasFocus());
        typeInto(organ->lineEdit(), QStringLiteral("so tai chinh"));
        QTest::keyClick(organ->lineEdit(), Qt::Key_Return);
        auto *organs = dialog->findChild<QListWidget *>(QStringLiteral("organList"));
        QTRY_COMPARE(organs->count(), 1);
        QString financeCode;
        for (const core::OrgUnit &u : session->data().units)
            if (u.name == QStringLiteral("Sở Tài chính"))
                financeCode = u.code;
        QVERIFY(!financeCode.isEmpty());
        QVERIFY2(organs->item(0)->text().contains(financeCode), qPrintable(organs->item(0)->text()));
        QVERIFY(dialog->isVisible()); // Enter in the organ field adds, it does not save

        // It answers an incoming document of the officer's, found by typing a few words of its summary.
        documents::IncomingService incoming(*m_db);
        documents::IncomingFilter newest;
        newest.limit = 1;
        const auto answered = incoming.list(officer, newest);
        QVERIFY(answered.ok() && !answered->isEmpty());
        auto *reply = dialog->findChild<QLineEdit *>(QStringLiteral("replyEdit"));
        reply->setFocus();
        typeInto(reply, answered->first().subject.section(QLatin1Char(' '), 0, 3));
        QCompleter *suggestions = nullptr;
        for (QCompleter *c : dialog->findChildren<QCompleter *>())
            if (c->widget() == reply)
                suggestions = c;
        QVERIFY(suggestions);
        QTRY_VERIFY(suggestions->completionModel()->rowCount() > 0);
        int row = -1;
        for (int r = 0; r < suggestions->completionModel()->rowCount() && row < 0; ++r)
            if (suggestions->completionModel()->index(r, 0).data().toString().contains(
                    answered->first().subject))
                row = r;
        QVERIFY(row >= 0);
        suggestions->popup()->setCurrentIndex(suggestions->completionModel()->index(row, 0));
        QTest::keyClick(suggestions->popup(), Qt::Key_Return);
        QCOMPARE(dialog->draft().replyToId, answered->first().id);

        auto *authority = dialog->findChild<QComboBox *>(QStringLiteral("authorityCombo"));
        authority->setCurrentIndex(authority->findData(QStringLiteral("KT.")));
        dialog->findChild<QLineEdit *>(QStringLiteral("signerPositionEdit"))
            ->setText(QStringLiteral("Phó Chủ tịch"));
        dialog->findChild<QComboBox *>(QStringLiteral("signerNameCombo"))
            ->setEditText(QStringLiteral("Trần Văn Hùng"));
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("recipientsEdit"))
            ->setPlainText(QStringLiteral("Như trên; Lưu: VT, KT."));
        dialog->setFile(m_pdf);
        screenshot(dialog, QStringLiteral("outgoing-draft-dialog.png"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog);

        // Written as typed, with the draft as version 1.
        OutgoingFilter mine;
        mine.drafterId = officer.id;
        QList<documents::OutgoingDocument> docs;
        QTRY_COMPARE((docs = list(officer, mine)).size(), before + 1);
        const documents::OutgoingDocument *doc = nullptr;
        for (const auto &d : docs)
            if (d.subject == m_subject)
                doc = &d;
        QVERIFY(doc);
        m_id = doc->id;
        documents::OutgoingService service(*m_db);
        const auto full = service.get(officer, m_id);
        QVERIFY(full.ok());
        QCOMPARE(full->typeAbbr, QStringLiteral("KH"));
        QCOMPARE(full->status, OutgoingStatus::Draft);
        QCOMPARE(full->unitId, officer.unitId);
        QCOMPARE(full->recipientCodes, QStringList{financeCode});
        QCOMPARE(full->authorityPrefix, QStringLiteral("KT."));
        QCOMPARE(full->signerName, QStringLiteral("Trần Văn Hùng"));
        QCOMPARE(full->files.size(), 1);
        QCOMPARE(full->replyToId, answered->first().id);

        // It opens in the outgoing list, selected, with its PDF; it has no number yet.
        QVERIFY(NavigationPane::isOutgoing(window.navigation()->current()));
        QTRY_COMPARE(window.outgoingList()->currentDocumentId(), m_id);
        QTRY_COMPARE(window.outgoingView()->document().id, m_id);
        auto *title = window.outgoingView()->findChild<QLabel *>(QStringLiteral("outgoingTitle"));
        QVERIFY2(title->text().contains(gui::OutgoingDocumentView::tr("(no number yet)")),
                 qPrintable(title->text()));
        gui::PdfViewer *viewer = window.outgoingView()->pdfViewer();
        QTRY_VERIFY(!viewer->currentImage().isNull());
        QCOMPARE(window.outgoingView()->shownVersion(), 1);

        // The drafter submits it; the leader's buttons are not the officer's.
        auto *submit = window.outgoingView()->findChild<QPushButton *>(QStringLiteral("submitButton"));
        auto *approve = window.outgoingView()->findChild<QPushButton *>(QStringLiteral("approveButton"));
        QVERIFY(submit->isVisible());
        QVERIFY(!approve->isVisible());
        QTest::mouseClick(submit, Qt::LeftButton);
        auto *submitDialog =
            waitForDialog<gui::OutgoingActionDialog>(window.outgoingView(), QStringLiteral("submitDialog"));
        QVERIFY(submitDialog);
        typeInto(submitDialog->findChild<QPlainTextEdit *>(QStringLiteral("noteEdit")),
                 QStringLiteral("Kính trình đồng chí Phó Chủ tịch xem xét"));
        QTest::mouseClick(okButton(submitDialog), Qt::LeftButton);
        QTRY_COMPARE(statusOf(m_id), OutgoingStatus::Submitted);
        auto *status = window.outgoingView()->findChild<QLabel *>(QStringLiteral("outgoingStatus"));
        QTRY_COMPARE(status->text(), documents::OutgoingVocabulary::displayName(OutgoingStatus::Submitted));
        QVERIFY(!submit->isVisible());
        QVERIFY(!approve->isVisible());
        // The review thread names the step and the comment.
        auto *review = window.outgoingView()->findChild<QTreeWidget *>(QStringLiteral("reviewTree"));
        QTRY_COMPARE(review->topLevelItemCount(), 1);
        QCOMPARE(review->topLevelItem(0)->text(4),
                 QStringLiteral("Kính trình đồng chí Phó Chủ tịch xem xét"));
        QCOMPARE(review->topLevelItem(0)->text(3), QStringLiteral("1"));
        screenshot(&window, QStringLiteral("outgoing-officer-window.png"));
    }

    void leaderFindsItAwaitingAndApproves()
    {
        QVERIFY(!m_id.isEmpty());
        auto session = sessionFor(QStringLiteral("lanhdao"));
        QVERIFY(session);
        gui::MainWindow window(*session);
        QVERIFY(test::showWindow(window, {1500, 950}));

        OutgoingFilter awaiting;
        awaiting.awaitingActor = true;
        const auto expected = list(session->user(), awaiting);
        QVERIFY(!expected.isEmpty());
        QVERIFY(std::any_of(expected.cbegin(), expected.cend(), [&](const auto &d) { return d.id == m_id; }));
        // The count beside the entry before it is even opened.
        NavigationPane *nav = window.navigation();
        QTRY_COMPARE(nav->count(NavigationPane::Entry::OutgoingAwaitingMe), int(expected.size()));

        nav->select(NavigationPane::Entry::OutgoingAwaitingMe);
        OutgoingTableModel *model = window.outgoingList()->model();
        QTRY_COMPARE(model->rowCount(), int(expected.size()));
        QVERIFY(model->rowOf(m_id) >= 0);
        auto *countLabel = window.findChild<QLabel *>(QStringLiteral("outgoingCountLabel"));
        QTRY_VERIFY(countLabel->text().contains(QString::number(expected.size())));
        QVERIFY(pick(window, m_id));

        auto *approve = window.outgoingView()->findChild<QPushButton *>(QStringLiteral("approveButton"));
        auto *returnButton =
            window.outgoingView()->findChild<QPushButton *>(QStringLiteral("returnForRevisionButton"));
        QTRY_VERIFY(approve->isVisible());
        QVERIFY(returnButton->isVisible());
        QVERIFY(
            !window.outgoingView()->findChild<QPushButton *>(QStringLiteral("submitButton"))->isVisible());
        screenshot(&window, QStringLiteral("outgoing-leader-window.png"));

        QTest::mouseClick(approve, Qt::LeftButton);
        auto *dialog =
            waitForDialog<gui::OutgoingActionDialog>(window.outgoingView(), QStringLiteral("approveDialog"));
        QVERIFY(dialog);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_COMPARE(statusOf(m_id), OutgoingStatus::Approved);
        QTRY_VERIFY(!approve->isVisible());
        // Approved, it still waits for the leader: now for the signature.
        QTRY_VERIFY(
            window.outgoingView()->findChild<QPushButton *>(QStringLiteral("signButton"))->isVisible());
    }

    void returnForRevisionNeedsAComment()
    {
        QVERIFY(!m_id.isEmpty());
        QCOMPARE(statusOf(m_id), OutgoingStatus::Approved);
        auto session = sessionFor(QStringLiteral("lanhdao"));
        QVERIFY(session);
        gui::OutgoingDocumentView view(*session);
        QVERIFY(showDocument(view, m_id));
        auto *returnButton = view.findChild<QPushButton *>(QStringLiteral("returnForRevisionButton"));
        QVERIFY(returnButton->isVisible());

        QPointer<gui::OutgoingActionDialog> dialog = clickFor<gui::OutgoingActionDialog>(
            returnButton, &view, QStringLiteral("returnForRevisionDialog"));
        QVERIFY(dialog);
        // Empty: refused by the service, said in the dialog, which stays open.
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY(!error->text().isEmpty());
        QVERIFY(dialog->isVisible());
        screenshot(dialog, QStringLiteral("outgoing-return-dialog.png"));
        QCOMPARE(statusOf(m_id), OutgoingStatus::Approved);

        const QString comment = QStringLiteral("Bổ sung thành phần dự Hội nghị");
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("noteEdit"))->setPlainText(comment);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        QTRY_COMPARE(statusOf(m_id), OutgoingStatus::Returned);
        auto *review = view.findChild<QTreeWidget *>(QStringLiteral("reviewTree"));
        QTRY_COMPARE(review->topLevelItemCount(), 3); // submitted, approved, returned
        QCOMPARE(review->topLevelItem(2)->text(4), comment);
    }

    void officerNeverSeesTheApproveButton()
    {
        QVERIFY(!m_id.isEmpty());
        auto session = sessionFor(QStringLiteral("chuyenvien"));
        QVERIFY(session);
        gui::MainWindow window(*session);
        QVERIFY(test::showWindow(window));
        // Returned, the draft is the officer's to do again.
        window.navigation()->select(NavigationPane::Entry::OutgoingAwaitingMe);
        QVERIFY(pick(window, m_id));
        gui::OutgoingDocumentView *view = window.outgoingView();
        QTRY_VERIFY(view->findChild<QPushButton *>(QStringLiteral("reviseButton"))->isVisible());
        QVERIFY(view->findChild<QPushButton *>(QStringLiteral("submitButton"))->isVisible());
        for (const char *leaders : {"approveButton", "returnForRevisionButton", "signButton"})
            QVERIFY2(!view->findChild<QPushButton *>(QLatin1String(leaders))->isVisible(), leaders);
        for (const char *clerks : {"issueButton", "reserveButton", "sendButton"})
            QVERIFY2(!view->findChild<QPushButton *>(QLatin1String(clerks))->isVisible(), clerks);
    }

    void searchFindsAWordWithoutDiacritics()
    {
        QVERIFY(!m_id.isEmpty());
        auto session = sessionFor(QStringLiteral("chuyenvien"));
        QVERIFY(session);
        gui::MainWindow window(*session);
        QVERIFY(test::showWindow(window));
        window.navigation()->select(NavigationPane::Entry::AllOutgoing);
        OutgoingTableModel *model = window.outgoingList()->model();
        const int all = int(list(session->user()).size());
        QVERIFY(all >= 2);
        QTRY_COMPARE(model->rowCount(), all);

        QLineEdit *search = window.outgoingList()->searchEdit();
        QTest::keyClicks(search, QStringLiteral("hoi nghi tong ket"));
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->documentAt(0)->id, m_id);
        auto *countLabel = window.findChild<QLabel *>(QStringLiteral("outgoingCountLabel"));
        QTRY_VERIFY(countLabel->text().contains(QLatin1Char('1')));

        // Another word of the summary finds it too, alone; clearing brings every document back.
        search->clear();
        QTest::keyClicks(search, QStringLiteral("cai cach"));
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->documentAt(0)->id, m_id);
        search->clear();
        QTRY_COMPARE(model->rowCount(), all);
    }

    void clerkKeepsTheTemplates()
    {
        // The officer does not see the command; the clerk does.
        {
            auto officer = sessionFor(QStringLiteral("chuyenvien"));
            QVERIFY(officer);
            gui::MainWindow window(*officer);
            QVERIFY(!window.templatesAction()->isVisible());
        }
        auto session = sessionFor(QStringLiteral("vanthu"));
        QVERIFY(session);
        gui::MainWindow window(*session);
        QVERIFY(test::showWindow(window, {1400, 900}));
        QVERIFY(window.templatesAction()->isVisible() && window.templatesAction()->isEnabled());
        window.templatesAction()->trigger();
        QPointer<gui::TemplatesDialog> dialog = window.findChild<gui::TemplatesDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *tree = dialog->findChild<QTreeWidget *>(QStringLiteral("templatesTree"));
        auto *type = dialog->findChild<QComboBox *>(QStringLiteral("typeCombo"));
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        auto *file = dialog->findChild<QLineEdit *>(QStringLiteral("fileEdit"));
        auto *add = dialog->findChild<QPushButton *>(QStringLiteral("addButton"));
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
        // LibreOffice is missing here: said before anything is added.
        auto *note = dialog->findChild<QLabel *>(QStringLiteral("noteLabel"));
        QTRY_VERIFY(note->isVisible());
        QCOMPARE(note->text(), gui::TemplatesDialog::officeUnavailableNote());
        QCOMPARE(tree->topLevelItemCount(), 0);

        // A file that is not a template is refused in the dialog; what was typed stays.
        type->setCurrentIndex(type->findData(QStringLiteral("KH")));
        typeInto(name, QStringLiteral("Kế hoạch tổ chức hội nghị"));
        file->setText(m_notPdf);
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("ghi-chu.txt")), qPrintable(error->text()));
        QCOMPARE(name->text(), QStringLiteral("Kế hoạch tổ chức hội nghị"));
        QCOMPARE(tree->topLevelItemCount(), 0);

        file->setText(m_templatePdf);
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_COMPARE(tree->topLevelItemCount(), 1);
        QVERIFY(name->text().isEmpty());
        QCOMPARE(tree->topLevelItem(0)->text(1), QStringLiteral("Kế hoạch tổ chức hội nghị"));

        type->setCurrentIndex(type->findData(QStringLiteral("KH")));
        name->setText(QStringLiteral("Kế hoạch (bản Word)"));
        file->setText(m_templateDocx);
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_COMPARE(tree->topLevelItemCount(), 2);
        QTreeWidgetItem *word = nullptr;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            if (tree->topLevelItem(i)->text(1) == QStringLiteral("Kế hoạch (bản Word)"))
                word = tree->topLevelItem(i);
        QVERIFY(word);
        QVERIFY2(word->text(2).contains(QStringLiteral("LibreOffice")), qPrintable(word->text(2)));

        // One added by mistake is removed, after a question.
        name->setText(QStringLiteral("Mẫu thử nhầm"));
        file->setText(m_templatePdf);
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_COMPARE(tree->topLevelItemCount(), 3);
        QTRY_VERIFY(tree->currentItem() && tree->currentItem()->text(1) == QStringLiteral("Mẫu thử nhầm"));
        screenshot(dialog, QStringLiteral("outgoing-templates-dialog.png"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("removeButton")), Qt::LeftButton);
        QMessageBox *question = nullptr;
        QTRY_VERIFY((question = dialog->findChild<QMessageBox *>(QStringLiteral("removeTemplateQuestion"))) &&
                    question->isVisible());
        QTest::mouseClick(question->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE(tree->topLevelItemCount(), 2);
        documents::OutgoingTemplates templates(*m_db);
        const auto active = templates.list(session->user(), QStringLiteral("KH"));
        QVERIFY(active.ok());
        QCOMPARE(active->size(), 2);
        // Removed templates stay on record, shown on request.
        dialog->findChild<QCheckBox *>(QStringLiteral("showRemovedCheck"))->setChecked(true);
        QTRY_COMPARE(tree->topLevelItemCount(), 3);
        dialog->close();
    }

    void officerDraftsFromATemplate()
    {
        auto session = sessionFor(QStringLiteral("chuyenvien"));
        QVERIFY(session);
        const core::User officer = session->user();
        documents::OutgoingTemplates templates(*m_db);
        const auto kh = templates.list(officer, QStringLiteral("KH"));
        QVERIFY(kh.ok() && kh->size() == 2);
        const documents::OutgoingTemplate pdf = kh->at(0).isPdf() ? kh->at(0) : kh->at(1);
        const documents::OutgoingTemplate word = kh->at(0).isPdf() ? kh->at(1) : kh->at(0);

        gui::MainWindow window(*session);
        QVERIFY(test::showWindow(window, {1500, 950}));
        window.draftOutgoingAction()->trigger();
        QPointer<gui::DraftOutgoingDialog> dialog = window.findChild<gui::DraftOutgoingDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *templateCombo = dialog->findChild<QComboBox *>(QStringLiteral("templateCombo"));
        auto *note = dialog->findChild<QLabel *>(QStringLiteral("templateNote"));
        // The general type has no template: nothing to choose, no note.
        QTRY_COMPARE(templateCombo->itemText(0),
                     gui::DraftOutgoingDialog::tr("No template for this type: choose a PDF file below"));
        QCOMPARE(templateCombo->count(), 1);
        QVERIFY(!templateCombo->isEnabled());
        QVERIFY(!note->isVisible());

        auto *type = dialog->findChild<QComboBox *>(QStringLiteral("typeCombo"));
        type->setCurrentIndex(type->findData(QStringLiteral("KH")));
        QTRY_VERIFY2(templateCombo->count() == 3,
                     qPrintable(dialog->findChild<QLabel *>(QStringLiteral("templateStatus"))->text() +
                                templateCombo->itemText(0)));
        QVERIFY(templateCombo->isEnabled());
        const int pdfIndex = templateCombo->findData(pdf.id);
        const int wordIndex = templateCombo->findData(word.id);
        QVERIFY(pdfIndex > 0 && wordIndex > 0);
        auto *model = qobject_cast<QStandardItemModel *>(templateCombo->model());
        QVERIFY(model);
        // Without LibreOffice the Word template cannot be chosen, and the form says why.
        QVERIFY(!model->item(wordIndex)->isEnabled());
        QVERIFY(model->item(pdfIndex)->isEnabled());
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(), gui::TemplatesDialog::officeUnavailableNote());

        templateCombo->setCurrentIndex(pdfIndex);
        QTRY_VERIFY(dialog->templateReady());
        QCOMPARE(dialog->chosenTemplateId(), pdf.id);
        auto *status = dialog->findChild<QLabel *>(QStringLiteral("templateStatus"));
        QVERIFY(status->isVisible());
        auto *fileEdit = dialog->findChild<QLineEdit *>(QStringLiteral("fileEdit"));
        QVERIFY(fileEdit->text().isEmpty());
        QVERIFY2(fileEdit->placeholderText().contains(pdf.name), qPrintable(fileEdit->placeholderText()));

        const QString subject = QStringLiteral("Kế hoạch kiểm tra công tác văn thư, lưu trữ năm 2026");
        auto *subjectEdit = dialog->findChild<QPlainTextEdit *>(QStringLiteral("subjectEdit"));
        subjectEdit->setFocus();
        typeInto(subjectEdit, subject);
        dialog->findChild<QSpinBox *>(QStringLiteral("copiesSpin"))->setValue(12);
        dialog->findChild<QCheckBox *>(QStringLiteral("dueCheck"))->setChecked(true);
        const QDate due = QDate::currentDate().addDays(20);
        dialog->findChild<QDateEdit *>(QStringLiteral("dueEdit"))->setDate(due);
        dialog->findChild<QLineEdit *>(QStringLiteral("archiveHolderEdit"))
            ->setText(QStringLiteral("Văn thư; Phòng Kinh tế"));
        screenshot(dialog, QStringLiteral("outgoing-draft-template-dialog.png"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog);

        OutgoingFilter mine;
        mine.drafterId = officer.id;
        mine.search = QStringLiteral("kiem tra cong tac van thu");
        QList<documents::OutgoingDocument> found;
        QTRY_COMPARE((found = list(officer, mine)).size(), 1);
        const documents::OutgoingDocument doc = document(found.first().id);
        QCOMPARE(doc.typeAbbr, QStringLiteral("KH"));
        QCOMPARE(doc.copies, 12);
        QCOMPARE(doc.dueDate, due);
        QCOMPARE(doc.archiveHolder, QStringLiteral("Văn thư; Phòng Kinh tế"));
        // The draft is the template, byte for byte.
        documents::OutgoingService service(*m_db);
        const auto draftFile = service.fileData(officer, doc.id);
        const auto templateFile = templates.fetch(officer, pdf.id);
        QVERIFY(draftFile.ok() && templateFile.ok());
        QCOMPARE(draftFile.value(), templateFile.value());
        QTRY_COMPARE(window.outgoingView()->document().id, doc.id);
    }

    void officerEditsTheReturnedDraft()
    {
        QVERIFY(!m_id.isEmpty());
        QCOMPARE(statusOf(m_id), OutgoingStatus::Returned);
        auto session = sessionFor(QStringLiteral("chuyenvien"));
        QVERIFY(session);
        gui::OutgoingDocumentView view(*session);
        QVERIFY(showDocument(view, m_id));
        auto *edit = view.findChild<QPushButton *>(QStringLiteral("editInformationButton"));
        QVERIFY(edit->isVisible());

        // Someone changes the document while the form is open: the save is refused, the form stays as typed.
        QPointer<gui::DraftOutgoingDialog> dialog =
            clickFor<gui::DraftOutgoingDialog>(edit, &view, QStringLiteral("editOutgoingDialog"));
        QVERIFY(dialog);
        auto *subject = dialog->findChild<QPlainTextEdit *>(QStringLiteral("subjectEdit"));
        QCOMPARE(subject->toPlainText(), m_subject);
        QVERIFY(!dialog->findChild<QComboBox *>(QStringLiteral("templateCombo"))->isVisible());
        QVERIFY(!dialog->findChild<QLineEdit *>(QStringLiteral("fileEdit"))->isVisible());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("fileInfoLabel"))->isVisible());
        documents::OutgoingService service(*m_db);
        documents::OutgoingDraftChanges meanwhile;
        meanwhile.signerPosition = QStringLiteral("Chủ tịch");
        QVERIFY(service.update(session->user(), m_id, meanwhile).ok());
        const QString newSubject = m_subject + QStringLiteral(" và triển khai nhiệm vụ năm 2027");
        subject->setPlainText(newSubject);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        auto *general = dialog->findChild<QLabel *>(QStringLiteral("generalError"));
        QTRY_VERIFY(general->isVisible());
        QVERIFY2(general->text().contains(
                     QStringLiteral("Someone else changed this document meanwhile; reopen it and try again")),
                 qPrintable(general->text()));
        QVERIFY(dialog->isVisible());
        QCOMPARE(subject->toPlainText(), newSubject);
        QCOMPARE(document(m_id).subject, m_subject);
        dialog->reject();
        QTRY_VERIFY(!dialog);

        // Opened again on the document as it now is: the summary and the number of copies change.
        QTRY_COMPARE(view.document().signerPosition, QStringLiteral("Chủ tịch"));
        dialog = clickFor<gui::DraftOutgoingDialog>(edit, &view, QStringLiteral("editOutgoingDialog"));
        QVERIFY(dialog);
        subject = dialog->findChild<QPlainTextEdit *>(QStringLiteral("subjectEdit"));
        subject->setPlainText(newSubject);
        auto *copies = dialog->findChild<QSpinBox *>(QStringLiteral("copiesSpin"));
        copies->setFocus();
        copies->selectAll();
        QTest::keyClicks(copies, QStringLiteral("8"));
        QCOMPARE(copies->value(), 8);
        QCOMPARE(dialog->changes().subject, std::optional<QString>(newSubject));
        QVERIFY(!dialog->changes().signerPosition); // untouched fields are not sent
        screenshot(dialog, QStringLiteral("outgoing-edit-dialog.png"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        const documents::OutgoingDocument after = document(m_id);
        QCOMPARE(after.subject, newSubject);
        QCOMPARE(after.copies, 8);
        QCOMPARE(after.signerPosition, QStringLiteral("Chủ tịch"));
        QCOMPARE(after.status, OutgoingStatus::Returned);
        // The view shows it at once.
        auto *heading = view.findChild<QLabel *>(QStringLiteral("outgoingSubject"));
        QTRY_COMPARE(heading->text(), newSubject);
        m_subject = newSubject;
    }

    void adminKeepsTheAdvisoryBodies()
    {
        // Only an administrator keeps them.
        {
            auto officer = sessionFor(QStringLiteral("chuyenvien"));
            QVERIFY(officer);
            gui::MainWindow window(*officer);
            QVERIFY(!window.issuingBodiesAction()->isVisible());
        }
        auto admin = sessionFor(QStringLiteral("admin"));
        QVERIFY(admin);
        gui::MainWindow window(*admin);
        QVERIFY(test::showWindow(window, {1400, 900}));
        QVERIFY(window.issuingBodiesAction()->isVisible() && window.issuingBodiesAction()->isEnabled());
        window.issuingBodiesAction()->trigger();
        QPointer<gui::IssuingBodiesDialog> dialog = window.findChild<gui::IssuingBodiesDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *tree = dialog->findChild<QTreeWidget *>(QStringLiteral("bodiesTree"));
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        auto *abbr = dialog->findChild<QLineEdit *>(QStringLiteral("abbrEdit"));
        auto *add = dialog->findChild<QPushButton *>(QStringLiteral("addButton"));
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QSignalSpy loaded(dialog.data(), &gui::IssuingBodiesDialog::loaded);
        dialog->reload();
        QTRY_VERIFY(loaded.count() >= 1);
        const int before = tree->topLevelItemCount();

        // An abbreviation that cannot stand in a notation is refused; what was typed stays.
        const QString council = QStringLiteral("Hội đồng Thi đua - Khen thưởng tỉnh");
        typeInto(name, council);
        typeInto(abbr, QStringLiteral("hd tdkt"));
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_VERIFY(error->isVisible());
        QCOMPARE(name->text(), council);
        QCOMPARE(tree->topLevelItemCount(), before);

        abbr->setText(QStringLiteral("HĐTĐKT"));
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_COMPARE(tree->topLevelItemCount(), before + 1);
        QVERIFY(name->text().isEmpty());
        QTRY_VERIFY(tree->currentItem() && tree->currentItem()->text(0) == QStringLiteral("HĐTĐKT"));
        QCOMPARE(tree->currentItem()->text(1), council);
        screenshot(dialog, QStringLiteral("outgoing-bodies-dialog.png"));
        const QString bodyId = dialog->bodies().at(tree->indexOfTopLevelItem(tree->currentItem())).id;

        // The officer drafts a decision in the council's name: the notation carries its abbreviation and
        // the document its body.
        auto officer = sessionFor(QStringLiteral("chuyenvien"));
        QVERIFY(officer);
        QPointer<gui::DraftOutgoingDialog> draft = new gui::DraftOutgoingDialog(*officer);
        draft->setAttribute(Qt::WA_DeleteOnClose);
        draft->show();
        QVERIFY(QTest::qWaitForWindowExposed(draft));
        auto *type = draft->findChild<QComboBox *>(QStringLiteral("typeCombo"));
        type->setCurrentIndex(type->findData(QStringLiteral("QĐ")));
        auto *body = draft->findChild<QComboBox *>(QStringLiteral("bodyCombo"));
        QTRY_VERIFY(body->findData(bodyId) >= 0);
        body->setCurrentIndex(body->findData(bodyId));
        auto *notation = draft->findChild<QLineEdit *>(QStringLiteral("notationEdit"));
        QVERIFY2(notation->placeholderText().contains(QStringLiteral("QĐ-HĐTĐKT")),
                 qPrintable(notation->placeholderText()));
        const QString subject =
            QStringLiteral("Khen thưởng tập thể, cá nhân có thành tích xuất sắc năm 2026");
        draft->findChild<QPlainTextEdit *>(QStringLiteral("subjectEdit"))->setPlainText(subject);
        draft->setFile(m_pdf);
        QTest::mouseClick(okButton(draft), Qt::LeftButton);
        QTRY_VERIFY(!draft);
        OutgoingFilter search;
        search.search = QStringLiteral("thanh tich xuat sac");
        QList<documents::OutgoingDocument> found;
        QTRY_COMPARE((found = list(officer->user(), search)).size(), 1);
        QCOMPARE(found.first().bodyId, bodyId);
        QCOMPARE(found.first().notation, QStringLiteral("QĐ-HĐTĐKT"));

        // Stopped, the council is no longer listed nor offered; its document stays, and another body still
        // issues.
        const auto steering = documents::OutgoingService(*m_db).addIssuingBody(
            admin->user(), QStringLiteral("Ban Chỉ đạo 389 tỉnh"), QStringLiteral("BCĐ-389"));
        QVERIFY2(steering.ok(), qPrintable(steering.error().english()));
        dialog->reload();
        QTRY_COMPARE(tree->topLevelItemCount(), before + 2);
        tree->setCurrentItem(tree->findItems(QStringLiteral("HĐTĐKT"), Qt::MatchExactly).value(0));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("deactivateButton")),
                          Qt::LeftButton);
        QMessageBox *question = nullptr;
        QTRY_VERIFY((question = dialog->findChild<QMessageBox *>(QStringLiteral("deactivateBodyQuestion"))) &&
                    question->isVisible());
        QTest::mouseClick(question->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE(tree->topLevelItemCount(), before + 1);
        dialog->findChild<QCheckBox *>(QStringLiteral("showInactiveCheck"))->setChecked(true);
        QTRY_COMPARE(tree->topLevelItemCount(), before + 2);
        QTreeWidgetItem *stopped = tree->findItems(QStringLiteral("HĐTĐKT"), Qt::MatchExactly).value(0);
        QVERIFY(stopped && stopped->isDisabled());
        dialog->close();

        draft = new gui::DraftOutgoingDialog(*officer);
        draft->setAttribute(Qt::WA_DeleteOnClose);
        draft->show();
        QVERIFY(QTest::qWaitForWindowExposed(draft));
        body = draft->findChild<QComboBox *>(QStringLiteral("bodyCombo"));
        // The bodies are read in a worker: once the one still active is offered, the stopped one is not.
        QTRY_VERIFY(body->findData(steering->id) >= 0);
        QCOMPARE(body->findData(bodyId), -1);
        draft->close();
        QCOMPARE(document(found.first().id).bodyId, bodyId);
    }

    void clerkSendsByPost()
    {
        // A plan drafted, approved and numbered: ready to be sent.
        documents::OutgoingService service(*m_db);
        const core::User officer = user(QStringLiteral("chuyenvien"));
        documents::OutgoingDraft d;
        d.typeAbbr = QStringLiteral("KH");
        d.subject = QStringLiteral("Kế hoạch phòng, chống thiên tai năm 2026");
        d.recipients = QStringLiteral("UBND các huyện, thành phố; Lưu: VT, KT.");
        d.file = documents::AttachmentSource{m_pdf, {}, {}};
        auto doc = service.draft(officer, d);
        QVERIFY2(doc.ok(), qPrintable(doc.error().english()));
        QVERIFY(service.submit(officer, doc->id).ok());
        QVERIFY(service.approve(user(QStringLiteral("lanhdao")), doc->id).ok());
        auto numbered = service.issueNumber(user(QStringLiteral("vanthu")), doc->id);
        QVERIFY2(numbered.ok(), qPrintable(numbered.error().english()));
        m_issuedId = doc->id;

        auto session = sessionFor(QStringLiteral("vanthu"));
        QVERIFY(session);
        gui::OutgoingDocumentView view(*session);
        QVERIFY(showDocument(view, m_issuedId));
        auto *send = view.findChild<QPushButton *>(QStringLiteral("sendButton"));
        QVERIFY(send->isVisible());
        QPointer<gui::OutgoingActionDialog> dialog =
            clickFor<gui::OutgoingActionDialog>(send, &view, QStringLiteral("sendDialog"));
        QVERIFY(dialog);
        auto *channel = dialog->findChild<QComboBox *>(QStringLiteral("channelCombo"));
        auto *envelopes = dialog->findChild<QSpinBox *>(QStringLiteral("envelopesSpin"));
        auto *addressed = dialog->findChild<QPlainTextEdit *>(QStringLiteral("postRecipientsEdit"));
        // Other channels ask nothing more.
        channel->setCurrentIndex(channel->findData(int(documents::SendChannel::Internal)));
        QVERIFY(!envelopes->isVisible());
        QVERIFY(!addressed->isVisible());
        channel->setCurrentIndex(channel->findData(int(documents::SendChannel::Post)));
        QVERIFY(envelopes->isVisible());
        QVERIFY(addressed->isVisible());
        QCOMPARE(envelopes->value(), 1);
        QCOMPARE(addressed->toPlainText(), d.recipients);
        envelopes->setValue(3);
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("noteEdit"))
            ->setPlainText(QStringLiteral("Bưu điện tỉnh, phiếu gửi số 125"));
        screenshot(dialog, QStringLiteral("outgoing-send-post-dialog.png"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        QTRY_COMPARE(statusOf(m_issuedId), OutgoingStatus::Sent);

        // The post register has the entry: the number, the recipients, three envelopes, the note.
        storage::Accounts accounts(*m_db);
        documents::OutgoingRegisters registers(service, accounts);
        documents::RegisterPeriod year;
        year.year = QDate::currentDate().year();
        const auto report = registers.buildPost(session->user(), year);
        QVERIFY2(report.ok(), qPrintable(report.error().english()));
        const QString reference = document(m_issuedId).reference();
        const QStringList *row = nullptr;
        for (const QStringList &r : report->rows)
            if (r.join(QLatin1Char('|')).contains(reference))
                row = &r;
        QVERIFY2(row, qPrintable(reference));
        QVERIFY(row->contains(QStringLiteral("3")));
        QVERIFY(row->contains(d.recipients));
        QVERIFY(row->join(QLatin1Char('|')).contains(QStringLiteral("phiếu gửi số 125")));

        // A recipient added later gets it by post too: the view still offers sending, by post only, and the
        // register has a second entry for the document.
        QTRY_VERIFY(send->isVisible());
        QCOMPARE(send->text(), gui::OutgoingDocumentView::tr("Sen&d by post…"));
        dialog = clickFor<gui::OutgoingActionDialog>(send, &view, QStringLiteral("sendDialog"));
        QVERIFY(dialog);
        channel = dialog->findChild<QComboBox *>(QStringLiteral("channelCombo"));
        QCOMPARE(channel->count(), 1);
        QCOMPARE(channel->currentData().toInt(), int(documents::SendChannel::Post));
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("postRecipientsEdit"))
            ->setPlainText(QStringLiteral("Ban Quản lý rừng phòng hộ Gia Nghĩa"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        int entries = 0;
        QTRY_COMPARE(
            (entries =
                 [&] {
                     const auto again = registers.buildPost(session->user(), year);
                     return again ? int(std::count_if(again->rows.cbegin(), again->rows.cend(),
                                                      [&](const QStringList &r) {
                                                          return r.join(QLatin1Char('|')).contains(reference);
                                                      }))
                                  : -1;
                 }()),
            2);
        QCOMPARE(statusOf(m_issuedId), OutgoingStatus::Sent);
    }

    void clerkLendsAndTakesBackTheArchiveCopy()
    {
        QVERIFY(!m_issuedId.isEmpty());
        auto session = sessionFor(QStringLiteral("vanthu"));
        QVERIFY(session);
        gui::OutgoingDocumentView view(*session);
        QVERIFY(showDocument(view, m_issuedId));
        auto *lend = view.findChild<QPushButton *>(QStringLiteral("lendArchiveButton"));
        auto *giveBack = view.findChild<QPushButton *>(QStringLiteral("returnArchiveButton"));
        auto *loans = view.findChild<QTreeWidget *>(QStringLiteral("archiveLoansTree"));
        QVERIFY(lend->isVisible());
        QVERIFY(!giveBack->isVisible());
        QCOMPARE(loans->topLevelItemCount(), 0);

        QPointer<gui::OutgoingActionDialog> dialog =
            clickFor<gui::OutgoingActionDialog>(lend, &view, QStringLiteral("lendArchiveDialog"));
        QVERIFY(dialog);
        // Without who allowed it: the service's message, nothing recorded, the name typed stays.
        auto *borrower = dialog->findChild<QLineEdit *>(QStringLiteral("borrowerEdit"));
        QCOMPARE(dialog->focusWidget(), borrower);
        typeInto(borrower, QStringLiteral("Nguyễn Thị Lan"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY(dialog->isVisible());
        QCOMPARE(borrower->text(), QStringLiteral("Nguyễn Thị Lan"));
        documents::OutgoingService service(*m_db);
        documents::RegisterPeriod year;
        year.year = QDate::currentDate().year();
        QCOMPARE(service.archiveLoans(session->user(), year)->size(), 0);

        dialog->findChild<QComboBox *>(QStringLiteral("permittedByCombo"))
            ->setEditText(QStringLiteral("Trần Văn Hùng"));
        dialog->findChild<QLineEdit *>(QStringLiteral("fileRefEdit"))->setText(QStringLiteral("05/HS-VP"));
        screenshot(dialog, QStringLiteral("outgoing-lend-archive-dialog.png"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        QTRY_COMPARE(loans->topLevelItemCount(), 1);
        QCOMPARE(loans->topLevelItem(0)->text(1), QStringLiteral("Nguyễn Thị Lan"));
        QCOMPARE(loans->topLevelItem(0)->text(2), QStringLiteral("Trần Văn Hùng"));
        QCOMPARE(loans->topLevelItem(0)->text(3), QStringLiteral("05/HS-VP"));
        QTRY_VERIFY(giveBack->isVisible());
        QVERIFY(!lend->isVisible());
        auto *tabs = view.findChild<QTabWidget *>();
        tabs->setCurrentWidget(loans);
        screenshot(&view, QStringLiteral("outgoing-archive-copy-tab.png"));
        auto out = service.archiveLoans(session->user(), year);
        QVERIFY(out.ok() && out->size() == 1 && !out->first().isReturned());

        dialog = clickFor<gui::OutgoingActionDialog>(giveBack, &view, QStringLiteral("returnArchiveDialog"));
        QVERIFY(dialog);
        auto *hint = dialog->findChild<QLabel *>(QStringLiteral("hintLabel"));
        QVERIFY2(hint->text().contains(QStringLiteral("Nguyễn Thị Lan")), qPrintable(hint->text()));
        QCOMPARE(dialog->findChild<QDateEdit *>(QStringLiteral("returnDateEdit"))->date(),
                 QDate::currentDate());
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        auto back = service.archiveLoans(session->user(), year);
        QVERIFY(back.ok() && back->size() == 1);
        QCOMPARE(back->first().returnedOn, QDate::currentDate());
        QTRY_VERIFY(lend->isVisible());
        QVERIFY(!giveBack->isVisible());
        QTRY_COMPARE(loans->topLevelItem(0)->text(4), gui::dateText(QDate::currentDate()));
    }

    void registersDialogPrintsTheOutgoingBooks()
    {
        QVERIFY(!m_issuedId.isEmpty());
        auto session = sessionFor(QStringLiteral("vanthu"));
        QVERIFY(session);
        gui::MainWindow window(*session);
        QVERIFY(test::showWindow(window, {1400, 900}));
        window.printRegistersAction()->trigger();
        QPointer<gui::RegistersDialog> dialog = window.findChild<gui::RegistersDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *kinds = dialog->findChild<QComboBox *>(QStringLiteral("kindCombo"));
        for (const char *book :
             {"Register of outgoing documents", "Register of outgoing classified documents",
              "Register of copies of documents", "Register of outgoing documents sent by post",
              "Register of the use of archive copies"})
            QVERIFY2(kinds->findText(gui::RegistersDialog::tr(book)) >= 0, book);

        // The register of outgoing documents goes by year.
        kinds->setCurrentIndex(kinds->findText(gui::RegistersDialog::tr("Register of outgoing documents")));
        QCOMPARE(dialog->chosenRegister(), gui::RegistersDialog::Register::OutgoingBook);
        QVERIFY(!dialog->findChild<QRadioButton *>(QStringLiteral("rangeRadio"))->isEnabled());
        screenshot(dialog, QStringLiteral("registers-dialog-outgoing.png"));

        // The post register for this month, previewed.
        kinds->setCurrentIndex(
            kinds->findText(gui::RegistersDialog::tr("Register of outgoing documents sent by post")));
        auto *range = dialog->findChild<QRadioButton *>(QStringLiteral("rangeRadio"));
        QVERIFY(range->isEnabled());
        range->setChecked(true);
        reports::RegisterReport built;
        connect(dialog, &gui::RegistersDialog::built, this,
                [&built](const reports::RegisterReport &r) { built = r; });
        int pages = 0;
        bool previewed = false;
        QTimer watcher;
        watcher.setInterval(100);
        connect(&watcher, &QTimer::timeout, this, [&] {
            auto *preview = qobject_cast<QPrintPreviewDialog *>(QApplication::activeModalWidget());
            if (!preview)
                return;
            auto *pagesWidget = preview->findChild<QPrintPreviewWidget *>();
            if (!pagesWidget || pagesWidget->pageCount() == 0)
                return;
            pages = pagesWidget->pageCount();
            previewed = true;
            screenshot(preview, QStringLiteral("register-preview-post.png"));
            preview->reject();
        });
        watcher.start();
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("previewButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(previewed, 30000);
        watcher.stop();
        QVERIFY(pages >= 1);
        const QString reference = document(m_issuedId).reference();
        QVERIFY(std::any_of(built.rows.cbegin(), built.rows.cend(),
                            [&](const QStringList &r) { return r.contains(reference); }));
        auto *status = dialog->findChild<QLabel *>(QStringLiteral("statusLabel"));
        QVERIFY2(status->text().contains(QString::number(built.rows.size())), qPrintable(status->text()));
    }
};

QTEST_MAIN(TestOutgoingGui)
#include "tst_outgoing_gui.moc"
