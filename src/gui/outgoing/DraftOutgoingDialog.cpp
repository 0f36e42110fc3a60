#include "DraftOutgoingDialog.h"

#include "core/TextFold.h"
#include "gui/Session.h"
#include "gui/documents/FoldingCompleter.h"
#include "gui/outgoing/TemplatesDialog.h"
#include "ui_DraftOutgoingDialog.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTimer>

namespace govdesk::gui {

using documents::IncomingDocument;
using documents::IncomingFilter;
using documents::OutgoingDocument;
using documents::OutgoingDraft;
using documents::OutgoingDraftChanges;
using documents::OutgoingTemplate;
using documents::OutgoingTemplates;
using documents::Secrecy;
using documents::Urgency;

static constexpr int CodeRole = Qt::UserRole + 1;
static constexpr int IdRole = Qt::UserRole + 2;

DraftOutgoingDialog::DraftOutgoingDialog(Session &session, QWidget *parent)
    : DraftOutgoingDialog(session, nullptr, parent)
{}

DraftOutgoingDialog::DraftOutgoingDialog(Session &session, const OutgoingDocument &doc, QWidget *parent)
    : DraftOutgoingDialog(session, &doc, parent)
{}

DraftOutgoingDialog::DraftOutgoingDialog(Session &session, const OutgoingDocument *doc, QWidget *parent)
    : DocumentFormDialog(session, parent), m_ui(std::make_unique<Ui::DraftOutgoingDialog>()),
      m_replyModel(new QStandardItemModel(this)), m_replyCompleter(new QCompleter(m_replyModel, this)),
      m_replyTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    if (doc)
        m_original = *doc;
    setObjectName(isEditing() ? QStringLiteral("editOutgoingDialog") : QStringLiteral("draftOutgoingDialog"));
    setAcceptDrops(!isEditing());
    setUpButtons(m_ui->buttonBox, isEditing() ? tr("&Save changes") : tr("&Create draft"));
    fillDocumentTypes(m_ui->typeCombo);

    // The agency itself (a document in its own name) and its internal units; the drafter's unit first chosen.
    const storage::WorkspaceIdentity &identity = m_session.data().identity;
    if (!identity.orgUnitId.isEmpty())
        m_ui->unitCombo->addItem(identity.orgName, identity.orgUnitId);
    for (const core::OrgUnit &u : m_session.internalUnits())
        if (u.id != identity.orgUnitId)
            m_ui->unitCombo->addItem(u.name, u.id);
    const QString myUnit = m_session.user().unitId;
    if (!myUnit.isEmpty() && m_ui->unitCombo->findData(myUnit) < 0)
        m_ui->unitCombo->addItem(m_session.unitName(myUnit), myUnit);
    m_ui->unitCombo->setCurrentIndex(std::max(0, m_ui->unitCombo->findData(myUnit)));

    // The agency itself first; its advisory bodies (hội đồng, ban chỉ đạo) follow once read in a worker.
    m_ui->bodyCombo->addItem(identity.orgName, QString());
    m_ui->bodyCombo->setItemData(0, identity.orgAbbreviation, BodyAbbrRole);
    if (doc && !doc->bodyId.isEmpty())
        addBody(doc->bodyId, doc->bodyAbbr, doc->bodyName);
    loadBodies();

    fillUrgencies(m_ui->urgencyCombo);
    fillSecrecies(m_ui->secrecyCombo);

    // Receiving organs: every organisation the workspace knows with its mã định danh, found by name,
    // abbreviation or code, with or without diacritics; a code typed in full is accepted too.
    for (const core::OrgUnit &u : m_session.externalUnits())
        if (!u.code.isEmpty())
            addOrganisation(m_ui->organCombo, u, u.code);
    FoldingCompleter *organCompleter =
        completeOrganisations(m_ui->organCombo, tr("Name, abbreviation or identifier code"));
    connect(organCompleter, qOverload<const QString &>(&QCompleter::activated), this,
            [this](const QString &t) {
                // After the combo has taken the completion: add it and make room for the next one.
                QTimer::singleShot(0, this, [this, t] { addRecipientOrgan(t); });
            });
    m_ui->organCombo->lineEdit()->installEventFilter(this);

