#include "OutgoingActionDialog.h"

#include "core/TextFold.h"
#include "gui/Session.h"
#include "gui/documents/DocumentFormat.h"
#include "gui/documents/FoldingCompleter.h"
#include "gui/exchange/ExchangeText.h"
#include "gui/outgoing/OutgoingTableModel.h"
#include "ui_OutgoingActionDialog.h"

#include <QDate>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>

namespace govdesk::gui {

using documents::ArchiveLoan;
using documents::LinkKind;
using documents::OutgoingDocument;
using documents::OutgoingFilter;
using documents::OutgoingStatus;
using documents::OutgoingVocabulary;
using documents::SendChannel;

OutgoingActionDialog::OutgoingActionDialog(Session &session, const OutgoingDocument &doc, Step step,
                                           QWidget *parent)
    : DocumentActionDialog(session, parent), m_ui(std::make_unique<Ui::OutgoingActionDialog>()), m_doc(doc),
      m_step(step)
{
    m_ui->setupUi(this);
    m_ui->documentLabel->setText(
        tr("%1 — %2: %3").arg(OutgoingTableModel::referenceText(doc), doc.typeName, doc.subject));
    QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &OutgoingActionDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &OutgoingActionDialog::reject);

    QFormLayout *form = m_ui->actionForm;
    const bool revise = step == Step::Revise;
    const bool send = step == Step::Send;
    const bool link = step == Step::Link;
    const bool lend = step == Step::LendArchive;
    const bool giveBack = step == Step::ReturnArchive;
    form->setRowVisible(m_ui->fileRow, revise);
    form->setRowVisible(m_ui->channelCombo, send);
    form->setRowVisible(m_ui->kindCombo, link);
    form->setRowVisible(m_ui->targetCombo, link);
    form->setRowVisible(m_ui->borrowerEdit, lend);
    form->setRowVisible(m_ui->permittedByCombo, lend);
    form->setRowVisible(m_ui->fileRefEdit, lend);
    form->setRowVisible(m_ui->returnDateRow, giveBack);
    form->setRowVisible(m_ui->noteEdit, !giveBack); // the return has nothing to say but its date
    updateChannelRows();
    m_ui->hintLabel->hide();
    auto hint = [this](const QString &text) {
        m_ui->hintLabel->setText(text);
        m_ui->hintLabel->show();
    };

    // What each step asks for and how its button reads; a step without a label of its own keeps "Comment".
    struct StepText
    {
        const char *name;
        QString title;
        QString noteLabel;
        QString placeholder;
        QString ok;
    };
    const StepText texts[] = {
        {"submitDialog",
         tr("Submit for approval"),
         {},
         tr("Optional: what the leader should know about this draft"),
         tr("&Submit")},
        {"approveDialog",
         tr("Approve the draft"),
         {},
         tr("Optional: your opinion on the draft"),
         tr("&Approve")},
        {"returnForRevisionDialog", tr("Return for revision"), tr("&What to revise:"),
         tr("Required: what the drafter must change"), tr("&Return")},
        {"reviseDialog", tr("Revise the draft"), tr("What &changed:"),
         tr("Optional: what this version changes"), tr("&Save new version")},
        {"reserveDialog", tr("Reserve a number"), tr("&Reason:"),
         tr("Required, e.g. the decision is signed on paper tomorrow"), tr("&Reserve")},
        {"cancelReservationDialog", tr("Cancel the number reservation"), tr("&Reason:"),
         tr("Required: why the reserved number is not used"), tr("Cancel the &reservation")},
        {"sendDialog", tr("Send the document"), tr("&Note:"), tr("Optional, e.g. the postal receipt number"),
         tr("&Send")},
        {"recallDialog", tr("Recall the document"), tr("&Reason:"),
         tr("Required: why the document is recalled"), tr("Re&call")},
        {"linkDialog", tr("Relate to an issued document"), tr("&Note:"), tr("Optional"), tr("&Relate")},
        {"lendArchiveDialog", tr("Lend the archive copy"), tr("&Note:"), tr("Optional, e.g. the purpose"),
         tr("&Lend")},
        {"returnArchiveDialog", tr("Archive copy returned"), {}, {}, tr("&Record the return")},
    };
    const StepText &text = texts[int(step)];
    setObjectName(QLatin1String(text.name));
    setWindowTitle(text.title);
    if (!text.noteLabel.isEmpty())
        m_ui->noteLabel->setText(text.noteLabel);
    m_ui->noteEdit->setPlaceholderText(text.placeholder);
    ok->setText(text.ok);

