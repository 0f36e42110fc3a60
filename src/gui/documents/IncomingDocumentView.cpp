#include "IncomingDocumentView.h"

#include "gui/Session.h"
#include "gui/documents/AssignDialog.h"
#include "gui/documents/CompleteDialog.h"
#include "gui/documents/DocumentFormat.h"
#include "gui/documents/ProgressDialog.h"
#include "gui/documents/RegisterIncomingDialog.h"
#include "gui/exchange/ExchangeRequestBanner.h"
#include "gui/signing/SignaturePanel.h"
#include "gui/widgets/PdfViewer.h"

#include <QApplication>
#include <QBoxLayout>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace govdesk::gui {

using documents::IncomingDocument;
using documents::IncomingStatus;
using documents::ProgressEntry;
using documents::Vocabulary;

struct IncomingDocumentView::Loaded
{
    IncomingDocument doc;
    QList<ProgressEntry> history;
    int shownAttachment = -1;
    QByteArray attachmentData;
    QString error;
    QList<exchange::ExchangeRequest> requests; // open requests of its sender over the exchange
};

static bool isPdf(const documents::Attachment &a)
{
    return a.mimeType == QLatin1String("application/pdf") ||
           a.fileName.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
}

static QString signatureVerdictText(const QString &key)
{
    if (key == QLatin1String("valid"))
        return IncomingDocumentView::tr("signatures valid");
    if (key == QLatin1String("invalid"))
        return IncomingDocumentView::tr("signature INVALID");
    if (key == QLatin1String("indeterminate"))
        return IncomingDocumentView::tr("signatures not fully verified");
    return {};
}

static QString stepName(const ProgressEntry &e)
{
    if (e.kind == QLatin1String("register"))
        return IncomingDocumentView::tr("Registered");
    if (e.kind == QLatin1String("receive"))
        return IncomingDocumentView::tr("Received");
    if (e.kind == QLatin1String("assign"))
        return IncomingDocumentView::tr("Assigned");
    if (e.kind == QLatin1String("progress"))
        return IncomingDocumentView::tr("Progress");
    if (e.kind == QLatin1String("complete"))
        return IncomingDocumentView::tr("Completed");
    if (e.kind == QLatin1String("update"))
        return IncomingDocumentView::tr("Entry corrected");
    if (e.kind == QLatin1String("return"))
        return IncomingDocumentView::tr("Returned to sender");
    if (e.kind == QLatin1String("withdraw"))
        return IncomingDocumentView::tr("Withdrawn by the sender");
    return e.kind;
}

/// Reads the attachment's bytes (in a worker).
static DocumentView::FileReader attachmentReader(const QString &id, const documents::Attachment &a)
{
    return [id, a](Session &s) { return s.incoming().attachmentData(s.user(), id, a.id); };
}

IncomingDocumentView::IncomingDocumentView(Session &session, QWidget *parent)
    : DocumentView(session, QStringLiteral("document"), parent)
{
    setObjectName(QStringLiteral("documentView"));
    m_registerButton = addActionButton(tr("Re&gister"), "registerArrivedButton",
                                       tr("Register this received document into the book"));
    m_assignButton = addActionButton(tr("&Assign…"), "assignButton",
                                     tr("Name who leads and who cooperates, the deadline and your opinion"));
    m_progressButton = addActionButton(tr("Record &progress…"), "progressButton");
    m_completeButton = addActionButton(tr("Co&mplete…"), "completeButton");
    m_editButton = addActionButton(tr("&Edit…"), "editButton", tr("Correct the register entry"));
    m_returnButton = addActionButton(tr("Re&turn to sender…"), "returnButton",
                                     tr("The document was sent here by mistake: return it to its sender"));

    // Information tab: the register entry.
    m_info = addFormTab(tr("Register entry"));

    // Handling tab: the assignment slip and the history.
    m_handling = new QFormLayout;
    m_handling->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_handling->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_history = createHistoryTree(QStringLiteral("historyTree"));
    auto *handlingLayout = new QVBoxLayout;
    handlingLayout->addWidget(new QLabel(tr("<b>Assignment slip</b>")));
    handlingLayout->addLayout(m_handling);
    handlingLayout->addWidget(new QLabel(tr("<b>History</b>")));
    handlingLayout->addWidget(m_history, 1);
    auto *handling = new QWidget;
    handling->setLayout(handlingLayout);
    m_tabs->addTab(handling, tr("Handling"));

    // Attachments tab.
    m_attachments = new QListWidget(this);
    m_attachments->setObjectName(QStringLiteral("attachmentsList"));
    m_saveButton = new QPushButton(tr("&Save as…"), this);
    m_saveButton->setObjectName(QStringLiteral("saveAttachmentButton"));
    m_saveButton->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    auto *attachmentsLayout = new QVBoxLayout;
    attachmentsLayout->addWidget(m_attachments, 1);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_saveButton);
    attachmentsLayout->addLayout(saveRow);
    auto *attachments = new QWidget;
    attachments->setLayout(attachmentsLayout);
    m_tabs->addTab(attachments, tr("Attachments"));
    m_requestBanner = new ExchangeRequestBanner(session, this);
    assemble();

    // The sender's request (liên thông) stands under the summary, above the actions, while it is open.
    if (auto *subject = findChild<QLabel *>(QStringLiteral("documentSubject")))
        if (auto *content = qobject_cast<QBoxLayout *>(subject->parentWidget()->layout()))
            content->insertWidget(content->indexOf(subject) + 1, m_requestBanner);

    connect(m_registerButton, &QPushButton::clicked, this, &IncomingDocumentView::registerArrived);
    connect(m_assignButton, &QPushButton::clicked, this, &IncomingDocumentView::assign);
    connect(m_progressButton, &QPushButton::clicked, this, &IncomingDocumentView::recordProgress);
    connect(m_completeButton, &QPushButton::clicked, this, &IncomingDocumentView::complete);
    connect(m_editButton, &QPushButton::clicked, this, &IncomingDocumentView::edit);
    connect(m_returnButton, &QPushButton::clicked, this, &IncomingDocumentView::returnToSender);
    connect(m_saveButton, &QPushButton::clicked, this, &IncomingDocumentView::saveAttachment);
    connect(m_attachments, &QListWidget::currentRowChanged, this, &IncomingDocumentView::showAttachment);
    connect(m_attachments, &QListWidget::itemActivated, this, [this] { m_viewer->setFocus(); });
}

