#pragma once

#include "core/Result.h"
#include "core/User.h"
#include "documents/DocumentTypes.h"
#include "documents/OutgoingDocument.h"
#include "signing/SigningService.h"
#include "storage/Accounts.h"
#include "storage/Database.h"

#include <QObject>

#include <functional>
#include <optional>

namespace govdesk::documents {

/// What the drafter fills in to start an outgoing document (giao soạn thảo: tên loại, trích yếu, độ mật,
/// độ khẩn — Decree 30/2020 Điều 10), with the draft PDF.
struct OutgoingDraft
{
    QString typeAbbr; // QĐ, CV, SY …; the type's name is accepted too
    QString subject;  // trích yếu
    QString unitId;   // drafting unit; empty: the drafter's own unit
    QString notation; // empty: computed from the type, the agency and the unit (QĐ-UBND, UBND-VX)
    Secrecy secrecy = Secrecy::None;
    Urgency urgency = Urgency::Normal;
    QString recipients;         // nơi nhận as printed
    QStringList recipientCodes; // mã định danh of the receiving organs
    QString signerName;
    QString signerPosition;
    QString authorityPrefix; // TM., Q., KT., TL., TUQ. or empty
    QString replyToId;       // the incoming document this one answers
    AttachmentSource file;   // the draft, a PDF
    int copies = 0;          // số lượng bản; 0: not stated yet
    QString archiveHolder;   // đơn vị, người nhận bản lưu; empty: "Văn thư; <drafting unit>"
    QDate dueDate;           // hạn xử lý for the recipients; empty: none
    /// The advisory body (hội đồng, ban chỉ đạo …) that issues the document; empty: the agency itself. The
    /// document is numbered in the body's book and its notation carries the body's abbreviation.
    QString bodyId;
};

/// Changes to the metadata of a draft (Draft or Returned) by its drafter: only the fields given change. A new
/// type or unit gives a new notation (unless `notation` is given), a new classification moves the document to
/// the other book.
struct OutgoingDraftChanges
{
    std::optional<QString> subject;
    std::optional<QString> typeAbbr;
    std::optional<QString> notation;
    std::optional<QString> unitId;
    std::optional<Secrecy> secrecy;
    std::optional<Urgency> urgency;
    std::optional<QString> recipients;
    std::optional<QStringList> recipientCodes;
    std::optional<QString> signerName;
    std::optional<QString> signerPosition;
    std::optional<QString> authorityPrefix;
    std::optional<int> copies;
    std::optional<QString> archiveHolder; // empty: back to the default
    std::optional<QDate> dueDate;         // an empty date removes the due date
    std::optional<QString> bodyId;        // the issuing advisory body; empty: the agency itself

    bool isEmpty() const
    {
        return !subject && !typeAbbr && !notation && !unitId && !secrecy && !urgency && !recipients &&
               !recipientCodes && !signerName && !signerPosition && !authorityPrefix && !copies &&
               !archiveHolder && !dueDate && !bodyId;
    }
};

/// What the clerk writes in the Sổ gửi văn bản đi bưu điện when handing a document to the post.
struct PostDetails
{
    QDate sentOn;       // ngày chuyển; empty: today
    QString recipients; // nơi nhận on the envelopes; empty: the document's recipients
    int envelopes = 1;  // số lượng bì
    QString note;
};

/// The period a register covers: a whole year, or a range of dates (both ends included).
struct RegisterPeriod
{
    int year = 0;
    QDate from, to;

    bool isValid() const { return year > 0 || (from.isValid() && to.isValid() && from <= to); }
};

/// What the clerk chooses when issuing (phát hành) a document.
struct IssueOptions
{
    QDate issuedDate; // empty: today
    /// The organisation's token session, logged in; null: the document gets its number and date but no
    /// organisation signature (e.g. the seal is added later, or the paper original is stamped by hand).
    signing::TokenSigner *sealSigner = nullptr;
    signing::SignOptions seal; // seal image and size, TSA, trust, placement; the role is set to Organisation
    /// Writes the number and the date into the blanks the template leaves (Số: …/QĐ-UBND; ngày … tháng …
    /// năm …) on the first page. False: the PDF is not stamped (the blanks are missing or already filled).
    bool stamp = true;
};

struct OutgoingFilter
{
    int year = 0;   // year of the number; drafts count in the year they were started. 0: all years
    QString search; // diacritic-insensitive full-text query
    QList<OutgoingStatus> statuses;
    QString bookId;
    QString unitId;
    QString drafterId;
    /// "Chờ tôi xử lý": what waits for the actor's next step — drafts to approve and approved documents to
    /// sign for a leader, signed documents to number and issued ones to send for the clerk, the actor's
    /// own drafts and returned drafts for the drafter.
    bool awaitingActor = false;
    int limit = 0; // 0: no limit
    int offset = 0;
};

struct OutgoingQuery;

/// Use cases of outgoing documents: draft, submit, approve or return, revise, reserve and issue the number,
/// send, recall and relate documents, list and search. Every rule (who may do what, which status allows
/// which step, numbering) lives here, so the GUI and the CLI behave the same. Each call is one transaction
/// with its audit entry and its history line.
///
/// Numbering: each outgoing book (ordinary, classified, copies) has one counter row per year in
/// registry_counters, advanced by UPDATE … RETURNING inside the issuing transaction; the row lock is held to
/// commit, so concurrent clerks on PostgreSQL get consecutive numbers with no gap and no duplicate, and a
/// failed transaction gives its number back. Every number taken is also written to outgoing_numbers with
/// its fate (issued, reserved, cancelled), so a cancelled reservation stays visible and is never reused.
class OutgoingService : public QObject
{
    Q_OBJECT
public:
    OutgoingService(storage::Database &db, QObject *parent = nullptr);

