#pragma once

#include "core/Result.h"
#include "exchange/edxml/EdxmlPacket.h"

#include <QCoreApplication>

namespace govdesk::exchange::edxml {

struct WriteOptions
{
    /// Refuse a packet validate() finds problems in (edxml.invalid), as a sender must.
    bool requireValid = false;
    /// The modification time stored in the ZIP of each attachment; empty: now.
    QDateTime zipTime;
};

/// Writes packets byte for byte in the style of VPCP's SDK, which the national axis expects: root edXML
/// with the QCVN namespace as default, edXML:edXMLEnvelope re-declaring the prefix edXML, every element of
/// the envelope prefixed, AttachmentEncoded outside the envelope with unprefixed children and an
/// edXML:ContentTransferEncoded carrying its own declaration; the SDK's element order; dates yyyy/MM/dd
/// and timestamps yyyy/MM/dd HH:mm:ss; every attachment zipped into one entry "<ContentId>.<ext>" (the
/// Attachment's ContentType application/zip, the manifest's the file's own type), base64 on one line; CRLF
/// line ends, two-space indentation. Empty fields are left out.
class EdxmlWriter
{
    Q_DECLARE_TR_FUNCTIONS(EdxmlWriter)
public:
    static core::Result<QByteArray> write(const Packet &packet, const WriteOptions &options = {});
};

} // namespace govdesk::exchange::edxml