    switch (step) {
    case Step::Submit:
    case Step::Approve:
    case Step::Return:
        break;
    case Step::Revise:
        if (const auto current = doc.currentFile())
            hint(tr("The current file is version %1 (%2); the new file becomes version %3.")
                     .arg(current->version)
                     .arg(current->fileName)
                     .arg(current->version + 1));
        connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
            const QString start = m_ui->fileEdit->text().isEmpty()
                                      ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                                      : QFileInfo(m_ui->fileEdit->text()).absolutePath();
            const QString path = QFileDialog::getOpenFileName(this, tr("Choose the revised draft"), start,
                                                              tr("PDF files (*.pdf);;All files (*)"));
            if (!path.isEmpty())
                setFile(path);
        });
        break;
    case Step::Reserve:
        loadNextNumber();
        break;
    case Step::CancelReservation:
        hint(tr("Number %1 is recorded as cancelled in the book and is never given again.")
                 .arg(documents::formatReference(QString::number(doc.reservedNumber), doc.notation)));
        break;
    case Step::Send:
        if (doc.status == OutgoingStatus::Sent) {
            // Already sent: what remains is a further batch by post (recipients added later, copies that
            // came back), each its own entry of the post register.
            m_ui->channelCombo->addItem(OutgoingVocabulary::displayName(SendChannel::Post),
                                        int(SendChannel::Post));
            hint(tr("The document was already sent; this records a further sending by post."));
        } else {
            for (SendChannel c : {SendChannel::Internal, SendChannel::Exchange, SendChannel::Post})
                m_ui->channelCombo->addItem(OutgoingVocabulary::displayName(c), int(c));
            if (!doc.recipientCodes.isEmpty() && !doc.isSecret())
                m_ui->channelCombo->setCurrentIndex(m_ui->channelCombo->findData(int(SendChannel::Exchange)));
            if (doc.isSecret())
                hint(tr("A classified document is never sent over the document exchange."));
        }
        // By post: one entry of the Sổ gửi văn bản đi bưu điện, addressed as the document says unless
        // changed.
        m_ui->postRecipientsEdit->setPlainText(doc.recipients);
        m_ui->postRecipientsEdit->setPlaceholderText(tr("The recipients written on the envelopes"));
        m_ui->envelopesSpin->setToolTip(tr("How many envelopes are handed to the post (số lượng bì)"));
        connect(m_ui->channelCombo, &QComboBox::currentIndexChanged, this,
                &OutgoingActionDialog::updateChannelRows);
        updateChannelRows();
        break;
    case Step::Recall:
        hint(tr("The document keeps its number in the register and is marked as recalled."));
        break;
    case Step::Link:
        for (LinkKind k : {LinkKind::Replaces, LinkKind::Updates, LinkKind::Corrects})
            m_ui->kindCombo->addItem(OutgoingVocabulary::displayName(k), int(k));
        m_ui->kindCombo->setToolTip(tr("Replace a document with errors of content; correct (đính chính) "
                                       "errors of format or procedure"));
        m_ui->targetCombo->lineEdit()->setPlaceholderText(tr("Number, notation or summary"));
        m_ui->targetCombo->setEnabled(false);
        loadLinkTargets();
        break;
    case Step::LendArchive:
        // The leaders who usually allow it; any name can be typed.
        for (const core::User &u : session.data().users)
            if (u.active && u.role == core::Role::Leader && !u.fullName.isEmpty())
                m_ui->permittedByCombo->addItem(u.fullName);
        m_ui->permittedByCombo->setCurrentIndex(-1);
        m_ui->permittedByCombo->lineEdit()->setPlaceholderText(
            tr("Required: the leader or head of the clerk's office who allowed it"));
        hint(tr("Recorded in the register of the use of archive copies (Sổ sử dụng bản lưu) with today's "
                "date."));
        break;
    case Step::ReturnArchive:
        m_ui->returnDateEdit->setDate(QDate::currentDate());
        m_ui->returnDateEdit->setMaximumDate(QDate::currentDate());
        break;
    }

    if (revise)
        m_ui->fileEdit->setFocus();
    else if (send)
        m_ui->channelCombo->setFocus();
    else if (link)
        m_ui->kindCombo->setFocus();
    else if (lend)
        m_ui->borrowerEdit->setFocus();
    else if (giveBack)
        m_ui->returnDateEdit->setFocus();
    else
        m_ui->noteEdit->setFocus();
    resize(sizeHint().expandedTo(QSize(560, 0)));
}

