#include "DocumentPacket.h"

#include "documents/IncomingDocument.h"

#include <QMimeDatabase>
#include <QRegularExpression>
#include <QUuid>

namespace govdesk::exchange {

using core::Result;
using documents::OutgoingDocument;
using documents::OutgoingStatus;

int DocumentPacket::priority(documents::Urgency urgency)
{
    switch (urgency) {
    case documents::Urgency::Khan:
        return int(edxml::Priority::Urgent);
    case documents::Urgency::ThuongKhan:
        return int(edxml::Priority::VeryUrgent);
    case documents::Urgency::HoaToc:
        return int(edxml::Priority::Immediate);
    case documents::Urgency::Normal:
        break;
    }
    return int(edxml::Priority::Normal);
}

/// The printed nơi nhận ("- Như trên;\n- Lưu: VT, VX.") as one place per line.
static QStringList places(const QString &recipients)
{
    QStringList out;
    static const QRegularExpression split(QStringLiteral("[\\n;]"));
    for (QString line : recipients.split(split, Qt::SkipEmptyParts)) {
        line = line.trimmed();
        while (line.startsWith(QLatin1Char('-')) || line.startsWith(QChar(0x2013)) ||
               line.startsWith(QLatin1Char('+')))
            line = line.mid(1).trimmed();
        if (line.endsWith(QLatin1Char('.')) || line.endsWith(QLatin1Char(',')))
            line.chop(1);
        if (!line.trimmed().isEmpty())
            out << line.trimmed();
    }
    return out;
}

Result<edxml::Packet> DocumentPacket::fromOutgoing(const OutgoingDocument &doc,
                                                   const OutgoingPacketContext &ctx)
{
    const QString label = doc.isNumbered() ? doc.reference() : doc.subject;
    const bool revocation = ctx.business == edxml::BusinessType::Revoke;
    if (doc.status == OutgoingStatus::Recalled && !revocation)
        return GOVDESK_ERROR(
            "exchange.recalled",
            QT_TRANSLATE_NOOP("DocumentPacket", "The document %1 was recalled and can no longer be sent"),
            label);
    const bool issued = doc.status == OutgoingStatus::Issued || doc.status == OutgoingStatus::Sent ||
                        (revocation && doc.status == OutgoingStatus::Recalled);
    if (!issued || !doc.isNumbered() || !doc.issuedDate.isValid())
        return GOVDESK_ERROR("exchange.not-issued",
                             QT_TRANSLATE_NOOP("DocumentPacket",
                                               "The document \"%1\" has not been issued yet: only an issued "
                                               "document, with its number and date, can be sent over the "
                                               "exchange"),
                             label);
    if (doc.isSecret())
        return GOVDESK_ERROR("exchange.secret",
                             QT_TRANSLATE_NOOP("DocumentPacket",
                                               "The document %1 is classified (%2); classified documents are "
                                               "never sent over the document exchange, send it on paper as "
                                               "the rules for secret documents require"),
                             label, documents::Vocabulary::displayName(doc.secrecy));
    QStringList codes;
    for (const QString &c : ctx.recipients.isEmpty() ? doc.recipientCodes : ctx.recipients)
        if (!c.trimmed().isEmpty() && !codes.contains(c.trimmed()))
            codes << c.trimmed();
    if (codes.isEmpty())
        return GOVDESK_ERROR(
            "exchange.no-recipients",
            QT_TRANSLATE_NOOP("DocumentPacket",
                              "The document %1 names no recipient organ code (mã định danh); "
                              "add the recipients' codes before sending it"),
            label);
    if (ctx.file.isEmpty())
        return GOVDESK_ERROR(
            "exchange.no-file",
            QT_TRANSLATE_NOOP("DocumentPacket", "The document %1 has no issued file to send"), label);

    edxml::Packet p;
    p.kind = edxml::PacketKind::Document;
    edxml::MessageHeader &h = p.header;
    h.from.organId = ctx.organId;
    h.from.organName = ctx.organName;
    h.from.organizationInCharge = doc.bodyName.isEmpty() ? ctx.organName : doc.bodyName;
    for (const QString &code : codes) {
        edxml::Organization to;
        to.organId = code;
        to.organName = ctx.organNames.value(code);
        h.to << to;
    }
    // "05/UBND-VX": the number as the register writes it, with its leading zero.
    const QString reference = doc.reference();
    const qsizetype slash = reference.indexOf(QLatin1Char('/'));
    h.code.number = slash > 0 ? reference.left(slash) : QString::number(doc.number);
    h.code.notation = doc.notation;
    h.documentId = edxml::DocumentId::build(ctx.organId, doc.issuedDate, h.code.number, h.code.notation);
    h.promulgation.place = ctx.place;
    h.promulgation.date = doc.issuedDate;
    // Type 1 as VPCP's SDK writes it for administrative documents; the QCVN code list is not public.
    h.documentType.type = 1;
    h.documentType.typeDetail = 0;
    h.documentType.typeName = doc.typeName;
    h.subject = doc.subject;
    h.content = doc.subject;
    h.signer.competence = doc.authorityPrefix;
    h.signer.position = doc.signerPosition;
    h.signer.fullName = doc.signerName;
    h.dueDate = doc.dueDate;
    h.toPlaces = places(doc.recipients);
    h.otherInfo.priority = priority(doc.urgency);
    if (doc.copies > 0)
        h.otherInfo.promulgationAmount = doc.copies;
    if (doc.pages > 0)
        h.otherInfo.pageAmount = doc.pages;
    h.steeringType = int(edxml::SteeringType::None);

    p.appendTraceHeader(ctx.organId, ctx.now);
    edxml::Business business;
    business.type = int(ctx.business);
    business.reason = ctx.reason;
    if (business.reason.isEmpty() && ctx.business == edxml::BusinessType::New)
        business.reason = QStringLiteral("Văn bản điện tử mới");
    business.paper = 0;
    business.staff = ctx.staff;
    switch (ctx.business) {
    case edxml::BusinessType::New:
        break;
    case edxml::BusinessType::Revoke:
        business.documentId = h.documentId;
        break;
    case edxml::BusinessType::Update: {
        business.documentId = ctx.businessDocumentId;
        edxml::BusinessDocumentInfo info;
        info.documentInfo = 1;
        info.documentReceiver = 0;
        business.documentInfo = info;
        break;
    }
    case edxml::BusinessType::Replace:
        business.documentId = ctx.businessDocumentId;
        business.replacements << edxml::ReplacementInfo{ctx.businessDocumentId, codes};
        break;
    }
    p.business = business;

    edxml::Attachment file;
    file.contentId =
        ctx.attachmentId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : ctx.attachmentId;
    file.name = ctx.fileName.isEmpty()
                    ? doc.reference().replace(QLatin1Char('/'), QLatin1Char('-')) + QStringLiteral(".pdf")
                    : ctx.fileName;
    file.description = doc.subject.left(200);
    file.contentType = ctx.fileType;
    if (file.contentType.isEmpty())
        file.contentType =
            documents::looksLikePdf(ctx.file)
                ? QStringLiteral("application/pdf")
                : QMimeDatabase().mimeTypeForFile(file.name, QMimeDatabase::MatchExtension).name();
    file.data = ctx.file;
    p.attachments << file;
    return p;
}

} // namespace govdesk::exchange
