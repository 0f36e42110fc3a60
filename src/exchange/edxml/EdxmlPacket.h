#pragma once

// The model of an edXML packet (QCVN 102:2016/BTTTT) as the national document exchange axis and the
// provincial LGSPs carry it: a document packet (gói tin văn bản, "edoc") or a status packet (gói tin trạng
// thái). EdxmlReader fills it from the wire, EdxmlWriter writes it back in the style of VPCP's SDK.

#include "core/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace govdesk::exchange::edxml {

/// The QCVN 102:2016 namespace; the SDK binds it to the prefix "edXML".
inline constexpr char Namespace[] = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

/// The time zone of every date and timestamp on the wire (they carry none): Vietnam, UTC+7 all year.
QTimeZone vietnamTimeZone();

/// An organisation as From, To (QCVN §1.1, §1.2).
struct Organization
{
    QString organId; // mã định danh, e.g. 000.00.00.G22
    QString organizationInCharge;
    QString organName;
    QString organAdd;
    QString email;
    QString telephone;
    QString fax;
    QString website;

    bool isEmpty() const;
    bool operator==(const Organization &) const = default;
};

/// Số và ký hiệu (QCVN §1.3): "7816" and "VPCP-TTĐT".
struct Code
{
    QString number;
    QString notation;

    /// "7816/VPCP-TTĐT"; the number or the notation alone when the other is missing.
    QString text() const;
    bool isEmpty() const { return number.isEmpty() && notation.isEmpty(); }
    bool operator==(const Code &) const = default;
};

struct PromulgationInfo
{
    QString place; // địa danh
    QDate date;    // ngày ban hành
    bool operator==(const PromulgationInfo &) const = default;
};

struct DocumentType
{
    std::optional<int> type;       // 1 or 2 in practice
    std::optional<int> typeDetail; // 0 in most packets
    QString typeName;              // "Công văn", "Báo cáo" …
    bool operator==(const DocumentType &) const = default;
};

struct SignerInfo
{
    QString competence; // thẩm quyền ký: "TL. BỘ TRƯỞNG", "KT. CHỦ TỊCH"
    QString position;
    QString fullName;
    bool operator==(const SignerInfo &) const = default;
};

/// Priority values (độ khẩn) as producers use them.
enum class Priority
{
    Normal = 0,         // Thường
    Urgent = 1,         // Khẩn
    VeryUrgent = 2,     // Thượng khẩn
    Immediate = 3,      // Hỏa tốc
    ImmediateTimed = 4, // Hỏa tốc hẹn giờ
};

struct OtherInfo
{
    std::optional<int> priority; // see Priority
    QString sphereOfPromulgation;
    QString typerNotation;
    std::optional<int> promulgationAmount; // số bản
    std::optional<int> pageAmount;         // số trang
    std::optional<bool> direction;
    QStringList appendixes;
    bool operator==(const OtherInfo &) const = default;
};

/// The document a packet answers (QCVN §1.12) or a status packet is about.
struct ResponseFor
{
    QString organId; // the organ that issued that document
    QString code;    // "7816/VPCP-TTĐT"
    QDate promulgationDate;
    QString documentId; // its DocumentId
    bool isEmpty() const;
    bool operator==(const ResponseFor &) const = default;
};

/// SteeringType values (QCVN §1.13).
enum class SteeringType
{
    None = 0,          // không chỉ đạo
    Steering = 1,      // chỉ đạo
    SteeringReport = 2 // chỉ đạo có báo cáo
};

/// The MessageHeader of a document packet; `from` is also the sender of a status packet.
struct MessageHeader
{
    Organization from;
    QList<Organization> to;
    QString documentId; // see DocumentId
    Code code;
    PromulgationInfo promulgation;
    DocumentType documentType;
    QString subject; // trích yếu
    QString content;
    SignerInfo signer;
    QDate dueDate;
    QStringList toPlaces; // nơi nhận as printed
    OtherInfo otherInfo;
    QList<ResponseFor> responseFor;
    std::optional<int> steeringType; // see SteeringType
    bool operator==(const MessageHeader &) const = default;
};

