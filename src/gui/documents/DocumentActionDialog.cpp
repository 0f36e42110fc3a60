#include "DocumentActionDialog.h"

#include "gui/Session.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>

namespace govdesk::gui {

DocumentActionDialog::DocumentActionDialog(Session &session, QWidget *parent)
    : QDialog(parent), m_session(session)
{}

DocumentActionDialog::~DocumentActionDialog()
{
    if (m_busy)
        QApplication::restoreOverrideCursor();
}

void DocumentActionDialog::submit(Action action, QDialogButtonBox *buttons, QLabel *errorLabel)
{
    if (m_busy)
        return;
    m_busy = true;
    errorLabel->hide();
    buttons->setEnabled(false);
    QApplication::setOverrideCursor(Qt::BusyCursor);
    Session *session = &m_session;
    m_session.run(
        this, [session, action]() { return action(*session); },
        [this, buttons, errorLabel](const core::Result<documents::IncomingDocument> &r) {
            m_busy = false;
            QApplication::restoreOverrideCursor();
            buttons->setEnabled(true);
            if (!r) {
                errorLabel->setText(r.error().text());
                errorLabel->show();
                return;
            }
            QDialog::accept();
        });
}

} // namespace govdesk::gui
