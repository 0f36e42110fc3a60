#include "MainWindow.h"

#include "gui/Language.h"
#include "gui/Session.h"
#include "gui/documents/IncomingDocumentView.h"
#include "gui/documents/IncomingListView.h"
#include "gui/documents/RegisterIncomingDialog.h"
#include "gui/documents/RegistersDialog.h"
#include "gui/exchange/ExchangeOutboxDialog.h"
#include "gui/exchange/ExchangeRequestsDialog.h"
#include "gui/exchange/ExchangeSettingsDialog.h"
#include "gui/exchange/ExchangeStatusButton.h"
#include "gui/exchange/ExchangeSync.h"
#include "gui/outgoing/DraftOutgoingDialog.h"
#include "gui/outgoing/IssuingBodiesDialog.h"
#include "gui/outgoing/OutgoingDocumentView.h"
#include "gui/outgoing/OutgoingListView.h"
#include "gui/outgoing/TemplatesDialog.h"
#include "gui/scanning/IncomingScanPanel.h"
#include "gui/scanning/ScanFolder.h"
#include "gui/scanning/ScanFolderDialog.h"
#include "gui/signing/SignDialog.h"
#include "gui/signing/VerifyDialog.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

namespace govdesk::gui {

using documents::IncomingFilter;
using documents::IncomingStatus;
using documents::OutgoingFilter;
using Entry = NavigationPane::Entry;

/// The filter behind "Awaiting me": what is waiting for this user's role to act.
static IncomingFilter awaitingFilter(const core::User &u)
{
    IncomingFilter f;
    switch (u.role) {
    case core::Role::Clerk:
    case core::Role::Admin:
        f.statuses = {IncomingStatus::New};
        break;
    case core::Role::Leader:
        f.statuses = {IncomingStatus::Registered};
        break;
    case core::Role::Officer:
        f.statuses = {IncomingStatus::Assigned, IncomingStatus::InProgress};
        break;
    }
    return f;
}

static IncomingFilter overdueFilter()
{
    IncomingFilter f;
    f.overdueOnly = true;
    return f;
}

/// The outgoing views of the navigation; which documents wait for whom is the service's rule.
static OutgoingFilter outgoingFilter(Entry entry, const core::User &u)
{
    OutgoingFilter f;
    if (entry == Entry::OutgoingAwaitingMe)
        f.awaitingActor = true;
    else if (entry == Entry::MyDrafts)
        f.drafterId = u.id;
    return f;
}

MainWindow::MainWindow(Session &session, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_nav(new NavigationPane(this)),
      m_list(new IncomingListView(session, this)), m_view(new IncomingDocumentView(session, this)),
      m_outgoingList(new OutgoingListView(session, this)),
      m_outgoingView(new OutgoingDocumentView(session, this)),
      m_mainSplitter(new QSplitter(Qt::Horizontal, this)), m_content(new QStackedWidget(this)),
      m_contentSplitter(new QSplitter(Qt::Vertical, this)),
      m_outgoingSplitter(new QSplitter(Qt::Vertical, this)), m_countTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("GovDesk — %1").arg(m_session.data().identity.orgName));
    setWindowIcon(style()->standardIcon(QStyle::SP_FileDialogInfoView));

    switch (m_session.user().role) {
    case core::Role::Clerk:
    case core::Role::Admin:
        m_nav->setAwaitingMeToolTip(tr("Documents received electronically and waiting to be registered"));
        break;
    case core::Role::Leader:
        m_nav->setAwaitingMeToolTip(tr("Registered documents waiting for you to assign them"));
        break;
    case core::Role::Officer:
        m_nav->setAwaitingMeToolTip(tr("Documents assigned to you or your unit and not yet completed"));
        break;
    }
    QStringList outgoingTip;
    if (m_session.user().can(core::Permission::ApproveOutgoing))
        outgoingTip << tr(
            "drafts waiting for your approval and approved documents waiting for your signature");
    if (m_session.user().can(core::Permission::IssueOutgoing))
        outgoingTip << tr("signed documents waiting for a number and numbered documents waiting to be sent");
    if (m_session.user().can(core::Permission::DraftOutgoing))
        outgoingTip << tr("your drafts still being written or returned for revision");
    m_nav->setEntryToolTip(
        Entry::OutgoingAwaitingMe,
        tr("Outgoing documents whose next step is yours: %1").arg(outgoingTip.join(QStringLiteral("; "))));