OutgoingActionDialog::~OutgoingActionDialog() = default;

QString OutgoingActionDialog::errorText(const core::Error &error) const
{
    // In both languages, as the service's refusals are everywhere in the outgoing screens.
    return error.bilingual();
}

void OutgoingActionDialog::setFile(const QString &path)
{
    m_ui->fileEdit->setText(QDir::toNativeSeparators(path));
    m_ui->errorLabel->hide();
}

void OutgoingActionDialog::updateChannelRows()
{
    const bool post =
        m_step == Step::Send && SendChannel(m_ui->channelCombo->currentData().toInt()) == SendChannel::Post;
    m_ui->actionForm->setRowVisible(m_ui->envelopesRow, post);
    m_ui->actionForm->setRowVisible(m_ui->postRecipientsEdit, post);

    // Liên thông: the exchange service queues one packet per receiving organ and writes the send entry
    // itself, so the dialog names where the packets go instead of asking for a note.
    if (m_step != Step::Send || m_doc.status == OutgoingStatus::Sent)
        return;
    const bool exchange = SendChannel(m_ui->channelCombo->currentData().toInt()) == SendChannel::Exchange;
    m_ui->actionForm->setRowVisible(m_ui->noteEdit, !exchange);
    QStringList lines;
    if (exchange) {
        QStringList organs;
        for (const QString &code : m_doc.recipientCodes)
            organs << QStringLiteral("• ") + ExchangeText::organ(session(), code);
        lines << (organs.isEmpty()
                      ? tr("The document names no receiving organ by its code (mã định danh), so the "
                           "exchange cannot deliver it.")
                      : tr("Sent over the document exchange to:\n%1").arg(organs.join(QLatin1Char('\n'))));
    }
    if (m_doc.isSecret())
        lines << tr("A classified document is never sent over the document exchange.");
    m_ui->hintLabel->setText(lines.join(QLatin1Char('\n')));
    m_ui->hintLabel->setVisible(!lines.isEmpty());
}

void OutgoingActionDialog::setArchiveLoan(const ArchiveLoan &loan)
{
    m_loan = loan;
    m_ui->returnDateEdit->setMinimumDate(loan.lentOn);
    QString text = tr("Lent to %1 on %2, allowed by %3.")
                       .arg(loan.borrowerName, dateText(loan.lentOn), loan.permittedBy);
    if (!loan.fileRef.isEmpty())
        text += QLatin1Char(' ') + tr("File (hồ sơ): %1.").arg(loan.fileRef);
    m_ui->hintLabel->setText(text);
    m_ui->hintLabel->show();
}

void OutgoingActionDialog::loadNextNumber()
{
    const QString book = m_doc.bookId;
    const int year = QDate::currentDate().year();
    Session *s = &session();
    session().run(
        this, [s, book, year]() { return s->outgoing().nextNumber(book, year); },
        [this](const core::Result<int> &next) {
            if (!next)
                return;
            m_ui->hintLabel->setText(
                tr("The document gets number %1 of %2 in the book \"%3\" and keeps it until it is issued.")
                    .arg(documents::formatReference(QString::number(next.value()), m_doc.notation))
                    .arg(QDate::currentDate().year())
                    .arg(m_doc.bookName));
            m_ui->hintLabel->show();
        });
}

void OutgoingActionDialog::loadLinkTargets()
{
    OutgoingFilter f;
    f.statuses = {OutgoingStatus::Issued, OutgoingStatus::Sent, OutgoingStatus::Recalled};
    const QString self = m_doc.id;
    Session *s = &session();
    session().run(
        this, [s, f]() { return s->outgoing().list(s->user(), f); },
        [this, self](const core::Result<QList<OutgoingDocument>> &docs) {
            QComboBox *combo = m_ui->targetCombo;
            combo->setEnabled(true);
            if (!docs) {
                m_ui->errorLabel->setText(docs.error().text());
                m_ui->errorLabel->show();
                return;
            }
            for (const OutgoingDocument &d : docs.value()) {
                if (d.id == self)
                    continue;
                combo->addItem(QStringLiteral("%1 — %2").arg(d.reference(), d.subject), d.id);
                combo->setItemData(combo->count() - 1,
                                   core::foldForSearch(QStringList{d.reference(), d.typeName, d.subject}.join(
                                       QLatin1Char(' '))),
                                   FoldingCompleter::SearchRole);
                combo->setItemData(combo->count() - 1, d.subject, Qt::ToolTipRole);
            }
            combo->setCompleter(new FoldingCompleter(combo->model(), combo));
            combo->setCurrentIndex(-1);
            if (combo->count() == 0)
                combo->lineEdit()->setPlaceholderText(tr("No issued document to relate to"));
        });
}