void IncomingDocumentView::forgetDocument()
{
    m_doc = IncomingDocument();
    m_doc.id.clear();
    m_attachments->clear();
    m_requestBanner->clear();
}

void IncomingDocumentView::reload()
{
    newGeneration();
    const QString id = m_id;
    const int keepAttachment = m_doc.id == id ? m_attachments->currentRow() : -1;
    runForDocument(
        [session = &m_session, id, keepAttachment]() {
            Loaded l;
            auto doc = session->incoming().get(session->user(), id);
            if (!doc) {
                l.error = doc.error().text();
                return l;
            }
            l.doc = doc.value();
            if (auto history = session->incoming().history(session->user(), id))
                l.history = history.value();
            // The first PDF is what the reader wants to see; keep the one shown before a refresh.
            int show = keepAttachment;
            if (show < 0 || show >= l.doc.attachments.size()) {
                show = -1;
                for (int i = 0; i < l.doc.attachments.size() && show < 0; ++i)
                    if (isPdf(l.doc.attachments[i]))
                        show = i;
            }
            l.shownAttachment = show;
            // Requests of the exchange are the clerk's to decide (the service's rule for who works with it).
            const core::User &user = session->user();
            if (user.can(core::Permission::RegisterIncoming) && user.can(core::Permission::IssueOutgoing))
                if (auto requests = session->exchange().requests(user))
                    for (const exchange::ExchangeRequest &r : requests.value())
                        if (r.incomingId == id)
                            l.requests << r;
            if (show >= 0 && isPdf(l.doc.attachments[show])) {
                auto data =
                    session->incoming().attachmentData(session->user(), id, l.doc.attachments[show].id);
                if (data)
                    l.attachmentData = data.value();
                else
                    l.error = data.error().text();
            }
            return l;
        },
        [this](const Loaded &l) { fill(l); });
}

void IncomingDocumentView::fill(const Loaded &l)
{
    if (l.doc.id.isEmpty()) {
        showPlaceholder(l.error);
        return;
    }
    const bool sameDocument = m_doc.id == l.doc.id;
    m_doc = l.doc;
    const IncomingDocument &d = m_doc;
    showContent();

    const QString reference = d.reference().isEmpty() ? d.typeName : d.reference();
    setHeading(d.arrivalNumber > 0
                   ? tr("Arrival no. %1 — %2 — %3").arg(d.arrivalNumber).arg(reference, d.authorName)
                   : tr("Not yet registered — %1 — %2").arg(reference, d.authorName),
               d.typeName + QStringLiteral(": ") + d.subject);
    if (d.isOverdue())
        setStatus(tr("%1, overdue").arg(Vocabulary::displayName(d.status)), Tone::Bad);
    else
        setStatus(Vocabulary::displayName(d.status), d.status == IncomingStatus::Completed   ? Tone::Good
                                                     : d.status == IncomingStatus::Withdrawn ? Tone::Bad
                                                                                             : Tone::Neutral);

    fillEntry();
    fillHandling();
    m_requestBanner->setRequest(l.requests.value(0),
                                d.authorCode == l.requests.value(0).sender ? d.authorName : QString(),
                                int(l.requests.size()) - 1);
    fillHistory(m_history, l.history, stepName, [](const ProgressEntry &e) { return e.note; });
    fillAttachments(l.shownAttachment);
    if (l.shownAttachment >= 0 && !l.attachmentData.isEmpty()) {
        const bool keepView = sameDocument && m_viewer->pageCount() > 0;
        if (!keepView)
            showPdf(l.attachmentData, d.attachments[l.shownAttachment].fileName);
    } else if (!l.error.isEmpty()) {
        m_viewer->showMessage(l.error);
    } else if (d.attachments.isEmpty()) {
        m_viewer->showMessage(tr("This document has no attached file."));
    } else {
        m_viewer->showMessage(tr("The attached file is not a PDF; save it to open it with another program."));
    }
    updateActions();
    Q_EMIT documentLoaded(d.id);
}