    m_ui->authorityCombo->addItem(tr("— none —"), QString());
    const QHash<QString, QString> meanings = {
        {QStringLiteral("TM."), tr("On behalf of the collective (thay mặt)")},
        {QStringLiteral("KT."), tr("Signs for the head (ký thay)")},
        {QStringLiteral("TL."), tr("By order of the head (thừa lệnh)")},
        {QStringLiteral("TUQ."), tr("By authorisation of the head (thừa ủy quyền)")},
        {QStringLiteral("Q."), tr("Acting head (quyền)")},
    };
    for (const QString &prefix : documents::OutgoingVocabulary::authorityPrefixes()) {
        m_ui->authorityCombo->addItem(prefix, prefix);
        m_ui->authorityCombo->setItemData(m_ui->authorityCombo->count() - 1, meanings.value(prefix),
                                          Qt::ToolTipRole);
    }

    // The leaders who usually sign; any name can be typed.
    for (const core::User &u : m_session.data().users)
        if (u.active && u.can(core::Permission::ApproveOutgoing) && !u.fullName.isEmpty() &&
            u.role == core::Role::Leader)
            m_ui->signerNameCombo->addItem(u.fullName, u.position);
    m_ui->signerNameCombo->setCurrentIndex(-1);
    m_ui->signerNameCombo->lineEdit()->setPlaceholderText(
        tr("Full name; empty: the leader who approves signs"));
    m_ui->signerNameCombo->setToolTip(tr("Empty: the leader who approves the draft signs it."));
    connect(m_ui->signerNameCombo, &QComboBox::activated, this, [this](int index) {
        const QString position = m_ui->signerNameCombo->itemData(index).toString();
        if (!position.isEmpty())
            m_ui->signerPositionEdit->setText(position);
    });

    // The incoming document it answers: searched in the register as the drafter types.
    m_replyCompleter->setWidget(m_ui->replyEdit);
    m_replyCompleter->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_replyCompleter->setMaxVisibleItems(10);
    m_replyTimer->setSingleShot(true);
    m_replyTimer->setInterval(250);
    QAction *chosen = m_ui->replyEdit->addAction(style()->standardIcon(QStyle::SP_DialogApplyButton),
                                                 QLineEdit::TrailingPosition);
    chosen->setObjectName(QStringLiteral("replyChosenAction"));
    chosen->setToolTip(tr("An incoming document is chosen"));
    chosen->setVisible(false);
    connect(m_ui->replyEdit, &QLineEdit::textEdited, this, [this, chosen](const QString &text) {
        m_replyId.clear();
        chosen->setVisible(false);
        m_ui->replyChosenLabel->hide();
        if (text.trimmed().isEmpty()) {
            m_replyTimer->stop();
            m_replyCompleter->popup()->hide();
            return;
        }
        m_replyTimer->start();
    });
    connect(m_replyTimer, &QTimer::timeout, this, &DraftOutgoingDialog::searchReplies);
    connect(m_replyCompleter, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) {
                setReplyTo(index.data(IdRole).toString(), index.data(Qt::DisplayRole).toString());
            });

    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString current = m_ui->fileEdit->text().trimmed();
        const QString start = current.isEmpty()
                                  ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                                  : QFileInfo(current).absolutePath();
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose the draft"), start,
                                                          tr("PDF files (*.pdf);;All files (*)"));
        if (!path.isEmpty())
            setFile(path);
    });
    // A file typed or chosen is the draft: no template then.
    connect(m_ui->fileEdit, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (!text.trimmed().isEmpty() && !m_template.id.isEmpty())
            m_ui->templateCombo->setCurrentIndex(0);
    });
    connect(m_ui->addOrganButton, &QPushButton::clicked, this,
            [this] { addRecipientOrgan(m_ui->organCombo->currentText()); });
    connect(m_ui->removeOrganButton, &QPushButton::clicked, this, [this] {
        delete m_ui->organList->currentItem();
        updateOrganButtons();
    });
    connect(m_ui->organList, &QListWidget::currentRowChanged, this, &DraftOutgoingDialog::updateOrganButtons);
    connect(m_ui->typeCombo, &QComboBox::currentIndexChanged, this, &DraftOutgoingDialog::updateNotationHint);
    connect(m_ui->unitCombo, &QComboBox::currentIndexChanged, this, &DraftOutgoingDialog::updateNotationHint);
    connect(m_ui->bodyCombo, &QComboBox::currentIndexChanged, this, &DraftOutgoingDialog::updateNotationHint);

    // Số lượng bản, hạn xử lý (optional), bản lưu.
    m_ui->copiesSpin->setSpecialValueText(tr("not stated"));
    m_ui->copiesSpin->setToolTip(tr("How many copies are made and sent (số lượng bản in the register)"));
    m_ui->dueEdit->setDate(QDate::currentDate().addDays(7));
    m_ui->dueEdit->setToolTip(tr("The date by which the recipients are to act on the document"));
    connect(m_ui->dueCheck, &QCheckBox::toggled, m_ui->dueEdit, &QWidget::setEnabled);
    m_ui->archiveHolderEdit->setToolTip(
        tr("The unit or person keeping the archive copies (đơn vị, người nhận bản lưu)"));

    // A correction clears the field's message as soon as the drafter touches it.
    watchField(m_ui->typeCombo, m_ui->typeError);
    watchField(m_ui->subjectEdit, m_ui->subjectError);
    watchField(m_ui->unitCombo, m_ui->unitError);
    watchField(m_ui->bodyCombo, m_ui->bodyError);
    watchField(m_ui->notationEdit, m_ui->notationError);
    watchField(m_ui->replyEdit, m_ui->replyError);
    watchField(m_ui->fileEdit, m_ui->fileError);
    watchField(m_ui->organCombo, m_ui->organError);
    watchField(m_ui->authorityCombo, m_ui->authorityError);
    watchField(m_ui->copiesSpin, m_ui->copiesError);
    watchField(m_ui->dueEdit, m_ui->copiesError);
    watchField(m_ui->archiveHolderEdit, m_ui->archiveHolderError);
    setGeneralErrorLabel(m_ui->generalError);

    saveOnEnter(m_ui->subjectEdit);
    if (isEditing()) {
        // The file is replaced with "Sửa dự thảo"; what the draft answers stays as drafted.
        setWindowTitle(tr("Edit draft information"));
        m_ui->documentForm->setRowVisible(m_ui->templateLayout, false);
        m_ui->documentForm->setRowVisible(m_ui->replyLayout, false);
        m_ui->fileEdit->hide();
        m_ui->browseButton->hide();
        fillFrom(m_original);
    } else {
        connect(m_ui->typeCombo, &QComboBox::currentIndexChanged, this, &DraftOutgoingDialog::loadTemplates);
        connect(m_ui->templateCombo, &QComboBox::currentIndexChanged, this,
                &DraftOutgoingDialog::chooseTemplate);
        loadTemplates();
    }
    connect(m_ui->unitCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_ui->archiveHolderEdit->setPlaceholderText(tr("Default: %1").arg(defaultArchiveHolder()));
    });
    m_ui->archiveHolderEdit->setPlaceholderText(tr("Default: %1").arg(defaultArchiveHolder()));
    updateNotationHint();
    updateOrganButtons();
    m_ui->typeCombo->setFocus();
    resize(sizeHint().expandedTo(QSize(1040, 0)));
}

