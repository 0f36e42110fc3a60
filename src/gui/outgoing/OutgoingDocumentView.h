#pragma once

#include "core/Error.h"
#include "documents/OutgoingDocument.h"
#include "gui/documents/DocumentView.h"
#include "gui/outgoing/OutgoingActionDialog.h"

class QListWidget;

namespace govdesk::gui {

class ExchangeStatusPanel;

/// One outgoing document: its metadata, the review thread of the drafting chain, the versions of its file,
/// its history, the uses of its archive copy (Sổ sử dụng bản lưu, for the clerk) and the newest version
/// itself, with the steps the user's role and the document's status make relevant. Everything is read in a
/// worker; the service decides whether a step is allowed and the view shows its answer (in Vietnamese and
/// English).
class OutgoingDocumentView : public DocumentView
{
    Q_OBJECT
public:
    explicit OutgoingDocumentView(Session &session, QWidget *parent = nullptr);

    /// The document as last loaded (empty id while loading or when none is shown).
    const documents::OutgoingDocument &document() const { return m_doc; }
    /// The version of the file in the viewer (0: none).
    int shownVersion() const { return m_shownVersion; }
    /// The "Liên thông" tab: where the document stands with each recipient over the document exchange.
    ExchangeStatusPanel *exchangePanel() const { return m_exchange; }

public Q_SLOTS:
    /// Opens the dialog of one step of the drafting chain (submit, approve, return, revise …).
    void openStep(OutgoingActionDialog::Step step);
    /// Sửa thông tin: the drafting form filled from the draft.
    void editInformation();
    void sign();
    void issue();
    /// Shows version `version` of the file in the viewer (0: the newest).
    void showVersion(int version);
    void saveFile();

protected:
    void reload() override;
    void forgetDocument() override;
    QString errorDetails(const core::Error &error) const override;

private:
    struct Loaded;
    void fill(const Loaded &loaded);
    void fillInfo(const Loaded &loaded);
    void fillReview();
    void fillFiles();
    void fillLoans(const QList<documents::ArchiveLoan> &loans);
    void updateActions();
    void shown(int version, const QString &fileName);
    QString fileName(int version) const;

    documents::OutgoingDocument m_doc;
    std::optional<documents::ArchiveLoan> m_openLoan; // the archive copy is out
    int m_shownVersion = 0;

    QPushButton *m_editButton;
    QPushButton *m_submitButton;
    QPushButton *m_approveButton;
    QPushButton *m_returnButton;
    QPushButton *m_reviseButton;
    QPushButton *m_signButton;
    QPushButton *m_issueButton;
    QPushButton *m_reserveButton;
    QPushButton *m_cancelReservationButton;
    QPushButton *m_sendButton;
    QPushButton *m_recallButton;
    QPushButton *m_linkButton;
    QPushButton *m_lendButton;
    QPushButton *m_returnLoanButton;
    QFormLayout *m_info;
    QTreeWidget *m_review;
    QListWidget *m_files;
    QPushButton *m_saveButton;
    QTreeWidget *m_history;
    QTreeWidget *m_loans;
    QLabel *m_versionLabel;
    ExchangeStatusPanel *m_exchange;
};

} // namespace govdesk::gui
