#include "TemplatesDialog.h"

#include "gui/Session.h"
#include "gui/documents/DocumentFormat.h"
#include "ui_TemplatesDialog.h"

#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>

namespace govdesk::gui {

using documents::OutgoingTemplate;
using documents::OutgoingTemplates;

static constexpr int IdRole = Qt::UserRole + 1;

TemplateList TemplateList::read(Session &session, const QString &typeAbbr, bool includeRemoved)
{
    TemplateList l;
    l.templates = OutgoingTemplates(session.database()).list(session.user(), typeAbbr, includeRemoved);
    l.officeAvailable = OutgoingTemplates::officeConversionAvailable();
    return l;
}

QString TemplatesDialog::formatName(const OutgoingTemplate &t)
{
    if (t.format == QLatin1String("docx"))
        return tr("Word (.docx)");
    if (t.format == QLatin1String("odt"))
        return tr("OpenDocument (.odt)");
    return tr("PDF");
}

QString TemplatesDialog::officeUnavailableNote()
{
    return tr("LibreOffice is not installed on this computer, so Word and OpenDocument templates (.docx, "
              ".odt) cannot be turned into PDF here. Ask IT to install it, or use a PDF template.");
}

TemplatesDialog::TemplatesDialog(Session &session, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::TemplatesDialog>()), m_session(session)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("templatesDialog"));
    m_ui->filterCombo->addItem(tr("All document types"), QString());
    int general = 0;
    for (const documents::DocumentType &t : m_session.data().documentTypes) {
        m_ui->filterCombo->addItem(t.name, t.abbr);
        m_ui->typeCombo->addItem(t.name, t.abbr);
        if (t.abbr == QLatin1String("CV"))
            general = m_ui->typeCombo->count() - 1;
    }
    m_ui->typeCombo->setCurrentIndex(general);
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setText(tr("&Close"));
    QHeaderView *header = m_ui->templatesTree->header();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(1, QHeaderView::Stretch);
    header->setStretchLastSection(false);

    connect(m_ui->filterCombo, &QComboBox::currentIndexChanged, this, [this] {
        // A template added next is most likely of the type looked at.
        const QString type = m_ui->filterCombo->currentData().toString();
        if (!type.isEmpty())
            m_ui->typeCombo->setCurrentIndex(m_ui->typeCombo->findData(type));
        reload();
    });
    connect(m_ui->showRemovedCheck, &QCheckBox::toggled, this, &TemplatesDialog::reload);
    connect(m_ui->templatesTree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_ui->removeButton->setEnabled(!m_busy.isBusy() && item && !item->isDisabled());
    });
    connect(m_ui->removeButton, &QPushButton::clicked, this, &TemplatesDialog::removeSelected);
    connect(m_ui->addButton, &QPushButton::clicked, this, &TemplatesDialog::addTemplate);
    connect(m_ui->nameEdit, &QLineEdit::returnPressed, this, &TemplatesDialog::addTemplate);
    connect(m_ui->fileEdit, &QLineEdit::returnPressed, this, &TemplatesDialog::addTemplate);
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString current = m_ui->fileEdit->text().trimmed();
        const QString start = current.isEmpty()
                                  ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                                  : QFileInfo(current).absolutePath();
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose the template"), start, tr("Templates (*.pdf *.docx *.odt);;All files (*)"));
        if (!path.isEmpty())
            m_ui->fileEdit->setText(QDir::toNativeSeparators(path));
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_ui->nameEdit, m_ui->fileEdit})
        connect(edit, &QLineEdit::textEdited, m_ui->errorLabel, &QWidget::hide);
    resize(sizeHint().expandedTo(QSize(880, 600)));
    reload();
}

TemplatesDialog::~TemplatesDialog() = default;

void TemplatesDialog::setBusy(bool busy, const QString &status)
{
    m_busy.set(busy);
    m_ui->addButton->setEnabled(!busy);
    QTreeWidgetItem *current = m_ui->templatesTree->currentItem();
    m_ui->removeButton->setEnabled(!busy && current && !current->isDisabled());
    if (!status.isEmpty())
        m_ui->statusLabel->setText(status);
}

void TemplatesDialog::showError(const core::Error &error)
{
    m_ui->errorLabel->setText(error.bilingual());
    m_ui->errorLabel->show();
}

