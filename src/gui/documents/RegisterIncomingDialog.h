#pragma once

#include "core/Error.h"
#include "documents/IncomingService.h"
#include "gui/documents/DocumentFormDialog.h"

#include <memory>

namespace Ui {
class RegisterIncomingDialog;
}

namespace govdesk::gui {

class IncomingScanPanel;
class Session;

/// Vào sổ văn bản đến, built for a clerk's speed: every field reachable by keyboard in the order it is read
/// off the paper, Enter saves and Esc cancels, today's date and the general book are preset (the secret book
/// when a classification is chosen), the next arrival number is shown, and a possible duplicate is named
/// before anything is written. Opened with editDocument() it corrects a registered entry instead.
class RegisterIncomingDialog : public DocumentFormDialog
{
    Q_OBJECT
public:
    explicit RegisterIncomingDialog(Session &session, QWidget *parent = nullptr);
    ~RegisterIncomingDialog() override;

    /// Switches to correcting `doc` (its number, book and files stay as they are).
    void editDocument(const documents::IncomingDocument &doc);
    bool isEditing() const { return !m_editId.isEmpty(); }
    void addAttachments(const QStringList &paths);
    /// The form as a draft for the service.
    documents::IncomingDraft draft() const;
    /// The document as saved (after the dialog was accepted).
    const documents::IncomingDocument &savedDocument() const { return m_saved; }

    // Số hóa: scanning or importing the paper, with the fields its text proposes (gui/scanning).
    IncomingScanPanel *scanPanel() const { return m_scanPanel; }
    /// Puts `to` among the files in place of `from` (empty `from`: adds `to`; empty `to`: removes `from`).
    void replaceAttachment(const QString &from, const QString &to);

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void saved(const documents::IncomingDocument &doc);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void filesDropped(const QStringList &paths) override;

private:
    void checkDuplicatesThenSave(documents::IncomingDraft draft);
    void save(documents::IncomingDraft draft);
    void warnDuplicate(const QString &text, const documents::IncomingDraft &draft);
    void showError(const core::Error &error);
    void updateNextNumber();
    void onSecrecyChanged();
    void updateAttachmentButtons();

    std::unique_ptr<Ui::RegisterIncomingDialog> m_ui;
    QString m_editId;
    int m_editVersion = 0;
    int m_editNumber = 0;
    documents::IncomingDocument m_saved;
    int m_numberGeneration = 0;
    IncomingScanPanel *m_scanPanel = nullptr;
};

} // namespace govdesk::gui
