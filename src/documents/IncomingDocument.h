#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace govdesk::documents {

/// Độ khẩn (Decree 30/2020 Điều 4.2.c): ordered from none to the most urgent.
enum class Urgency
{
    Normal,
    Khan,
    ThuongKhan,
    HoaToc
};
/// Độ mật: documents marked Mật or above are flagged and never leave the agency electronically.
enum class Secrecy
{
    None,
    Mat,
    ToiMat,
    TuyetMat
};

/// Statuses of an incoming document as the văn thư and the handler speak of them.
enum class IncomingStatus
{
    New,        // mới đến: received (e.g. over the exchange), not yet in the book
    Registered, // đã vào sổ
    Assigned,   // đã phân công: the leader named who handles it
    InProgress, // đang xử lý
    Completed,  // hoàn thành
    Returned,   // trả lại: wrongly sent, returned to the sender
    Withdrawn,  // thu hồi: the sender took it back (recall accepted); kept for the record, closed
};

class Vocabulary
{
    Q_DECLARE_TR_FUNCTIONS(Vocabulary)
public:
    static QString key(Urgency u);        // "", khan, thuong-khan, hoa-toc
    static QString key(Secrecy s);        // "", mat, toi-mat, tuyet-mat
    static QString key(IncomingStatus s); // moi-den, da-vao-so, da-phan-cong, dang-xu-ly, hoan-thanh, tra-lai
    static std::optional<Urgency> urgencyFromKey(const QString &k);
    static std::optional<Secrecy> secrecyFromKey(const QString &k);
    static std::optional<IncomingStatus> statusFromKey(const QString &k);
    static QString displayName(Urgency u);
    static QString displayName(Secrecy s);
    static QString displayName(IncomingStatus s);
    static QList<IncomingStatus> allStatuses();
};

struct Attachment
{
    QString id;
    QString fileName;
    QString mimeType;
    QString sha256;
    qint64 size = 0;
    /// Digital signatures of a PDF, verified when it was registered: "" (none or not a PDF), "valid",
    /// "invalid" or "indeterminate", and the per-signature report (JSON array, as `govdesk-cli verify`).
    QString signatureVerdict;
    QString signatureReport;
};

/// A file to attach: from disk, or bytes already in memory (e.g. a scan).
struct AttachmentSource
{
    QString path;
    QString fileName; // defaults to the path's file name
    QByteArray data;  // used when path is empty
};

/// The leader's phiếu giải quyết: who leads, who cooperates, by when, and the leader's opinion.
struct Assignment
{
    QString leadUserId;      // chủ trì (person) — optional when a unit leads
    QString leadUnitId;      // chủ trì (unit)
    QStringList coopUnitIds; // phối hợp
    QDate deadline;
    QString opinion;
    QString assignedBy;
    QDateTime assignedAt;
};

struct ProgressEntry
{
    QDateTime at;
    QString username;
    QString kind; // register, assign, progress, complete, update, return
    QString note;
};

/// One entry of the incoming register with the metadata of Decree 30/2020 Phụ lục IV and Phụ lục VI.
struct IncomingDocument
{
    QString id;
    QString bookId;
    QString bookName;
    int year = 0;
    int arrivalNumber = 0; // số đến; 0 while New
    QDate arrivalDate;     // ngày đến
    QString authorName;    // tác giả / cơ quan ban hành
    QString authorCode;    // its mã định danh when known
    QString number;        // số (of the issuing organ)
    QString notation;      // ký hiệu, e.g. QĐ-UBND
    QDate documentDate;    // ngày tháng văn bản
    QString typeAbbr;      // key of the document type (QĐ, CV …)
    QString typeName;
    QString subject; // trích yếu
    Urgency urgency = Urgency::Normal;
    Secrecy secrecy = Secrecy::None;
    int pageCount = 0;
    QString recipients; // nơi nhận / đơn vị hoặc người nhận
    QString signerName;
    QString signerPosition;
    QDate deadline;        // hạn xử lý
    QString receiveMethod; // paper | electronic
    QString notes;
    IncomingStatus status = IncomingStatus::Registered;
    std::optional<Assignment> assignment;
    QString handlerName;    // display: the lead person or unit
    QDateTime handedOverAt; // ngày chuyển
    QString replyReference; // số, ký hiệu văn bản trả lời
    QDateTime completedAt;
    QString createdBy;
    QDateTime createdAt;
    int version = 1; // optimistic concurrency: an edit names the version it started from
    QList<Attachment> attachments;

    /// "15/QĐ-UBND" (số và ký hiệu), with a leading zero below 10 as Decree 30 prescribes.
    QString reference() const;
    bool isOverdue(const QDate &today = QDate::currentDate()) const;
    /// Completed, returned to the sender or withdrawn by it: nothing more is done with it.
    bool isClosed() const
    {
        return status == IncomingStatus::Completed || status == IncomingStatus::Returned ||
               status == IncomingStatus::Withdrawn;
    }
    bool isSecret() const { return secrecy != Secrecy::None; }
    /// Text the full-text index holds for it.
    QString searchText() const;
    /// Machine-readable form (CLI --json, audit before/after).
    QJsonObject toJson() const;
};

/// Formats a document number: numbers below 10 take a leading zero (Decree 30/2020 Phụ lục I II.3.c).
QString formatNumber(const QString &number);
/// "15/QĐ-UBND".
QString formatReference(const QString &number, const QString &notation);

} // namespace govdesk::documents
