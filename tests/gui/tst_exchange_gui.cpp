// The document exchange (liên thông văn bản) from the windows of two agencies talking through a real
// govdesk-sandbox: the province's administrator sets the exchange up in the settings dialog (a wrong secret
// is named as refused credentials, the right one lists the directory's agencies; an invalid address is the
// service's refusal); the province's clerk sends an issued document with the "Liên thông" channel and its
// exchange tab follows it; the Department of Finance's clerk synchronises, finds it under "mới đến" and
// registers it, and the province sees 01 and 03 come back. The province recalls two documents: the
// department's clerk agrees to one from the banner over the document (it shows as withdrawn) and refuses the
// other from the requests entry of the navigation with a reason, and the province reads 15 and 16. With the
// exchange down the status bar shows the network error without any dialog, the packet waits in the outbox
// and leaves once the exchange is back; settings IT locks in the system configuration are read-only.
#include "ExchangeFixtures.h"
#include "GuiTestSupport.h"
#include "SandboxProcess.h"
#include "documents/IncomingService.h"
#include "documents/OutgoingService.h"
#include "exchange/sync/ExchangeService.h"
#include "exchange/sync/ExchangeSettings.h"
#include "gui/documents/IncomingDocumentView.h"
#include "gui/documents/IncomingListView.h"
#include "gui/documents/IncomingTableModel.h"
#include "gui/exchange/ExchangeOutboxDialog.h"
#include "gui/exchange/ExchangeRequestBanner.h"
#include "gui/exchange/ExchangeRequestsDialog.h"
#include "gui/exchange/ExchangeSettingsDialog.h"
#include "gui/exchange/ExchangeStatusButton.h"
#include "gui/exchange/ExchangeStatusPanel.h"
#include "gui/exchange/ExchangeSync.h"
#include "gui/exchange/ExchangeText.h"
#include "gui/exchange/RefuseRequestDialog.h"
#include "gui/outgoing/OutgoingActionDialog.h"
#include "gui/outgoing/OutgoingDocumentView.h"
#include "gui/outgoing/OutgoingListView.h"
#include "gui/outgoing/OutgoingTableModel.h"
#include "gui/shell/MainWindow.h"
#include "gui/shell/NavigationPane.h"
#include "support/TestSupport.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace govdesk;
using documents::IncomingStatus;
using documents::OutgoingStatus;
using gui::NavigationPane;
using test::typeInto;

namespace {

const QString kCodeA = QStringLiteral("000.00.00.H16");
const QString kCodeB = QStringLiteral("000.00.01.H16");
const QString kSecretA = QStringLiteral("bí-mật-tỉnh");
const QString kSecretB = QStringLiteral("bí-mật-sở-tài-chính");

} // namespace

