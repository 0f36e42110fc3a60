#include "OutgoingDocumentView.h"

#include "gui/Session.h"
#include "gui/documents/DocumentFormat.h"
#include "gui/exchange/ExchangeStatusPanel.h"
#include "gui/outgoing/DraftOutgoingDialog.h"
#include "gui/outgoing/IssueDialog.h"
#include "gui/outgoing/OutgoingSignDialog.h"
#include "gui/outgoing/OutgoingTableModel.h"
#include "gui/signing/SignaturePanel.h"
#include "gui/widgets/PdfViewer.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace govdesk::gui {

using core::Permission;
using documents::ArchiveLoan;
using documents::LinkKind;
using documents::OutgoingDocument;
using documents::OutgoingLink;
using documents::OutgoingStatus;
using documents::OutgoingVocabulary;
using documents::ProgressEntry;
using documents::ReviewComment;
using documents::Vocabulary;
using Step = OutgoingActionDialog::Step;

static constexpr int VersionRole = Qt::UserRole + 1;

struct OutgoingDocumentView::Loaded
{
    OutgoingDocument doc;
    QList<ProgressEntry> history;
    QString replyTo;          // the incoming document it answers, as text
    QList<ArchiveLoan> loans; // of its archive copy, for those who keep the book
    int shownVersion = 0;
    QByteArray pdf;
    core::Error error;                        // the document could not be read
    core::Error fileError;                    // the document was read, its file was not
    QList<exchange::RecipientState> exchange; // its packets and statuses, when it went out over the exchange
};

static QString stepName(const QString &kind)
{
    if (kind == QLatin1String("draft"))
        return OutgoingDocumentView::tr("Drafted");
    if (kind == QLatin1String("submit"))
        return OutgoingDocumentView::tr("Submitted");
    if (kind == QLatin1String("approve"))
        return OutgoingDocumentView::tr("Approved");
    if (kind == QLatin1String("return"))
        return OutgoingDocumentView::tr("Returned for revision");
    if (kind == QLatin1String("revise"))
        return OutgoingDocumentView::tr("New version");
    if (kind == QLatin1String("sign"))
        return OutgoingDocumentView::tr("Signed");
    if (kind == QLatin1String("reserve"))
        return OutgoingDocumentView::tr("Number reserved");
    if (kind == QLatin1String("cancel-reservation"))
        return OutgoingDocumentView::tr("Reservation cancelled");
    if (kind == QLatin1String("issue-number"))
        return OutgoingDocumentView::tr("Numbered");
    if (kind == QLatin1String("issue"))
        return OutgoingDocumentView::tr("Issued");
    if (kind == QLatin1String("seal"))
        return OutgoingDocumentView::tr("Signed for the organisation");
    if (kind == QLatin1String("send"))
        return OutgoingDocumentView::tr("Sent out");
    if (kind == QLatin1String("recall"))
        return OutgoingDocumentView::tr("Recalled");
    if (kind == QLatin1String("link"))
        return OutgoingDocumentView::tr("Related");
    if (kind == QLatin1String("linked-by"))
        return OutgoingDocumentView::tr("Named by a later document");
    if (kind == QLatin1String("update"))
        return OutgoingDocumentView::tr("Information changed");
    if (kind == QLatin1String("archive-lend"))
        return OutgoingDocumentView::tr("Archive copy lent");
    if (kind == QLatin1String("archive-return"))
        return OutgoingDocumentView::tr("Archive copy returned");
    return kind;
}

/// A history note names a channel or a relation by its key: say it in words.
static QString noteText(const ProgressEntry &e)
{
    QString note = e.note;
    if (e.kind == QLatin1String("send") || e.kind == QLatin1String("link") ||
        e.kind == QLatin1String("linked-by")) {
        const QString first = note.section(QLatin1Char(' '), 0, 0);
        const QString rest = note.section(QLatin1Char(' '), 1);
        if (const auto c = OutgoingVocabulary::channelFromKey(first))
            note = QStringList{OutgoingVocabulary::displayName(*c), rest}.join(QLatin1Char(' ')).trimmed();
        else if (const auto k = OutgoingVocabulary::linkKindFromKey(first))
            note = QStringList{OutgoingVocabulary::displayName(*k), rest}.join(QLatin1Char(' ')).trimmed();
    }
    return note;
}