/// The clerk who handled the packet (Bussiness/StaffInfo, status StaffInfo).
struct StaffInfo
{
    QString department;
    QString staff;
    QString mobile;
    QString email;
    bool isEmpty() const;
    bool operator==(const StaffInfo &) const = default;
};

/// One hop of the packet (QCVN §2.1): each system it passes appends one.
struct TraceHeader
{
    QString organId;
    QDateTime timestamp;
    bool operator==(const TraceHeader &) const = default;
};

/// BussinessDocType (QCVN §2.2.1).
enum class BusinessType
{
    New = 0,     // văn bản mới
    Revoke = 1,  // thu hồi
    Update = 2,  // cập nhật
    Replace = 3, // thay thế
};

struct Receiver
{
    QString organId;
    std::optional<int> receiverType;
    bool operator==(const Receiver &) const = default;
};

/// What an update packet changes (QCVN §2.2.3).
struct BusinessDocumentInfo
{
    std::optional<int> documentInfo;     // 1: the document's information changes
    std::optional<int> documentReceiver; // 1: its receivers change
    QList<Receiver> receivers;
    bool operator==(const BusinessDocumentInfo &) const = default;
};

/// A document a replacement packet replaces, and for whom (QCVN §2.2.8).
struct ReplacementInfo
{
    QString documentId;
    QStringList organIds;
    bool operator==(const ReplacementInfo &) const = default;
};

/// Bussiness [sic] (QCVN §2.2): why the packet is sent.
struct Business
{
    QString documentId;       // the document concerned
    std::optional<int> type;  // see BusinessType
    QString reason;           // BussinessDocReason
    std::optional<int> paper; // 1: the paper original follows
    std::optional<BusinessDocumentInfo> documentInfo;
    QList<ReplacementInfo> replacements;
    StaffInfo staff;
    bool operator==(const Business &) const = default;
};

/// The business status codes of QĐ 28/2018/QĐ-TTg carried by status packets.
class StatusCodes
{
    Q_DECLARE_TR_FUNCTIONS(StatusCodes)
public:
    /// "01", "02", "03", "04", "05", "06", "13", "15", "16".
    static QStringList all();
    /// "3", "03" → "03"; empty when the code is not one of all().
    static QString normalise(const QString &code);
    static bool isKnown(const QString &code) { return !normalise(code).isEmpty(); }
    /// The meaning in the application's language ("Received and registered" / "Tiếp nhận, vào sổ …").
    static QString meaning(const QString &code);
    /// The meaning in English (the source text).
    static QString meaningEnglish(const QString &code);
    /// The standard Vietnamese description written into a status packet (the wire is Vietnamese whatever
    /// the user's language).
    static QString standardDescription(const QString &code);
};

/// The header of a status packet (QCVN 102 status message: From is MessageHeader::from).
struct StatusInfo
{
    ResponseFor responseFor;
    StaffInfo staff;
    QString code; // "01" … "16"
    QString description;
    QDateTime timestamp;
    bool operator==(const StatusInfo &) const = default;
};

/// One Reference of the manifest (edXMLBody/edXMLManifest), as read.
struct ManifestReference
{
    QString contentId; // without "cid:"
    QString contentType;
    QString description;
    QString attachmentName;
    bool operator==(const ManifestReference &) const = default;
};

/// An attached file, decoded (base64) and unwrapped (the SDK zips every file into a one-entry ZIP).
struct Attachment
{
    QString contentId; // without "cid:"
    QString name;      // AttachmentName, made safe to use as a file name (AttachmentName::sanitise)
    QString description;
    QString contentType; // the file's own MIME type (not application/zip when the SDK wrapped it)
    QByteArray data;

    /// Lower-case hex SHA-256 of data.
    QString sha256() const;
    bool operator==(const Attachment &) const = default;
};

