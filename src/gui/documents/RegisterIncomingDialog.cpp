#include "RegisterIncomingDialog.h"

#include "core/VietnameseDate.h"
#include "gui/Session.h"
#include "gui/scanning/IncomingScanPanel.h"
#include "ui_RegisterIncomingDialog.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStandardPaths>

namespace govdesk::gui {

using documents::DuplicateHit;
using documents::IncomingDocument;
using documents::IncomingDraft;
using documents::Secrecy;
using documents::Urgency;

static constexpr int PathRole = Qt::UserRole + 1;
static constexpr int SecretRole = Qt::UserRole + 2;

RegisterIncomingDialog::RegisterIncomingDialog(Session &session, QWidget *parent)
    : DocumentFormDialog(session, parent), m_ui(std::make_unique<Ui::RegisterIncomingDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("registerIncomingDialog"));
    setAcceptDrops(true);
    setUpButtons(m_ui->buttonBox, tr("&Register"));

    // Who sent it: every organisation the workspace knows, found by name, abbreviation or code, with or
    // without diacritics; a name not in the list is accepted as typed.
    for (const core::OrgUnit &u : m_session.externalUnits())
        addOrganisation(m_ui->authorCombo, u, u.id);
    completeOrganisations(m_ui->authorCombo, tr("Issuing organisation (name, abbreviation or code)"));
    fillDocumentTypes(m_ui->typeCombo);

    for (const documents::IncomingService::Book &b : m_session.data().books) {
        m_ui->bookCombo->addItem(b.name, b.id);
        m_ui->bookCombo->setItemData(m_ui->bookCombo->count() - 1, b.secret, SecretRole);
    }
    fillUrgencies(m_ui->urgencyCombo);
    fillSecrecies(m_ui->secrecyCombo);
    m_ui->receiveMethodCombo->addItem(tr("Paper"), QStringLiteral("paper"));
    m_ui->receiveMethodCombo->addItem(tr("Electronic"), QStringLiteral("electronic"));

    const QDate today = QDate::currentDate();
    m_ui->arrivalDateEdit->setDate(today);
    m_ui->documentDateEdit->setDate(today);
    m_ui->deadlineEdit->setDate(today.addDays(7));
    saveOnEnter(m_ui->subjectEdit);
    m_ui->attachmentsList->viewport()->installEventFilter(this);
    m_ui->attachmentsList->setAcceptDrops(true);

    connect(m_ui->secrecyCombo, &QComboBox::currentIndexChanged, this,
            &RegisterIncomingDialog::onSecrecyChanged);
    connect(m_ui->bookCombo, &QComboBox::currentIndexChanged, this,
            &RegisterIncomingDialog::updateNextNumber);
    connect(m_ui->arrivalDateEdit, &QDateEdit::dateChanged, this, [this](const QDate &from) {
        if (!m_ui->deadlineCheck->isChecked())
            m_ui->deadlineEdit->setDate(from.addDays(7));
        updateNextNumber();
    });
    connect(m_ui->deadlineCheck, &QCheckBox::toggled, m_ui->deadlineEdit, &QWidget::setEnabled);
    connect(m_ui->addAttachmentButton, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Attach files"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
            tr("PDF and scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"));
        addAttachments(files);
    });
    connect(m_ui->removeAttachmentButton, &QPushButton::clicked, this, [this] {
        delete m_ui->attachmentsList->currentItem();
        updateAttachmentButtons();
    });
    connect(m_ui->attachmentsList, &QListWidget::currentRowChanged, this,
            &RegisterIncomingDialog::updateAttachmentButtons);
    // A correction clears the field's message as soon as the clerk touches it.
    watchField(m_ui->authorCombo, m_ui->authorError);
    watchField(m_ui->typeCombo, m_ui->typeError);
    watchField(m_ui->numberEdit, m_ui->numberError);
    watchField(m_ui->notationEdit, m_ui->notationError);
    watchField(m_ui->documentDateEdit, m_ui->documentDateError);
    watchField(m_ui->subjectEdit, m_ui->subjectError);
    watchField(m_ui->pageCountSpin, m_ui->pagesError);
    watchField(m_ui->arrivalDateEdit, m_ui->arrivalDateError);
    watchField(m_ui->deadlineEdit, m_ui->deadlineError);
    watchField(m_ui->bookCombo, m_ui->bookError);
    setGeneralErrorLabel(m_ui->generalError);

    onSecrecyChanged();
    updateNextNumber();
    updateAttachmentButtons();

    // Số hóa: the scan panel in a third column; its proposals go under the fields they fill.
    IncomingScanPanel::Form scanForm;
    scanForm.author = m_ui->authorCombo;
    scanForm.type = m_ui->typeCombo;
    scanForm.number = m_ui->numberEdit;
    scanForm.notation = m_ui->notationEdit;
    scanForm.documentDate = m_ui->documentDateEdit;
    scanForm.subject = m_ui->subjectEdit;
    scanForm.pageCount = m_ui->pageCountSpin;
    scanForm.authorLayout = m_ui->authorLayout;
    scanForm.typeLayout = m_ui->typeLayout;
    scanForm.referenceLayout = m_ui->referenceLayout;
    scanForm.documentDateLayout = m_ui->documentDateLayout;
    scanForm.subjectLayout = m_ui->subjectLayout;
    scanForm.setFile = [this](const QString &from, const QString &to) { replaceAttachment(from, to); };
    m_scanPanel = new IncomingScanPanel(m_session, scanForm, this);
    m_ui->mainLayout->addWidget(m_scanPanel, 0, 2);
    m_ui->mainLayout->addWidget(m_ui->generalError, 1, 0, 1, 3);
    m_ui->mainLayout->addWidget(m_ui->buttonBox, 2, 0, 1, 3);
    m_ui->mainLayout->setColumnStretch(2, 2);

    m_ui->authorCombo->setFocus();
    resize(sizeHint().expandedTo(QSize(1240, 0)));
}

