#include "AssignDialog.h"

#include "core/VietnameseDate.h"
#include "gui/Session.h"
#include "ui_AssignDialog.h"

#include <QApplication>
#include <QPushButton>

namespace govdesk::gui {

AssignDialog::AssignDialog(Session &session, const documents::IncomingDocument &doc, QWidget *parent)
    : DocumentActionDialog(session, parent), m_ui(std::make_unique<Ui::AssignDialog>()), m_id(doc.id)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("assignDialog"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Assign"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    m_ui->documentLabel->setText(tr("Arrival no. %1, %2 of %3: %4")
                                     .arg(doc.arrivalNumber)
                                     .arg(doc.reference(), doc.authorName, doc.subject));

    const std::optional<documents::Assignment> current = doc.assignment;
    m_ui->leadUserCombo->addItem(tr("(no one in person)"), QString());
    for (const core::User &u : session.data().users) {
        if (!u.active || u.role == core::Role::Admin || u.role == core::Role::Clerk)
            continue;
        const QString unit = session.unitName(u.unitId);
        QString text = u.fullName;
        if (!u.position.isEmpty())
            text += QStringLiteral(" — ") + u.position;
        if (!unit.isEmpty())
            text += QStringLiteral(", ") + unit;
        m_ui->leadUserCombo->addItem(text, u.id);
    }
    m_ui->leadUnitCombo->addItem(tr("(no unit)"), QString());
    for (const core::OrgUnit &u : session.internalUnits()) {
        m_ui->leadUnitCombo->addItem(u.name, u.id);
        auto *item = new QListWidgetItem(u.name, m_ui->coopList);
        item->setData(Qt::UserRole, u.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(current && current->coopUnitIds.contains(u.id) ? Qt::Checked : Qt::Unchecked);
    }
    if (current) {
        m_ui->leadUserCombo->setCurrentIndex(std::max(0, m_ui->leadUserCombo->findData(current->leadUserId)));
        m_ui->leadUnitCombo->setCurrentIndex(std::max(0, m_ui->leadUnitCombo->findData(current->leadUnitId)));
        m_ui->opinionEdit->setPlainText(current->opinion);
    }
    const QDate deadline = current && current->deadline.isValid() ? current->deadline : doc.deadline;
    m_ui->deadlineCheck->setChecked(deadline.isValid());
    m_ui->deadlineEdit->setEnabled(deadline.isValid());
    m_ui->deadlineEdit->setDate(deadline.isValid() ? deadline : QDate::currentDate().addDays(7));
    connect(m_ui->deadlineCheck, &QCheckBox::toggled, m_ui->deadlineEdit, &QWidget::setEnabled);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &AssignDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &AssignDialog::reject);
    m_ui->leadUserCombo->setFocus();
}

AssignDialog::~AssignDialog() = default;

documents::Assignment AssignDialog::assignment() const
{
    documents::Assignment a;
    a.leadUserId = m_ui->leadUserCombo->currentData().toString();
    a.leadUnitId = m_ui->leadUnitCombo->currentData().toString();
    for (int i = 0; i < m_ui->coopList->count(); ++i)
        if (m_ui->coopList->item(i)->checkState() == Qt::Checked)
            a.coopUnitIds << m_ui->coopList->item(i)->data(Qt::UserRole).toString();
    if (m_ui->deadlineCheck->isChecked())
        a.deadline = m_ui->deadlineEdit->date();
    a.opinion = m_ui->opinionEdit->toPlainText().trimmed();
    return a;
}

void AssignDialog::accept()
{
    const QString id = m_id;
    const documents::Assignment a = assignment();
    submit([id, a](Session &s) { return s.incoming().assign(s.user(), id, a); }, m_ui->buttonBox,
           m_ui->errorLabel);
}

} // namespace govdesk::gui
