#pragma once

#include "core/Result.h"
#include "core/User.h"
#include "documents/DocumentTypes.h"
#include "documents/IncomingDocument.h"
#include "storage/Accounts.h"
#include "storage/Database.h"

#include <QObject>

namespace govdesk::documents {

/// What a clerk fills in to register an incoming document (vào sổ văn bản đến).
struct IncomingDraft
{
    QString bookId;     // empty: the general book, or the secret book for documents marked Mật and above
    QDate arrivalDate;  // empty: today
    QString authorName; // tác giả; an organisation's mã định danh, abbreviation or name also resolves
    QString authorCode;
    QString number;
    QString notation;
    QDate documentDate;
    QString typeAbbr;
    QString subject;
    Urgency urgency = Urgency::Normal;
    Secrecy secrecy = Secrecy::None;
    int pageCount = 0;
    QString recipients;
    QString signerName;
    QString signerPosition;
    QDate deadline;
    QString receiveMethod = QStringLiteral("paper");
    QString notes;
    QList<AttachmentSource> attachments;
    bool allowDuplicate = false;
};

/// The register fields of an entry as a draft, to edit and pass to IncomingService::update.
IncomingDraft draftFrom(const IncomingDocument &doc);

struct IncomingFilter
{
    enum class Sort
    {
        ArrivalNumber,
        ArrivalDate,
        Author,
        Reference,
        DocumentDate,
        Subject,
        Deadline,
        Status,
        Relevance
    };

    int year = 0;   // 0: all years
    QDate from, to; // arrival date range (inclusive)
    QString search; // diacritic-insensitive full-text query
    QList<IncomingStatus> statuses;
    std::optional<Urgency> urgency; // at least this urgent
    QString unitId;                 // lead or cooperating unit
    QString leadUserId;
    bool overdueOnly = false;
    QString bookId;
    Sort sort = Sort::ArrivalNumber;
    Qt::SortOrder order = Qt::DescendingOrder;
    int limit = 0; // 0: no limit
    int offset = 0;
};

/// A register entry that looks like the document being registered (same số, ký hiệu and issuing organ in the
/// same year).
struct DuplicateHit
{
    QString id;
    int year = 0;
    int arrivalNumber = 0;
    QDate arrivalDate;
    QString reference;
    QString authorName;
};

/// Use cases of incoming documents: register, edit, route, handle, complete, list and search. Every rule
/// (who may do what, numbering, duplicates, statuses) lives here, so the GUI and the CLI behave the same.
/// Each call is one transaction with its audit entry.
class IncomingService : public QObject
{
    Q_OBJECT
public:
    IncomingService(storage::Database &db, QObject *parent = nullptr);

    core::Result<IncomingDocument> registerDocument(const core::User &actor, IncomingDraft draft);
    /// Registers a document that arrived as New (e.g. over the exchange) into the book.
    core::Result<IncomingDocument> registerArrived(const core::User &actor, const QString &id);
    /// Writes of a caller that must commit or vanish together with the document (the exchange's inbox entry).
    using AlsoWrite = std::function<core::Result<void>(QSqlDatabase &, const IncomingDocument &)>;
    /// Records a document as received but not yet registered (status New, no số đến); `also` runs inside the
    /// same transaction once the document is written.
    core::Result<IncomingDocument> receive(const core::User &actor, IncomingDraft draft,
                                           const AlsoWrite &also = {});
    /// Changes a registered entry; `expectedVersion` is the version the user started editing from.
    core::Result<IncomingDocument> update(const core::User &actor, const QString &id, IncomingDraft changes,
                                          int expectedVersion);
    core::Result<IncomingDocument> assign(const core::User &actor, const QString &id, Assignment assignment);
    core::Result<IncomingDocument> recordProgress(const core::User &actor, const QString &id,
                                                  const QString &note);
    core::Result<IncomingDocument> complete(const core::User &actor, const QString &id,
                                            const QString &replyReference, const QString &note = {});
    core::Result<IncomingDocument> returnToSender(const core::User &actor, const QString &id,
                                                  const QString &reason);
    /// The sender recalled the document (thu hồi, lấy lại) and the clerk accepted: it is closed as
    /// withdrawn, kept with its history and audit entries (Decree 30: the recipient removes its copy).
    core::Result<IncomingDocument> withdraw(const core::User &actor, const QString &id,
                                            const QString &reason);

    core::Result<IncomingDocument> get(const core::User &actor, const QString &id);
    core::Result<QList<IncomingDocument>> list(const core::User &actor, const IncomingFilter &filter);
    core::Result<int> count(const core::User &actor, const IncomingFilter &filter);
    core::Result<QList<ProgressEntry>> history(const core::User &actor, const QString &id);
    core::Result<QByteArray> attachmentData(const core::User &actor, const QString &documentId,
                                            const QString &attachmentId);

    core::Result<QList<DuplicateHit>> findDuplicates(const QString &number, const QString &notation,
                                                     const QString &author, int year,
                                                     const QString &excludeId = {});
    /// The số đến the next registration into `bookId` for `year` will get.
    core::Result<int> nextArrivalNumber(const QString &bookId, int year);
    core::Result<QList<DocumentType>> documentTypes();
    struct Book
    {
        QString id;
        QString name;
        bool secret = false;
    };
    core::Result<QList<Book>> books();

    static QString duplicateKey(const QString &number, const QString &notation, const QString &author,
                                int year);

    /// Inside the caller's transaction `db` (the issue of the outgoing reply): an assigned or in-progress
    /// incoming document is completed with `replyReference` as the number of its reply, with its history line
    /// and audit entry; true when it was closed, false when it was already closed or not yet assigned.
    core::Result<bool> closeByReply(QSqlDatabase &db, const core::User &actor, const QString &id,
                                    const QString &replyReference);

Q_SIGNALS:
    /// Emitted after a committed change (register, edit, route, complete …).
    void documentChanged(const QString &id);

private:
    core::Result<IncomingDocument> insert(const core::User &actor, IncomingDraft draft, bool intoBook,
                                          const AlsoWrite &also = {});
    core::Result<IncomingDocument> load(QSqlDatabase &db, const QString &id);
    core::Result<void> validate(IncomingDraft &draft, QSqlDatabase &db);
    core::Result<void> checkVisible(const core::User &actor, const IncomingDocument &doc);
    core::Result<void> checkHandler(const core::User &actor, const IncomingDocument &doc);
    QString visibilityClause(const core::User &actor, QVariantList &params) const;
    QString whereClause(const core::User &actor, const IncomingFilter &f, QVariantList &params) const;
    core::Result<IncomingDocument>
    transition(const core::User &actor, const QString &id, const QString &action,
               const std::function<core::Result<void>(QSqlDatabase &, IncomingDocument &)> &change);
    /// The versioned change of one document inside an open transaction.
    core::Result<IncomingDocument>
    change(QSqlDatabase &db, const core::User &actor, const QString &id, const QString &action,
           const std::function<core::Result<void>(QSqlDatabase &, IncomingDocument &)> &change,
           bool checkVisibility);

    storage::Database &m_db;
    storage::Accounts m_accounts;
};

} // namespace govdesk::documents
