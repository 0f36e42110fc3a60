#include "CompleteDialog.h"

#include "gui/Session.h"
#include "ui_CompleteDialog.h"

#include <QApplication>
#include <QPushButton>

namespace govdesk::gui {

CompleteDialog::CompleteDialog(Session &session, const documents::IncomingDocument &doc, QWidget *parent)
    : DocumentActionDialog(session, parent), m_ui(std::make_unique<Ui::CompleteDialog>()), m_id(doc.id)
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

CompleteDialog::~CompleteDialog() = default;

void CompleteDialog::accept()
{
    const QString id = m_id;
    const QString reply = m_ui->replyEdit->text().trimmed();
    const QString note = m_ui->noteEdit->toPlainText().trimmed();
    submit([id, reply, note](Session &s) { return s.incoming().complete(s.user(), id, reply, note); },
           m_ui->buttonBox, m_ui->errorLabel);
}

} // namespace govdesk::gui