static QString authorityText(const QString &prefix)
{
    if (prefix == QLatin1String("TM."))
        return OutgoingDocumentView::tr("TM. (on behalf of the collective)");
    if (prefix == QLatin1String("KT."))
        return OutgoingDocumentView::tr("KT. (signs for the head)");
    if (prefix == QLatin1String("TL."))
        return OutgoingDocumentView::tr("TL. (by order of the head)");
    if (prefix == QLatin1String("TUQ."))
        return OutgoingDocumentView::tr("TUQ. (by authorisation of the head)");
    if (prefix == QLatin1String("Q."))
        return OutgoingDocumentView::tr("Q. (acting head)");
    return prefix;
}

static QString linkText(const OutgoingLink &l)
{
    const QString other =
        l.targetReference.isEmpty() ? OutgoingDocumentView::tr("(no number yet)") : l.targetReference;
    if (!l.incoming)
        return QStringLiteral("%1 %2").arg(OutgoingVocabulary::displayName(l.kind), other);
    switch (l.kind) {
    case LinkKind::Replaces:
        return OutgoingDocumentView::tr("Replaced by %1").arg(other);
    case LinkKind::Updates:
        return OutgoingDocumentView::tr("Updated by %1").arg(other);
    case LinkKind::Corrects:
        return OutgoingDocumentView::tr("Corrected by %1").arg(other);
    }
    return other;
}

/// Reads one version of the document's file (in a worker).
static DocumentView::FileReader fileReader(const QString &id, int version)
{
    return [id, version](Session &s) { return s.outgoing().fileData(s.user(), id, version); };
}