RegisterIncomingDialog::~RegisterIncomingDialog() = default;

void RegisterIncomingDialog::editDocument(const IncomingDocument &doc)
{
    m_editId = doc.id;
    m_editVersion = doc.version;
    m_editNumber = doc.arrivalNumber;
    setWindowTitle(tr("Correct register entry no. %1").arg(doc.arrivalNumber));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Save"));

    const int book = m_ui->bookCombo->findData(doc.bookId);
    {
        const QSignalBlocker block(m_ui->secrecyCombo);
        m_ui->secrecyCombo->setCurrentIndex(m_ui->secrecyCombo->findData(int(doc.secrecy)));
    }
    m_ui->bookCombo->setCurrentIndex(book);
    m_ui->bookCombo->setEnabled(false);
    m_ui->authorCombo->setEditText(doc.authorName);
    if (const int t = m_ui->typeCombo->findData(doc.typeAbbr); t >= 0)
        m_ui->typeCombo->setCurrentIndex(t);
    m_ui->numberEdit->setText(doc.number);
    m_ui->notationEdit->setText(doc.notation);
    m_ui->arrivalDateEdit->setDate(doc.arrivalDate);
    if (doc.documentDate.isValid())
        m_ui->documentDateEdit->setDate(doc.documentDate);
    m_ui->subjectEdit->setPlainText(doc.subject);
    m_ui->urgencyCombo->setCurrentIndex(m_ui->urgencyCombo->findData(int(doc.urgency)));
    m_ui->pageCountSpin->setValue(doc.pageCount);
    m_ui->recipientsEdit->setText(doc.recipients);
    m_ui->signerNameEdit->setText(doc.signerName);
    m_ui->signerPositionEdit->setText(doc.signerPosition);
    m_ui->deadlineCheck->setChecked(doc.deadline.isValid());
    if (doc.deadline.isValid())
        m_ui->deadlineEdit->setDate(doc.deadline);
    m_ui->receiveMethodCombo->setCurrentIndex(m_ui->receiveMethodCombo->findData(doc.receiveMethod));
    m_ui->notesEdit->setText(doc.notes);
    // Files are part of the record as received; a correction does not change them.
    m_ui->attachmentsList->clear();
    for (const documents::Attachment &a : doc.attachments)
        m_ui->attachmentsList->addItem(a.fileName);
    m_ui->attachmentsList->setEnabled(false);
    m_ui->addAttachmentButton->setEnabled(false);
    m_ui->removeAttachmentButton->setEnabled(false);
    m_ui->attachmentsHint->setText(tr("The files received with the document cannot be changed."));
    setAcceptDrops(false);
    m_scanPanel->hide();
    resize(sizeHint().expandedTo(QSize(900, 0)));
    updateNextNumber();
}