class TestExchangeGui : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_sandboxData;
    test::Workspaces m_spaces;
    test::SandboxProcess m_sandbox;
    QList<test::SandboxAgency> m_agencies;
    test::Office m_a, m_b;
    int m_serial = 0;
    std::unique_ptr<gui::Session> m_clerkA, m_clerkB;
    std::unique_ptr<gui::MainWindow> m_windowA, m_windowB;
    QString m_sentId;     // sent by A's clerk through the send dialog
    QString m_incomingId; // what it became at B

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static std::unique_ptr<gui::Session> sessionFor(const test::Office &office, const core::User &user)
    {
        auto data = gui::ReferenceData::load(*office.db);
        if (!data)
            return nullptr;
        return std::make_unique<gui::Session>(office.db, user, data.value());
    }

    /// A công văn of A to B, drafted, approved and numbered (the steps before the one under test).
    QString issued(const QString &subject)
    {
        auto id = test::issuedCongVan(m_a, subject, kCodeB, QStringLiteral("Sở Tài chính tỉnh Đắk Nông"),
                                      ++m_serial);
        return id ? id.value() : QString();
    }

    QStringList codesAt(const QString &outgoingId)
    {
        auto states = exchange::ExchangeService(*m_a.db).status(m_a.clerk, outgoingId);
        QStringList codes;
        if (states)
            for (const auto &s : states.value())
                for (const auto &r : s.statuses)
                    if (!codes.contains(r.code))
                        codes << r.code;
        return codes;
    }

    QList<documents::IncomingDocument> incomingOfB(const QString &search)
    {
        documents::IncomingFilter f;
        f.search = search;
        auto list = documents::IncomingService(*m_b.db).list(m_b.clerk, f);
        return list ? list.value() : QList<documents::IncomingDocument>{};
    }

    /// "Đồng bộ liên thông" in the window, once the sync is idle; waits for the cycle to end.
    static bool syncNow(gui::MainWindow &window)
    {
        gui::ExchangeSync *sync = window.exchangeSync();
        if (!sync)
            return false;
        if (!QTest::qWaitFor(
                [&] {
                    return sync->isConfigured() && !sync->isRunning() &&
                           window.exchangeSyncAction()->isEnabled();
                },
                30000))
            return false;
        QSignalSpy finished(sync, &gui::ExchangeSync::finished);
        window.exchangeSyncAction()->trigger();
        return QTest::qWaitFor([&] { return finished.count() > 0 && !sync->isRunning(); }, 60000);
    }

    /// Waits until the window's sync is idle (after a cycle started by what the user did).
    static bool syncIdle(gui::MainWindow &window)
    {
        gui::ExchangeSync *sync = window.exchangeSync();
        return sync && QTest::qWaitFor([&] { return !sync->isRunning(); }, 60000);
    }

    static bool pickOutgoing(gui::MainWindow &window, const QString &id)
    {
        // Issued at another desk: F5 brings it into the list.
        window.navigation()->select(NavigationPane::Entry::AllOutgoing);
        window.refresh();
        gui::OutgoingTableModel *model = window.outgoingList()->model();
        if (!QTest::qWaitFor([&] { return model->rowOf(id) >= 0; }))
            return false;
        QTableView *table = window.outgoingList()->table();
        const QModelIndex index = model->index(model->rowOf(id), gui::OutgoingTableModel::Subject);
        table->scrollTo(index);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        return QTest::qWaitFor([&] { return window.outgoingView()->document().id == id; });
    }

    static bool pickIncoming(gui::MainWindow &window, const QString &id)
    {
        gui::IncomingTableModel *model = window.incomingList()->model();
        if (!QTest::qWaitFor([&] { return model->rowOf(id) >= 0; }))
            return false;
        QTableView *table = window.incomingList()->table();
        const QModelIndex index = model->index(model->rowOf(id), gui::IncomingTableModel::TypeAndSubject);
        table->scrollTo(index);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        return QTest::qWaitFor([&] { return window.documentView()->document().id == id; });
    }

    /// The dialog a view opened, once it is on screen.
    template<typename Dialog> static Dialog *waitForDialog(QObject *parent, const QString &name = {})
    {
        Dialog *dialog = nullptr;
        // A null result tells the caller the dialog never appeared.
        (void)QTest::qWaitFor([&] {
            for (Dialog *d : parent->findChildren<Dialog *>())
                if ((name.isEmpty() || d->objectName() == name) && d->isVisible())
                    dialog = d;
            return dialog != nullptr;
        });
        return dialog;
    }

    /// The send dialog of the outgoing view with the "Liên thông" channel, confirmed.
    bool sendOverTheExchange(gui::MainWindow &window, const QString &id, const QString &screenshot = {})
    {
        if (!pickOutgoing(window, id)) {
            qWarning() << "the document is not in the outgoing list";
            return false;
        }
        gui::OutgoingDocumentView *view = window.outgoingView();
        auto *send = view->findChild<QPushButton *>(QStringLiteral("sendButton"));
        if (!send || !QTest::qWaitFor([&] { return send->isVisible(); })) {
            qWarning() << "no send button for" << view->document().reference()
                       << int(view->document().status);
            return false;
        }
        QTest::mouseClick(send, Qt::LeftButton);
        QPointer<gui::OutgoingActionDialog> dialog =
            waitForDialog<gui::OutgoingActionDialog>(view, QStringLiteral("sendDialog"));
        if (!dialog) {
            qWarning() << "the send dialog did not open";
            return false;
        }
        auto *channel = dialog->findChild<QComboBox *>(QStringLiteral("channelCombo"));
        // Addressed to organs by their codes and not classified: the exchange is what the clerk is offered.
        if (channel->currentData().toInt() != int(documents::SendChannel::Exchange)) {
            qWarning() << "the exchange is not the channel offered" << channel->currentText();
            return false;
        }
        auto *hint = dialog->findChild<QLabel *>(QStringLiteral("hintLabel"));
        if (!hint->isVisible() || !hint->text().contains(QStringLiteral("Sở Tài chính")) ||
            !hint->text().contains(kCodeB)) {
            qWarning() << "the recipients are not named:" << hint->text();
            return false;
        }
        if (!screenshot.isEmpty())
            test::screenshot(dialog, screenshot);
        QTest::mouseClick(test::okButton(dialog), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return !dialog || !dialog->isVisible(); }, 20000)) {
            auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
            qWarning() << "the send dialog stays open:" << (error ? error->text() : QString());
            return false;
        }
        return true;
    }

    static QStringList column(QTreeWidget *tree, int c)
    {
        QStringList out;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            out << tree->topLevelItem(i)->text(c);
        return out;
    }

    static QTreeWidgetItem *navItem(NavigationPane *nav, NavigationPane::Entry entry)
    {
        for (QTreeWidgetItemIterator it(nav); *it; ++it)
            if ((*it)->data(0, Qt::UserRole + 1).isValid() &&
                (*it)->data(0, Qt::UserRole + 1).toInt() == int(entry))
                return *it;
        return nullptr;
    }

    static bool anyMessageBox()
    {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (qobject_cast<QMessageBox *>(w) && w->isVisible())
                return true;
        return false;
    }

    bool startSandbox(const QStringList &extra, QString *error)
    {
        return m_sandbox.start(m_agencies, QStringList{QStringLiteral("--data"), m_sandboxData} + extra,
                               error);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Screenshots for review in Vietnamese: GOVDESK_SCREENSHOT_DIR plus the compiled catalogue.
        QVERIFY(test::installTestTranslation());
        test::isolateSettings(path(QStringLiteral("settings")));
        // No keychain here (the session bus points at nothing): the secret comes from the environment.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/govdesk-test-bus");
        qputenv("GOVDESK_TEST_SECRET_A", kSecretA.toUtf8());
        qputenv("GOVDESK_TEST_SECRET_B", kSecretB.toUtf8());
        qputenv("GOVDESK_TEST_WRONG_SECRET", "not-the-secret");
        qputenv("GOVDESK_SYSTEM_CONFIG", QFile::encodeName(path(QStringLiteral("none/govdesk.conf"))));

        m_agencies = {
            {kCodeA, QStringLiteral("UBND tỉnh Đắk Nông"), QStringLiteral("vxp.saas.16"), kSecretA,
             QString()},
            {kCodeB, QStringLiteral("Sở Tài chính tỉnh Đắk Nông"), QStringLiteral("H16.STC.001"), kSecretB,
             kCodeA},
            {QStringLiteral("000.00.00.G22"), QStringLiteral("Văn phòng Chính phủ"),
             QStringLiteral("000.00.00.G22"), QStringLiteral("vpcp"), QString()},
        };
        m_sandboxData = path(QStringLiteral("sandbox-data"));
        QVERIFY(QDir().mkpath(m_sandboxData));
        QString error;
        QVERIFY2(startSandbox({}, &error), qPrintable(error));

        auto a = m_spaces.fresh(storage::Engine::SQLite);
        GD_VERIFY_OK(a);
        auto officeA = test::createOffice(a.value());
        GD_VERIFY_OK(officeA);
        m_a = officeA.value();
        auto b = m_spaces.fresh(storage::Engine::SQLite);
        GD_VERIFY_OK(b);
        auto officeB = test::createOffice(
            b.value(), {kCodeB, QStringLiteral("Sở Tài chính tỉnh Đắk Nông"), QStringLiteral("STC"), {}});
        GD_VERIFY_OK(officeB);
        m_b = officeB.value();

        // B is set up as IT would do it with the CLI; A through the window, below.
        exchange::ExchangeSettings s;
        s.transport.endpoint = m_sandbox.endpoint(QStringLiteral("/vxp"));
        s.transport.systemId = QStringLiteral("H16.STC.001");
        s.transport.secretEnv = QStringLiteral("GOVDESK_TEST_SECRET_B");
        s.transport.timeoutSeconds = 5;
        s.place = QStringLiteral("Đắk Nông");
        GD_VERIFY_OK(exchange::ExchangeSettings::save(*m_b.db, m_b.admin, s));
    }

    void cleanupTestCase()
    {
        m_windowA.reset();
        m_windowB.reset();
        m_clerkA.reset();
        m_clerkB.reset();
    }

    void administratorSetsUpTheExchange()
    {
        auto admin = sessionFor(m_a, m_a.admin);
        QVERIFY(admin);
        gui::MainWindow window(*admin);
        QVERIFY(test::showWindow(window));
        QVERIFY(window.exchangeSettingsAction()->isVisible());
        // Not set up yet: nothing about the exchange in the status bar.
        QVERIFY(window.exchangeStatus() && !window.exchangeStatus()->isVisible());
        window.exchangeSettingsAction()->trigger();
        QPointer<gui::ExchangeSettingsDialog> dialog = waitForDialog<gui::ExchangeSettingsDialog>(&window);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isLoaded());
        QVERIFY(!dialog->keychainAvailable());
        auto *keychain = dialog->findChild<QLabel *>(QStringLiteral("keychainLabel"));
        QVERIFY2(keychain->isVisible() && !keychain->text().isEmpty(), qPrintable(keychain->text()));
        // SOAP is listed and can be chosen: the lgsp-soap transport exists.
        auto *kind = dialog->findChild<QComboBox *>(QStringLiteral("kindCombo"));
        QCOMPARE(kind->currentData().toString(), QStringLiteral("vxp"));
        const int soap = kind->findData(QStringLiteral("lgsp-soap"));
        QVERIFY(soap >= 0);
        QVERIFY(kind->model()->flags(kind->model()->index(soap, 0)) & Qt::ItemIsEnabled);

        auto *endpoint = dialog->findChild<QLineEdit *>(QStringLiteral("endpointEdit"));
        auto *systemId = dialog->findChild<QLineEdit *>(QStringLiteral("systemIdEdit"));
        auto *secretEnv = dialog->findChild<QLineEdit *>(QStringLiteral("secretEnvEdit"));
        auto *place = dialog->findChild<QLineEdit *>(QStringLiteral("placeEdit"));
        auto *timeout = dialog->findChild<QSpinBox *>(QStringLiteral("timeoutSpin"));
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
        // Saving without an address: the service's refusal, in the dialog.
        typeInto(systemId, QStringLiteral("vxp.saas.16"));
        QPushButton *save = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("http(s)")), qPrintable(error->text()));
        QVERIFY(dialog->isVisible());

        typeInto(endpoint, m_sandbox.endpoint(QStringLiteral("/vxp")).toString());
        typeInto(place, QStringLiteral("Đắk Nông"));
        QTest::keyClick(timeout, Qt::Key_A, Qt::ControlModifier);
        typeInto(timeout, QStringLiteral("5"));
        auto *test = dialog->findChild<QPushButton *>(QStringLiteral("testButton"));
        auto *result = dialog->findChild<QLabel *>(QStringLiteral("testResultLabel"));

        // A wrong secret: the exchange refuses the credentials, and the dialog says so.
        typeInto(secretEnv, QStringLiteral("GOVDESK_TEST_WRONG_SECRET"));
        QSignalSpy tested(dialog.data(), &gui::ExchangeSettingsDialog::connectionTested);
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(test::waitForSignal(tested, 30000));
        QCOMPARE(tested.last().first().toBool(), false);
        QCOMPARE(dialog->lastTestError().code(), QStringLiteral("exchange.auth"));
        QVERIFY2(result->text().contains(dialog->lastTestError().text()), qPrintable(result->text()));

        // The right one: the directory's agencies are counted.
        secretEnv->clear();
        typeInto(secretEnv, QStringLiteral("GOVDESK_TEST_SECRET_A"));
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(test::waitForSignal(tested, 30000, 1));
        QVERIFY2(tested.last().first().toBool(), qPrintable(result->text()));
        QCOMPARE(dialog->lastTestAgencies(), int(m_agencies.size()));
        QVERIFY2(result->text().contains(QString::number(m_agencies.size())), qPrintable(result->text()));
        test::screenshot(dialog, QStringLiteral("exchange-settings.png"));

        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        auto saved = exchange::ExchangeSettings::load(*m_a.db);
        GD_VERIFY_OK(saved);
        QVERIFY(saved->configured);
        QCOMPARE(saved->transport.endpoint, m_sandbox.endpoint(QStringLiteral("/vxp")));
        QCOMPARE(saved->transport.systemId, QStringLiteral("vxp.saas.16"));
        QCOMPARE(saved->transport.secretEnv, QStringLiteral("GOVDESK_TEST_SECRET_A"));
        QCOMPARE(saved->transport.timeoutSeconds, 5);
        QCOMPARE(saved->place, QStringLiteral("Đắk Nông"));
        // The window starts synchronising with the new settings.
        QTRY_VERIFY(window.exchangeStatus()->isVisible());
        QVERIFY(syncIdle(window));
        QVERIFY2(!window.exchangeStatus()->showsError(), qPrintable(window.exchangeStatus()->toolTip()));
    }

    void clerkSendsOverTheExchange()
    {
        m_clerkA = sessionFor(m_a, m_a.clerk);
        m_clerkB = sessionFor(m_b, m_b.clerk);
        QVERIFY(m_clerkA && m_clerkB);
        m_windowA = std::make_unique<gui::MainWindow>(*m_clerkA);
        m_windowB = std::make_unique<gui::MainWindow>(*m_clerkB);
        QVERIFY(test::showWindow(*m_windowA, {1400, 900}));
        QVERIFY(test::showWindow(*m_windowB, {1400, 900}));
        // The clerk has no settings to change, but the sync and its outbox.
        QVERIFY(!m_windowA->exchangeSettingsAction()->isVisible());
        QVERIFY(m_windowA->exchangeSyncAction()->isVisible());
        QVERIFY(!m_windowA->exchangeSyncAction()->shortcut().isEmpty());
        QVERIFY(syncIdle(*m_windowA) && syncIdle(*m_windowB));

        m_sentId = issued(QStringLiteral("Đề nghị thẩm định dự toán kinh phí chuyển đổi số năm 2027"));
        QVERIFY(!m_sentId.isEmpty());
        QVERIFY(sendOverTheExchange(*m_windowA, m_sentId, QStringLiteral("exchange-send-dialog.png")));
        documents::OutgoingService out(*m_a.db);
        QCOMPARE(out.get(m_a.clerk, m_sentId)->status, OutgoingStatus::Sent);
        QCOMPARE(out.get(m_a.clerk, m_sentId)->sentChannel,
                 documents::OutgoingVocabulary::key(documents::SendChannel::Exchange));
        // Queued and sent at once by the window's sync.
        QVERIFY(syncIdle(*m_windowA));
        QTRY_COMPARE(exchange::ExchangeService(*m_a.db).unsent(m_a.clerk)->size(), 0);
        QCOMPARE(m_sandbox.counts(kCodeB).value(QStringLiteral("pending")).toInt(), 1);

        // The exchange tab of the document follows it: one row for the department, sent.
        gui::OutgoingDocumentView *view = m_windowA->outgoingView();
        gui::ExchangeStatusPanel *panel = view->exchangePanel();
        auto *tabs = view->findChild<QTabWidget *>();
        QTRY_VERIFY(tabs->isTabVisible(tabs->indexOf(panel)));
        QTRY_COMPARE(column(panel->recipientsTree(), 1), QStringList{kCodeB});
        QTRY_COMPARE(panel->recipientsTree()->topLevelItem(0)->text(2),
                     gui::ExchangeText::packetState(QStringLiteral("sent")));
        QVERIFY(panel->recipientsTree()->topLevelItem(0)->text(0).contains(QStringLiteral("Sở Tài chính")));
    }

    void arrivesUnderNewAndStatusesComeBack()
    {
        QVERIFY(m_windowA && m_windowB);
        gui::MainWindow &b = *m_windowB;
        QVERIFY(syncNow(b));
        // "Mới đến": the clerk's awaiting entry counts it, and the list shows it.
        QTRY_COMPARE(b.navigation()->count(NavigationPane::Entry::AwaitingMe), 1);
        const auto arrived = incomingOfB(QStringLiteral("chuyen doi so"));
        QCOMPARE(arrived.size(), 1);
        QCOMPARE(arrived.first().status, IncomingStatus::New);
        m_incomingId = arrived.first().id;
        b.navigation()->select(NavigationPane::Entry::AwaitingMe);
        QVERIFY(pickIncoming(b, m_incomingId));
        auto *registerButton =
            b.documentView()->findChild<QPushButton *>(QStringLiteral("registerArrivedButton"));
        QVERIFY(registerButton->isVisible());
        QTest::mouseClick(registerButton, Qt::LeftButton);
        QTRY_COMPARE(documents::IncomingService(*m_b.db).get(m_b.clerk, m_incomingId)->status,
                     IncomingStatus::Registered);
        QVERIFY(syncNow(b));

        gui::MainWindow &a = *m_windowA;
        QVERIFY(syncNow(a));
        QCOMPARE(codesAt(m_sentId), (QStringList{QStringLiteral("01"), QStringLiteral("03")}));
        gui::ExchangeStatusPanel *panel = a.outgoingView()->exchangePanel();
        QTRY_COMPARE(column(panel->statusesTree(), 2),
                     (QStringList{gui::ExchangeText::statusLabel(QStringLiteral("01")),
                                  gui::ExchangeText::statusLabel(QStringLiteral("03"))}));
        QCOMPARE(panel->recipientsTree()->topLevelItem(0)->text(4),
                 gui::ExchangeText::statusLabel(QStringLiteral("03")));
        QVERIFY(!a.exchangeStatus()->showsError());
        // The status bar counts the two statuses that came in.
        QCOMPARE(a.exchangeSync()->lastReport().statuses, 2);
        const QString counts = a.exchangeStatus()->text().section(QStringLiteral("—"), 1);
        QVERIFY2(counts.contains(QStringLiteral("2")), qPrintable(a.exchangeStatus()->text()));
        auto *tabs = a.outgoingView()->findChild<QTabWidget *>();
        tabs->setCurrentWidget(panel);
        test::screenshot(a.outgoingView(), QStringLiteral("exchange-tab.png"));
        test::screenshot(a.statusBar(), QStringLiteral("exchange-status-bar.png"));
    }

    void recallIsAgreedFromTheBannerOrRefused()
    {
        QVERIFY(m_windowA && m_windowB && !m_incomingId.isEmpty());
        gui::MainWindow &a = *m_windowA;
        gui::MainWindow &b = *m_windowB;
        // A second document, sent and received as the first (the steps tested above).
        const QString second = issued(QStringLiteral("Kế hoạch kiểm tra công tác văn thư năm 2027"));
        QVERIFY(!second.isEmpty());
        GD_VERIFY_OK(exchange::ExchangeService(*m_a.db).send(m_a.clerk, second));
        QVERIFY(syncNow(a));
        QVERIFY(syncNow(b));
        const auto copies = incomingOfB(QStringLiteral("kiem tra cong tac van thu"));
        QCOMPARE(copies.size(), 1);

        // The leader recalls both; the clerk sends the revocation of the first from its exchange tab.
        documents::OutgoingService out(*m_a.db);
        const QString reason = QStringLiteral("Ban hành nhầm, sẽ thay bằng văn bản khác");
        GD_VERIFY_OK(out.recall(m_a.leader, m_sentId, reason));
        GD_VERIFY_OK(out.recall(m_a.leader, second, QStringLiteral("Trùng nội dung")));
        Q_EMIT m_clerkA->documentChanged(m_sentId);
        gui::ExchangeStatusPanel *panel = a.outgoingView()->exchangePanel();
        QTRY_VERIFY(panel->revocationButton()->isVisible());
        QTest::mouseClick(panel->revocationButton(), Qt::LeftButton);
        QTRY_VERIFY(!panel->revocationButton()->isVisible());
        // The revocation is a row of its own for the department.
        QTRY_COMPARE(panel->recipientsTree()->topLevelItemCount(), 2);
        QCOMPARE(column(panel->recipientsTree(), 1), (QStringList{kCodeB, kCodeB}));
        GD_VERIFY_OK(exchange::ExchangeService(*m_a.db).sendRevocation(m_a.clerk, second));
        QVERIFY(syncIdle(a));
        QVERIFY(syncNow(a));
        QTRY_COMPARE(exchange::ExchangeService(*m_a.db).unsent(m_a.clerk)->size(), 0);

        // At B: the document still open shows the request over it.
        QVERIFY(syncNow(b));
        QCOMPARE(b.documentView()->document().id, m_incomingId);
        gui::ExchangeRequestBanner *banner = b.documentView()->requestBanner();
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->textLabel()->text().contains(reason), qPrintable(banner->textLabel()->text()));
        QVERIFY2(banner->textLabel()->text().contains(m_a.identity.orgName),
                 qPrintable(banner->textLabel()->text()));
        QTRY_COMPARE(b.navigation()->count(NavigationPane::Entry::ExchangeRequests), 2);
        QVERIFY(!navItem(b.navigation(), NavigationPane::Entry::ExchangeRequests)->isHidden());
        test::screenshot(&b, QStringLiteral("exchange-request-banner.png"));

        QTest::mouseClick(banner->acceptButton(), Qt::LeftButton);
        QTRY_COMPARE(documents::IncomingService(*m_b.db).get(m_b.clerk, m_incomingId)->status,
                     IncomingStatus::Withdrawn);
        auto *status = b.documentView()->findChild<QLabel *>(QStringLiteral("documentStatus"));
        QTRY_COMPARE(status->text(), documents::Vocabulary::displayName(IncomingStatus::Withdrawn));
        QTRY_VERIFY(!banner->isVisible());
        QTRY_COMPARE(b.navigation()->count(NavigationPane::Entry::ExchangeRequests), 1);

        // The other from the navigation's entry: refusing needs a reason.
        QTreeWidgetItem *entry = navItem(b.navigation(), NavigationPane::Entry::ExchangeRequests);
        QTest::mouseClick(b.navigation()->viewport(), Qt::LeftButton, {},
                          b.navigation()->visualItemRect(entry).center());
        auto *requests = waitForDialog<gui::ExchangeRequestsDialog>(&b);
        QVERIFY(requests);
        QTRY_COMPARE(requests->requestsTree()->topLevelItemCount(), 1);
        QCOMPARE(requests->requests().first().incomingId, copies.first().id);
        QTest::mouseClick(requests->findChild<QPushButton *>(QStringLiteral("refuseRequestButton")),
                          Qt::LeftButton);
        QPointer<gui::RefuseRequestDialog> refuse = waitForDialog<gui::RefuseRequestDialog>(requests);
        QVERIFY(refuse);
        QTest::mouseClick(test::okButton(refuse), Qt::LeftButton);
        auto *error = refuse->findChild<QLabel *>(QStringLiteral("errorLabel"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY(!error->text().isEmpty());
        typeInto(refuse->reasonEdit(), QStringLiteral("Văn bản đã được phân công xử lý xong"));
        QTest::mouseClick(test::okButton(refuse), Qt::LeftButton);
        QTRY_VERIFY(!refuse);
        QTRY_COMPARE(requests->requestsTree()->topLevelItemCount(), 0);
        requests->close();
        QTRY_COMPARE(b.navigation()->count(NavigationPane::Entry::ExchangeRequests), 0);
        auto open = exchange::ExchangeService(*m_b.db).requests(m_b.clerk, false);
        GD_VERIFY_OK(open);
        QStringList states;
        for (const auto &r : open.value())
            states << r.state;
        states.sort();
        QCOMPARE(states, (QStringList{QStringLiteral("accepted"), QStringLiteral("refused")}));

        // The answers travel back: 15 for the first, 16 for the second.
        QVERIFY(syncIdle(b));
        QVERIFY(syncNow(b));
        QVERIFY(syncNow(a));
        QVERIFY2(codesAt(m_sentId).contains(QStringLiteral("15")), qPrintable(codesAt(m_sentId).join(',')));
        QVERIFY2(codesAt(second).contains(QStringLiteral("16")), qPrintable(codesAt(second).join(',')));
        QTRY_VERIFY(
            column(panel->statusesTree(), 2).contains(gui::ExchangeText::statusLabel(QStringLiteral("15"))));
    }

    void nothingIsLostWhileTheExchangeIsDown()
    {
        QVERIFY(m_windowA && m_windowB);
        gui::MainWindow &a = *m_windowA;
        const int port = QUrl(m_sandbox.url()).port();
        QVERIFY(port > 0);
        QVERIFY(syncIdle(a) && syncIdle(*m_windowB));
        m_sandbox.stop();

        const QString id = issued(QStringLiteral("Thông báo lịch tiếp công dân tháng 12 năm 2026"));
        QVERIFY(!id.isEmpty());
        QVERIFY(sendOverTheExchange(a, id));
        QVERIFY(syncIdle(a));
        // Shown in the status bar, in red, with the whole message on hover; no dialog in the clerk's face.
        gui::ExchangeStatusButton *status = a.exchangeStatus();
        QTRY_VERIFY(status->showsError());
        QCOMPARE(a.exchangeSync()->lastError().code(), QStringLiteral("exchange.network"));
        QVERIFY2(status->text().contains(a.exchangeSync()->lastError().text().left(20)),
                 qPrintable(status->text()));
        QVERIFY2(status->toolTip().contains(a.exchangeSync()->lastError().english()),
                 qPrintable(status->toolTip()));
        QVERIFY(!anyMessageBox());
        test::screenshot(&a, QStringLiteral("exchange-status-error.png"));

        // The packet waits in the outbox, with its attempt and error.
        QTest::mouseClick(status, Qt::LeftButton);
        QPointer<gui::ExchangeOutboxDialog> outbox = waitForDialog<gui::ExchangeOutboxDialog>(&a);
        QVERIFY(outbox);
        QTRY_VERIFY(outbox->isLoaded());
        QCOMPARE(outbox->entries().size(), 1);
        const exchange::OutboxEntry waiting = outbox->entries().first();
        QCOMPARE(waiting.documentId, id);
        QCOMPARE(waiting.state, QStringLiteral("pending"));
        QVERIFY(waiting.attempts >= 1);
        QVERIFY(!waiting.lastError.isEmpty());
        QTreeWidgetItem *row = outbox->packetsTree()->topLevelItem(0);
        QVERIFY(row->text(2).contains(kCodeB));
        QCOMPARE(row->text(6), waiting.lastError);
        test::screenshot(outbox, QStringLiteral("exchange-outbox.png"));

        // The exchange is back on the same address, with what it held: "sync now" sends the packet.
        QString error;
        QVERIFY2(startSandbox({QStringLiteral("--port"), QString::number(port)}, &error), qPrintable(error));
        QCOMPARE(QUrl(m_sandbox.url()).port(), port);
        QTest::mouseClick(outbox->findChild<QPushButton *>(QStringLiteral("syncNowButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(outbox->entries().isEmpty(), 30000);
        QVERIFY(syncIdle(a));
        QTRY_VERIFY(!status->showsError());
        outbox->close();
        QVERIFY(syncNow(*m_windowB));
        QCOMPARE(incomingOfB(QStringLiteral("lich tiep cong dan")).size(), 1);
    }

    void settingsLockedByItAreReadOnly()
    {
        const QString conf = path(QStringLiteral("govdesk.conf"));
        QFile f(conf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("[exchange]\nkind=vxp\nendpoint=%1\nsystemId=vxp.saas.16\n"
                               "secretEnv=GOVDESK_TEST_SECRET_A\ntimeoutSeconds=5\n")
                    .arg(m_sandbox.endpoint(QStringLiteral("/vxp")).toString())
                    .toUtf8());
        f.close();
        const QByteArray before = qgetenv("GOVDESK_SYSTEM_CONFIG");
        qputenv("GOVDESK_SYSTEM_CONFIG", QFile::encodeName(conf));
        auto admin = sessionFor(m_a, m_a.admin);
        QVERIFY(admin);
        gui::ExchangeSettingsDialog dialog(*admin);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(dialog.isLoaded());
        QVERIFY(dialog.isReadOnly());
        auto *locked = dialog.findChild<QLabel *>(QStringLiteral("lockedLabel"));
        QVERIFY(locked->isVisible());
        QVERIFY2(locked->text().contains(QDir::toNativeSeparators(conf)), qPrintable(locked->text()));
        QVERIFY(!dialog.findChild<QLineEdit *>(QStringLiteral("endpointEdit"))->isEnabled());
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save));
        // IT can still check the connection.
        QSignalSpy tested(&dialog, &gui::ExchangeSettingsDialog::connectionTested);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
        QVERIFY(test::waitForSignal(tested, 30000));
        QVERIFY2(tested.last().first().toBool(), qPrintable(dialog.lastTestError().english()));
        qputenv("GOVDESK_SYSTEM_CONFIG", before);
    }
};

QTEST_MAIN(TestExchangeGui)
#include "tst_exchange_gui.moc"