QString OutgoingActionDialog::chosenTargetId() const
{
    const int i = m_ui->targetCombo->findText(m_ui->targetCombo->currentText());
    return i >= 0 ? m_ui->targetCombo->itemData(i).toString() : QString();
}

void OutgoingActionDialog::accept()
{
    const QString id = m_doc.id;
    const int version = m_doc.version;
    const QString note = m_ui->noteEdit->toPlainText().trimmed();
    const Step step = m_step;
    const QString file = QDir::fromNativeSeparators(m_ui->fileEdit->text().trimmed());
    const auto channel = SendChannel(m_ui->channelCombo->currentData().toInt());
    const auto kind = LinkKind(m_ui->kindCombo->currentData().toInt());
    const QString target = chosenTargetId();
    if (step == Step::LendArchive) {
        const QString borrower = m_ui->borrowerEdit->text();
        const QString permittedBy = m_ui->permittedByCombo->currentText();
        const QString fileRef = m_ui->fileRefEdit->text();
        submit(
            [=](Session &s) {
                return s.outgoing().lendArchiveCopy(s.user(), id, borrower, fileRef, permittedBy, note);
            },
            m_ui->buttonBox, m_ui->errorLabel);
        return;
    }
    if (step == Step::ReturnArchive) {
        const QString loan = m_loan.id;
        const QDate date = m_ui->returnDateEdit->date();
        submit([=](Session &s) { return s.outgoing().returnArchiveCopy(s.user(), loan, date); },
               m_ui->buttonBox, m_ui->errorLabel);
        return;
    }
    documents::PostDetails post;
    post.envelopes = m_ui->envelopesSpin->value();
    post.recipients = m_ui->postRecipientsEdit->toPlainText();
    post.note = note;
    if (step == Step::Link && target.isEmpty()) {
        // Which document is meant is the user's choice to make here; the service checks the rest.
        m_ui->errorLabel->setText(tr("Choose the issued document from the list"));
        m_ui->errorLabel->show();
        m_ui->targetCombo->setFocus();
        return;
    }
    if (step == Step::Send && channel == SendChannel::Exchange) {
        // Queued by the exchange service, which marks the document sent; the sync sends it at once.
        submit(
            [id](Session &s) {
                auto queued = s.exchange().send(s.user(), id);
                if (queued) {
                    Q_EMIT s.documentChanged(id);
                    Q_EMIT s.exchangeQueued();
                }
                return queued;
            },
            m_ui->buttonBox, m_ui->errorLabel);
        return;
    }
    submit(
        [=](Session &s) {
            const core::User &u = s.user();
            documents::OutgoingService &out = s.outgoing();
            core::Result<OutgoingDocument> r = [&]() -> core::Result<OutgoingDocument> {
                switch (step) {
                case Step::Submit:
                    return out.submit(u, id, note);
                case Step::Approve:
                    return out.approve(u, id, note);
                case Step::Return:
                    return out.returnForRevision(u, id, note);
                case Step::Revise:
                    return out.revise(u, id, documents::AttachmentSource{file, {}, {}}, note, version);
                case Step::Reserve:
                    return out.reserveNumber(u, id, note);
                case Step::CancelReservation:
                    return out.cancelReservation(u, id, note);
                case Step::Send:
                    return channel == SendChannel::Post ? out.markSentByPost(u, id, post)
                                                        : out.markSent(u, id, channel, note);
                case Step::Recall:
                    return out.recall(u, id, note);
                case Step::Link:
                    return out.link(u, id, target, kind, note);
                case Step::LendArchive:
                case Step::ReturnArchive:
                    break; // above
                }
                return out.get(u, id);
            }();
            // Only the verdict matters here: the view reloads the document from the service's change signal.
            return r;
        },
        m_ui->buttonBox, m_ui->errorLabel);
}

} // namespace govdesk::gui