void TemplatesDialog::reload()
{
    const int generation = ++m_generation;
    const QString type = m_ui->filterCombo->currentData().toString();
    const bool removed = m_ui->showRemovedCheck->isChecked();
    Session *session = &m_session;
    m_session.run(
        this, [session, type, removed]() { return TemplateList::read(*session, type, removed); },
        [this, generation](const TemplateList &l) {
            if (generation != m_generation)
                return;
            QTreeWidget *tree = m_ui->templatesTree;
            tree->clear();
            m_ui->noteLabel->setText(officeUnavailableNote());
            m_ui->noteLabel->setVisible(!l.officeAvailable);
            if (!l.templates) {
                m_templates.clear();
                m_ui->statusLabel->setText(l.templates.error().bilingual());
                return;
            }
            m_templates = l.templates.value();
            QTreeWidgetItem *select = nullptr;
            for (const OutgoingTemplate &t : std::as_const(m_templates)) {
                QString format = formatName(t);
                if (!t.isPdf() && !l.officeAvailable)
                    format = tr("%1 — needs LibreOffice").arg(format);
                auto *item =
                    new QTreeWidgetItem(tree, {t.typeName, t.active ? t.name : tr("%1 (removed)").arg(t.name),
                                               format, t.fileName, m_session.userDisplayName(t.uploadedBy),
                                               dateText(t.uploadedAt.toLocalTime().date())});
                item->setData(0, IdRole, t.id);
                item->setToolTip(
                    3, QStringLiteral("%1 — %2").arg(t.fileName, QLocale().formattedDataSize(t.size)));
                if (!t.isPdf() && !l.officeAvailable)
                    item->setForeground(2, QBrush(QColor(0x8a, 0x45, 0x00)));
                // A removed template is history: listed, not selectable for removal.
                item->setDisabled(!t.active);
                if (t.id == m_select)
                    select = item;
            }
            if (select)
                tree->setCurrentItem(select);
            m_select.clear();
            const QString count = tr("%n template(s) listed.", nullptr, int(m_templates.size()));
            m_ui->statusLabel->setText(m_notice.isEmpty() ? count : m_notice + QStringLiteral(". ") + count);
            m_notice.clear();
            Q_EMIT loaded();
        });
}

void TemplatesDialog::addTemplate()
{
    if (m_busy.isBusy())
        return;
    m_ui->errorLabel->hide();
    const QString type = m_ui->typeCombo->currentData().toString();
    const QString name = m_ui->nameEdit->text();
    const QString path = QDir::fromNativeSeparators(m_ui->fileEdit->text().trimmed());
    setBusy(true, tr("Adding the template…"));
    Session *session = &m_session;
    m_session.run(
        this,
        [session, type, name, path]() {
            return OutgoingTemplates(session->database())
                .add(session->user(), type, name, documents::AttachmentSource{path, {}, {}});
        },
        [this](const core::Result<OutgoingTemplate> &added) {
            setBusy(false, QStringLiteral(" "));
            if (!added) {
                showError(added.error());
                return;
            }
            m_ui->nameEdit->clear();
            m_ui->fileEdit->clear();
            m_select = added->id;
            m_notice = tr("Template added: %1").arg(added->name);
            reload();
        });
}

void TemplatesDialog::removeSelected()
{
    QTreeWidgetItem *item = m_ui->templatesTree->currentItem();
    if (m_busy.isBusy() || !item || item->isDisabled())
        return;
    const QString id = item->data(0, IdRole).toString();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove template"),
                                tr("Remove the template \"%1\"? Drafters will no longer be offered it; the "
                                   "drafts already made from it are kept.")
                                    .arg(item->text(1)),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("removeTemplateQuestion"));
    box->button(QMessageBox::Yes)->setText(tr("&Remove the template"));
    box->button(QMessageBox::No)->setText(tr("Cancel"));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, id](QAbstractButton *button) {
        if (box->standardButton(button) != QMessageBox::Yes)
            return;
        setBusy(true, tr("Removing the template…"));
        Session *session = &m_session;
        m_session.run(
            this,
            [session, id]() { return OutgoingTemplates(session->database()).remove(session->user(), id); },
            [this](const core::Result<OutgoingTemplate> &removed) {
                setBusy(false, QStringLiteral(" "));
                if (!removed) {
                    showError(removed.error());
                    return;
                }
                m_notice = tr("Template removed: %1").arg(removed->name);
                reload();
            });
    });
    box->open();
}

} // namespace govdesk::gui