OutgoingDocumentView::OutgoingDocumentView(Session &session, QWidget *parent)
    : DocumentView(session, QStringLiteral("outgoing"), parent)
{
    setObjectName(QStringLiteral("outgoingDocumentView"));
    m_editButton = addActionButton(tr("&Edit information…"), "editInformationButton",
                                   tr("Change the type, summary, recipients, signer, copies or due date"));
    m_submitButton = addActionButton(tr("&Submit…"), "submitButton",
                                     tr("Send the current version to the leader for approval"));
    m_reviseButton =
        addActionButton(tr("Re&vise draft…"), "reviseButton", tr("Upload a new version of the draft"));
    m_approveButton = addActionButton(tr("&Approve…"), "approveButton", tr("Approve the text of the draft"));
    m_returnButton = addActionButton(tr("Re&turn…"), "returnForRevisionButton",
                                     tr("Send the draft back to the drafter with what to change"));
    m_signButton = addActionButton(tr("Si&gn…"), "signButton",
                                   tr("Sign the approved document with your digital signature"));
    m_issueButton =
        addActionButton(tr("&Number and issue…"), "issueButton",
                        tr("Give the document its number and issue date and sign it for the organisation"));
    m_reserveButton = addActionButton(tr("Reserve n&umber…"), "reserveButton",
                                      tr("Keep the next number of the book for this document"));
    m_cancelReservationButton =
        addActionButton(tr("Cancel reser&vation…"), "cancelReservationButton",
                        tr("Give up the reserved number; it is recorded as cancelled"));
    m_sendButton = addActionButton(tr("Sen&d…"), "sendButton",
                                   tr("Record that the document was sent to its recipients"));
    m_recallButton = addActionButton(tr("Re&call…"), "recallButton", tr("Recall the issued document"));
    m_linkButton =
        addActionButton(tr("Re&late…"), "linkButton",
                        tr("Record that this document replaces, updates or corrects an issued one"));
    m_lendButton = addActionButton(tr("Lend archive c&opy…"), "lendArchiveButton",
                                   tr("Record who uses the archive copy, with whose permission"));
    m_returnLoanButton = addActionButton(tr("Archive copy &back"), "returnArchiveButton",
                                         tr("Record that the archive copy was returned"));
    for (QPushButton *b : actionButtons())
        b->hide();
    // The step that moves the document on stands out from the secondary ones.
    for (QPushButton *b : {m_submitButton, m_approveButton, m_signButton, m_issueButton, m_sendButton}) {
        QFont f = b->font();
        f.setBold(true);
        b->setFont(f);
    }

    // Information tab.
    m_info = addFormTab(tr("Information"));

    // Review tab: the thread of the drafting chain.
    m_review = new QTreeWidget(this);
    m_review->setObjectName(QStringLiteral("reviewTree"));
    m_review->setHeaderLabels({tr("When"), tr("Who"), tr("Step"), tr("Version"), tr("Comment")});
    m_review->setRootIsDecorated(false);
    m_review->setWordWrap(true);
    m_review->setUniformRowHeights(false);
    m_review->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_review->header()->setStretchLastSection(true);
    m_tabs->addTab(m_review, tr("Review"));

    // Files tab: every version of the draft.
    m_files = new QListWidget(this);
    m_files->setObjectName(QStringLiteral("filesList"));
    m_files->setToolTip(tr("Double-click a version to show it"));
    m_saveButton = new QPushButton(tr("&Save file…"), this);
    m_saveButton->setObjectName(QStringLiteral("saveFileButton"));
    m_saveButton->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_saveButton->setAutoDefault(false);
    auto *filesLayout = new QVBoxLayout;
    filesLayout->addWidget(m_files, 1);
    auto *saveRow = new QHBoxLayout;
    auto *filesHint = new QLabel(tr("Double-click a version to show it."));
    filesHint->setEnabled(false);
    saveRow->addWidget(filesHint, 1);
    saveRow->addWidget(m_saveButton);
    filesLayout->addLayout(saveRow);
    auto *files = new QWidget;
    files->setLayout(filesLayout);
    m_tabs->addTab(files, tr("Files"));

    // History tab.
    m_history = createHistoryTree(QStringLiteral("outgoingHistoryTree"));
    m_tabs->addTab(m_history, tr("History"));

    // Archive copy tab: the Sổ sử dụng bản lưu entries of this document, for those who keep the book.
    m_loans = new QTreeWidget(this);
    m_loans->setObjectName(QStringLiteral("archiveLoansTree"));
    m_loans->setHeaderLabels(
        {tr("Lent on"), tr("Used by"), tr("Allowed by"), tr("File (hồ sơ)"), tr("Returned on"), tr("Note")});
    m_loans->setRootIsDecorated(false);
    m_loans->setWordWrap(true);
    m_loans->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_loans->header()->setStretchLastSection(true);
    m_tabs->addTab(m_loans, tr("Archive copy"));

    // Liên thông tab: shown once the document went out over the document exchange.
    m_exchange = new ExchangeStatusPanel(session, this);
    m_tabs->addTab(m_exchange, tr("Document exchange"));
    m_tabs->setTabVisible(m_tabs->indexOf(m_exchange), false);

    // Over the document: which version is shown, before the verdict on its signatures.
    m_versionLabel = new QLabel(this);
    m_versionLabel->setObjectName(QStringLiteral("shownVersionLabel"));
    m_versionLabel->setTextFormat(Qt::PlainText);
    viewerHeader()->setContentsMargins(4, 0, 0, 0);
    viewerHeader()->addWidget(m_versionLabel);
    assemble();

    const std::pair<QPushButton *, Step> steps[] = {
        {m_submitButton, Step::Submit},   {m_reviseButton, Step::Revise},
        {m_approveButton, Step::Approve}, {m_returnButton, Step::Return},
        {m_reserveButton, Step::Reserve}, {m_cancelReservationButton, Step::CancelReservation},
        {m_sendButton, Step::Send},       {m_recallButton, Step::Recall},
        {m_linkButton, Step::Link},
    };
    for (const auto &[button, step] : steps)
        connect(button, &QPushButton::clicked, this, [this, step = step] { openStep(step); });
    connect(m_editButton, &QPushButton::clicked, this, &OutgoingDocumentView::editInformation);
    connect(m_lendButton, &QPushButton::clicked, this, [this] { openStep(Step::LendArchive); });
    connect(m_returnLoanButton, &QPushButton::clicked, this, [this] {
        if (m_doc.id.isEmpty() || !m_openLoan)
            return;
        auto *dialog = new OutgoingActionDialog(m_session, m_doc, Step::ReturnArchive, this);
        dialog->setArchiveLoan(*m_openLoan);
        openDialog(dialog);
    });
    connect(m_signButton, &QPushButton::clicked, this, &OutgoingDocumentView::sign);
    connect(m_issueButton, &QPushButton::clicked, this, &OutgoingDocumentView::issue);
    connect(m_saveButton, &QPushButton::clicked, this, &OutgoingDocumentView::saveFile);
    connect(m_files, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { showVersion(item->data(VersionRole).toInt()); });
    connect(m_files, &QListWidget::currentRowChanged, this,
            [this](int row) { m_saveButton->setEnabled(!m_doc.id.isEmpty() && row >= 0); });
}

