#pragma once

#include "documents/OutgoingDocument.h"
#include "gui/documents/DocumentActionDialog.h"

#include <memory>

namespace Ui {
class OutgoingActionDialog;
}

namespace govdesk::gui {

class Session;

/// One step of an outgoing document's way that needs a few words from the user: submit or approve with an
/// optional comment, return for revision (what to change), revise with a new PDF, reserve a number or
/// cancel the reservation (reason), send (channel and note; by post also the envelopes and the addressees
/// for the Sổ gửi văn bản đi bưu điện), recall (reason), relate it to an issued document, lend its archive
/// copy (who uses it, who allowed it, the file it is kept in) and record the copy's return. The service
/// decides; when it refuses, its message shows in the dialog and nothing typed is lost.
class OutgoingActionDialog : public DocumentActionDialog
{
    Q_OBJECT
public:
    enum class Step
    {
        Submit,
        Approve,
        Return,
        Revise,
        Reserve,
        CancelReservation,
        Send,
        Recall,
        Link,
        LendArchive,   // Sổ sử dụng bản lưu: the archive copy goes to a user
        ReturnArchive, // and comes back (setArchiveLoan names the loan)
    };

    OutgoingActionDialog(Session &session, const documents::OutgoingDocument &doc, Step step,
                         QWidget *parent = nullptr);
    ~OutgoingActionDialog() override;

    Step step() const { return m_step; }
    /// Revise: the PDF to upload (also set by the file chooser or by dropping a file).
    void setFile(const QString &path);
    /// ReturnArchive: the open loan of the archive copy.
    void setArchiveLoan(const documents::ArchiveLoan &loan);

public Q_SLOTS:
    void accept() override;

protected:
    QString errorText(const core::Error &error) const override;

private:
    void updateChannelRows();
    void loadLinkTargets();
    void loadNextNumber();
    QString chosenTargetId() const;

    std::unique_ptr<Ui::OutgoingActionDialog> m_ui;
    documents::OutgoingDocument m_doc;
    documents::ArchiveLoan m_loan;
    Step m_step;
};

} // namespace govdesk::gui
