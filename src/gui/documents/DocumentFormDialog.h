#pragma once

#include "gui/widgets/BusyCursor.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace govdesk::core {
struct OrgUnit;
}

namespace govdesk::gui {

class FoldingCompleter;
class Session;

/// Base of the forms that write a document through a service (register an incoming document, draft an
/// outgoing one), built for the keyboard: Enter saves and Esc cancels, the save runs in a worker under a busy
/// cursor, and the service's refusal is shown beside the field it concerns, in colour, until the field is
/// touched; nothing typed is lost. It also fills the fields every document form has.
class DocumentFormDialog : public QDialog
{
    Q_OBJECT
protected:
    DocumentFormDialog(Session &session, QWidget *parent);
    ~DocumentFormDialog() override;

    /// Names the save button `saveText`, makes it the default and connects the box to accept and reject.
    void setUpButtons(QDialogButtonBox *buttons, const QString &saveText);
    /// While the service works: the busy cursor, and the save button disabled.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy.isBusy(); }

    /// Hides the field's message (and takes the colour off the field) as soon as the field changes.
    void watchField(QWidget *field, QLabel *error);
    /// Shows `text` beside `field`, colours the field and puts the cursor in it.
    void markInvalid(QWidget *field, QLabel *label, const QString &text);
    /// Where a message that concerns no single field goes.
    void setGeneralErrorLabel(QLabel *label) { m_generalError = label; }
    void showGeneralError(const QString &text);
    /// Hides every message and takes the colour off every field.
    void clearErrors();

    /// A one-paragraph field in which Enter saves, like everywhere else in the form.
    void saveOnEnter(QPlainTextEdit *edit);
    /// Enter or Return pressed without Shift.
    static bool isEnter(const QEvent *event);

    /// The document types of the workspace, the general one (công văn) chosen.
    void fillDocumentTypes(QComboBox *combo);
    static void fillUrgencies(QComboBox *combo);
    static void fillSecrecies(QComboBox *combo);
    /// An organisation to choose by name, abbreviation or identifier code, with or without diacritics.
    static void addOrganisation(QComboBox *combo, const core::OrgUnit &unit, const QVariant &data);
    /// Completion over the organisations added, nothing chosen yet.
    static FoldingCompleter *completeOrganisations(QComboBox *combo, const QString &placeholder);

    bool eventFilter(QObject *watched, QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    /// Local files dropped onto the form.
    virtual void filesDropped(const QStringList &paths) = 0;

    Session &m_session;

private:
    QPushButton *m_save = nullptr;
    QLabel *m_generalError = nullptr;
    BusyCursor m_busy;
    QList<QLabel *> m_errorLabels;
    QList<QWidget *> m_invalid;
    QList<QObject *> m_saveOnEnter;
};

} // namespace govdesk::gui