void OutgoingDocumentView::forgetDocument()
{
    m_doc = OutgoingDocument();
    m_openLoan.reset();
    m_shownVersion = 0;
    m_files->clear();
    m_loans->clear();
    m_versionLabel->clear();
    m_exchange->clear();
    m_tabs->setTabVisible(m_tabs->indexOf(m_exchange), false);
}

QString OutgoingDocumentView::errorDetails(const core::Error &error) const
{
    // Bilingual: under the Vietnamese message, the English one an IT officer can look up.
    return error.english() != error.text() ? error.english() : QString();
}

QString OutgoingDocumentView::fileName(int version) const
{
    for (const auto &f : m_doc.files)
        if (f.version == version)
            return f.fileName;
    return {};
}

void OutgoingDocumentView::reload()
{
    newGeneration();
    const QString id = m_id;
    // After a refresh the version on screen stays, unless the refresh brought a newer one.
    const bool same = m_doc.id == id;
    const int keepVersion = same ? m_shownVersion : 0;
    const int newestBefore = same && !m_doc.files.isEmpty() ? m_doc.files.last().version : 0;
    runForDocument(
        [session = &m_session, id, keepVersion, newestBefore]() {
            Loaded l;
            const core::User &user = session->user();
            auto doc = session->outgoing().get(user, id);
            if (!doc) {
                l.error = doc.error();
                return l;
            }
            l.doc = doc.value();
            if (auto history = session->outgoing().history(user, id))
                l.history = history.value();
            // The uses of the archive copy are read from the book, from the day the document was issued.
            if (l.doc.isNumbered() && user.can(Permission::IssueOutgoing)) {
                documents::RegisterPeriod since;
                since.from = l.doc.issuedDate.isValid() ? l.doc.issuedDate : l.doc.createdAt.date();
                since.to = QDate::currentDate();
                if (auto loans = session->outgoing().archiveLoans(user, since))
                    for (const ArchiveLoan &loan : loans.value())
                        if (loan.documentId == id)
                            l.loans << loan;
            }
            if (l.doc.status == OutgoingStatus::Sent || l.doc.status == OutgoingStatus::Recalled)
                if (auto states = session->exchange().status(user, id))
                    l.exchange = states.value();
            if (!l.doc.replyToId.isEmpty()) {
                auto in = session->incoming().get(user, l.doc.replyToId);
                if (in)
                    l.replyTo = tr("Arrival no. %1 — %2 from %3: %4")
                                    .arg(in->arrivalNumber)
                                    .arg(in->reference(), in->authorName, in->subject);
                else
                    l.replyTo = in.error().text();
            }
            const int newest = l.doc.files.isEmpty() ? 0 : l.doc.files.last().version;
            l.shownVersion = keepVersion > 0 && newest == newestBefore ? keepVersion : newest;
            if (l.shownVersion > 0) {
                auto data = session->outgoing().fileData(user, id, l.shownVersion);
                if (data)
                    l.pdf = data.value();
                else
                    l.fileError = data.error();
            }
            return l;
        },
        [this](const Loaded &l) { fill(l); });
}

