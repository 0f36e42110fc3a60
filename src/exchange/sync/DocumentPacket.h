#pragma once

// The bridge from an outgoing document (văn bản đi) to the edXML packet that carries it over the exchange.
// It depends on the documents module, so it stays out of the edXML codec.

#include "core/Result.h"
#include "documents/OutgoingDocument.h"
#include "exchange/edxml/EdxmlPacket.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

namespace govdesk::exchange {

/// What the packet of an outgoing document needs besides the document itself.
struct OutgoingPacketContext
{
    QString organId;                    // the workspace's mã định danh
    QString organName;                  // the workspace's name
    QStringList recipients;             // organ codes the packet goes to; empty: the document's own
    QString place;                      // địa danh written in PromulgationInfo; empty: none stored
    QHash<QString, QString> organNames; // names of the recipient organs by code, where known
    QByteArray file;                    // the issued (signed) file
    QString fileName;
    QString fileType;       // its MIME type; empty: application/pdf for a PDF, else guessed from the name
    edxml::StaffInfo staff; // the clerk sending it
    QDateTime now;          // the TraceHeader's timestamp; empty: now
    QString attachmentId;   // ContentId of the file; empty: a new UUID
    /// What the packet does (Bussiness): a new document, or the revocation (1), update (2) or
    /// replacement (3) of the document `businessDocumentId` sent before (for a revocation, this one).
    edxml::BusinessType business = edxml::BusinessType::New;
    QString businessDocumentId;
    QString reason; // BussinessDocReason; empty for a new document: "Văn bản điện tử mới"
};

class DocumentPacket
{
    Q_DECLARE_TR_FUNCTIONS(DocumentPacket)
public:
    /// The packet of an issued outgoing document, for the recipients' organ codes: DocumentId
    /// "<organ>,<issued date>,<number>/<notation>", Code, PromulgationInfo (place, issued date),
    /// DocumentType (1, 0, the type's Vietnamese name), Subject, SignerInfo, DueDate, Priority from the
    /// urgency, PromulgationAmount (copies), PageAmount, ToPlaces from the printed nơi nhận, one TraceHeader
    /// (our organ, now), Bussiness as the context says, and the file as the attachment. Refused: documents
    /// not issued yet (exchange.not-issued), recalled (exchange.recalled) unless the packet is their
    /// revocation, classified Mật or above (exchange.secret), without any recipient organ code
    /// (exchange.no-recipients), or without a file (exchange.no-file).
    static core::Result<edxml::Packet> fromOutgoing(const documents::OutgoingDocument &doc,
                                                    const OutgoingPacketContext &context);
    /// Priority of the packet for an urgency: Thường 0, Khẩn 1, Thượng khẩn 2, Hỏa tốc 3.
    static int priority(documents::Urgency urgency);
};

} // namespace govdesk::exchange
