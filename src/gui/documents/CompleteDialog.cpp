#include "CompleteDialog.h"

#include "gui/Session.h"
#include "ui_CompleteDialog.h"

#include <QApplication>
#include <QPushButton>

namespace govdesk::gui {

CompleteDialog::CompleteDialog(Session &session, const documents::IncomingDocument &doc, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::CompleteDialog>()), m_session(session), m_id(doc.id)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("completeDialog"));
    m_ui->documentLabel->setText(tr("Arrival no. %1, %2 of %3: %4")
                                     .arg(doc.arrivalNumber)
                                     .arg(doc.reference(), doc.authorName, doc.subject));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Complete"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CompleteDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &CompleteDialog::reject);
    m_ui->replyEdit->setFocus();
}

CompleteDialog::~CompleteDialog()
{
    if (m_busy)
        QApplication::restoreOverrideCursor();
}

void CompleteDialog::accept()
{
    if (m_busy)
        return;
    m_busy = true;
    m_ui->errorLabel->hide();
    m_ui->buttonBox->setEnabled(false);
    QApplication::setOverrideCursor(Qt::BusyCursor);
    Session *session = &m_session;
    const QString id = m_id;
    const QString reply = m_ui->replyEdit->text().trimmed();
    const QString note = m_ui->noteEdit->toPlainText().trimmed();
    m_session.run(
        this,
        [session, id, reply, note]() {
            return session->incoming().complete(session->user(), id, reply, note);
        },
        [this](const core::Result<documents::IncomingDocument> &r) {
            m_busy = false;
            QApplication::restoreOverrideCursor();
            m_ui->buttonBox->setEnabled(true);
            if (!r) {
                m_ui->errorLabel->setText(r.error().text());
                m_ui->errorLabel->show();
                return;
            }
            QDialog::accept();
        });
}

} // namespace govdesk::gui