void OutgoingDocumentView::fill(const Loaded &l)
{
    if (l.doc.id.isEmpty()) {
        showPlaceholder(l.error.text());
        return;
    }
    const bool sameDocument = m_doc.id == l.doc.id;
    const int shownBefore = m_shownVersion;
    m_doc = l.doc;
    const OutgoingDocument &d = m_doc;
    showContent();

    setHeading(tr("%1 — %2").arg(d.isNumbered() ? d.reference() : tr("(no number yet)"), d.typeName),
               d.subject);
    Tone tone = Tone::Neutral;
    switch (d.status) {
    case OutgoingStatus::Returned:
        tone = Tone::Warning;
        break;
    case OutgoingStatus::Issued:
    case OutgoingStatus::Sent:
        tone = Tone::Good;
        break;
    case OutgoingStatus::Recalled:
        tone = Tone::Bad;
        break;
    default:
        break;
    }
    setStatus(OutgoingVocabulary::displayName(d.status), tone);

    fillInfo(l);
    fillLoans(l.loans);
    m_exchange->setDocument(m_doc, l.exchange);
    m_tabs->setTabVisible(m_tabs->indexOf(m_exchange), m_exchange->hasPackets());
    fillReview();
    fillHistory(
        m_history, l.history, [](const ProgressEntry &e) { return stepName(e.kind); }, noteText);

    if (!l.pdf.isEmpty()) {
        const QString name = fileName(l.shownVersion);
        const bool keepView = sameDocument && shownBefore == l.shownVersion && m_viewer->pageCount() > 0;
        if (!keepView)
            showPdf(l.pdf, name);
        shown(l.shownVersion, name);
    } else if (!l.fileError.isNull()) {
        m_shownVersion = 0;
        m_viewer->showMessage(l.fileError.text());
    } else {
        m_shownVersion = 0;
        m_viewer->showMessage(tr("This document has no file."));
    }
    fillFiles();
    updateActions();
    Q_EMIT documentLoaded(d.id);
}

void OutgoingDocumentView::fillInfo(const Loaded &l)
{
    const OutgoingDocument &d = m_doc;
    clearRows(m_info);
    addRow(m_info, tr("Book:"), d.bookName);
    QLabel *reference = addRow(m_info, tr("Number, notation:"), OutgoingTableModel::referenceText(d));
    reference->setObjectName(QStringLiteral("referenceValue"));
    addRow(m_info, tr("Issued on:"), dateText(d.issuedDate));
    addRow(m_info, tr("Type:"), d.typeName);
    addRow(m_info, tr("Summary:"), d.subject);
    addRow(m_info, tr("Drafting unit:"), d.unitName);
    addRow(m_info, tr("Drafted by:"),
           QStringLiteral("%1, %2").arg(m_session.userDisplayName(d.drafterName), dateTimeText(d.createdAt)));
    addPriorityRows(m_info, d.urgency, d.secrecy);
    addRow(m_info, tr("Pages:"), d.pages > 0 ? QString::number(d.pages) : QString());
    if (d.copies > 0)
        addRow(m_info, tr("Copies:"), QString::number(d.copies));
    if (d.dueDate.isValid())
        addRow(m_info, tr("Due date for recipients:"), dateText(d.dueDate));
    addRow(m_info, tr("Recipients:"), d.recipients);
    QStringList organs;
    for (const QString &code : d.recipientCodes) {
        QString name;
        for (const core::OrgUnit &u : m_session.data().units)
            if (u.code == code)
                name = u.name;
        organs << (name.isEmpty() ? code : QStringLiteral("%1 (%2)").arg(name, code));
    }
    addRow(m_info, tr("Receiving organs:"), organs.join(QLatin1Char('\n')));
    addRow(m_info, tr("Signer:"),
           d.signerPosition.isEmpty() ? d.signerName
                                      : QStringLiteral("%1, %2").arg(d.signerName, d.signerPosition));
    if (!d.authorityPrefix.isEmpty())
        addRow(m_info, tr("Signing authority:"), authorityText(d.authorityPrefix));
    if (!d.archiveHolder.isEmpty())
        addRow(m_info, tr("Archive copies:"), d.archiveHolder);
    if (!d.replyToId.isEmpty())
        addRow(m_info, tr("Answers:"), l.replyTo);
    if (d.reservedNumber > 0)
        addRow(m_info, tr("Reserved number:"),
               tr("%1 (%2)")
                   .arg(documents::formatReference(QString::number(d.reservedNumber), d.notation))
                   .arg(d.reservedYear));
    if (d.sentAt.isValid()) {
        QString channel = d.sentChannel;
        if (const auto c = OutgoingVocabulary::channelFromKey(d.sentChannel))
            channel = OutgoingVocabulary::displayName(*c);
        addRow(m_info, tr("Sent:"), QStringLiteral("%1, %2").arg(channel, dateTimeText(d.sentAt)));
    }
    if (d.status == OutgoingStatus::Recalled) {
        QLabel *recalled = addRow(m_info, tr("Recalled:"),
                                  QStringLiteral("%1 — %2").arg(dateTimeText(d.recalledAt), d.recallReason));
        recalled->setStyleSheet(QStringLiteral("color: #a0001a;"));
    }
    if (!d.links.isEmpty()) {
        QStringList links;
        for (const OutgoingLink &link : d.links)
            links << linkText(link);
        addRow(m_info, tr("Related documents:"), links.join(QLatin1Char('\n')));
    }
}