void DraftOutgoingDialog::fillFrom(const OutgoingDocument &doc)
{
    if (const int i = m_ui->typeCombo->findData(doc.typeAbbr); i >= 0)
        m_ui->typeCombo->setCurrentIndex(i);
    else {
        m_ui->typeCombo->addItem(doc.typeName, doc.typeAbbr);
        m_ui->typeCombo->setCurrentIndex(m_ui->typeCombo->count() - 1);
    }
    m_ui->subjectEdit->setPlainText(doc.subject);
    m_ui->bodyCombo->setCurrentIndex(std::max(0, m_ui->bodyCombo->findData(doc.bodyId)));
    if (m_ui->unitCombo->findData(doc.unitId) < 0)
        m_ui->unitCombo->addItem(doc.unitName, doc.unitId);
    m_ui->unitCombo->setCurrentIndex(m_ui->unitCombo->findData(doc.unitId));
    m_ui->urgencyCombo->setCurrentIndex(std::max(0, m_ui->urgencyCombo->findData(int(doc.urgency))));
    m_ui->secrecyCombo->setCurrentIndex(std::max(0, m_ui->secrecyCombo->findData(int(doc.secrecy))));
    m_ui->recipientsEdit->setPlainText(doc.recipients);
    for (const QString &code : doc.recipientCodes)
        addRecipientOrgan(code);
    m_ui->authorityCombo->setCurrentIndex(std::max(0, m_ui->authorityCombo->findData(doc.authorityPrefix)));
    m_ui->signerPositionEdit->setText(doc.signerPosition);
    m_ui->signerNameCombo->setCurrentIndex(m_ui->signerNameCombo->findText(doc.signerName));
    m_ui->signerNameCombo->setEditText(doc.signerName);
    m_ui->copiesSpin->setValue(doc.copies);
    m_ui->dueCheck->setChecked(doc.dueDate.isValid());
    if (doc.dueDate.isValid())
        m_ui->dueEdit->setDate(doc.dueDate);
    // A notation or a holder the service computed shows as the automatic one, so a new type or unit
    // recomputes it.
    m_initialNotation = doc.notation == automaticNotation() ? QString() : doc.notation;
    m_ui->notationEdit->setText(m_initialNotation);
    m_initialArchiveHolder = doc.archiveHolder == defaultArchiveHolder() ? QString() : doc.archiveHolder;
    m_ui->archiveHolderEdit->setText(m_initialArchiveHolder);
    if (const auto file = doc.currentFile()) {
        m_ui->fileInfoLabel->setText(tr("Version %1: %2\nA new file is uploaded with \"Revise draft…\".")
                                         .arg(file->version)
                                         .arg(file->fileName));
        m_ui->fileInfoLabel->show();
    }
    m_ui->fileLabel->setBuddy(nullptr);
    m_ui->fileLabel->setText(tr("Draft file:"));
}

