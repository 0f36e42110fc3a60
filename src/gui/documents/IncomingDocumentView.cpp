#include "IncomingDocumentView.h"

#include "core/VietnameseDate.h"
#include "gui/Session.h"
#include "gui/documents/AssignDialog.h"
#include "gui/documents/CompleteDialog.h"
#include "gui/documents/ProgressDialog.h"
#include "gui/documents/RegisterIncomingDialog.h"
#include "gui/signing/SignaturePanel.h"
#include "gui/widgets/PdfViewer.h"

#include <QApplication>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace govdesk::gui {

using core::VietnameseDate;
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
};

static QString dateText(const QDate &d)
{
    return d.isValid() ? VietnameseDate::shortDate(d) : QString();
}

static QString dateTimeText(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm")) : QString();
}

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

static QLabel *valueLabel()
{
    auto *l = new QLabel;
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    l->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    return l;
}

static QWidget *scrollable(QLayout *layout)
{
    auto *inner = new QWidget;
    inner->setLayout(layout);
    auto *scroll = new QScrollArea;
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

IncomingDocumentView::IncomingDocumentView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_stack(new QStackedWidget(this)), m_placeholder(new QLabel(this)),
      m_title(new QLabel(this)), m_subject(new QLabel(this)), m_status(new QLabel(this)),
      m_registerButton(new QPushButton(tr("Re&gister"), this)),
      m_assignButton(new QPushButton(tr("&Assign…"), this)),
      m_progressButton(new QPushButton(tr("Record &progress…"), this)),
      m_completeButton(new QPushButton(tr("Co&mplete…"), this)),
      m_editButton(new QPushButton(tr("&Edit…"), this)),
      m_returnButton(new QPushButton(tr("Re&turn to sender…"), this)), m_splitter(new QSplitter(this)),
      m_tabs(new QTabWidget(this)), m_info(new QFormLayout), m_handling(new QFormLayout),
      m_history(new QTreeWidget(this)), m_attachments(new QListWidget(this)),
      m_saveButton(new QPushButton(tr("&Save as…"), this)), m_viewer(new PdfViewer(this)),
      m_signatures(new SignaturePanel(session.pool(), this)), m_signatureBanner(new QPushButton(this))
{
    setObjectName(QStringLiteral("documentView"));
    m_placeholder->setText(tr("Select a document in the list to see it here."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("documentTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subject->setObjectName(QStringLiteral("documentSubject"));
    m_subject->setWordWrap(true);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("documentStatus"));
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_registerButton->setObjectName(QStringLiteral("registerArrivedButton"));
    m_registerButton->setToolTip(tr("Register this received document into the book"));
    m_assignButton->setObjectName(QStringLiteral("assignButton"));
    m_assignButton->setToolTip(tr("Name who leads and who cooperates, the deadline and your opinion"));
    m_progressButton->setObjectName(QStringLiteral("progressButton"));
    m_completeButton->setObjectName(QStringLiteral("completeButton"));
    m_editButton->setObjectName(QStringLiteral("editButton"));
    m_editButton->setToolTip(tr("Correct the register entry"));
    m_returnButton->setObjectName(QStringLiteral("returnButton"));
    m_returnButton->setToolTip(tr("The document was sent here by mistake: return it to its sender"));
    m_saveButton->setObjectName(QStringLiteral("saveAttachmentButton"));
    m_saveButton->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_status);
    auto *actions = new QHBoxLayout;
    actions->setSpacing(6);
    for (QPushButton *b : {m_registerButton, m_assignButton, m_progressButton, m_completeButton, m_editButton,
                           m_returnButton}) {
        b->setAutoDefault(false);
        actions->addWidget(b);
    }
    actions->addStretch(1);

    // Information tab: the register entry.
    m_info->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_info->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_info->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_tabs->addTab(scrollable(m_info), tr("Register entry"));

    // Handling tab: the assignment slip and the history.
    m_handling->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_handling->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_history->setObjectName(QStringLiteral("historyTree"));
    m_history->setHeaderLabels({tr("When"), tr("Who"), tr("What"), tr("Note")});
    m_history->setRootIsDecorated(false);
    m_history->setWordWrap(true);
    m_history->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_history->header()->setStretchLastSection(true);
    auto *handlingLayout = new QVBoxLayout;
    auto *slipTitle = new QLabel(tr("<b>Assignment slip</b>"));
    handlingLayout->addWidget(slipTitle);
    handlingLayout->addLayout(m_handling);
    handlingLayout->addWidget(new QLabel(tr("<b>History</b>")));
    handlingLayout->addWidget(m_history, 1);
    auto *handling = new QWidget;
    handling->setLayout(handlingLayout);
    m_tabs->addTab(handling, tr("Handling"));

    // Attachments tab.
    m_attachments->setObjectName(QStringLiteral("attachmentsList"));
    auto *attachmentsLayout = new QVBoxLayout;
    attachmentsLayout->addWidget(m_attachments, 1);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_saveButton);
    attachmentsLayout->addLayout(saveRow);
    auto *attachments = new QWidget;
    attachments->setLayout(attachmentsLayout);
    m_tabs->addTab(attachments, tr("Attachments"));
    m_tabs->addTab(m_signatures, tr("Digital signatures"));

    // Over the document: the verdict on its signatures, one click from the details.
    m_signatureBanner->setObjectName(QStringLiteral("documentSignatureBanner"));
    m_signatureBanner->setFlat(true);
    m_signatureBanner->setCursor(Qt::PointingHandCursor);
    m_signatureBanner->setToolTip(tr("Show the details of the digital signatures"));
    m_signatureBanner->hide();
    auto *viewerPane = new QWidget;
    auto *viewerLayout = new QVBoxLayout(viewerPane);
    viewerLayout->setContentsMargins(0, 0, 0, 0);
    viewerLayout->setSpacing(2);
    viewerLayout->addWidget(m_signatureBanner);
    viewerLayout->addWidget(m_viewer, 1);

    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(viewerPane);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(titleRow);
    contentLayout->addWidget(m_subject);
    contentLayout->addLayout(actions);
    contentLayout->addWidget(m_splitter, 1);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_registerButton, &QPushButton::clicked, this, &IncomingDocumentView::registerArrived);
    connect(m_assignButton, &QPushButton::clicked, this, &IncomingDocumentView::assign);
    connect(m_progressButton, &QPushButton::clicked, this, &IncomingDocumentView::recordProgress);
    connect(m_completeButton, &QPushButton::clicked, this, &IncomingDocumentView::complete);
    connect(m_editButton, &QPushButton::clicked, this, &IncomingDocumentView::edit);
    connect(m_returnButton, &QPushButton::clicked, this, &IncomingDocumentView::returnToSender);
    connect(m_saveButton, &QPushButton::clicked, this, &IncomingDocumentView::saveAttachment);
    connect(m_attachments, &QListWidget::currentRowChanged, this, &IncomingDocumentView::showAttachment);
    connect(m_attachments, &QListWidget::itemActivated, this, [this] { m_viewer->setFocus(); });
    connect(m_signatureBanner, &QPushButton::clicked, this,
            [this] { m_tabs->setCurrentWidget(m_signatures); });
    connect(m_signatures, &SignaturePanel::verified, this, [this](int count, const QString &summary) {
        m_tabs->setTabText(m_tabs->indexOf(m_signatures),
                           count > 0 ? tr("Digital signatures (%1)").arg(count) : tr("Digital signatures"));
        m_signatureBanner->setVisible(true);
        m_signatureBanner->setText(summary);
        const QColor colour = count > 0 ? SignaturePanel::verdictColour(m_signatures->overall())
                                        : palette().color(QPalette::PlaceholderText);
        m_signatureBanner->setStyleSheet(
            QStringLiteral("QPushButton{color:%1;font-weight:%2;text-align:left;padding:3px 6px}")
                .arg(colour.name(), count > 0 ? QStringLiteral("bold") : QStringLiteral("normal")));
    });
    connect(&m_session, &Session::documentChanged, this, [this](const QString &id) {
        if (id == m_id)
            reload();
    });
    clear();
}