    m_contentSplitter->addWidget(m_list);
    m_contentSplitter->addWidget(m_view);
    m_contentSplitter->setStretchFactor(0, 2);
    m_contentSplitter->setStretchFactor(1, 3);
    m_contentSplitter->setChildrenCollapsible(false);
    m_outgoingSplitter->addWidget(m_outgoingList);
    m_outgoingSplitter->addWidget(m_outgoingView);
    m_outgoingSplitter->setStretchFactor(0, 2);
    m_outgoingSplitter->setStretchFactor(1, 3);
    m_outgoingSplitter->setChildrenCollapsible(false);
    // Incoming and outgoing documents share the content area; the navigation chooses which is shown.
    m_content->addWidget(m_contentSplitter);
    m_content->addWidget(m_outgoingSplitter);
    m_mainSplitter->addWidget(m_nav);
    m_mainSplitter->addWidget(m_content);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({200, 1400});
    m_mainSplitter->setContentsMargins(6, 6, 6, 0);
    setCentralWidget(m_mainSplitter);

    createActions();
    createStatusBar();
    createExchange();
    createScanning();

    connect(m_nav, &NavigationPane::entryChosen, this, &MainWindow::showEntry);
    connect(m_list, &IncomingListView::currentDocumentChanged, m_view, &IncomingDocumentView::showDocument);
    connect(m_list, &IncomingListView::documentActivated, this, [this] { m_view->setFocus(); });
    connect(m_outgoingList, &OutgoingListView::currentDocumentChanged, m_outgoingView,
            &OutgoingDocumentView::showDocument);
    connect(m_outgoingList, &OutgoingListView::documentActivated, this,
            [this] { m_outgoingView->setFocus(); });
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(300);
    connect(m_countTimer, &QTimer::timeout, this, &MainWindow::refreshCounts);
    connect(&m_session, &Session::documentChanged, m_countTimer, qOverload<>(&QTimer::start));

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray())) {
        // First start: most of the screen, centred; a clerk works in this window all day.
        const QRect screen = QGuiApplication::primaryScreen()
                                 ? QGuiApplication::primaryScreen()->availableGeometry()
                                 : QRect(0, 0, 1440, 900);
        const QSize size(std::min(screen.width(), std::max(1024, screen.width() * 94 / 100)),
                         std::min(screen.height(), std::max(700, screen.height() * 94 / 100)));
        setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, screen));
    }
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    const QByteArray main = settings.value(QStringLiteral("mainWindow/mainSplitter")).toByteArray();
    if (!main.isEmpty())
        m_mainSplitter->restoreState(main);
    const QByteArray content = settings.value(QStringLiteral("mainWindow/contentSplitter")).toByteArray();
    if (!content.isEmpty())
        m_contentSplitter->restoreState(content);
    else
        m_contentSplitter->setSizes({380, 520});
    const QByteArray outgoing = settings.value(QStringLiteral("mainWindow/outgoingSplitter")).toByteArray();
    if (!outgoing.isEmpty())
        m_outgoingSplitter->restoreState(outgoing);
    else
        m_outgoingSplitter->setSizes({380, 520});
    m_view->restoreState(settings.value(QStringLiteral("mainWindow/documentSplitter")).toByteArray());
    m_outgoingView->restoreState(
        settings.value(QStringLiteral("mainWindow/outgoingDocumentSplitter")).toByteArray());
    m_list->restoreState(QStringLiteral("mainWindow/incomingList"));
    m_outgoingList->restoreState(QStringLiteral("mainWindow/outgoingList"));

    m_nav->select(Entry::AllIncoming);
    showEntry(Entry::AllIncoming);
    refreshCounts();
    m_list->table()->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const core::User &user = m_session.user();

    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_fileMenu = file;
    m_registerAction =
        file->addAction(style()->standardIcon(QStyle::SP_FileIcon), tr("&Register incoming document…"),
                        QKeySequence::New, this, &MainWindow::registerIncoming);
    m_registerAction->setObjectName(QStringLiteral("registerAction"));
    m_registerAction->setIconText(tr("Register"));
    m_registerAction->setToolTip(tr("Register a newly arrived document into the book (Ctrl+N)"));
    // A role that cannot register does not see the command at all.
    const bool canRegister = user.can(core::Permission::RegisterIncoming);
    m_registerAction->setEnabled(canRegister);
    m_registerAction->setVisible(canRegister);

    m_draftAction = file->addAction(
        style()->standardIcon(QStyle::SP_FileDialogNewFolder), tr("&Draft outgoing document…"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), this, &MainWindow::draftOutgoing);
    m_draftAction->setObjectName(QStringLiteral("draftOutgoingAction"));
    m_draftAction->setIconText(tr("Draft outgoing"));
    m_draftAction->setToolTip(tr("Draft an outgoing document and attach its PDF (Ctrl+Shift+N)"));
    const bool canDraft = user.can(core::Permission::DraftOutgoing);
    m_draftAction->setEnabled(canDraft);
    m_draftAction->setVisible(canDraft);

    m_printAction =
        file->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Print registers…"),
                        QKeySequence::Print, this, &MainWindow::printRegisters);
    m_printAction->setObjectName(QStringLiteral("printRegistersAction"));
    m_printAction->setIconText(tr("Registers"));
    const bool canPrint = user.can(core::Permission::PrintRegisters);
    m_printAction->setEnabled(canPrint);
    m_printAction->setVisible(canPrint);
    m_templatesAction = file->addAction(tr("Document &templates…"), this, &MainWindow::manageTemplates);
    m_templatesAction->setObjectName(QStringLiteral("templatesAction"));
    m_templatesAction->setToolTip(tr("The templates outgoing documents are drafted from, per document type"));
    // Kept by the clerk (văn thư) or an administrator, as the service allows.
    const bool canManageTemplates = user.role == core::Role::Clerk || user.role == core::Role::Admin;
    m_templatesAction->setEnabled(canManageTemplates);
    m_templatesAction->setVisible(canManageTemplates);
    m_bodiesAction = file->addAction(tr("&Advisory bodies…"), this, &MainWindow::manageIssuingBodies);
    m_bodiesAction->setObjectName(QStringLiteral("issuingBodiesAction"));
    m_bodiesAction->setToolTip(
        tr("Councils and steering committees that issue documents with their own register and numbers"));
    // Kept by an administrator, as the service allows.
    const bool canManageBodies = user.role == core::Role::Admin;
    m_bodiesAction->setEnabled(canManageBodies);
    m_bodiesAction->setVisible(canManageBodies);
    m_signAction = file->addAction(QIcon::fromTheme(QStringLiteral("document-sign"),
                                                    style()->standardIcon(QStyle::SP_DialogApplyButton)),
                                   tr("&Sign PDF files…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                                   this, &MainWindow::signFiles);
    m_signAction->setObjectName(QStringLiteral("signAction"));
    m_signAction->setIconText(tr("Sign"));
    m_signAction->setToolTip(
        tr("Sign PDF files with the digital signature on your USB token (Ctrl+Shift+S)"));
    QAction *verifyAction = file->addAction(tr("&Check signatures of a PDF file…"), this, [this] {
        auto *dialog = new VerifyDialog(m_session.pool(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        if (dialog->openFile())
            dialog->open();
        else
            dialog->deleteLater();
    });
    verifyAction->setObjectName(QStringLiteral("verifyAction"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("E&xit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *all = view->addAction(tr("&All incoming documents"), QKeySequence(Qt::CTRL | Qt::Key_1), this,
                                   [this] { m_nav->select(Entry::AllIncoming); });
    all->setObjectName(QStringLiteral("viewAllAction"));
    view->addAction(tr("Awaiting &me"), QKeySequence(Qt::CTRL | Qt::Key_2), this,
                    [this] { m_nav->select(Entry::AwaitingMe); });
    view->addAction(tr("&Overdue"), QKeySequence(Qt::CTRL | Qt::Key_3), this,
                    [this] { m_nav->select(Entry::Overdue); });
    view->addSeparator();
    view->addAction(tr("All o&utgoing documents"), QKeySequence(Qt::CTRL | Qt::Key_4), this,
                    [this] { m_nav->select(Entry::AllOutgoing); });
    view->addAction(tr("Outgoing awaiting m&e"), QKeySequence(Qt::CTRL | Qt::Key_5), this,
                    [this] { m_nav->select(Entry::OutgoingAwaitingMe); });
    view->addAction(tr("My &drafts"), QKeySequence(Qt::CTRL | Qt::Key_6), this,
                    [this] { m_nav->select(Entry::MyDrafts); });
    view->addSeparator();
    view->addAction(tr("&Find…"), QKeySequence::Find, this, [this] {
        QLineEdit *search =
            NavigationPane::isOutgoing(m_entry) ? m_outgoingList->searchEdit() : m_list->searchEdit();
        search->setFocus();
        search->selectAll();
    });
    QAction *refreshAction = view->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"),
                                             QKeySequence::Refresh, this, &MainWindow::refresh);
    refreshAction->setIconText(tr("Refresh"));

    QMenu *language = menuBar()->addMenu(tr("&Language"));
    auto *group = new QActionGroup(this);
    QAction *vi = language->addAction(QStringLiteral("Tiếng Việt"));
    QAction *en = language->addAction(QStringLiteral("English"));
    for (QAction *a : {vi, en}) {
        a->setCheckable(true);
        group->addAction(a);
    }
    (Language::chosen() == Language::english() ? en : vi)->setChecked(true);
    connect(vi, &QAction::triggered, this, [this] { chooseLanguage(Language::vietnamese()); });
    connect(en, &QAction::triggered, this, [this] { chooseLanguage(Language::english()); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *aboutAction = help->addAction(tr("&About GovDesk"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar *bar = addToolBar(tr("Main toolbar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    if (canRegister)
        bar->addAction(m_registerAction);
    if (canDraft)
        bar->addAction(m_draftAction);
    if (canPrint)
        bar->addAction(m_printAction);
    bar->addAction(m_signAction);
    bar->addAction(refreshAction);
}

void MainWindow::createStatusBar()
{
    const core::User &u = m_session.user();
    auto *who = new QLabel(
        tr("%1 — %2").arg(u.fullName.isEmpty() ? u.username : u.fullName, core::Roles::displayName(u.role)));
    who->setObjectName(QStringLiteral("userStatus"));
    auto *agency = new QLabel(m_session.data().identity.orgName);
    agency->setObjectName(QStringLiteral("agencyStatus"));
    auto *db = new QLabel(m_session.databaseDescription());
    db->setObjectName(QStringLiteral("databaseStatus"));
    db->setToolTip(tr("Where this workspace keeps its data"));
    if (m_session.data().demo)
        agency->setText(tr("%1 (demo data)").arg(m_session.data().identity.orgName));
    statusBar()->addWidget(who);
    statusBar()->addWidget(agency, 1);
    statusBar()->addPermanentWidget(db);
}

void MainWindow::addStatusPart(QWidget *part)
{
    auto *database = statusBar()->findChild<QLabel *>(QStringLiteral("databaseStatus"));
    if (database)
        statusBar()->removeWidget(database);
    statusBar()->addPermanentWidget(part);
    if (database) {
        statusBar()->addPermanentWidget(database);
        database->show();
    }
}

void MainWindow::showEntry(Entry entry)
{
    if (entry == Entry::ExchangeRequests) {
        openExchangeRequests();
        const QSignalBlocker block(m_nav);
        m_nav->select(m_entry); // a dialog, like the register
        return;
    }
    if (entry == Entry::Registers) {
        printRegisters();
        const QSignalBlocker block(m_nav);
        m_nav->select(m_entry); // the register is a dialog; the list stays where it was
        return;
    }
    m_entry = entry;
    if (NavigationPane::isOutgoing(entry)) {
        m_content->setCurrentWidget(m_outgoingSplitter);
        m_outgoingList->setBaseFilter(outgoingFilter(entry, m_session.user()));
        return;
    }
    m_content->setCurrentWidget(m_contentSplitter);
    switch (entry) {
    case Entry::AllIncoming:
        m_list->setBaseFilter({});
        break;
    case Entry::AwaitingMe:
        m_list->setBaseFilter(awaitingFilter(m_session.user()));
        break;
    case Entry::Overdue:
        m_list->setBaseFilter(overdueFilter());
        break;
    case Entry::Registers:
    case Entry::ExchangeRequests:
    case Entry::AllOutgoing:
    case Entry::OutgoingAwaitingMe:
    case Entry::MyDrafts:
        break;
    }
}

void MainWindow::refresh()
{
    if (NavigationPane::isOutgoing(m_entry))
        m_outgoingList->reload();
    else
        m_list->reload();
    refreshCounts();
}

void MainWindow::refreshCounts()
{
    const int generation = ++m_countGeneration;
    Session *session = &m_session;
    const IncomingFilter awaiting = awaitingFilter(m_session.user());
    const OutgoingFilter outgoingAwaiting = outgoingFilter(Entry::OutgoingAwaitingMe, m_session.user());
    const OutgoingFilter myDrafts = outgoingFilter(Entry::MyDrafts, m_session.user());
    m_session.run(
        this,
        [session, awaiting, outgoingAwaiting, myDrafts]() {
            const core::User &user = session->user();
            const auto a = session->incoming().count(user, awaiting);
            const auto o = session->incoming().count(user, overdueFilter());
            const auto oa = session->outgoing().count(user, outgoingAwaiting);
            const auto md = session->outgoing().count(user, myDrafts);
            return QList<int>{a ? a.value() : -1, o ? o.value() : -1, oa ? oa.value() : -1,
                              md ? md.value() : -1};
        },
        [this, generation](const QList<int> &counts) {
            if (generation != m_countGeneration)
                return;
            m_nav->setCount(Entry::AwaitingMe, counts.at(0));
            m_nav->setCount(Entry::Overdue, counts.at(1));
            m_nav->setCount(Entry::OutgoingAwaitingMe, counts.at(2));
            m_nav->setCount(Entry::MyDrafts, counts.at(3));
        });
    refreshExchangeCount();
}

void MainWindow::registerIncoming()
{
    if (!m_registerAction->isEnabled())
        return;
    auto *dialog = new RegisterIncomingDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegisterIncomingDialog::saved, this, &MainWindow::onRegistered);
    dialog->open();
}

void MainWindow::draftOutgoing()
{
    if (!m_draftAction->isEnabled())
        return;
    auto *dialog = new DraftOutgoingDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DraftOutgoingDialog::saved, this, &MainWindow::onDrafted);
    dialog->open();
}

void MainWindow::onDrafted(const documents::OutgoingDocument &doc)
{
    // The new draft opens in the outgoing list: in the view the user is on (each of them shows a fresh draft
    // of the user's), else in all outgoing documents; nothing in the bar may hide it.
    m_outgoingList->clearFilters();
    Entry entry = NavigationPane::isOutgoing(m_entry) ? m_entry : Entry::AllOutgoing;
    if (m_entry != entry) {
        const QSignalBlocker block(m_nav);
        m_nav->select(entry);
    }
    m_entry = entry;
    m_content->setCurrentWidget(m_outgoingSplitter);
    m_outgoingList->selectDocument(doc.id);
    m_outgoingList->setBaseFilter(outgoingFilter(entry, m_session.user()));
    statusBar()->showMessage(tr("Draft created: %1").arg(doc.subject), 8000);
}

void MainWindow::onRegistered(const documents::IncomingDocument &doc)
{
    // Show the new entry where the clerk expects it: at the top of the whole register.
    m_list->clearFilters();
    m_content->setCurrentWidget(m_contentSplitter);
    if (m_entry != Entry::AllIncoming) {
        const QSignalBlocker block(m_nav);
        m_nav->select(Entry::AllIncoming);
        m_entry = Entry::AllIncoming;
    }
    m_list->selectDocument(doc.id);
    m_list->setBaseFilter({});
    statusBar()->showMessage(tr("Registered as arrival no. %1").arg(doc.arrivalNumber), 8000);
}

void MainWindow::printRegisters()
{
    if (!m_printAction->isEnabled())
        return;
    if (m_registers) {
        m_registers->raise();
        m_registers->activateWindow();
        return;
    }
    m_registers = new RegistersDialog(m_session, this);
    m_registers->setAttribute(Qt::WA_DeleteOnClose);
    m_registers->open();
}

void MainWindow::manageTemplates()
{
    if (!m_templatesAction->isEnabled())
        return;
    auto *dialog = new TemplatesDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::manageIssuingBodies()
{
    if (!m_bodiesAction->isEnabled())
        return;
    auto *dialog = new IssuingBodiesDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::chooseLanguage(const QString &language)
{
    if (language == Language::chosen())
        return;
    Language::choose(language);
    auto *box = new QMessageBox(QMessageBox::Information, tr("Language"),
                                tr("GovDesk will use the new language the next time it starts. Close and "
                                   "reopen GovDesk to switch now."),
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About GovDesk"),
        tr("<h3>GovDesk %1</h3><p>Desktop client for the clerical work of Vietnamese agencies: registering, "
           "routing and handling incoming documents, drafting, approving, numbering and sending outgoing "
           "documents under Decree 30/2020/NĐ-CP.</p>"
           "<p>Signed in as %2 (%3).<br>Data: %4</p>")
            .arg(QCoreApplication::applicationVersion(), m_session.user().fullName.toHtmlEscaped(),
                 core::Roles::displayName(m_session.user().role).toHtmlEscaped(),
                 m_session.databaseDescription().toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/contentSplitter"), m_contentSplitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/documentSplitter"), m_view->saveState());
    settings.setValue(QStringLiteral("mainWindow/outgoingSplitter"), m_outgoingSplitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/outgoingDocumentSplitter"), m_outgoingView->saveState());
    m_list->saveState(QStringLiteral("mainWindow/incomingList"));
    m_outgoingList->saveState(QStringLiteral("mainWindow/outgoingList"));
    QMainWindow::closeEvent(event);
}

void MainWindow::signFiles()
{
    auto *dialog = new SignDialog(m_session, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

// ---------------------------------------------------------------- liên thông văn bản

void MainWindow::createExchange()
{
    const core::User &user = m_session.user();
    // Who works with the exchange is the service's rule: the clerk and the administrator.
    const bool clerk =
        user.can(core::Permission::IssueOutgoing) && user.can(core::Permission::RegisterIncoming);
    const bool admin = user.role == core::Role::Admin;
    QAction *before = nullptr; // the separator above "Exit"
    for (QAction *a : m_fileMenu->actions())
        if (a->isSeparator())
            before = a;

    m_exchangeSettingsAction = new QAction(tr("Document e&xchange…"), this);
    m_exchangeSettingsAction->setObjectName(QStringLiteral("exchangeSettingsAction"));
    m_exchangeSettingsAction->setToolTip(
        tr("How this workspace reaches the national document exchange or the province's LGSP"));
    m_exchangeSettingsAction->setEnabled(admin);
    m_exchangeSettingsAction->setVisible(admin);
    connect(m_exchangeSettingsAction, &QAction::triggered, this, &MainWindow::openExchangeSettings);

    m_exchangeOutboxAction = new QAction(tr("Exchange &outbox…"), this);
    m_exchangeOutboxAction->setObjectName(QStringLiteral("exchangeOutboxAction"));
    m_exchangeOutboxAction->setToolTip(
        tr("Packets not yet sent over the document exchange, with their errors"));

    m_exchangeSyncAction =
        new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("S&ynchronise exchange"), this);
    m_exchangeSyncAction->setObjectName(QStringLiteral("exchangeSyncAction"));
    m_exchangeSyncAction->setIconText(tr("Exchange"));
    // F5 is taken by Refresh; the first of these that Refresh does not use on this platform.
    const QList<QKeySequence> taken = QKeySequence::keyBindings(QKeySequence::Refresh);
    for (const QKeySequence &key : {QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R),
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)})
        if (!taken.contains(key)) {
            m_exchangeSyncAction->setShortcut(key);
            break;
        }
    m_exchangeSyncAction->setToolTip(
        tr("Send what waits in the outbox and fetch new documents and statuses now "
           "(%1)")
            .arg(m_exchangeSyncAction->shortcut().toString(QKeySequence::NativeText)));
    for (QAction *a : {m_exchangeOutboxAction, m_exchangeSyncAction}) {
        a->setEnabled(clerk);
        a->setVisible(clerk);
    }
    m_fileMenu->insertActions(before,
                              {m_exchangeSettingsAction, m_exchangeOutboxAction, m_exchangeSyncAction});
    if (before)
        m_fileMenu->insertSeparator(m_exchangeSettingsAction);
    if (!clerk)
        return;

    m_exchangeSync = new ExchangeSync(m_session, this);
    m_exchangeStatus = new ExchangeStatusButton(*m_exchangeSync, this);
    addStatusPart(m_exchangeStatus);
    connect(m_exchangeStatus, &QToolButton::clicked, this, &MainWindow::openExchangeOutbox);
    connect(m_exchangeOutboxAction, &QAction::triggered, this, &MainWindow::openExchangeOutbox);
    connect(m_exchangeSyncAction, &QAction::triggered, m_exchangeSync, &ExchangeSync::syncNow);
    connect(m_exchangeSync, &ExchangeSync::configuredChanged, this, [this](bool configured) {
        m_exchangeSyncAction->setEnabled(configured);
        refreshExchangeCount();
    });
    connect(m_exchangeSync, &ExchangeSync::finished, this,
            [this](const exchange::SyncReport &r, const core::Error &) {
                onExchangeSynced(r.received, r.requests,
                                 r.sent + r.received + r.statuses + r.requests + r.failed + r.retrying +
                                         r.duplicates + r.rejected >
                                     0);
            });
    m_exchangeSyncAction->setEnabled(false); // until the settings say the exchange is set up
    if (auto *bar = findChild<QToolBar *>(QStringLiteral("mainToolBar")))
        bar->insertAction(bar->actions().value(bar->actions().size() - 1), m_exchangeSyncAction);
    m_exchangeSync->reloadSettings();
}

void MainWindow::onExchangeSynced(int received, int requests, bool anything)
{
    if (!anything)
        return;
    // The sync wrote through the services' own instances: read again what is on screen.
    if (received > 0 || requests > 0)
        m_list->reload();
    for (const QString &id : {m_view->documentId(), m_outgoingView->documentId()})
        if (!id.isEmpty())
            Q_EMIT m_session.documentChanged(id);
    refreshCounts();
    if (received > 0)
        statusBar()->showMessage(tr("%1 document(s) arrived over the document exchange").arg(received), 8000);
}

void MainWindow::refreshExchangeCount()
{
    if (!m_exchangeSync)
        return;
    const int generation = ++m_exchangeCountGeneration;
    Session *session = &m_session;
    m_session.run(
        this,
        [session]() {
            auto open = session->exchange().requests(session->user());
            return open ? int(open->size()) : -1;
        },
        [this, generation](int count) {
            if (generation != m_exchangeCountGeneration)
                return;
            m_nav->setCount(Entry::ExchangeRequests, count);
            m_nav->setEntryVisible(Entry::ExchangeRequests, m_exchangeSync->isConfigured() || count > 0);
        });
}

void MainWindow::openExchangeSettings()
{
    if (!m_exchangeSettingsAction->isEnabled())
        return;
    auto *dialog = new ExchangeSettingsDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        if (!m_exchangeSync)
            return;
        m_exchangeSync->reloadSettings();
        m_exchangeSync->syncNow();
    });
    dialog->open();
}

void MainWindow::openExchangeOutbox()
{
    if (!m_exchangeSync)
        return;
    if (auto *open = findChild<ExchangeOutboxDialog *>(); open && open->isVisible()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new ExchangeOutboxDialog(m_session, m_exchangeSync, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openExchangeRequests()
{
    if (!m_exchangeSync)
        return;
    auto *dialog = new ExchangeRequestsDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExchangeRequestsDialog::openDocument, this, [this, dialog](const QString &id) {
        dialog->close();
        showIncomingDocument(id);
    });
    dialog->open();
}

void MainWindow::showIncomingDocument(const QString &id)
{
    // As after registering: the whole register, the document selected.
    m_list->clearFilters();
    m_content->setCurrentWidget(m_contentSplitter);
    if (m_entry != Entry::AllIncoming) {
        const QSignalBlocker block(m_nav);
        m_nav->select(Entry::AllIncoming);
        m_entry = Entry::AllIncoming;
    }
    m_list->selectDocument(id);
    m_list->setBaseFilter({});
    m_view->showDocument(id);
}

// ---------------------------------------------------------------- số hóa (quét văn bản đến)

void MainWindow::createScanning()
{
    m_scanIncomingAction = new QAction(tr("S&can incoming document…"), this);
    m_scanIncomingAction->setObjectName(QStringLiteral("scanIncomingAction"));
    m_scanIncomingAction->setToolTip(
        tr("Scan a paper document, recognise its text and register it with the fields it proposes"));
    m_scanIncomingAction->setEnabled(m_registerAction->isEnabled());
    m_scanIncomingAction->setVisible(m_registerAction->isVisible());
    connect(m_scanIncomingAction, &QAction::triggered, this, &MainWindow::scanIncoming);
    // Right under "Register incoming document…".
    const QList<QAction *> actions = m_fileMenu->actions();
    const qsizetype at = actions.indexOf(m_registerAction);
    m_fileMenu->insertAction(actions.value(at + 1), m_scanIncomingAction);

    m_scanFolderAction = new QAction(tr("Scan &folder…"), this);
    m_scanFolderAction->setObjectName(QStringLiteral("scanFolderAction"));
    m_scanFolderAction->setToolTip(
        tr("The folder the office's scanners save to: the PDFs made from its files "
           "wait there to be registered"));
    m_scanFolderAction->setEnabled(m_registerAction->isEnabled());
    m_scanFolderAction->setVisible(m_registerAction->isVisible());
    m_fileMenu->insertAction(actions.value(at + 1), m_scanFolderAction);
    if (!m_registerAction->isEnabled())
        return;
    connect(m_scanFolderAction, &QAction::triggered, this, &MainWindow::openScanFolder);
    m_scanFolder = new ScanFolder(this);
    m_scanFolderStatus = new QToolButton(this);
    m_scanFolderStatus->setObjectName(QStringLiteral("scanFolderStatus"));
    m_scanFolderStatus->setAutoRaise(true);
    m_scanFolderStatus->setToolButtonStyle(Qt::ToolButtonTextOnly);
    addStatusPart(m_scanFolderStatus);
    connect(m_scanFolderStatus, &QToolButton::clicked, this, &MainWindow::openScanFolder);
    connect(m_scanFolder, &ScanFolder::changed, this, &MainWindow::refreshScanFolderStatus);
    connect(m_scanFolder, &ScanFolder::fileFailed, this,
            [this](const QString &source, const core::Error &error) {
                statusBar()->showMessage(tr("The scanned file %1 could not be read: %2")
                                             .arg(QFileInfo(source).fileName(), error.text()),
                                         15000);
            });
    m_scanFolder->start();
}

void MainWindow::refreshScanFolderStatus()
{
    if (!m_scanFolder->isConfigured()) {
        m_scanFolderStatus->hide();
        return;
    }
    if (!m_scanFolder->problem().isNull()) {
        m_scanFolderStatus->setText(tr("Scan folder: not available"));
        m_scanFolderStatus->setStyleSheet(QStringLiteral("color: #c6001f"));
        m_scanFolderStatus->setToolTip(m_scanFolder->problem().bilingual());
    } else {
        const int waiting = m_scanFolder->pendingCount();
        m_scanFolderStatus->setText(waiting == 0
                                        ? tr("Scan folder: nothing waiting")
                                        : tr("Scan folder: %n waiting to be registered", nullptr, waiting));
        m_scanFolderStatus->setStyleSheet(waiting == 0 ? QString() : QStringLiteral("font-weight: bold"));
        m_scanFolderStatus->setToolTip(
            tr("Watching %1 — click to see the scans").arg(QDir::toNativeSeparators(m_scanFolder->inbox())));
    }
    m_scanFolderStatus->show();
}

void MainWindow::openScanFolder()
{
    if (!m_scanFolder)
        return;
    if (m_scanFolderDialog) {
        m_scanFolderDialog->show();
        m_scanFolderDialog->raise();
        m_scanFolderDialog->activateWindow();
        return;
    }
    m_scanFolderDialog = new ScanFolderDialog(*m_scanFolder, this);
    m_scanFolderDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_scanFolderDialog, &ScanFolderDialog::registerRequested, this,
            &MainWindow::registerFromScanFolder);
    m_scanFolderDialog->show();
}

void MainWindow::registerFromScanFolder(const QString &pdf)
{
    if (!m_scanFolder || m_scanFolder->isBeingRegistered(pdf))
        return;
    auto *dialog = new RegisterIncomingDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_scanFolder->setBeingRegistered(pdf, true);
    connect(dialog, &RegisterIncomingDialog::saved, this,
            [this, pdf](const documents::IncomingDocument &doc) {
                onRegistered(doc);
                // The document holds its own copy; the PDF leaves the waiting list, kept in registered/.
                if (auto r = m_scanFolder->settle(pdf, scanning::ScanSettlement::Registered); !r)
                    statusBar()->showMessage(r.error().text(), 15000);
            });
    connect(dialog, &QObject::destroyed, m_scanFolder,
            [folder = m_scanFolder, pdf] { folder->setBeingRegistered(pdf, false); });
    dialog->open();
    dialog->scanPanel()->importPaths({pdf});
}

void MainWindow::scanIncoming()
{
    if (!m_scanIncomingAction->isEnabled())
        return;
    auto *dialog = new RegisterIncomingDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegisterIncomingDialog::saved, this, &MainWindow::onRegistered);
    dialog->open();
    dialog->scanPanel()->scan();
}

} // namespace govdesk::gui
