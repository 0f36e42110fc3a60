#pragma once

#include "core/Result.h"
#include "exchange/edxml/EdxmlPacket.h"
#include "exchange/edxml/ZipCodec.h"

#include <QCoreApplication>

namespace govdesk::exchange::edxml {

/// Bounds on what a packet from outside may make the reader do.
struct Limits
{
    qint64 maxPacketBytes = 200LL << 20;          // the whole packet
    qint64 maxAttachmentBytes = 100LL << 20;      // one attachment, decoded and unzipped
    qint64 maxTotalAttachmentBytes = 512LL << 20; // all attachments together, decoded and unzipped
    qint64 maxTextBytes = 1LL << 20;              // the text of one element (attachments excepted)
    int maxDepth = 64;                            // nesting of elements
    int maxElements = 100000; // elements in the whole packet (a real one has a few hundred)
    int maxAttachments = 1000;
    /// A zipped attachment larger than compressionRatioFloor may expand at most this many times (a zip bomb
    /// expands a thousand times); smaller ones are bounded by the totals above.
    int maxCompressionRatio = ZipCodec::Limits{}.maxRatio;
    qint64 compressionRatioFloor = ZipCodec::Limits{}.ratioFloor;
};

/// Reads edXML packets (QCVN 102:2016) as real producers write them: namespace-aware but tolerant of prefix
/// variants, elements in any order, Bussiness before or after TraceHeader, empty elements, dd/MM/yyyy dates,
/// timestamps without seconds, CRLF or LF, a UTF-8 BOM, attachments as base64 of a one-entry ZIP (the SDK)
/// or of the file itself, ContentId with or without "cid:", signed or not.
///
/// Refused: DTDs (no entity is ever expanded), anything beyond Limits, XML that is not well-formed, values
/// that cannot be read (a date that does not exist, a number that is not one, base64 or ZIP that does not
/// decode). The error says where (line and column, counted from 0 as XML tools do) and what is wrong, in
/// Vietnamese and English. Missing mandatory fields are not refused here: validate() reports them.
class EdxmlReader
{
    Q_DECLARE_TR_FUNCTIONS(EdxmlReader)
public:
    /// Error codes: edxml.malformed (not well-formed XML, or no header), edxml.not-edxml (another root or
    /// namespace), edxml.dtd, edxml.too-large, edxml.too-deep, edxml.encoding, edxml.date, edxml.value,
    /// edxml.attachment.
    static core::Result<Packet> parse(const QByteArray &data, const Limits &limits = {});
    /// parse() of a file, refused before reading when it is larger than limits.maxPacketBytes
    /// (edxml.too-large); edxml.io when it cannot be read.
    static core::Result<Packet> parseFile(const QString &path, const Limits &limits = {});
};

} // namespace govdesk::exchange::edxml
