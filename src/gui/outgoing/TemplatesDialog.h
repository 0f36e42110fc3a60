#pragma once

#include "documents/OutgoingTemplates.h"
#include "gui/widgets/BusyCursor.h"

#include <QDialog>

#include <memory>

namespace Ui {
class TemplatesDialog;
}

namespace govdesk::gui {

class Session;

/// The agency's templates of a type (of every type when none is given), and whether this machine can turn
/// office templates into PDF (LibreOffice installed); read in a worker.
struct TemplateList
{
    core::Result<QList<documents::OutgoingTemplate>> templates = QList<documents::OutgoingTemplate>();
    bool officeAvailable = false;

    static TemplateList read(Session &session, const QString &typeAbbr, bool includeRemoved = false);
};

/// Mẫu văn bản: the clerk or an administrator keeps the templates drafts start from, per document type — the
/// list (of one type or all, removed ones on request), adding one (type, name, a .pdf, .docx or .odt file)
/// and removing one (it is no longer offered; drafts made from it are kept). Says so when LibreOffice is
/// missing on this machine, as office templates cannot be turned into PDF here then. Every call runs in a
/// worker; a refusal shows in the dialog and nothing typed is lost.
class TemplatesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TemplatesDialog(Session &session, QWidget *parent = nullptr);
    ~TemplatesDialog() override;

    /// The templates listed, in the order shown.
    const QList<documents::OutgoingTemplate> &templates() const { return m_templates; }
    /// "PDF", "Word (.docx)", "OpenDocument (.odt)".
    static QString formatName(const documents::OutgoingTemplate &t);
    /// Why Word and OpenDocument templates cannot be used on this machine (LibreOffice is missing).
    static QString officeUnavailableNote();

public Q_SLOTS:
    void reload();
    void addTemplate();
    /// Asks, then removes the template selected in the list.
    void removeSelected();

Q_SIGNALS:
    /// The list was read (again).
    void loaded();

private:
    void setBusy(bool busy, const QString &status = {});
    void showError(const core::Error &error);

    std::unique_ptr<Ui::TemplatesDialog> m_ui;
    Session &m_session;
    QList<documents::OutgoingTemplate> m_templates;
    QString m_select; // the template to select once the list is read again
    QString m_notice; // what was just done, said with the count once the list is read again
    int m_generation = 0;
    BusyCursor m_busy;
};

} // namespace govdesk::gui