DraftOutgoingDialog::~DraftOutgoingDialog() = default;

void DraftOutgoingDialog::setFile(const QString &path)
{
    m_ui->fileEdit->setText(QDir::toNativeSeparators(path));
    if (!path.isEmpty() && !m_template.id.isEmpty())
        m_ui->templateCombo->setCurrentIndex(0);
}

void DraftOutgoingDialog::loadTemplates()
{
    // The templates of the chosen type; whether office ones can be converted is asked of the machine too
    // (it looks for LibreOffice on disk), both in a worker.
    forgetTemplate();
    const int generation = m_templateGeneration;
    QComboBox *combo = m_ui->templateCombo;
    {
        const QSignalBlocker block(combo);
        combo->clear();
        combo->addItem(tr("Loading the templates…"));
    }
    combo->setEnabled(false);
    m_ui->templateNote->hide();
    m_ui->templateStatus->hide();
    const QString type = m_ui->typeCombo->currentData().toString();
    Session *session = &m_session;
    m_session.run(
        this, [session, type]() { return TemplateList::read(*session, type); },
        [this, generation](const TemplateList &l) {
            if (generation != m_templateGeneration)
                return; // another type was chosen meanwhile
            QComboBox *combo = m_ui->templateCombo;
            const QSignalBlocker block(combo);
            combo->clear();
            if (!l.templates) {
                combo->addItem(tr("— none —"));
                setTemplateStatus(l.templates.error().bilingual(), false, true);
                return;
            }
            m_templates = l.templates.value();
            combo->addItem(m_templates.isEmpty() ? tr("No template for this type: choose a PDF file below")
                                                 : tr("— none: choose a PDF file below —"));
            auto *model = qobject_cast<QStandardItemModel *>(combo->model());
            bool officeDisabled = false;
            for (const OutgoingTemplate &t : std::as_const(m_templates)) {
                combo->addItem(tr("%1 (%2)").arg(t.name, TemplatesDialog::formatName(t)), t.id);
                const int i = combo->count() - 1;
                combo->setItemData(i, t.fileName, Qt::ToolTipRole);
                if (!t.isPdf() && !l.officeAvailable) {
                    model->item(i)->setEnabled(false);
                    combo->setItemData(i, TemplatesDialog::officeUnavailableNote(), Qt::ToolTipRole);
                    officeDisabled = true;
                }
            }
            combo->setEnabled(!m_templates.isEmpty());
            if (officeDisabled) {
                m_ui->templateNote->setText(TemplatesDialog::officeUnavailableNote());
                m_ui->templateNote->show();
            }
        });
}

void DraftOutgoingDialog::forgetTemplate()
{
    ++m_templateGeneration;
    m_template = OutgoingTemplate();
    m_templatePdf.clear();
    m_templateBusy = false;
    m_ui->templateProgress->hide();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!isBusy());
    m_ui->fileEdit->setPlaceholderText(tr("The draft, a PDF file (you can also drop it onto this window)"));
}

