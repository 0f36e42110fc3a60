#pragma once

#include "documents/IncomingDocument.h"
#include "gui/documents/DocumentView.h"

class QListWidget;

namespace govdesk::gui {

class ExchangeRequestBanner;

/// One incoming document: its register entry, the leader's assignment (phiếu giải quyết), the history of
/// its handling, its attachments and the PDF itself, with the actions the user's role allows. Everything is
/// read in a worker; the service decides whether an action is allowed and the view shows its answer.
class IncomingDocumentView : public DocumentView
{
    Q_OBJECT
public:
    explicit IncomingDocumentView(Session &session, QWidget *parent = nullptr);

    /// The document as last loaded (empty id while loading or when none is shown).
    const documents::IncomingDocument &document() const { return m_doc; }
    /// Over the document while its sender asks to take it back, revoke, update or replace it (liên thông).
    ExchangeRequestBanner *requestBanner() const { return m_requestBanner; }

public Q_SLOTS:
    void assign();
    void recordProgress();
    void complete();
    void edit();
    void returnToSender();
    void registerArrived();
    void saveAttachment();

protected:
    void reload() override;
    void forgetDocument() override;

private:
    struct Loaded;
    void fill(const Loaded &loaded);
    void fillEntry();
    void fillHandling();
    void fillAttachments(int shown);
    void updateActions();
    void showAttachment(int index);

    documents::IncomingDocument m_doc;

    QPushButton *m_registerButton;
    QPushButton *m_assignButton;
    QPushButton *m_progressButton;
    QPushButton *m_completeButton;
    QPushButton *m_editButton;
    QPushButton *m_returnButton;
    QFormLayout *m_info;
    QFormLayout *m_handling;
    QTreeWidget *m_history;
    QListWidget *m_attachments;
    QPushButton *m_saveButton;
    ExchangeRequestBanner *m_requestBanner;
};

} // namespace govdesk::gui
