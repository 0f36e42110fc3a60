#include "DocumentActionDialog.h"

#include "gui/Session.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>

namespace govdesk::gui {

DocumentActionDialog::DocumentActionDialog(Session &session, QWidget *parent)
    : QDialog(parent), m_session(session)
{}

DocumentActionDialog::~DocumentActionDialog() = default;

QString DocumentActionDialog::errorText(const core::Error &error) const
{
    return error.text();
}

void DocumentActionDialog::run(std::function<core::Error(Session &)> action, QDialogButtonBox *buttons,
                               QLabel *errorLabel)
{
    if (m_busy.isBusy())
        return;
    m_busy.set(true);
    errorLabel->hide();
    buttons->setEnabled(false);
    Session *session = &m_session;
    m_session.run(
        this, [session, action]() { return action(*session); },
        [this, buttons, errorLabel](const core::Error &error) {
            m_busy.set(false);
            buttons->setEnabled(true);
            if (!error.isNull()) {
                errorLabel->setText(errorText(error));
                errorLabel->show();
                return;
            }
            QDialog::accept();
        });
}

} // namespace govdesk::gui