void DraftOutgoingDialog::setTemplateStatus(const QString &text, bool busy, bool error)
{
    m_templateBusy = busy;
    m_ui->templateProgress->setVisible(busy);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy && !isBusy());
    m_ui->templateStatus->setText(text);
    m_ui->templateStatus->setStyleSheet(error  ? QStringLiteral("color: #c6001f;")
                                        : busy ? QString()
                                               : QStringLiteral("color: #176b2c;"));
    m_ui->templateStatus->setVisible(!text.isEmpty());
}

void DraftOutgoingDialog::chooseTemplate(int index)
{
    const QString id = m_ui->templateCombo->itemData(index).toString();
    forgetTemplate();
    m_ui->templateStatus->hide();
    if (id.isEmpty())
        return;
    for (const OutgoingTemplate &t : std::as_const(m_templates))
        if (t.id == id)
            m_template = t;
    // The template is the draft: the file field steps aside.
    m_ui->fileEdit->clear();
    m_ui->fileEdit->setPlaceholderText(tr("From the template \"%1\"").arg(m_template.name));
    setTemplateStatus(m_template.isPdf() ? tr("Reading the template…")
                                         : tr("Turning the template into PDF with LibreOffice…"),
                      true);
    struct Prepared
    {
        core::Result<QByteArray> pdf = QByteArray();
        int pages = 0;
    };
    const int generation = m_templateGeneration;
    const OutgoingTemplate tpl = m_template;
    Session *session = &m_session;
    m_session.run(
        this,
        [session, tpl]() {
            Prepared p;
            p.pdf = OutgoingTemplates(session->database()).pdfOf(session->user(), tpl);
            if (p.pdf)
                p.pages = documents::OutgoingService::pageCount(p.pdf.value());
            return p;
        },
        [this, generation](const Prepared &p) {
            if (generation != m_templateGeneration)
                return; // another template (or none) was chosen meanwhile
            if (!p.pdf) {
                const QString message = p.pdf.error().bilingual();
                {
                    const QSignalBlocker block(m_ui->templateCombo);
                    m_ui->templateCombo->setCurrentIndex(0);
                }
                forgetTemplate();
                setTemplateStatus(message, false, true);
                return;
            }
            m_templatePdf = p.pdf.value();
            setTemplateStatus(p.pages > 0
                                  ? tr("The draft starts from this template (%n page(s)).", nullptr, p.pages)
                                  : tr("The draft starts from this template."),
                              false);
        });
}

void DraftOutgoingDialog::setReplyTo(const QString &incomingId, const QString &description)
{
    m_replyId = incomingId;
    m_ui->replyEdit->setText(description);
    m_ui->replyEdit->setCursorPosition(0);
    m_ui->replyChosenLabel->hide();
    if (QAction *chosen = m_ui->replyEdit->findChild<QAction *>(QStringLiteral("replyChosenAction")))
        chosen->setVisible(!incomingId.isEmpty());
}

void DraftOutgoingDialog::searchReplies()
{
    const QString text = m_ui->replyEdit->text().trimmed();
    if (text.isEmpty())
        return;
    const int generation = ++m_replyGeneration;
    IncomingFilter f;
    f.search = text;
    f.sort = IncomingFilter::Sort::Relevance;
    f.limit = 15;
    Session *session = &m_session;
    m_session.run(
        this, [session, f]() { return session->incoming().list(session->user(), f); },
        [this, generation, text](const core::Result<QList<IncomingDocument>> &docs) {
            if (generation != m_replyGeneration || !m_replyId.isEmpty())
                return; // typed on, or chosen meanwhile
            m_replyModel->clear();
            if (!docs) {
                m_ui->replyChosenLabel->setText(docs.error().text());
                m_ui->replyChosenLabel->setStyleSheet(QStringLiteral("color: #c6001f;"));
                m_ui->replyChosenLabel->setEnabled(true);
                m_ui->replyChosenLabel->show();
                return;
            }
            for (const IncomingDocument &d : docs.value()) {
                auto *item = new QStandardItem(tr("Arrival no. %1 — %2 from %3: %4")
                                                   .arg(d.arrivalNumber)
                                                   .arg(d.reference(), d.authorName, d.subject));
                item->setData(d.id, IdRole);
                item->setToolTip(d.subject);
                m_replyModel->appendRow(item);
            }
            if (docs->isEmpty()) {
                m_ui->replyChosenLabel->setText(tr("No incoming document matches \"%1\"").arg(text));
                m_ui->replyChosenLabel->setStyleSheet(QString());
                m_ui->replyChosenLabel->setEnabled(false);
                m_ui->replyChosenLabel->show();
                m_replyCompleter->popup()->hide();
                return;
            }
            m_ui->replyChosenLabel->hide();
            if (m_ui->replyEdit->hasFocus())
                m_replyCompleter->complete();
        });
}

