#include "IssuingBodiesDialog.h"

#include "documents/OutgoingService.h"
#include "gui/Session.h"
#include "ui_IssuingBodiesDialog.h"

#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>

namespace govdesk::gui {

using documents::IssuingBody;
using documents::OutgoingService;

static constexpr int IdRole = Qt::UserRole + 1;

IssuingBodiesDialog::IssuingBodiesDialog(Session &session, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::IssuingBodiesDialog>()), m_session(session)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("issuingBodiesDialog"));
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setText(tr("&Close"));
    QHeaderView *header = m_ui->bodiesTree->header();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(1, QHeaderView::Stretch);
    header->setStretchLastSection(false);

    connect(m_ui->showInactiveCheck, &QCheckBox::toggled, this, &IssuingBodiesDialog::reload);
    connect(m_ui->bodiesTree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_ui->deactivateButton->setEnabled(!m_busy.isBusy() && item && !item->isDisabled());
    });
    connect(m_ui->deactivateButton, &QPushButton::clicked, this, &IssuingBodiesDialog::deactivateSelected);
    connect(m_ui->addButton, &QPushButton::clicked, this, &IssuingBodiesDialog::addBody);
    for (QLineEdit *edit : {m_ui->nameEdit, m_ui->abbrEdit}) {
        connect(edit, &QLineEdit::returnPressed, this, &IssuingBodiesDialog::addBody);
        connect(edit, &QLineEdit::textEdited, m_ui->errorLabel, &QWidget::hide);
    }
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(sizeHint().expandedTo(QSize(780, 520)));
    reload();
}

IssuingBodiesDialog::~IssuingBodiesDialog() = default;

void IssuingBodiesDialog::setBusy(bool busy, const QString &status)
{
    m_busy.set(busy);
    m_ui->addButton->setEnabled(!busy);
    QTreeWidgetItem *current = m_ui->bodiesTree->currentItem();
    m_ui->deactivateButton->setEnabled(!busy && current && !current->isDisabled());
    if (!status.isEmpty())
        m_ui->statusLabel->setText(status);
}

void IssuingBodiesDialog::showError(const core::Error &error)
{
    m_ui->errorLabel->setText(error.bilingual());
    m_ui->errorLabel->show();
}

void IssuingBodiesDialog::reload()
{
    const int generation = ++m_generation;
    const bool inactive = m_ui->showInactiveCheck->isChecked();
    Session *session = &m_session;
    m_session.run(
        this, [session, inactive]() { return OutgoingService(session->database()).issuingBodies(inactive); },
        [this, generation](const core::Result<QList<IssuingBody>> &bodies) {
            if (generation != m_generation)
                return;
            QTreeWidget *tree = m_ui->bodiesTree;
            tree->clear();
            if (!bodies) {
                m_bodies.clear();
                m_ui->statusLabel->setText(bodies.error().bilingual());
                return;
            }
            m_bodies = bodies.value();
            QTreeWidgetItem *select = nullptr;
            for (const IssuingBody &b : std::as_const(m_bodies)) {
                auto *item = new QTreeWidgetItem(
                    tree, {b.abbr, b.name, tr("Outgoing register of %1").arg(b.abbr),
                           b.active ? tr("Issues documents") : tr("No longer issues documents")});
                item->setData(0, IdRole, b.id);
                // A body that stopped issuing is history: listed, not selectable.
                item->setDisabled(!b.active);
                if (b.id == m_select)
                    select = item;
            }
            if (select)
                tree->setCurrentItem(select);
            m_select.clear();
            const QString count = tr("%n advisory body(ies) listed.", nullptr, int(m_bodies.size()));
            m_ui->statusLabel->setText(m_notice.isEmpty() ? count : m_notice + QStringLiteral(". ") + count);
            m_notice.clear();
            Q_EMIT loaded();
        });
}

void IssuingBodiesDialog::addBody()
{
    if (m_busy.isBusy())
        return;
    m_ui->errorLabel->hide();
    const QString name = m_ui->nameEdit->text();
    const QString abbr = m_ui->abbrEdit->text().trimmed();
    setBusy(true, tr("Adding the advisory body…"));
    Session *session = &m_session;
    m_session.run(
        this,
        [session, name, abbr]() {
            return OutgoingService(session->database()).addIssuingBody(session->user(), name, abbr);
        },
        [this](const core::Result<IssuingBody> &added) {
            setBusy(false, QStringLiteral(" "));
            if (!added) {
                showError(added.error());
                return;
            }
            m_ui->nameEdit->clear();
            m_ui->abbrEdit->clear();
            m_select = added->id;
            m_notice = tr("Advisory body added: %1 (%2)").arg(added->name, added->abbr);
            reload();
        });
}

void IssuingBodiesDialog::deactivateSelected()
{
    QTreeWidgetItem *item = m_ui->bodiesTree->currentItem();
    if (m_busy.isBusy() || !item || item->isDisabled())
        return;
    const QString id = item->data(0, IdRole).toString();
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Stop issuing"),
        tr("Stop \"%1\" from issuing documents? No new document can be drafted in its name; its register "
           "and the documents it issued are kept.")
            .arg(item->text(1)),
        QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("deactivateBodyQuestion"));
    box->button(QMessageBox::Yes)->setText(tr("&Stop issuing"));
    box->button(QMessageBox::No)->setText(tr("Cancel"));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, id](QAbstractButton *button) {
        if (box->standardButton(button) != QMessageBox::Yes)
            return;
        setBusy(true, tr("Saving…"));
        Session *session = &m_session;
        m_session.run(
            this,
            [session, id]() {
                return OutgoingService(session->database()).deactivateIssuingBody(session->user(), id);
            },
            [this](const core::Result<IssuingBody> &stopped) {
                setBusy(false, QStringLiteral(" "));
                if (!stopped) {
                    showError(stopped.error());
                    return;
                }
                m_notice = tr("%1 no longer issues documents").arg(stopped->name);
                reload();
            });
    });
    box->open();
}

} // namespace govdesk::gui