IncomingDraft RegisterIncomingDialog::draft() const
{
    IncomingDraft d;
    d.bookId = m_ui->bookCombo->currentData().toString();
    d.arrivalDate = m_ui->arrivalDateEdit->date();
    d.authorName = m_ui->authorCombo->currentText();
    if (const int i = m_ui->authorCombo->findText(d.authorName); i >= 0) {
        for (const core::OrgUnit &u : m_session.data().units)
            if (u.id == m_ui->authorCombo->itemData(i).toString())
                d.authorCode = u.code;
    }
    d.number = m_ui->numberEdit->text();
    d.notation = m_ui->notationEdit->text();
    d.documentDate = m_ui->documentDateEdit->date();
    d.typeAbbr = m_ui->typeCombo->currentData().toString();
    d.subject = m_ui->subjectEdit->toPlainText();
    d.urgency = Urgency(m_ui->urgencyCombo->currentData().toInt());
    d.secrecy = Secrecy(m_ui->secrecyCombo->currentData().toInt());
    d.pageCount = m_ui->pageCountSpin->value();
    d.recipients = m_ui->recipientsEdit->text().trimmed();
    d.signerName = m_ui->signerNameEdit->text().simplified();
    d.signerPosition = m_ui->signerPositionEdit->text().simplified();
    if (m_ui->deadlineCheck->isChecked())
        d.deadline = m_ui->deadlineEdit->date();
    d.receiveMethod = m_ui->receiveMethodCombo->currentData().toString();
    d.notes = m_ui->notesEdit->text().trimmed();
    if (!isEditing())
        for (int i = 0; i < m_ui->attachmentsList->count(); ++i)
            d.attachments << documents::AttachmentSource{
                m_ui->attachmentsList->item(i)->data(PathRole).toString(), {}, {}};
    return d;
}

void RegisterIncomingDialog::addAttachments(const QStringList &paths)
{
    const QLocale locale;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.isFile())
            continue;
        bool present = false;
        for (int i = 0; i < m_ui->attachmentsList->count(); ++i)
            present = present ||
                      m_ui->attachmentsList->item(i)->data(PathRole).toString() == info.absoluteFilePath();
        if (present)
            continue;
        auto *item = new QListWidgetItem(
            QStringLiteral("%1  (%2)").arg(info.fileName(), locale.formattedDataSize(info.size())),
            m_ui->attachmentsList);
        item->setData(PathRole, info.absoluteFilePath());
        item->setToolTip(info.absoluteFilePath());
    }
    updateAttachmentButtons();
}

void RegisterIncomingDialog::replaceAttachment(const QString &from, const QString &to)
{
    int row = -1;
    const QString old = from.isEmpty() ? QString() : QFileInfo(from).absoluteFilePath();
    for (int i = 0; !old.isEmpty() && i < m_ui->attachmentsList->count(); ++i)
        if (m_ui->attachmentsList->item(i)->data(PathRole).toString() == old)
            row = i;
    if (row >= 0)
        delete m_ui->attachmentsList->takeItem(row);
    if (!to.isEmpty()) {
        const int before = m_ui->attachmentsList->count();
        addAttachments({to});
        // In the place of the file it replaces.
        if (row >= 0 && m_ui->attachmentsList->count() > before)
            m_ui->attachmentsList->insertItem(row, m_ui->attachmentsList->takeItem(before));
    }
    updateAttachmentButtons();
}

void RegisterIncomingDialog::updateAttachmentButtons()
{
    m_ui->removeAttachmentButton->setEnabled(!isEditing() && m_ui->attachmentsList->currentItem());
}

void RegisterIncomingDialog::onSecrecyChanged()
{
    // A classified document goes into a book for classified documents, and back.
    const bool secret = Secrecy(m_ui->secrecyCombo->currentData().toInt()) != Secrecy::None;
    if (m_ui->bookCombo->currentIndex() >= 0 && m_ui->bookCombo->currentData(SecretRole).toBool() == secret)
        return;
    for (int i = 0; i < m_ui->bookCombo->count(); ++i)
        if (m_ui->bookCombo->itemData(i, SecretRole).toBool() == secret) {
            m_ui->bookCombo->setCurrentIndex(i);
            return;
        }
}

void RegisterIncomingDialog::updateNextNumber()
{
    if (isEditing()) {
        m_ui->arrivalNumberLabel->setText(QString::number(m_editNumber));
        m_ui->arrivalNumberLabel->setToolTip(tr("The arrival number of a registered entry does not change"));
        return;
    }
    const QString book = m_ui->bookCombo->currentData().toString();
    const int year = m_ui->arrivalDateEdit->date().year();
    const int generation = ++m_numberGeneration;
    Session *session = &m_session;
    m_session.run(
        this, [session, book, year]() { return session->incoming().nextArrivalNumber(book, year); },
        [this, generation](const core::Result<int> &next) {
            if (generation != m_numberGeneration)
                return;
            m_ui->arrivalNumberLabel->setText(next ? QString::number(next.value()) : QStringLiteral("—"));
            m_ui->arrivalNumberLabel->setToolTip(
                tr("The number this document will get if no one registers another one first"));
        });
}

void RegisterIncomingDialog::accept()
{
    if (isBusy())
        return;
    // A scan being recognised: the document is saved with its searchable PDF once that is made.
    if (!isEditing() && m_scanPanel->holdSave([this] { accept(); }))
        return;
    clearErrors();
    checkDuplicatesThenSave(draft());
}