void DraftOutgoingDialog::addRecipientOrgan(const QString &codeOrName)
{
    const QString text = codeOrName.trimmed();
    if (text.isEmpty())
        return;
    QString code = text;
    QString name;
    if (const int i = m_ui->organCombo->findText(text); i >= 0) {
        code = m_ui->organCombo->itemData(i).toString();
        name = m_ui->organCombo->itemText(i);
    } else {
        // A code typed in full, else the first organ the completion offers for what was typed ("so tai
        // chinh").
        const QString folded = core::foldForSearch(text);
        int match = -1;
        for (int i = 0; i < m_ui->organCombo->count() && match < 0; ++i)
            if (m_ui->organCombo->itemData(i).toString().compare(text, Qt::CaseInsensitive) == 0)
                match = i;
        for (int i = 0; i < m_ui->organCombo->count() && match < 0 && !folded.isEmpty(); ++i)
            if (m_ui->organCombo->itemData(i, FoldingCompleter::SearchRole).toString().contains(folded))
                match = i;
        if (match >= 0) {
            code = m_ui->organCombo->itemData(match).toString();
            name = m_ui->organCombo->itemText(match);
        }
    }
    for (int i = 0; i < m_ui->organList->count(); ++i)
        if (m_ui->organList->item(i)->data(CodeRole).toString() == code) {
            m_ui->organList->setCurrentRow(i);
            m_ui->organCombo->setCurrentIndex(-1);
            m_ui->organCombo->clearEditText();
            return;
        }
    auto *item = new QListWidgetItem(name.isEmpty() ? code : QStringLiteral("%1 (%2)").arg(name, code),
                                     m_ui->organList);
    item->setData(CodeRole, code);
    item->setToolTip(code);
    m_ui->organCombo->setCurrentIndex(-1);
    m_ui->organCombo->clearEditText();
    updateOrganButtons();
}

void DraftOutgoingDialog::updateOrganButtons()
{
    m_ui->removeOrganButton->setEnabled(m_ui->organList->currentItem() != nullptr);
}

QString DraftOutgoingDialog::automaticNotation() const
{
    // What the service computes when the field stays empty (Phụ lục I II.3.b).
    const QString abbr = m_ui->typeCombo->currentData().toString();
    bool hasAbbreviation = true;
    for (const documents::DocumentType &t : m_session.data().documentTypes)
        if (t.abbr == abbr)
            hasAbbreviation = t.hasAbbreviation;
    const storage::WorkspaceIdentity &identity = m_session.data().identity;
    const QString unitId = m_ui->unitCombo->currentData().toString();
    QString unitAbbr;
    if (unitId != identity.orgUnitId)
        for (const core::OrgUnit &u : m_session.data().units)
            if (u.id == unitId)
                unitAbbr = u.abbreviation;
    const QString organAbbr = m_ui->bodyCombo->currentData(BodyAbbrRole).toString();
    return documents::outgoingNotation(abbr, hasAbbreviation,
                                       organAbbr.isEmpty() ? identity.orgAbbreviation : organAbbr, unitAbbr);
}

void DraftOutgoingDialog::addBody(const QString &id, const QString &abbr, const QString &name)
{
    if (m_ui->bodyCombo->findData(id) >= 0)
        return;
    m_ui->bodyCombo->addItem(tr("%1 (%2)").arg(name, abbr), id);
    m_ui->bodyCombo->setItemData(m_ui->bodyCombo->count() - 1, abbr, BodyAbbrRole);
}

void DraftOutgoingDialog::loadBodies()
{
    Session *session = &m_session;
    m_session.run(
        this, [session]() { return documents::OutgoingService(session->database()).issuingBodies(); },
        [this](const core::Result<QList<documents::IssuingBody>> &bodies) {
            if (!bodies) {
                markInvalid(m_ui->bodyCombo, m_ui->bodyError, bodies.error().bilingual());
                return;
            }
            const QString chosen = m_ui->bodyCombo->currentData().toString();
            const QSignalBlocker block(m_ui->bodyCombo);
            for (const documents::IssuingBody &b : bodies.value())
                addBody(b.id, b.abbr, b.name);
            m_ui->bodyCombo->setCurrentIndex(std::max(0, m_ui->bodyCombo->findData(chosen)));
        });
}