enum class PacketKind
{
    Document, // gói tin văn bản (edoc)
    Status,   // gói tin trạng thái
};

/// A whole packet. Elements the model does not know are not kept.
struct Packet
{
    PacketKind kind = PacketKind::Document;
    MessageHeader header; // documents; for a status packet only `from` is used
    StatusInfo status;    // status packets only
    QList<TraceHeader> traceHeaders;
    std::optional<Business> business;
    /// The XML signature element (xmldsig, enveloped) exactly as it stood in the packet, line ends
    /// normalised to LF; empty when the packet is not signed. Kept so a packet can be stored and written
    /// again; it cannot stay valid once anything in the packet changes.
    QString signatureXml;
    /// The manifest as read. The writer writes these and adds one for every attachment without one.
    QList<ManifestReference> references;
    QList<Attachment> attachments;

    bool isStatus() const { return kind == PacketKind::Status; }
    bool operator==(const Packet &) const = default;

    /// Appends the hop of `organId` at `when` (empty: now), as every system forwarding a packet does.
    void appendTraceHeader(const QString &organId, const QDateTime &when = {});
    /// The attachment whose ContentId is `contentId` (with or without "cid:"); null when none.
    const Attachment *attachment(const QString &contentId) const;

    /// Everything the model holds, attachments as name, type, size and SHA-256 (for the CLI, logs and
    /// comparisons): kind, from, to[], documentId, code{number,notation}, promulgationDate (yyyy-MM-dd),
    /// place, type{type,detail,name}, subject, content, signer{competence,position,fullName}, dueDate,
    /// toPlaces[], priority, otherInfo{…}, steeringType, responseFor[], traceHeaders[], business{…},
    /// status{code,description,meaning,timestamp,responseFor,staff} (status packets), signed,
    /// references[], attachments[{contentId,name,description,contentType,size,sha256}].
    QJsonObject toJson() const;

    /// A status packet answering the document packet `document` from `from`: ResponseFor is the document's
    /// From, Code, PromulgationDate and DocumentId; an empty description gives the code's standard one.
    static Packet statusFor(const Packet &document, const Organization &from, const QString &code,
                            const QString &description = {}, const QDateTime &when = {},
                            const StaffInfo &staff = {});
};

/// A human description of the first difference between two packets ("header.to[1].organName: \"A\" ≠
/// \"B\""), empty when they are equal; for tests and logs.
QString firstDifference(const Packet &a, const Packet &b);

/// The DocumentId of QCVN 102 §1.14: "<OrganId>,<yyyy/MM/dd>,<number>/<notation>",
/// e.g. "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT".
class DocumentId
{
public:
    QString organId;
    QDate date;
    QString number;
    QString notation;

    QString toString() const;
    static QString build(const QString &organId, const QDate &date, const QString &number,
                         const QString &notation);
    /// Nullopt when `text` is not of that form (some producers use a UUID) or its date does not exist.
    static std::optional<DocumentId> parse(const QString &text);
};

/// A problem validate() found: the field (path in the packet) and what is wrong.
struct Problem
{
    QString field;
    core::Error error;
};

/// The mandatory fields and value ranges a sender must respect. The reader accepts packets that miss
/// them (real producers do); a receiver shows these problems, a sender refuses to send.
QList<Problem> validate(const Packet &packet);

/// Text for a date on the wire (yyyy/MM/dd) and a timestamp (yyyy/MM/dd HH:mm:ss, Vietnam time).
QString wireDate(const QDate &date);
QString wireTimestamp(const QDateTime &timestamp);
/// Tolerant readers of wire dates: yyyy/MM/dd, yyyy-MM-dd, dd/MM/yyyy (also d/M/yyyy and dd-MM-yyyy);
/// timestamps add HH:mm[:ss] after a space or a "T" (a trailing zone is ignored). Invalid when the text
/// is none of these or names a day that does not exist.
QDate parseWireDate(const QString &text);
QDateTime parseWireTimestamp(const QString &text);

} // namespace govdesk::exchange::edxml