void IncomingDocumentView::fillEntry()
{
    const IncomingDocument &d = m_doc;
    clearRows(m_info);
    addRow(m_info, tr("Book:"), d.bookName);
    addRow(m_info, tr("Arrival no.:"), d.arrivalNumber > 0 ? QString::number(d.arrivalNumber) : QString());
    addRow(m_info, tr("Arrival date:"), dateText(d.arrivalDate));
    addRow(m_info, tr("Author:"),
           d.authorCode.isEmpty() ? d.authorName : QStringLiteral("%1 (%2)").arg(d.authorName, d.authorCode));
    addRow(m_info, tr("Number, notation:"), d.reference());
    addRow(m_info, tr("Document date:"), dateText(d.documentDate));
    addRow(m_info, tr("Type:"), d.typeName);
    addRow(m_info, tr("Summary:"), d.subject);
    addPriorityRows(m_info, d.urgency, d.secrecy);
    addRow(m_info, tr("Pages:"), d.pageCount > 0 ? QString::number(d.pageCount) : QString());
    addRow(m_info, tr("Signed by:"),
           d.signerPosition.isEmpty() ? d.signerName
                                      : QStringLiteral("%1, %2").arg(d.signerName, d.signerPosition));
    addRow(m_info, tr("Recipients:"), d.recipients);
    QLabel *deadline = addRow(m_info, tr("Deadline:"), dateText(d.deadline));
    if (d.isOverdue())
        deadline->setStyleSheet(QStringLiteral("color: #c6001f; font-weight: bold;"));
    addRow(m_info, tr("Received as:"),
           d.receiveMethod == QLatin1String("electronic") ? tr("Electronic") : tr("Paper"));
    addRow(m_info, tr("Notes:"), d.notes);
    addRow(m_info, tr("Registered by:"),
           QStringLiteral("%1, %2").arg(m_session.userDisplayName(d.createdBy), dateTimeText(d.createdAt)));
}

void IncomingDocumentView::fillHandling()
{
    const IncomingDocument &d = m_doc;
    clearRows(m_handling);
    if (d.assignment) {
        const documents::Assignment &a = *d.assignment;
        QString lead = m_session.userDisplayName(a.leadUserId);
        if (a.leadUserId.isEmpty())
            lead = m_session.unitName(a.leadUnitId);
        else if (!a.leadUnitId.isEmpty())
            lead += QStringLiteral(" (%1)").arg(m_session.unitName(a.leadUnitId));
        addRow(m_handling, tr("Leads:"), lead);
        QStringList coop;
        for (const QString &u : a.coopUnitIds)
            coop << m_session.unitName(u);
        addRow(m_handling, tr("Cooperates:"), coop.join(QStringLiteral("; ")));
        addRow(m_handling, tr("Deadline:"), dateText(a.deadline));
        addRow(m_handling, tr("Leader's opinion:"), a.opinion);
        addRow(m_handling, tr("Assigned by:"),
               QStringLiteral("%1, %2").arg(m_session.userDisplayName(a.assignedBy),
                                            dateTimeText(a.assignedAt)));
    } else {
        addRow(m_handling, tr("Leads:"), tr("Not assigned yet"));
    }
    if (!d.replyReference.isEmpty() || d.completedAt.isValid()) {
        addRow(m_handling, tr("Reply:"), d.replyReference);
        addRow(m_handling, tr("Completed:"), dateTimeText(d.completedAt));
    }
}