void DraftOutgoingDialog::updateNotationHint()
{
    m_ui->notationEdit->setPlaceholderText(tr("Automatic: %1").arg(automaticNotation()));
}

QString DraftOutgoingDialog::defaultArchiveHolder() const
{
    // As the service fills it: the clerk's office, and the drafting unit unless the agency drafts itself.
    const QString unitId = m_ui->unitCombo->currentData().toString();
    return documents::defaultArchiveHolder(
        unitId == m_session.data().identity.orgUnitId ? QString() : m_ui->unitCombo->currentText());
}

OutgoingDraft DraftOutgoingDialog::draft() const
{
    OutgoingDraft d;
    d.typeAbbr = m_ui->typeCombo->currentData().toString();
    d.subject = m_ui->subjectEdit->toPlainText();
    d.unitId = m_ui->unitCombo->currentData().toString();
    d.bodyId = m_ui->bodyCombo->currentData().toString();
    d.notation = m_ui->notationEdit->text();
    d.urgency = Urgency(m_ui->urgencyCombo->currentData().toInt());
    d.secrecy = Secrecy(m_ui->secrecyCombo->currentData().toInt());
    d.recipients = m_ui->recipientsEdit->toPlainText();
    for (int i = 0; i < m_ui->organList->count(); ++i)
        d.recipientCodes << m_ui->organList->item(i)->data(CodeRole).toString();
    d.signerName = m_ui->signerNameCombo->currentText().simplified();
    d.signerPosition = m_ui->signerPositionEdit->text().simplified();
    d.authorityPrefix = m_ui->authorityCombo->currentData().toString();
    d.replyToId = m_replyId;
    const QString file = m_ui->fileEdit->text().trimmed();
    if (!file.isEmpty())
        d.file = documents::AttachmentSource{QDir::fromNativeSeparators(file), {}, {}};
    d.copies = m_ui->copiesSpin->value();
    d.archiveHolder = m_ui->archiveHolderEdit->text().simplified();
    if (m_ui->dueCheck->isChecked())
        d.dueDate = m_ui->dueEdit->date();
    return d;
}

OutgoingDraftChanges DraftOutgoingDialog::changes() const
{
    const OutgoingDocument &o = m_original;
    const OutgoingDraft d = draft();
    OutgoingDraftChanges c;
    auto change = [](auto &field, const auto &now, const auto &before) {
        if (now != before)
            field = now;
    };
    change(c.subject, d.subject.simplified(), o.subject);
    change(c.typeAbbr, d.typeAbbr, o.typeAbbr);
    change(c.unitId, d.unitId, o.unitId);
    change(c.bodyId, d.bodyId, o.bodyId);
    change(c.notation, d.notation.trimmed(), m_initialNotation);
    change(c.urgency, d.urgency, o.urgency);
    change(c.secrecy, d.secrecy, o.secrecy);
    change(c.recipients, d.recipients.simplified(), o.recipients);
    change(c.recipientCodes, d.recipientCodes, o.recipientCodes);
    change(c.signerName, d.signerName, o.signerName);
    change(c.signerPosition, d.signerPosition, o.signerPosition);
    change(c.authorityPrefix, d.authorityPrefix, o.authorityPrefix);
    change(c.copies, d.copies, o.copies);
    change(c.archiveHolder, d.archiveHolder, m_initialArchiveHolder);
    change(c.dueDate, d.dueDate, o.dueDate);
    return c;
}

void DraftOutgoingDialog::accept()
{
    if (isBusy() || m_templateBusy)
        return;
    clearErrors();
    if (isEditing()) {
        if (!m_ui->organCombo->currentText().trimmed().isEmpty())
            addRecipientOrgan(m_ui->organCombo->currentText());
        saveChanges();
        return;
    }
    // An organ typed but not yet added is meant to be on the list.
    if (!m_ui->organCombo->currentText().trimmed().isEmpty())
        addRecipientOrgan(m_ui->organCombo->currentText());
    if (!m_ui->replyEdit->text().trimmed().isEmpty() && m_replyId.isEmpty()) {
        markInvalid(m_ui->replyEdit, m_ui->replyError,
                    tr("Choose the incoming document from the suggestions, or leave the field empty"));
        return;
    }
    save(draft());
}