void OutgoingDocumentView::fillLoans(const QList<ArchiveLoan> &loans)
{
    m_loans->clear();
    m_openLoan.reset();
    for (const ArchiveLoan &loan : loans) {
        auto *item = new QTreeWidgetItem(m_loans, {dateText(loan.lentOn), loan.borrowerName, loan.permittedBy,
                                                   loan.fileRef, dateText(loan.returnedOn), loan.note});
        if (!loan.isReturned()) {
            m_openLoan = loan;
            item->setText(4, tr("not yet returned"));
            item->setForeground(4, QBrush(QColor(0xb3, 0x5c, 0x00)));
        }
        item->setToolTip(5, loan.note);
    }
    const int index = m_tabs->indexOf(m_loans);
    m_tabs->setTabVisible(index, m_doc.isNumbered() && m_session.user().can(Permission::IssueOutgoing));
    m_tabs->setTabText(index, loans.isEmpty() ? tr("Archive copy")
                              : m_openLoan    ? tr("Archive copy (lent)")
                                              : tr("Archive copy (%1)").arg(loans.size()));
}

void OutgoingDocumentView::fillReview()
{
    m_review->clear();
    for (const ReviewComment &c : m_doc.comments) {
        const QString comment = c.comment.isEmpty() ? QString() : c.comment;
        auto *item = new QTreeWidgetItem(
            m_review, {dateTimeText(c.at), m_session.userDisplayName(c.username), stepName(c.kind),
                       c.fileVersion > 0 ? QString::number(c.fileVersion) : QString(), comment});
        item->setToolTip(4, comment);
        item->setTextAlignment(3, Qt::AlignCenter);
        if (c.kind == QLatin1String("return"))
            item->setForeground(2, QBrush(QColor(0xb3, 0x5c, 0x00)));
    }
    const int comments = int(m_doc.comments.size());
    m_tabs->setTabText(1, comments > 0 ? tr("Review (%1)").arg(comments) : tr("Review"));
}

void OutgoingDocumentView::fillFiles()
{
    const QSignalBlocker block(m_files);
    m_files->clear();
    const QLocale locale;
    for (auto it = m_doc.files.crbegin(); it != m_doc.files.crend(); ++it) {
        const documents::DraftFileVersion &f = *it;
        auto *item =
            new QListWidgetItem(style()->standardIcon(QStyle::SP_FileIcon),
                                tr("Version %1: %2 (%3) — %4, %5")
                                    .arg(f.version)
                                    .arg(f.fileName, locale.formattedDataSize(f.size),
                                         m_session.userDisplayName(f.uploadedBy), dateTimeText(f.uploadedAt)),
                                m_files);
        item->setData(VersionRole, f.version);
        item->setToolTip(tr("SHA-256: %1").arg(f.sha256));
        if (f.version == m_shownVersion) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
            m_files->setCurrentItem(item);
        }
    }
    m_tabs->setTabText(2, m_doc.files.isEmpty() ? tr("Files") : tr("Files (%1)").arg(m_doc.files.size()));
    m_saveButton->setEnabled(m_files->currentRow() >= 0);
}

