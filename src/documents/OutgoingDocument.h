#pragma once

#include "documents/IncomingDocument.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace govdesk::documents {

/// Statuses of an outgoing document along the drafting chain of Decree 30/2020 Chương II and the management
/// steps of Điều 14.
enum class OutgoingStatus
{
    Draft,     // du-thao: being written by the drafter
    Submitted, // cho-duyet: trình duyệt, waiting for the leader
    Returned,  // tra-lai: sent back for revision
    Approved,  // da-duyet: the leader approved the text
    Signed,    // da-ky: signed by the competent person (the signing step sets it)
    Issued,    // da-cap-so: the clerk gave it its number and issue date
    Sent,      // da-phat-hanh: sent to its recipients
    Recalled,  // da-thu-hoi: recalled after issue; kept frozen with its number
};

/// How an issued document left the agency.
enum class SendChannel
{
    Internal, // noi-bo: inside the agency
    Exchange, // lien-thong: the national document exchange axis / LGSP
    Post,     // buu-dien: on paper, by post
};

/// How a later document relates to an earlier one (Decree 30/2020 Điều 18.3).
enum class LinkKind
{
    Replaces, // thay-the: replaces a document with errors of content
    Updates,  // cap-nhat: updates it
    Corrects, // dinh-chinh: corrects errors of format or procedure
};

class OutgoingVocabulary
{
    Q_DECLARE_TR_FUNCTIONS(OutgoingVocabulary)
public:
    static QString key(OutgoingStatus s); // du-thao, cho-duyet, tra-lai, da-duyet, da-ky, da-cap-so …
    static QString key(SendChannel c);    // noi-bo, lien-thong, buu-dien
    static QString key(LinkKind k);       // thay-the, cap-nhat, dinh-chinh
    static std::optional<OutgoingStatus> statusFromKey(const QString &k);
    /// Accepts the keys above and the English words internal, exchange, post.
    static std::optional<SendChannel> channelFromKey(const QString &k);
    static std::optional<LinkKind> linkKindFromKey(const QString &k);
    static QString displayName(OutgoingStatus s);
    static QString displayName(SendChannel c);
    static QString displayName(LinkKind k);
    static QList<OutgoingStatus> allStatuses();
    /// The signing-authority prefixes of Phụ lục I II.7.b: TM., Q., KT., TL., TUQ. (empty: none).
    static QStringList authorityPrefixes();
    /// "kt", "KT" and "KT." all give "KT."; nullopt for anything else.
    static std::optional<QString> authorityPrefixFromText(const QString &text);
};

/// One version of the draft file, kept in the blob store: each draft, revision and resubmission adds one.
struct DraftFileVersion
{
    int version = 0;
    QString fileName;
    QString sha256;
    qint64 size = 0;
    QString uploadedBy;
    QDateTime uploadedAt;
};

/// One entry of the review thread (trình duyệt): submit, approve, return, revise, with the comment given.
struct ReviewComment
{
    QDateTime at;
    QString username;
    QString kind; // submit, approve, return, revise
    int fileVersion = 0;
    QString comment;
};

/// A relation to another outgoing document (this one replaces, updates or corrects the other).
struct OutgoingLink
{
    QString targetId;
    QString targetReference;
    LinkKind kind = LinkKind::Replaces;
    bool incoming = false; // true: the other document names this one (it is replaced by the other)
};

/// A number taken from an outgoing book and what became of it, so the register accounts for every number.
struct NumberEntry
{
    QString bookId;
    int year = 0;
    int number = 0;
    QString state; // reserved, issued, cancelled
    QString documentId;
    QString notation;
    QString reason;
    QString takenBy;
    QDateTime takenAt;
    QString cancelledBy;
    QDateTime cancelledAt;
    QString cancelReason;
};

