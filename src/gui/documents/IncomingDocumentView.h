#pragma once

#include "documents/IncomingDocument.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QListWidget;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;

namespace govdesk::gui {

class PdfViewer;
class SignaturePanel;
class Session;

/// One incoming document: its register entry, the leader's assignment (phiếu giải quyết), the history of
/// its handling, its attachments and the PDF itself, with the actions the user's role allows. Everything is
/// read in a worker; the service decides whether an action is allowed and the view shows its answer.
class IncomingDocumentView : public QWidget
{
    Q_OBJECT
public:
    explicit IncomingDocumentView(Session &session, QWidget *parent = nullptr);

    void showDocument(const QString &id);
    void clear();
    QString documentId() const { return m_id; }
    /// The document as last loaded (empty id while loading or when none is shown).
    const documents::IncomingDocument &document() const { return m_doc; }
    PdfViewer *pdfViewer() const { return m_viewer; }
    SignaturePanel *signaturePanel() const { return m_signatures; }

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

public Q_SLOTS:
    void assign();
    void recordProgress();
    void complete();
    void edit();
    void returnToSender();
    void registerArrived();
    void saveAttachment();

Q_SIGNALS:
    /// The document finished loading (its panels are filled).
    void documentLoaded(const QString &id);

private:
    struct Loaded;
    void reload();
    void fill(const Loaded &loaded);
    void updateActions();
    void showAttachment(int index);
    void showError(const QString &message);

    Session &m_session;
    QString m_id;
    documents::IncomingDocument m_doc;
    int m_generation = 0;

    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_subject;
    QLabel *m_status;
    QPushButton *m_registerButton;
    QPushButton *m_assignButton;
    QPushButton *m_progressButton;
    QPushButton *m_completeButton;
    QPushButton *m_editButton;
    QPushButton *m_returnButton;
    QSplitter *m_splitter;
    QTabWidget *m_tabs;
    QFormLayout *m_info;
    QFormLayout *m_handling;
    QTreeWidget *m_history;
    QListWidget *m_attachments;
    QPushButton *m_saveButton;
    PdfViewer *m_viewer;
    SignaturePanel *m_signatures;
    QPushButton *m_signatureBanner;
};

} // namespace govdesk::gui
