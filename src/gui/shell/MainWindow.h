#pragma once

#include "documents/IncomingDocument.h"
#include "documents/OutgoingDocument.h"
#include "gui/shell/NavigationPane.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace govdesk::gui {

class ExchangeStatusButton;
class ExchangeSync;
class IncomingDocumentView;
class IncomingListView;
class OutgoingDocumentView;
class OutgoingListView;
class RegistersDialog;
class ScanFolder;
class ScanFolderDialog;
class Session;

/// The shell: navigation on the left, the list of the chosen view (incoming or outgoing documents) above the
/// open document, the menus and the status bar naming who is signed in, in which agency, on which database.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Session &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    IncomingListView *incomingList() const { return m_list; }
    IncomingDocumentView *documentView() const { return m_view; }
    OutgoingListView *outgoingList() const { return m_outgoingList; }
    OutgoingDocumentView *outgoingView() const { return m_outgoingView; }
    NavigationPane *navigation() const { return m_nav; }
    QAction *registerAction() const { return m_registerAction; }
    QAction *draftOutgoingAction() const { return m_draftAction; }
    QAction *printRegistersAction() const { return m_printAction; }
    QAction *signAction() const { return m_signAction; }
    QAction *templatesAction() const { return m_templatesAction; }
    QAction *issuingBodiesAction() const { return m_bodiesAction; }
    /// Liên thông: the background sync (clerk, administrator; null for the other roles), its "sync now"
    /// action, the settings (administrator) and the outbox.
    ExchangeSync *exchangeSync() const { return m_exchangeSync; }
    ExchangeStatusButton *exchangeStatus() const { return m_exchangeStatus; }
    QAction *exchangeSyncAction() const { return m_exchangeSyncAction; }
    QAction *exchangeSettingsAction() const { return m_exchangeSettingsAction; }
    QAction *exchangeOutboxAction() const { return m_exchangeOutboxAction; }
    /// Số hóa: the incoming registration form, scanning the paper at once.
    QAction *scanIncomingAction() const { return m_scanIncomingAction; }
    /// The office's scan-to-folder inbox watched from this computer (clerk, administrator; null otherwise),
    /// its action and its part of the status bar ("Thư mục quét: 2 bản chờ vào sổ").
    ScanFolder *scanFolder() const { return m_scanFolder; }
    QAction *scanFolderAction() const { return m_scanFolderAction; }
    QToolButton *scanFolderStatus() const { return m_scanFolderStatus; }

public Q_SLOTS:
    void registerIncoming();
    /// Opens the incoming registration form and its scan dialog.
    void scanIncoming();
    /// Opens the drafting form of an outgoing document (Ctrl+Shift+N).
    void draftOutgoing();
    void printRegisters();
    /// Opens the templates of outgoing documents (clerk, administrator).
    void manageTemplates();
    /// Opens the advisory bodies that issue documents in their own name (administrator).
    void manageIssuingBodies();
    /// Opens the signing dialog (files, certificate, role, PIN once for the batch).
    void signFiles();
    void showEntry(NavigationPane::Entry entry);
    void refresh();
    /// Tệp → Liên thông văn bản… (administrator).
    void openExchangeSettings();
    /// Tệp → Hàng đợi liên thông… (clerk, administrator).
    void openExchangeOutbox();
    /// The senders' requests to recall or replace documents received over the exchange.
    void openExchangeRequests();
    /// Tệp → Thư mục quét…: the folders, the PDFs waiting to be registered and the files not read.
    void openScanFolder();
    /// Opens the incoming registration form with a PDF of the scan folder, recognised as a scan is; once the
    /// document is registered the PDF leaves the waiting list.
    void registerFromScanFolder(const QString &pdf);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createStatusBar();
    void refreshCounts();
    void chooseLanguage(const QString &language);
    void about();
    void onRegistered(const documents::IncomingDocument &doc);
    void onDrafted(const documents::OutgoingDocument &doc);
    void createExchange();
    void createScanning();
    void refreshExchangeCount();
    void onExchangeSynced(int received, int requests, bool anything);
    void showIncomingDocument(const QString &id);
    /// Adds a permanent part to the status bar, left of the database, which stays the last one.
    void addStatusPart(QWidget *part);
    void refreshScanFolderStatus();

    Session &m_session;
    NavigationPane *m_nav;
    IncomingListView *m_list;
    IncomingDocumentView *m_view;
    OutgoingListView *m_outgoingList;
    OutgoingDocumentView *m_outgoingView;
    QSplitter *m_mainSplitter;
    QStackedWidget *m_content;
    QSplitter *m_contentSplitter;
    QSplitter *m_outgoingSplitter;
    QAction *m_registerAction = nullptr;
    QAction *m_draftAction = nullptr;
    QAction *m_printAction = nullptr;
    QAction *m_signAction = nullptr;
    QAction *m_templatesAction = nullptr;
    QAction *m_bodiesAction = nullptr;
    QTimer *m_countTimer;
    NavigationPane::Entry m_entry = NavigationPane::Entry::AllIncoming;
    QPointer<RegistersDialog> m_registers;
    int m_countGeneration = 0;
    QMenu *m_fileMenu = nullptr;
    ExchangeSync *m_exchangeSync = nullptr;
    ExchangeStatusButton *m_exchangeStatus = nullptr;
    QAction *m_exchangeSyncAction = nullptr;
    QAction *m_exchangeSettingsAction = nullptr;
    QAction *m_exchangeOutboxAction = nullptr;
    QAction *m_scanIncomingAction = nullptr;
    QAction *m_scanFolderAction = nullptr;
    ScanFolder *m_scanFolder = nullptr;
    QToolButton *m_scanFolderStatus = nullptr;
    QPointer<ScanFolderDialog> m_scanFolderDialog;
    int m_exchangeCountGeneration = 0;
};

} // namespace govdesk::gui