void DraftOutgoingDialog::save(OutgoingDraft d)
{
    // From a template: a PDF one through the service's own path (which notes the template in the history);
    // an office one with the PDF LibreOffice made when it was chosen, so it is not converted twice.
    QString templateId;
    if (!m_template.id.isEmpty() && d.file.path.isEmpty()) {
        if (m_template.isPdf())
            templateId = m_template.id;
        else
            d.file = documents::AttachmentSource{{},
                                                 QFileInfo(m_template.fileName).completeBaseName() +
                                                     QStringLiteral(".pdf"),
                                                 m_templatePdf};
    }
    setBusy(true);
    Session *session = &m_session;
    // The service reads and checks the file in the worker too.
    m_session.run(
        this,
        [session, d, templateId]() {
            return templateId.isEmpty()
                       ? session->outgoing().draft(session->user(), d)
                       : session->outgoing().draftFromTemplate(session->user(), d, templateId);
        },
        [this](const core::Result<OutgoingDocument> &r) { finished(r); });
}

void DraftOutgoingDialog::saveChanges()
{
    const OutgoingDraftChanges c = changes();
    if (c.isEmpty()) {
        reject(); // nothing was changed
        return;
    }
    setBusy(true);
    Session *session = &m_session;
    const QString id = m_original.id;
    const int version = m_original.version;
    m_session.run(
        this,
        [session, id, c, version]() { return session->outgoing().update(session->user(), id, c, version); },
        [this](const core::Result<OutgoingDocument> &r) { finished(r); });
}

void DraftOutgoingDialog::finished(const core::Result<OutgoingDocument> &r)
{
    setBusy(false);
    if (!r) {
        showError(r.error());
        return;
    }
    m_saved = r.value();
    Q_EMIT saved(m_saved);
    QDialog::accept();
}

void DraftOutgoingDialog::showError(const core::Error &error)
{
    // The service names the field in its error code; the message goes beside that field.
    const QString code = error.code();
    struct Target
    {
        bool matches;
        QWidget *field;
        QLabel *label;
    };
    const Target targets[] = {
        {code == QLatin1String("outgoing.type"), m_ui->typeCombo, m_ui->typeError},
        {code == QLatin1String("outgoing.subject"), m_ui->subjectEdit, m_ui->subjectError},
        {code == QLatin1String("outgoing.unit") || code == QLatin1String("permission.unit") ||
             code == QLatin1String("outgoing.unit-abbreviation") || code == QLatin1String("unit.unknown"),
         m_ui->unitCombo, m_ui->unitError},
        {code == QLatin1String("outgoing.notation"), m_ui->notationEdit, m_ui->notationError},
        {code.startsWith(QLatin1String("outgoing.body")), m_ui->bodyCombo, m_ui->bodyError},
        {code == QLatin1String("outgoing.recipient"), m_ui->organList, m_ui->organError},
        {code == QLatin1String("outgoing.authority"), m_ui->authorityCombo, m_ui->authorityError},
        {code == QLatin1String("outgoing.reply-to"), m_ui->replyEdit, m_ui->replyError},
        {code.startsWith(QLatin1String("outgoing.file")), m_ui->fileEdit, m_ui->fileError},
        {code == QLatin1String("outgoing.copies"), m_ui->copiesSpin, m_ui->copiesError},
        {code == QLatin1String("outgoing.due-date"), m_ui->dueEdit, m_ui->copiesError},
        {code == QLatin1String("outgoing.archive-holder"), m_ui->archiveHolderEdit, m_ui->archiveHolderError},
    };
    for (const Target &t : targets) {
        if (!t.matches || !t.field->isVisibleTo(this))
            continue;
        markInvalid(t.field, t.label, error.text());
        return;
    }
    showGeneralError(error.bilingual());
}

bool DraftOutgoingDialog::eventFilter(QObject *watched, QEvent *event)
{
    // In the organ field Enter adds the organ to the list rather than saving the form.
    if (watched == m_ui->organCombo->lineEdit() && isEnter(event) &&
        !m_ui->organCombo->currentText().trimmed().isEmpty()) {
        addRecipientOrgan(m_ui->organCombo->currentText());
        return true;
    }
    return DocumentFormDialog::eventFilter(watched, event);
}

void DraftOutgoingDialog::filesDropped(const QStringList &paths)
{
    if (!paths.isEmpty() && !isEditing())
        setFile(paths.first());
}

} // namespace govdesk::gui