    core::Result<OutgoingDocument> draft(const core::User &actor, OutgoingDraft draft);
    /// Trình duyệt: the drafter sends the current version to the leader.
    core::Result<OutgoingDocument> submit(const core::User &actor, const QString &id,
                                          const QString &comment = {});
    core::Result<OutgoingDocument> approve(const core::User &actor, const QString &id,
                                           const QString &comment = {});
    /// Sends the draft back to the drafter; the comment says what to change and is required.
    core::Result<OutgoingDocument> returnForRevision(const core::User &actor, const QString &id,
                                                     const QString &comment);
    /// A new version of the draft file; `expectedVersion` (> 0) is the version the drafter started from.
    core::Result<OutgoingDocument> revise(const core::User &actor, const QString &id, AttachmentSource file,
                                          const QString &comment = {}, int expectedVersion = 0);

    /// Giữ số: takes the next number of the document's book for the year of `onDate` (empty: today) and
    /// keeps it for this document until it is issued or the reservation is cancelled.
    core::Result<OutgoingDocument> reserveNumber(const core::User &actor, const QString &id,
                                                 const QString &reason, const QDate &onDate = {});
    /// The reserved number is recorded as cancelled with the reason, and never given again.
    core::Result<OutgoingDocument> cancelReservation(const core::User &actor, const QString &id,
                                                     const QString &reason);
    /// Cấp số: gives an approved (or signed) document its reserved number or the next number of the issue
    /// date's year, and the issue date (empty: today).
    core::Result<OutgoingDocument> issueNumber(const core::User &actor, const QString &id,
                                               const QDate &issuedDate = {});
    /// Phát hành: gives an approved or signed document its number (reserved, or the next of the issue
    /// year) and its issue date, writes them into the PDF as an incremental update that keeps the personal
    /// signature valid, then adds the organisation signature with the seal (Decree 30 order: personal
    /// signature, number and date, organisation signature). A document already numbered keeps its number
    /// and only gets what it lacks. The result is the newest file version, status da-cap-so; nothing
    /// changes when a step fails (wrong PIN, token removed, template blanks missing).
    core::Result<OutgoingDocument> issue(const core::User &actor, const QString &id,
                                         const IssueOptions &options);
    /// Sending by post (SendChannel::Post) records one entry of the Sổ gửi văn bản đi bưu điện with the
    /// document's recipients and one envelope; markSentByPost gives them.
    core::Result<OutgoingDocument> markSent(const core::User &actor, const QString &id, SendChannel channel,
                                            const QString &note = {});
    core::Result<OutgoingDocument> recall(const core::User &actor, const QString &id, const QString &reason);
    /// Records that `newId` replaces, updates or corrects the issued document `oldId`.
    core::Result<OutgoingDocument> link(const core::User &actor, const QString &newId, const QString &oldId,
                                        LinkKind kind, const QString &note = {});

    core::Result<OutgoingDocument> get(const core::User &actor, const QString &id);
    core::Result<QList<OutgoingDocument>> list(const core::User &actor, const OutgoingFilter &filter);
    /// How many documents `list` would give without limit and offset.
    core::Result<int> count(const core::User &actor, const OutgoingFilter &filter);
    core::Result<QList<ProgressEntry>> history(const core::User &actor, const QString &id);
    /// The bytes of one version of the draft file (0: the newest).
    /// The competent person signs the approved document with the token (Decree 30 personal signature, the box
    /// between the signer's title and name when the options give no rectangle). The signed PDF becomes the
    /// document's newest file version and the status da-ky; nothing changes when signing fails.
    core::Result<OutgoingDocument> sign(const core::User &actor, const QString &id,
                                        signing::TokenSigner &signer, signing::SignOptions options,
                                        const QString &comment = {});
    core::Result<QByteArray> fileData(const core::User &actor, const QString &id, int fileVersion = 0);
    /// Every number taken from `bookId` in `year`, in order, with what became of it.
    core::Result<QList<NumberEntry>> numberLog(const core::User &actor, const QString &bookId, int year);
    /// The number the next issue or reservation in `bookId` for `year` will take.
    core::Result<int> nextNumber(const QString &bookId, int year);

    /// The book a document of this type and secrecy is numbered in.
    static QString bookFor(const QString &typeAbbr, Secrecy secrecy);
    /// The same for a document issued by an advisory body whose own book is `bodyBookId` (empty: the agency).
    static QString bookFor(const QString &typeAbbr, Secrecy secrecy, const QString &bodyBookId);

