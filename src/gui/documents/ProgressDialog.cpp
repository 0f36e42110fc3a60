#include "ProgressDialog.h"

#include "gui/Session.h"
#include "ui_ProgressDialog.h"

#include <QApplication>
#include <QPushButton>

namespace govdesk::gui {

ProgressDialog::ProgressDialog(Session &session, const documents::IncomingDocument &doc, Purpose purpose,
                               QWidget *parent)
    : DocumentActionDialog(session, parent), m_ui(std::make_unique<Ui::ProgressDialog>()), m_id(doc.id),
      m_purpose(purpose)
{
    m_ui->setupUi(this);
    m_ui->documentLabel->setText(tr("Arrival no. %1, %2 of %3: %4")
                                     .arg(doc.arrivalNumber)
                                     .arg(doc.reference(), doc.authorName, doc.subject));
    QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    if (purpose == Purpose::Return) {
        setObjectName(QStringLiteral("returnDialog"));
        setWindowTitle(tr("Return to sender"));
        m_ui->noteLabel->setText(tr("&Reason:"));
        m_ui->noteEdit->setPlaceholderText(tr("e.g. Sent to the wrong agency; it belongs to …"));
        ok->setText(tr("&Return"));
    } else {
        setObjectName(QStringLiteral("progressDialog"));
        m_ui->noteEdit->setPlaceholderText(tr("What has been done, what is pending"));
        ok->setText(tr("&Record"));
    }
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ProgressDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ProgressDialog::reject);
    m_ui->noteEdit->setFocus();
}

ProgressDialog::~ProgressDialog() = default;

void ProgressDialog::accept()
{
    const QString id = m_id;
    const QString note = m_ui->noteEdit->toPlainText().trimmed();
    const Purpose purpose = m_purpose;
    submit(
        [id, note, purpose](Session &s) {
            if (purpose == Purpose::Return)
                return s.incoming().returnToSender(s.user(), id, note);
            return s.incoming().recordProgress(s.user(), id, note);
        },
        m_ui->buttonBox, m_ui->errorLabel);
}

} // namespace govdesk::gui