void OutgoingDocumentView::updateActions()
{
    const core::User &u = m_session.user();
    const OutgoingDocument &d = m_doc;
    const OutgoingStatus s = d.status;
    const bool loaded = !d.id.isEmpty();
    // Which steps are worth offering; whether one is allowed is the service's answer when it is taken.
    const bool drafter =
        u.can(Permission::DraftOutgoing) && (d.drafterId == u.id || u.role == core::Role::Admin);
    const bool drafting = s == OutgoingStatus::Draft || s == OutgoingStatus::Returned;
    const bool leader = u.can(Permission::ApproveOutgoing);
    const bool clerk = u.can(Permission::IssueOutgoing);
    const bool unnumbered = !d.isNumbered() && s != OutgoingStatus::Recalled;
    m_editButton->setVisible(loaded && drafter && drafting);
    m_submitButton->setVisible(loaded && drafter && drafting);
    m_reviseButton->setVisible(loaded && drafter && drafting);
    m_approveButton->setVisible(loaded && leader && s == OutgoingStatus::Submitted);
    m_returnButton->setVisible(loaded && leader &&
                               (s == OutgoingStatus::Submitted || s == OutgoingStatus::Approved));
    m_signButton->setVisible(loaded && leader && s == OutgoingStatus::Approved);
    m_issueButton->setVisible(loaded && clerk &&
                              (s == OutgoingStatus::Approved || s == OutgoingStatus::Signed));
    m_reserveButton->setVisible(loaded && clerk && unnumbered && d.reservedNumber <= 0);
    m_cancelReservationButton->setVisible(loaded && clerk && d.reservedNumber > 0);
    // A sent document can still go out by post once more (each batch its own entry of the post register).
    m_sendButton->setVisible(loaded && clerk && (s == OutgoingStatus::Issued || s == OutgoingStatus::Sent));
    m_sendButton->setText(s == OutgoingStatus::Sent ? tr("Sen&d by post…") : tr("Sen&d…"));
    m_recallButton->setVisible(loaded && u.can(Permission::RecallOutgoing) &&
                               (s == OutgoingStatus::Issued || s == OutgoingStatus::Sent));
    m_linkButton->setVisible(loaded && s != OutgoingStatus::Recalled &&
                             (d.drafterId == u.id || clerk || leader));
    // Sổ sử dụng bản lưu: every issued document has an archive copy the clerk lends and takes back.
    m_lendButton->setVisible(loaded && clerk && d.isNumbered() && !m_openLoan);
    m_returnLoanButton->setVisible(loaded && clerk && d.isNumbered() && m_openLoan.has_value());
    for (QPushButton *b : actionButtons())
        b->setEnabled(loaded);
}

void OutgoingDocumentView::openStep(Step step)
{
    if (!m_doc.id.isEmpty())
        openDialog(new OutgoingActionDialog(m_session, m_doc, step, this));
}

void OutgoingDocumentView::editInformation()
{
    if (m_doc.id.isEmpty())
        return;
    auto *dialog = new DraftOutgoingDialog(m_session, m_doc, this);
    // Someone may have changed the document elsewhere meanwhile (the save is refused then): read it again, so
    // the form opens on what it now says.
    connect(dialog, &QDialog::finished, this, [this, id = m_doc.id] {
        if (id == m_id)
            reload();
    });
    openDialog(dialog);
}

void OutgoingDocumentView::sign()
{
    if (m_doc.id.isEmpty())
        return;
    auto *dialog = new OutgoingSignDialog(m_session, m_doc, this);
    connect(dialog, &OutgoingSignDialog::documentSigned, this, [this](const OutgoingDocument &doc) {
        if (doc.id == m_id)
            reload();
    });
    openDialog(dialog);
}

void OutgoingDocumentView::issue()
{
    if (m_doc.id.isEmpty())
        return;
    auto *dialog = new IssueDialog(m_session, m_doc, this);
    connect(dialog, &IssueDialog::documentIssued, this, [this](const OutgoingDocument &doc) {
        if (doc.id == m_id)
            reload();
    });
    openDialog(dialog);
}

void OutgoingDocumentView::shown(int version, const QString &fileName)
{
    m_shownVersion = version;
    m_versionLabel->setText(tr("Version %1: %2").arg(version).arg(fileName));
}

void OutgoingDocumentView::showVersion(int version)
{
    if (m_doc.id.isEmpty() || m_doc.files.isEmpty())
        return;
    if (version <= 0)
        version = m_doc.files.last().version;
    const QString name = fileName(version);
    if (name.isEmpty())
        return;
    openPdf(name, fileReader(m_doc.id, version), [this, version, name] {
        shown(version, name);
        fillFiles();
        m_viewer->setFocus();
    });
}

void OutgoingDocumentView::saveFile()
{
    QListWidgetItem *item = m_files->currentItem();
    if (m_doc.id.isEmpty() || !item)
        return;
    const int version = item->data(VersionRole).toInt();
    saveFileAs(tr("Save file"), fileName(version), tr("PDF files (*.pdf);;All files (*)"),
               fileReader(m_doc.id, version));
}

} // namespace govdesk::gui