    /// Adds an advisory body of the agency allowed to issue documents (Hội đồng Thi đua - Khen thưởng,
    /// HĐTĐKT) with its own outgoing book and number sequence. Administrators only; the abbreviation is
    /// unique and made of letters, digits and '-'.
    core::Result<IssuingBody> addIssuingBody(const core::User &actor, const QString &name,
                                             const QString &abbr);
    /// The advisory bodies by abbreviation; only the active ones unless `includeInactive`.
    core::Result<QList<IssuingBody>> issuingBodies(bool includeInactive = false);
    /// A body by its id or its abbreviation (case-insensitive).
    core::Result<IssuingBody> issuingBody(const QString &idOrAbbr);
    /// The body issues no new documents; its book and the documents it issued stay.
    core::Result<IssuingBody> deactivateIssuingBody(const core::User &actor, const QString &idOrAbbr);

    /// Sửa thông tin dự thảo: the drafter (or an administrator) changes the metadata of a document still in
    /// Draft or Returned; `expectedVersion` (> 0) is the version the form was filled from.
    core::Result<OutgoingDocument> update(const core::User &actor, const QString &id,
                                          const OutgoingDraftChanges &changes, int expectedVersion = 0);
    /// Starts a draft from one of the agency's templates (OutgoingTemplates): a PDF template is the draft
    /// file as it is, a .docx or .odt one is turned into PDF by LibreOffice first. The draft's type, when
    /// given, must be the template's.
    core::Result<OutgoingDocument> draftFromTemplate(const core::User &actor, OutgoingDraft draft,
                                                     const QString &templateId);

    /// Gửi qua bưu điện: sends a numbered document by post, or records a further batch of envelopes of a
    /// document already sent; each call is one entry of the Sổ gửi văn bản đi bưu điện.
    core::Result<OutgoingDocument> markSentByPost(const core::User &actor, const QString &id,
                                                  const PostDetails &post);
    /// The entries of the Sổ gửi văn bản đi bưu điện in the period, by date sent.
    core::Result<QList<PostSending>> postSendings(const core::User &actor, const RegisterPeriod &period);

    /// Sổ sử dụng bản lưu: the clerk lends the archive copy of an issued document to `borrowerName` with the
    /// permission of `permittedBy`; `fileRef` is the số và ký hiệu hồ sơ it is kept in.
    core::Result<ArchiveLoan> lendArchiveCopy(const core::User &actor, const QString &id,
                                              const QString &borrowerName, const QString &fileRef,
                                              const QString &permittedBy, const QString &note = {});
    /// The archive copy came back on `returnedOn` (empty: today).
    core::Result<ArchiveLoan> returnArchiveCopy(const core::User &actor, const QString &loanId,
                                                const QDate &returnedOn = {});
    /// The uses of archive copies recorded in the period, by date lent.
    core::Result<QList<ArchiveLoan>> archiveLoans(const core::User &actor, const RegisterPeriod &period);

    /// The number of pages of a PDF (0 when it cannot be read).
    static int pageCount(const QByteArray &pdf);

Q_SIGNALS:
    /// Emitted after a committed change.
    void documentChanged(const QString &id);

private:
    /// Checks and completes the fields of a draft: summary, type, unit and notation (computed when empty),
    /// recipients, signing authority, copies, due date (refused in the past when `checkDueDate`), archive
    /// holder, the answered incoming document.
    /// `bookId` receives the book the draft is numbered in; a deactivated body is accepted only when it is
    /// `keptBodyId` (the body the document already had).
    core::Result<void> normaliseDraft(QSqlDatabase &db, const core::User &actor, OutgoingDraft &d,
                                      bool checkDueDate, QString *bookId = nullptr,
                                      const QString &keptBodyId = {});
    core::Result<OutgoingDocument> createDraft(const core::User &actor, OutgoingDraft input,
                                               const QString &templateTypeAbbr, const QString &templateName);
    core::Result<ArchiveLoan> loadLoan(QSqlDatabase &db, const QString &loanId);
    core::Result<OutgoingDocument> load(QSqlDatabase &db, const QString &id);
    core::Result<void> checkVisible(const core::User &actor, const OutgoingDocument &doc);
    core::Result<void> checkDrafter(const core::User &actor, const OutgoingDocument &doc);
    QString visibilityClause(const core::User &actor, QVariantList &params) const;
    core::Result<void> closeAnsweredDocument(QSqlDatabase &db, const core::User &actor,
                                             const OutgoingDocument &doc);
    std::optional<OutgoingQuery> query(const core::User &actor, const OutgoingFilter &filter) const;
    core::Result<OutgoingDocument>
    transition(const core::User &actor, const QString &id, const QString &action,
               const std::function<core::Result<void>(QSqlDatabase &, OutgoingDocument &)> &change);

    storage::Database &m_db;
    storage::Accounts m_accounts;
};

} // namespace govdesk::documents