void RegisterIncomingDialog::checkDuplicatesThenSave(IncomingDraft d)
{
    if (d.number.trimmed().isEmpty() && d.notation.trimmed().isEmpty()) {
        save(d);
        return;
    }
    setBusy(true);
    const int year = d.documentDate.isValid() ? d.documentDate.year() : d.arrivalDate.year();
    Session *session = &m_session;
    const QString exclude = m_editId;
    m_session.run(
        this,
        [session, d, year, exclude]() {
            return session->incoming().findDuplicates(d.number, d.notation, d.authorName, year, exclude);
        },
        [this, d](const core::Result<QList<DuplicateHit>> &hits) {
            setBusy(false);
            if (!hits || hits->isEmpty()) {
                save(d); // a failed check is not a reason to stop: the service checks again on save
                return;
            }
            QStringList lines;
            for (const DuplicateHit &h : hits.value())
                lines << tr("• arrival no. %1 of %2: %3 from %4")
                             .arg(h.arrivalNumber)
                             .arg(core::VietnameseDate::shortDate(h.arrivalDate), h.reference, h.authorName);
            warnDuplicate(
                tr("This document looks like one already in the register:\n\n%1\n\nRegister it again "
                   "only if it really is a second document.")
                    .arg(lines.join(QLatin1Char('\n'))),
                d);
        });
}

void RegisterIncomingDialog::warnDuplicate(const QString &text, const IncomingDraft &d)
{
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Possible duplicate"), text, QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("duplicateWarning"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *anyway =
        box->addButton(isEditing() ? tr("Save &anyway") : tr("Register &anyway"), QMessageBox::AcceptRole);
    anyway->setObjectName(QStringLiteral("registerAnywayButton"));
    QPushButton *cancel = box->addButton(tr("&Go back"), QMessageBox::RejectRole);
    cancel->setObjectName(QStringLiteral("goBackButton"));
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::finished, this, [this, box, anyway, d] {
        if (box->clickedButton() == anyway) {
            IncomingDraft again = d;
            again.allowDuplicate = true;
            save(again);
        } else {
            m_ui->numberEdit->setFocus();
        }
    });
    box->open();
}

void RegisterIncomingDialog::save(IncomingDraft d)
{
    setBusy(true);
    Session *session = &m_session;
    const QString id = m_editId;
    const int version = m_editVersion;
    m_session.run(
        this,
        [session, d, id, version]() {
            if (id.isEmpty())
                return session->incoming().registerDocument(session->user(), d);
            return session->incoming().update(session->user(), id, d, version);
        },
        [this, d](const core::Result<IncomingDocument> &r) {
            setBusy(false);
            if (!r) {
                if (r.error().code() == QLatin1String("incoming.duplicate") && !d.allowDuplicate)
                    warnDuplicate(r.error().text(), d);
                else
                    showError(r.error());
                return;
            }
            m_saved = r.value();
            Q_EMIT saved(m_saved);
            QDialog::accept();
        });
}

void RegisterIncomingDialog::showError(const core::Error &error)
{
    // The service names the field in its error code; the message goes beside that field.
    struct Target
    {
        const char *code;
        QWidget *field;
        QLabel *label;
    };
    const Target targets[] = {
        {"incoming.author", m_ui->authorCombo, m_ui->authorError},
        {"incoming.subject", m_ui->subjectEdit, m_ui->subjectError},
        {"incoming.number", m_ui->numberEdit, m_ui->numberError},
        {"incoming.notation", m_ui->notationEdit, m_ui->notationError},
        {"incoming.arrival-future", m_ui->arrivalDateEdit, m_ui->arrivalDateError},
        {"incoming.year", m_ui->arrivalDateEdit, m_ui->arrivalDateError},
        {"incoming.date-order", m_ui->documentDateEdit, m_ui->documentDateError},
        {"incoming.deadline", m_ui->deadlineEdit, m_ui->deadlineError},
        {"incoming.pages", m_ui->pageCountSpin, m_ui->pagesError},
        {"incoming.type", m_ui->typeCombo, m_ui->typeError},
        {"incoming.book", m_ui->bookCombo, m_ui->bookError},
        {"incoming.book-secret", m_ui->bookCombo, m_ui->bookError},
    };
    for (const Target &t : targets) {
        if (error.code() == QLatin1String(t.code)) {
            markInvalid(t.field, t.label, error.text());
            return;
        }
    }
    showGeneralError(error.text());
}

bool RegisterIncomingDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->attachmentsList->viewport() && !isEditing()) {
        if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
            auto *drag = static_cast<QDragMoveEvent *>(event);
            if (drag->mimeData()->hasUrls()) {
                drag->acceptProposedAction();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            dropEvent(static_cast<QDropEvent *>(event));
            return true;
        }
    }
    return DocumentFormDialog::eventFilter(watched, event);
}

void RegisterIncomingDialog::filesDropped(const QStringList &paths)
{
    if (!isEditing())
        addAttachments(paths);
}

} // namespace govdesk::gui
