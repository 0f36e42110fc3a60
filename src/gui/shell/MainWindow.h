#pragma once

#include "documents/IncomingDocument.h"
#include "gui/shell/NavigationPane.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QSplitter;
class QTimer;

namespace govdesk::gui {

class IncomingDocumentView;
class IncomingListView;
class RegistersDialog;
class Session;

/// The shell: navigation on the left, the register list above the open document, the menus and the status
/// bar naming who is signed in, in which agency, on which database.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Session &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    IncomingListView *incomingList() const { return m_list; }
    IncomingDocumentView *documentView() const { return m_view; }
    NavigationPane *navigation() const { return m_nav; }
    QAction *registerAction() const { return m_registerAction; }
    QAction *printRegistersAction() const { return m_printAction; }
    QAction *signAction() const { return m_signAction; }

public Q_SLOTS:
    void registerIncoming();
    void printRegisters();
    /// Opens the signing dialog (files, certificate, role, PIN once for the batch).
    void signFiles();
    void showEntry(NavigationPane::Entry entry);
    void refresh();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createStatusBar();
    void refreshCounts();
    void chooseLanguage(const QString &language);
    void about();
    void onRegistered(const documents::IncomingDocument &doc);

    Session &m_session;
    NavigationPane *m_nav;
    IncomingListView *m_list;
    IncomingDocumentView *m_view;
    QSplitter *m_mainSplitter;
    QSplitter *m_contentSplitter;
    QAction *m_registerAction = nullptr;
    QAction *m_printAction = nullptr;
    QAction *m_signAction = nullptr;
    QTimer *m_countTimer;
    NavigationPane::Entry m_entry = NavigationPane::Entry::AllIncoming;
    QPointer<RegistersDialog> m_registers;
    int m_countGeneration = 0;
};

} // namespace govdesk::gui