/// An outgoing document (văn bản đi) from its draft to its issue, with the metadata of Decree 30/2020 Phụ lục
/// IV (register) and Phụ lục VI (electronic metadata).
struct OutgoingDocument
{
    QString id;
    QString bookId; // outgoing, outgoing-secret, outgoing-copy or outgoing-body-<body id>
    QString bookName;
    int year = 0;   // year of the number (the issue date's year); 0 until issued
    int number = 0; // 0 until issued
    QString notation;
    QString typeAbbr;
    QString typeName;
    QString subject; // trích yếu
    QString unitId;  // drafting unit
    QString unitName;
    QString drafterId;
    QString drafterName; // username of the drafter
    Secrecy secrecy = Secrecy::None;
    Urgency urgency = Urgency::Normal;
    QString recipients;         // nơi nhận as written on the document
    QStringList recipientCodes; // mã định danh of the receiving organs
    OutgoingStatus status = OutgoingStatus::Draft;
    QString signerName;
    QString signerPosition;
    QString authorityPrefix; // TM., Q., KT., TL., TUQ. or empty
    QDate issuedDate;
    QString replyToId;      // the incoming document this one answers
    int reservedNumber = 0; // a number the clerk reserved for it, not yet issued
    int reservedYear = 0;
    QString sentChannel;
    QDateTime sentAt;
    QString recallReason;
    QDateTime recalledAt;
    QString createdBy;
    QDateTime createdAt;
    int version = 1; // optimistic concurrency
    int copies = 0;  // số lượng bản (Phụ lục IV; IssuedAmount of Phụ lục VI); 0: not stated
    int pages = 0;   // số trang of the newest draft file (PageAmount of Phụ lục VI); 0: not known
    QString archiveHolder; // đơn vị, người nhận bản lưu (Phụ lục IV), by default "Văn thư; <drafting unit>"
    QDate dueDate;    // hạn xử lý the recipients are given (DueDate of Phụ lục VI); empty: none
    QString bodyId;   // the advisory body that issues it; empty: the agency itself
    QString bodyAbbr; // HĐTĐKT
    QString bodyName;
    QList<DraftFileVersion> files;
    QList<ReviewComment> comments;
    QList<OutgoingLink> links;

    /// "15/QĐ-UBND", "05/UBND-VX"; empty until a number is issued.
    QString reference() const;
    bool isSecret() const { return secrecy != Secrecy::None; }
    bool isNumbered() const { return number > 0; }
    /// The newest version of the draft file (nullopt only for a broken record).
    std::optional<DraftFileVersion> currentFile() const;
    QString searchText() const;
    QJsonObject toJson() const;
};

/// An advisory body of the agency allowed to issue documents (hội đồng, ban chỉ đạo …, Decree 30/2020 Điều
/// 15): its documents carry its abbreviation in the notation (05/QĐ-HĐTĐKT, 05/HĐTĐKT-VP) and are numbered
/// in its own book, one sequence per year.
struct IssuingBody
{
    QString id;
    QString name;
    QString abbr;
    QString bookId; // outgoing-body-<id>
    bool active = true;

    QJsonObject toJson() const;
    /// The book id of the body with this id.
    static QString bookIdFor(const QString &bodyId);
    /// Capital letters A–Z and Đ, digits and single '-' between them, starting with a letter, at most 20
    /// characters (HĐTĐKT, BCĐ-389).
    static bool isValidAbbreviation(const QString &abbr);
};

/// One sending of an issued document by post (Sổ gửi văn bản đi bưu điện, Decree 30/2020 Phụ lục IV): the
/// date it was handed to the post, the receivers written on the envelopes, how many envelopes, a note.
struct PostSending
{
    QString id;
    QString documentId;
    QString reference; // số, ký hiệu of the document
    QDate issuedDate;
    QDate sentOn; // ngày chuyển
    QString recipients;
    int envelopes = 1; // số lượng bì
    QString note;
    QString recordedBy;
    QDateTime recordedAt;

    QJsonObject toJson() const;
};

/// One use of the archive copy (bản lưu) of an issued document (Sổ sử dụng bản lưu, Decree 30/2020 Phụ lục
/// IV): who used it, with whose permission, under which file (hồ sơ), and when it came back.
struct ArchiveLoan
{
    QString id;
    QString documentId;
    QString reference; // số, ký hiệu of the document
    QDate issuedDate;
    QString typeName;
    QString subject;
    QString borrowerName;
    QString fileRef; // số và ký hiệu hồ sơ
    QString permittedBy;
    QString note;
    QDate lentOn;
    QString lentBy;
    QDate returnedOn; // empty while the copy is out
    QString returnedBy;

    bool isReturned() const { return returnedOn.isValid(); }
    QJsonObject toJson() const;
};

/// The default holder of the archive copies: the clerk's office (bản gốc) and the drafting unit (bản chính in
/// its work file, Decree 30/2020 Điều 19).
QString defaultArchiveHolder(const QString &unitName);

/// The ký hiệu of an outgoing document: "<type>-<organ>" (QĐ-UBND, SY-UBND), or for the types without an
/// abbreviation (Công văn, Thư công) "<organ>-<drafting unit>" (UBND-VX) (Phụ lục I II.3.b).
QString outgoingNotation(const QString &typeAbbr, bool typeHasAbbreviation, const QString &organAbbr,
                         const QString &unitAbbr);

/// Copies (sao y, trích sao, sao lục) share one sequence of their own (Phụ lục I Phần II.II.1.c).
bool isCopyType(const QString &typeAbbr);

/// True when the bytes look like a whole PDF file: the %PDF- header and an %%EOF trailer.
bool looksLikePdf(const QByteArray &data);

} // namespace govdesk::documents
