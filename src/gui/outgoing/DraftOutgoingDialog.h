#pragma once

#include "core/Error.h"
#include "documents/OutgoingService.h"
#include "documents/OutgoingTemplates.h"
#include "gui/documents/DocumentFormDialog.h"

#include <memory>

class QCompleter;
class QLabel;
class QStandardItemModel;
class QTimer;

namespace Ui {
class DraftOutgoingDialog;
}

namespace govdesk::gui {

class Session;

/// Soạn văn bản đi: the drafter names the type, the summary, the drafting unit, urgency and classification,
/// the recipients (as printed, and the receiving organs by mã định danh), the signer, the number of copies,
/// who keeps the archive copy, the recipients' due date, and the draft: a PDF file or one of the agency's
/// templates of the type (a .docx/.odt template is turned into PDF by LibreOffice in a worker when chosen;
/// without LibreOffice such templates are offered disabled, with a note saying why). Optionally the incoming
/// document it answers. Built for the keyboard like the register form: every field in reading order, Enter
/// saves, Esc cancels; the service's refusal is shown beside the field it concerns and nothing typed is lost.
///
/// The same form edits the metadata of a draft (Sửa thông tin, while Draft or Returned): filled from the
/// document, saved through OutgoingService::update with the version it was filled from; the file itself is
/// replaced with "Sửa dự thảo".
class DraftOutgoingDialog : public DocumentFormDialog
{
    Q_OBJECT
public:
    explicit DraftOutgoingDialog(Session &session, QWidget *parent = nullptr);
    /// Edits `doc` (its drafter or an administrator).
    DraftOutgoingDialog(Session &session, const documents::OutgoingDocument &doc, QWidget *parent = nullptr);
    ~DraftOutgoingDialog() override;

    bool isEditing() const { return !m_original.id.isEmpty(); }
    /// Edit mode: what the form changes in the document (only the fields that differ from it).
    documents::OutgoingDraftChanges changes() const;
    /// The template the draft starts from (empty: none); its PDF is ready when templateReady().
    QString chosenTemplateId() const { return m_template.id; }
    bool templateReady() const { return !m_templatePdf.isEmpty(); }

    /// The draft PDF (also chosen with the file chooser or dropped onto the dialog).
    void setFile(const QString &path);
    /// Presets the incoming document this draft answers.
    void setReplyTo(const QString &incomingId, const QString &description);
    /// Adds a receiving organ by its mã định danh (or a name the workspace knows).
    void addRecipientOrgan(const QString &codeOrName);
    /// The form as a draft for the service.
    documents::OutgoingDraft draft() const;
    const documents::OutgoingDocument &savedDocument() const { return m_saved; }

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void saved(const documents::OutgoingDocument &doc);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void filesDropped(const QStringList &paths) override;

private:
    DraftOutgoingDialog(Session &session, const documents::OutgoingDocument *doc, QWidget *parent);
    void fillFrom(const documents::OutgoingDocument &doc);
    void save(documents::OutgoingDraft draft);
    void saveChanges();
    void finished(const core::Result<documents::OutgoingDocument> &r);
    void showError(const core::Error &error);
    QString automaticNotation() const;
    /// Offers an advisory body in the "Issued by" choice (the item's data is its id).
    void addBody(const QString &id, const QString &abbr, const QString &name);
    void loadBodies();
    QString defaultArchiveHolder() const;
    void updateNotationHint();
    void loadTemplates();
    void chooseTemplate(int index);
    void forgetTemplate();
    void setTemplateStatus(const QString &text, bool busy, bool error = false);
    void searchReplies();
    void updateOrganButtons();

    static constexpr int BodyAbbrRole = Qt::UserRole + 1;
    std::unique_ptr<Ui::DraftOutgoingDialog> m_ui;
    documents::OutgoingDocument m_saved;
    documents::OutgoingDocument m_original; // the document edited; empty id when drafting
    QString m_initialNotation;              // edit mode: the notation and archive holder as first shown
    QString m_initialArchiveHolder;
    QList<documents::OutgoingTemplate> m_templates; // of the chosen type
    documents::OutgoingTemplate m_template;         // the one chosen
    QByteArray m_templatePdf;                       // its PDF, once read or converted
    int m_templateGeneration = 0;
    bool m_templateBusy = false;
    QString m_replyId;
    QStandardItemModel *m_replyModel;
    QCompleter *m_replyCompleter;
    QTimer *m_replyTimer;
    int m_replyGeneration = 0;
};

} // namespace govdesk::gui