void IncomingDocumentView::fillAttachments(int shown)
{
    {
        const QSignalBlocker block(m_attachments);
        m_attachments->clear();
        const QLocale locale;
        for (const documents::Attachment &a : m_doc.attachments) {
            auto *item = new QListWidgetItem(
                style()->standardIcon(isPdf(a) ? QStyle::SP_FileIcon : QStyle::SP_FileLinkIcon),
                QStringLiteral("%1  (%2)").arg(a.fileName, locale.formattedDataSize(a.size)), m_attachments);
            item->setToolTip(a.fileName);
            // The verdict on its signatures, kept when the document was registered.
            if (const auto verdict = signatureVerdictText(a.signatureVerdict); !verdict.isEmpty()) {
                item->setText(item->text() + QStringLiteral(" — ") + verdict);
                item->setToolTip(tr("%1\nDigital signatures when registered: %2").arg(a.fileName, verdict));
            }
        }
        m_attachments->setCurrentRow(shown);
    }
    m_tabs->setTabText(2, m_doc.attachments.isEmpty() ? tr("Attachments")
                                                      : tr("Attachments (%1)").arg(m_doc.attachments.size()));
}

void IncomingDocumentView::updateActions()
{
    const core::User &u = m_session.user();
    const IncomingStatus s = m_doc.status;
    const bool open = !m_doc.isClosed();
    const bool loaded = !m_doc.id.isEmpty();
    // What the role may do at all decides what is shown; whether this document allows it now is the
    // service's answer when the button is pressed.
    m_registerButton->setVisible(u.can(core::Permission::RegisterIncoming) && s == IncomingStatus::New);
    m_assignButton->setVisible(u.can(core::Permission::AssignIncoming));
    m_assignButton->setEnabled(loaded && open && s != IncomingStatus::New);
    m_progressButton->setVisible(u.can(core::Permission::HandleAssigned));
    m_completeButton->setVisible(u.can(core::Permission::HandleAssigned));
    const bool handling = s == IncomingStatus::Assigned || s == IncomingStatus::InProgress;
    m_progressButton->setEnabled(loaded && handling);
    m_completeButton->setEnabled(loaded && handling);
    m_editButton->setVisible(u.can(core::Permission::EditRegistered));
    m_editButton->setEnabled(loaded && s != IncomingStatus::New);
    m_returnButton->setVisible(u.can(core::Permission::RegisterIncoming));
    m_returnButton->setEnabled(loaded && open);
    m_saveButton->setEnabled(loaded && m_attachments->currentRow() >= 0);
}

void IncomingDocumentView::showAttachment(int index)
{
    m_saveButton->setEnabled(index >= 0);
    if (index < 0 || index >= m_doc.attachments.size())
        return;
    const documents::Attachment a = m_doc.attachments[index];
    m_signatureBanner->hide();
    if (!isPdf(a)) {
        m_signatures->clear(tr("%1 is not a PDF.").arg(a.fileName));
        m_viewer->showMessage(
            tr("%1 is not a PDF; save it to open it with another program.").arg(a.fileName));
        return;
    }
    openPdf(a.fileName, attachmentReader(m_doc.id, a));
}

void IncomingDocumentView::assign()
{
    if (!m_doc.id.isEmpty())
        openDialog(new AssignDialog(m_session, m_doc, this));
}

void IncomingDocumentView::recordProgress()
{
    if (!m_doc.id.isEmpty())
        openDialog(new ProgressDialog(m_session, m_doc, ProgressDialog::Purpose::Progress, this));
}

void IncomingDocumentView::complete()
{
    if (!m_doc.id.isEmpty())
        openDialog(new CompleteDialog(m_session, m_doc, this));
}

void IncomingDocumentView::returnToSender()
{
    if (!m_doc.id.isEmpty())
        openDialog(new ProgressDialog(m_session, m_doc, ProgressDialog::Purpose::Return, this));
}

void IncomingDocumentView::edit()
{
    if (m_doc.id.isEmpty())
        return;
    auto *dialog = new RegisterIncomingDialog(m_session, this);
    dialog->editDocument(m_doc);
    openDialog(dialog);
}

void IncomingDocumentView::registerArrived()
{
    if (m_doc.id.isEmpty())
        return;
    const QString id = m_doc.id;
    Session *session = &m_session;
    QApplication::setOverrideCursor(Qt::BusyCursor);
    m_registerButton->setEnabled(false);
    m_session.run(
        this, [session, id]() { return session->incoming().registerArrived(session->user(), id); },
        [this](const core::Result<IncomingDocument> &r) {
            QApplication::restoreOverrideCursor();
            m_registerButton->setEnabled(true);
            if (!r)
                showError(r.error());
        });
}

void IncomingDocumentView::saveAttachment()
{
    const int index = m_attachments->currentRow();
    if (m_doc.id.isEmpty() || index < 0 || index >= m_doc.attachments.size())
        return;
    const documents::Attachment a = m_doc.attachments[index];
    saveFileAs(tr("Save attachment"), a.fileName, QString(), attachmentReader(m_doc.id, a));
}

} // namespace govdesk::gui