void IncomingDocumentView::clear()
{
    ++m_generation;
    m_id.clear();
    m_doc = IncomingDocument();
    m_doc.id.clear();
    m_stack->setCurrentWidget(m_placeholder);
    m_viewer->showMessage(tr("No document"));
    m_signatures->clear();
    m_signatureBanner->hide();
}

void IncomingDocumentView::showDocument(const QString &id)
{
    if (id.isEmpty()) {
        clear();
        return;
    }
    if (id == m_id)
        return;
    m_id = id;
    m_doc = IncomingDocument();
    m_doc.id.clear();
    m_attachments->clear();
    m_viewer->showMessage(tr("Loading…"));
    reload();
}

void IncomingDocumentView::reload()
{
    const int generation = ++m_generation;
    const QString id = m_id;
    const int keepAttachment = m_doc.id == id ? m_attachments->currentRow() : -1;
    Session *session = &m_session;
    m_session.run(
        this,
        [session, id, keepAttachment]() {
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
        [this, generation](const Loaded &l) {
            if (generation != m_generation)
                return;
            fill(l);
        });
}

void IncomingDocumentView::fill(const Loaded &l)
{
    if (l.doc.id.isEmpty()) {
        m_stack->setCurrentWidget(m_placeholder);
        m_placeholder->setText(l.error);
        return;
    }
    const bool sameDocument = m_doc.id == l.doc.id;
    m_doc = l.doc;
    const IncomingDocument &d = m_doc;
    m_stack->setCurrentWidget(m_stack->widget(1));

    if (d.arrivalNumber > 0)
        m_title->setText(tr("Arrival no. %1 — %2 — %3")
                             .arg(d.arrivalNumber)
                             .arg(d.reference().isEmpty() ? d.typeName : d.reference(), d.authorName));
    else
        m_title->setText(tr("Not yet registered — %1 — %2")
                             .arg(d.reference().isEmpty() ? d.typeName : d.reference(), d.authorName));
    m_subject->setText(d.typeName + QStringLiteral(": ") + d.subject);
    QString status = Vocabulary::displayName(d.status);
    QString statusStyle = QStringLiteral("padding: 2px 8px; border-radius: 8px; background: #e4ecf7;");
    if (d.isOverdue()) {
        status = tr("%1, overdue").arg(status);
        statusStyle =
            QStringLiteral("padding: 2px 8px; border-radius: 8px; background: #fde2e4; color: #a0001a;");
    } else if (d.status == IncomingStatus::Completed) {
        statusStyle =
            QStringLiteral("padding: 2px 8px; border-radius: 8px; background: #dff3e4; color: #176b2c;");
    }
    m_status->setText(status);
    m_status->setStyleSheet(statusStyle);

    while (m_info->rowCount() > 0)
        m_info->removeRow(0);
    auto addRow = [](QFormLayout *form, const QString &label, const QString &value) {
        QLabel *v = valueLabel();
        v->setText(value.isEmpty() ? QStringLiteral("—") : value);
        form->addRow(label, v);
        return v;
    };
    addRow(m_info, tr("Book:"), d.bookName);
    addRow(m_info, tr("Arrival no.:"), d.arrivalNumber > 0 ? QString::number(d.arrivalNumber) : QString());
    addRow(m_info, tr("Arrival date:"), dateText(d.arrivalDate));
    addRow(m_info, tr("Author:"),
           d.authorCode.isEmpty() ? d.authorName : QStringLiteral("%1 (%2)").arg(d.authorName, d.authorCode));
    addRow(m_info, tr("Number, notation:"), d.reference());
    addRow(m_info, tr("Document date:"), dateText(d.documentDate));
    addRow(m_info, tr("Type:"), d.typeName);
    addRow(m_info, tr("Summary:"), d.subject);
    QLabel *urgency = addRow(m_info, tr("Urgency:"), Vocabulary::displayName(d.urgency));
    if (d.urgency != documents::Urgency::Normal)
        urgency->setStyleSheet(QStringLiteral("color: #c6001f; font-weight: bold;"));
    QLabel *secrecy = addRow(m_info, tr("Classification:"), Vocabulary::displayName(d.secrecy));
    if (d.isSecret())
        secrecy->setStyleSheet(QStringLiteral("color: #8a0000; font-weight: bold;"));
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

    while (m_handling->rowCount() > 0)
        m_handling->removeRow(0);
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

    m_history->clear();
    for (const ProgressEntry &e : l.history) {
        QString what = e.kind;
        if (e.kind == QLatin1String("register"))
            what = tr("Registered");
        else if (e.kind == QLatin1String("receive"))
            what = tr("Received");
        else if (e.kind == QLatin1String("assign"))
            what = tr("Assigned");
        else if (e.kind == QLatin1String("progress"))
            what = tr("Progress");
        else if (e.kind == QLatin1String("complete"))
            what = tr("Completed");
        else if (e.kind == QLatin1String("update"))
            what = tr("Entry corrected");
        else if (e.kind == QLatin1String("return"))
            what = tr("Returned to sender");
        auto *item = new QTreeWidgetItem(
            m_history, {dateTimeText(e.at), m_session.userDisplayName(e.username), what, e.note});
        item->setToolTip(3, e.note);
    }

    {
        const QSignalBlocker block(m_attachments);
        m_attachments->clear();
        const QLocale locale;
        for (const documents::Attachment &a : d.attachments) {
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
        m_attachments->setCurrentRow(l.shownAttachment);
    }
    m_tabs->setTabText(2, d.attachments.isEmpty() ? tr("Attachments")
                                                  : tr("Attachments (%1)").arg(d.attachments.size()));
    if (l.shownAttachment >= 0 && !l.attachmentData.isEmpty()) {
        const bool keepView = sameDocument && m_viewer->pageCount() > 0;
        if (!keepView) {
            m_viewer->setPdf(l.attachmentData, d.attachments[l.shownAttachment].fileName);
            m_signatures->setPdf(l.attachmentData, d.attachments[l.shownAttachment].fileName);
        }
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

void IncomingDocumentView::updateActions()
{
    const core::User &u = m_session.user();
    const IncomingStatus s = m_doc.status;
    const bool open = s != IncomingStatus::Completed && s != IncomingStatus::Returned;
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
    m_viewer->showMessage(tr("Opening %1…").arg(a.fileName));
    const QString id = m_doc.id;
    const int generation = m_generation;
    Session *session = &m_session;
    m_session.run(
        this, [session, id, a]() { return session->incoming().attachmentData(session->user(), id, a.id); },
        [this, generation, a](const core::Result<QByteArray> &data) {
            if (generation != m_generation)
                return;
            if (!data) {
                m_viewer->showMessage(data.error().text());
                m_signatures->clear(data.error().text());
            } else {
                m_viewer->setPdf(data.value(), a.fileName);
                m_signatures->setPdf(data.value(), a.fileName);
            }
        });
}

void IncomingDocumentView::showError(const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("GovDesk"), message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("documentError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void IncomingDocumentView::assign()
{
    if (m_doc.id.isEmpty())
        return;
    auto *dialog = new AssignDialog(m_session, m_doc, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void IncomingDocumentView::recordProgress()
{
    if (m_doc.id.isEmpty())
        return;
    auto *dialog = new ProgressDialog(m_session, m_doc, ProgressDialog::Purpose::Progress, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void IncomingDocumentView::complete()
{
    if (m_doc.id.isEmpty())
        return;
    auto *dialog = new CompleteDialog(m_session, m_doc, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void IncomingDocumentView::returnToSender()
{
    if (m_doc.id.isEmpty())
        return;
    auto *dialog = new ProgressDialog(m_session, m_doc, ProgressDialog::Purpose::Return, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void IncomingDocumentView::edit()
{
    if (m_doc.id.isEmpty())
        return;
    auto *dialog = new RegisterIncomingDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->editDocument(m_doc);
    dialog->open();
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
                showError(r.error().text());
        });
}

void IncomingDocumentView::saveAttachment()
{
    const int index = m_attachments->currentRow();
    if (m_doc.id.isEmpty() || index < 0 || index >= m_doc.attachments.size())
        return;
    const documents::Attachment a = m_doc.attachments[index];
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save attachment"), dir + QLatin1Char('/') + a.fileName);
    if (path.isEmpty())
        return;
    const QString id = m_doc.id;
    Session *session = &m_session;
    QApplication::setOverrideCursor(Qt::BusyCursor);
    m_session.run(
        this,
        [session, id, a, path]() -> QString {
            auto data = session->incoming().attachmentData(session->user(), id, a.id);
            if (!data)
                return data.error().text();
            QSaveFile out(path);
            if (!out.open(QIODevice::WriteOnly) || out.write(data.value()) != data->size() || !out.commit())
                return tr("Cannot write %1: %2").arg(path, out.errorString());
            return {};
        },
        [this](const QString &error) {
            QApplication::restoreOverrideCursor();
            if (!error.isEmpty())
                showError(error);
        });
}

QByteArray IncomingDocumentView::saveState() const
{
    return m_splitter->saveState();
}

void IncomingDocumentView::restoreState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_splitter->restoreState(state);
}

} // namespace govdesk::gui
